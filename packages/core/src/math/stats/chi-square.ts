import { regularizedGamma } from './regularized-gamma.js';

/**
 * Upper tail of the chi-square distribution with k degrees of freedom, P(X > x) = Q(k/2, x/2)
 * (Abramowitz & Stegun 26.4.19), accurate deep in the tail. NaN for k ≤ 0 or NaN input; 1 for x ≤ 0.
 * Never throws.
 * @param x - statistic
 * @param k - degrees of freedom, > 0
 * @returns the p-value of a chi-square statistic
 * @example
 * chiSquareSf(3.841458820694124, 1); // => 0.05
 */
export function chiSquareSf(x: number, k: number): number {
  if (Number.isNaN(x) || !(k > 0)) return NaN;
  if (x <= 0) return 1;
  return regularizedGamma(k / 2, x / 2)[1];
}
