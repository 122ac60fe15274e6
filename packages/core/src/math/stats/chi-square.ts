import gammainc from '@stdlib/math-base-special-gammainc';

/**
 * Upper tail of the chi-square distribution with k degrees of freedom, P(X > x) = Q(k/2, x/2)
 * (Abramowitz & Stegun 26.4.19), computed as the regularised upper incomplete gamma function
 * (`@stdlib/math-base-special-gammainc` with `upper`), never as 1 − cdf, so it stays accurate deep in
 * the tail: the p-value of a likelihood-ratio statistic (Wilks 1938) or of a goodness-of-fit test.
 * NaN for k ≤ 0 or NaN input; 1 for x ≤ 0. Never throws.
 * @param x - statistic
 * @param k - degrees of freedom, > 0
 * @returns the p-value of a chi-square statistic
 * @example
 * chiSquareSf(3.841458820694124, 1); // => 0.05
 * chiSquareSf(10.943, 1); // => 0.00093967… (CLVTools' lrtest of the Gender constraint on the apparel data prints 0.0009396)
 */
export function chiSquareSf(x: number, k: number): number {
  if (Number.isNaN(x) || !(k > 0)) return NaN;
  if (x <= 0) return 1;
  return gammainc(x / 2, k / 2, true, true);
}
