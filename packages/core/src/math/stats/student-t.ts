import { gammaln } from '../special/gammaln.js';
import { normalCdf, normalQuantile } from './normal-distribution.js';
import { regularizedBeta } from './regularized-beta.js';

/**
 * Student's t distribution with ν > 0 degrees of freedom (ν may be fractional, as Welch's is;
 * ν = Infinity is the standard normal).
 *
 * ## Method
 * P(|T| > |t|) = I_x(ν/2, ½) with x = ν/(ν + t²) (Abramowitz & Stegun 26.7.1 with 26.5.27), from
 * {@link regularizedBeta} with 1 − x = t²/(ν + t²) passed exactly. The quantile starts from the
 * Cornish–Fisher expansion (A&S 26.7.5) and is refined by Newton steps kept inside a bracket
 * (bisection when a step leaves it); ν = 1 and ν = 2 use their closed forms.
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
  const t2 = t * t;
  return regularizedBeta(nu / 2, 0.5, nu / (nu + t2), t2 / (nu + t2))[0];
}

/**
 * Cdf P(T ≤ t). NaN for NaN or ν ≤ 0. Never throws.
 * @example
 * studentTCdf(-2.228138851986274, 10); // => 0.025
 */
export function studentTCdf(t: number, nu: number): number {
  const tail = 0.5 * studentTTwoSided(t, nu);
  return t < 0 ? tail : 1 - tail;
}

/** Density of Student's t. */
function studentTPdf(t: number, nu: number): number {
  return Math.exp(gammaln((nu + 1) / 2) - gammaln(nu / 2) - 0.5 * Math.log(nu * Math.PI) - ((nu + 1) / 2) * Math.log1p((t * t) / nu));
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
  if (p > 0.5) return -studentTQuantile(1 - p, nu);
  if (p === 0.5) return 0;
  if (nu === 1) return Math.tan(Math.PI * (p - 0.5));
  if (nu === 2) return (2 * p - 1) / Math.sqrt(2 * p * (1 - p));
  // lower tail: t < 0, F increasing; bracket [lo, 0]
  const z = normalQuantile(p);
  const z3 = z * z * z, z5 = z3 * z * z;
  let t = z + (z3 + z) / (4 * nu) + (5 * z5 + 16 * z3 + 3 * z) / (96 * nu * nu);
  if (!(t < 0)) t = z;
  let hi = 0;
  let lo = t;
  for (let k = 0; studentTCdf(lo, nu) > p && k < 2000; k++) lo *= 2;
  if (studentTCdf(t, nu) > p) { hi = t; t = lo; }
  for (let i = 0; i < 200; i++) {
    const f = studentTCdf(t, nu) - p;
    if (f === 0) return t;
    if (f > 0) hi = Math.min(hi, t);
    else lo = Math.max(lo, t);
    let next = t - f / studentTPdf(t, nu);
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    if (Math.abs(next - t) <= 1e-15 * Math.abs(t)) return next;
    t = next;
  }
  return t;
}
