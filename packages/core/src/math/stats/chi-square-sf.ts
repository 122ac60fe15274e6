import { gammaIncUpper } from '../special/gamma-inc-upper.js';

/**
 * Survival function of the chi-square distribution, P(χ²_df > q) = Q(df/2, q/2) (regularised upper
 * incomplete gamma, {@link gammaIncUpper}): the p-value of a likelihood-ratio statistic q with df
 * degrees of freedom (Wilks 1938). NaN for df ≤ 0 or q < 0 (q = 0 gives 1). Never throws.
 *
 * @param q - the statistic, ≥ 0
 * @param df - degrees of freedom, > 0
 * @returns the upper-tail probability
 * @example
 * chiSquareSf(10.943, 1); // => 0.00093967… (CLVTools' lrtest of the Gender constraint on the apparel data prints 0.0009396)
 */
export function chiSquareSf(q: number, df: number): number {
  return gammaIncUpper(df / 2, q / 2);
}
