import { normalCdf, normalQuantile } from './normal-distribution.js';

/** A two-sided confidence interval. */
export interface Interval {
  lower: number;
  upper: number;
}

/**
 * Wilson (1927) score interval for a binomial proportion x/n: the p whose score statistic
 * |x/n − p| / √(p(1−p)/n) equals z. Closed form (Newcombe 1998a, method 3):
 * (p̂ + z²/2n ± z√(p̂(1−p̂)/n + z²/4n²)) / (1 + z²/n). Stays inside [0, 1]; n = 0 gives [0, 1].
 *
 * @param x - successes, 0 ≤ x ≤ n
 * @param n - trials
 * @param level - confidence level (default 0.95)
 * @example
 * wilsonInterval(56, 70); // => { lower: 0.6918…, upper: 0.8770… }
 */
export function wilsonInterval(x: number, n: number, level = 0.95): Interval {
  if (!(n > 0)) return { lower: 0, upper: 1 };
  const z = normalQuantile(1 - (1 - level) / 2);
  const p = x / n;
  const z2 = z * z;
  const centre = p + z2 / (2 * n);
  const half = z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  const d = 1 + z2 / n;
  return { lower: x === 0 ? 0 : Math.max(0, (centre - half) / d), upper: x === n ? 1 : Math.min(1, (centre + half) / d) };
}

/**
 * Newcombe's hybrid score interval for a difference of independent proportions p₁ − p₂
 * (Newcombe 1998, "Interval estimation for the difference between independent proportions:
 * comparison of eleven methods", Statistics in Medicine 17:873–890, method 10): with Wilson
 * intervals (l₁, u₁) and (l₂, u₂),
 *   L = d − √((p₁ − l₁)² + (u₂ − p₂)²),  U = d + √((u₁ − p₁)² + (p₂ − l₂)²),  d = p₁ − p₂.
 * Good coverage at small n and at proportions near 0 or 1, where the Wald interval fails.
 *
 * @param x1 - successes in group 1 (test)
 * @param n1 - size of group 1
 * @param x2 - successes in group 2 (control)
 * @param n2 - size of group 2
 * @param level - confidence level (default 0.95)
 * @returns the interval for p₁ − p₂ (NaN bounds when a group is empty)
 * @example
 * newcombeInterval(56, 70, 48, 80); // => { lower: 0.0524…, upper: 0.3339… } (Newcombe 1998, Table II)
 */
export function newcombeInterval(x1: number, n1: number, x2: number, n2: number, level = 0.95): Interval {
  if (!(n1 > 0) || !(n2 > 0)) return { lower: NaN, upper: NaN };
  const p1 = x1 / n1,
    p2 = x2 / n2;
  const w1 = wilsonInterval(x1, n1, level),
    w2 = wilsonInterval(x2, n2, level);
  const d = p1 - p2;
  return {
    lower: Math.max(-1, d - Math.hypot(p1 - w1.lower, w2.upper - p2)),
    upper: Math.min(1, d + Math.hypot(w1.upper - p1, p2 - w2.lower)),
  };
}

/**
 * Two-sided p-value of the pooled two-proportion z test of p₁ = p₂ (equal to Pearson's chi-square
 * test of the 2×2 table without continuity correction). 1 when both proportions are 0 or both 1;
 * NaN when a group is empty.
 * @example
 * twoProportionPValue(56, 70, 48, 80); // => 0.00805 (z = 2.65)
 */
export function twoProportionPValue(x1: number, n1: number, x2: number, n2: number): number {
  if (!(n1 > 0) || !(n2 > 0)) return NaN;
  const p = (x1 + x2) / (n1 + n2);
  const se = Math.sqrt(p * (1 - p) * (1 / n1 + 1 / n2));
  if (!(se > 0)) return 1;
  const z = (x1 / n1 - x2 / n2) / se;
  return 2 * normalCdf(-Math.abs(z));
}
