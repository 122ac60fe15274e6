import stdlibTCdf from '@stdlib/stats-base-dists-t-cdf';
import stdlibTQuantile from '@stdlib/stats-base-dists-t-quantile';
import { normalCdf, normalQuantile } from './normal-distribution.js';

/**
 * Student's t distribution with ν > 0 degrees of freedom (ν may be fractional, as Welch's is;
 * ν = Infinity is the standard normal).
 *
 * ## Method
 * Thin typed wrappers over @stdlib (`@stdlib/stats-base-dists-t-cdf`, through the regularised
 * incomplete beta function, A&S 26.7.1; `@stdlib/stats-base-dists-t-quantile`, through its inverse);
 * the two-sided tail is 2 F(−|t|), computed in the lower tail so small p-values keep their digits.
 * Checked against mpmath in `test/math/stats/distributions-campaigns.test.ts`.
 */

/**
 * Two-sided tail P(|T| > |t|): the two-sided p-value of a t statistic. NaN for NaN or ν ≤ 0.
 * @example
 * studentTTwoSided(2.228138851986274, 10); // => 0.05 (to 1e-15)
 */
export function studentTTwoSided(t: number, nu: number): number {
  if (Number.isNaN(t) || !(nu > 0)) return NaN;
  if (nu === Infinity) return 2 * normalCdf(-Math.abs(t));
  if (!Number.isFinite(t)) return 0;
  return 2 * stdlibTCdf(-Math.abs(t), nu);
}

/**
 * Cdf P(T ≤ t). NaN for NaN or ν ≤ 0. Never throws.
 * @example
 * studentTCdf(-2.228138851986274, 10); // => 0.025
 */
export function studentTCdf(t: number, nu: number): number {
  if (Number.isNaN(t) || !(nu > 0)) return NaN;
  if (nu === Infinity) return normalCdf(t);
  return t < 0 ? stdlibTCdf(t, nu) : 1 - stdlibTCdf(-t, nu);
}

/**
 * Quantile t with P(T ≤ t) = p. NaN for p outside [0, 1] or ν ≤ 0; ∓Infinity at 0 and 1. Never throws.
 * @param p - probability
 * @param nu - degrees of freedom, > 0
 * @example
 * studentTQuantile(0.975, 10); // => 2.228138851986274
 */
export function studentTQuantile(p: number, nu: number): number {
  if (!(p >= 0 && p <= 1) || !(nu > 0)) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (nu === Infinity) return normalQuantile(p);
  return stdlibTQuantile(p, nu);
}
