import { normalQuantile } from './normal-distribution.js';
import type { Interval } from './proportion-intervals.js';

/**
 * Interval for a relative difference m₁/m₂ − 1 of two independent positive means, by the delta
 * method on the log ratio: ln(m₁/m₂) ± z·√(v₁/m₁² + v₂/m₂²), where vᵢ is the variance of the mean
 * mᵢ (s²/n, or p(1−p)/n for a proportion, which makes this the log interval of Katz, Baptista, Azen &
 * Pike 1978 for a risk ratio). Asymmetric, never below −100%. NaN when a mean is ≤ 0 (a relative
 * change from or to nothing is undefined).
 *
 * @param m1 - test mean
 * @param v1 - variance of the test mean
 * @param m2 - control mean
 * @param v2 - variance of the control mean
 * @param level - confidence level (default 0.95)
 * @example
 * relativeInterval(0.2, 0.0004, 0.1, 0.0002); // => { lower: 0.424…, upper: 1.808… } around +100%
 */
export function relativeInterval(m1: number, v1: number, m2: number, v2: number, level = 0.95): Interval {
  if (!(m1 > 0) || !(m2 > 0) || !(v1 >= 0) || !(v2 >= 0)) return { lower: NaN, upper: NaN };
  const z = normalQuantile(1 - (1 - level) / 2);
  const centre = Math.log(m1 / m2);
  const se = Math.sqrt(v1 / (m1 * m1) + v2 / (m2 * m2));
  return { lower: Math.exp(centre - z * se) - 1, upper: Math.exp(centre + z * se) - 1 };
}
