import { studentTQuantile, studentTTwoSided } from './student-t.js';

/** Size, mean and unbiased variance (n − 1 in the denominator) of one group. */
export interface GroupMoments {
  n: number;
  mean: number;
  variance: number;
}

/** Welch's comparison of two means. */
export interface WelchResult {
  /** mean₁ − mean₂ */
  difference: number;
  standardError: number;
  /** Welch–Satterthwaite degrees of freedom (fractional). */
  df: number;
  t: number;
  pValue: number;
  lower: number;
  upper: number;
}

/**
 * Welch's unequal-variance t interval and test for mean₁ − mean₂ (Welch 1947, "The generalization
 * of Student's problem when several different population variances are involved", Biometrika 34:
 * 28–35): se² = s₁²/n₁ + s₂²/n₂, ν = se⁴ / ((s₁²/n₁)²/(n₁−1) + (s₂²/n₂)²/(n₂−1)), interval
 * d ± t_{1−α/2,ν}·se. With both variances zero: se = 0, the interval is the point and p is 1 when
 * the means are equal, 0 otherwise. NaN everywhere when a group has fewer than 2 members.
 *
 * @param g1 - test group
 * @param g2 - control group
 * @param level - confidence level (default 0.95)
 * @example
 * welchTest({ n: 10, mean: 5, variance: 4 }, { n: 12, mean: 3, variance: 9 }).df; // => 19.19…
 */
export function welchTest(g1: GroupMoments, g2: GroupMoments, level = 0.95): WelchResult {
  const difference = g1.mean - g2.mean;
  if (!(g1.n >= 2) || !(g2.n >= 2)) return { difference, standardError: NaN, df: NaN, t: NaN, pValue: NaN, lower: NaN, upper: NaN };
  const a = g1.variance / g1.n,
    b = g2.variance / g2.n;
  const se2 = a + b;
  const standardError = Math.sqrt(se2);
  if (!(se2 > 0)) {
    return {
      difference,
      standardError: 0,
      df: NaN,
      t: difference === 0 ? 0 : Math.sign(difference) * Infinity,
      pValue: difference === 0 ? 1 : 0,
      lower: difference,
      upper: difference,
    };
  }
  const df = (se2 * se2) / ((a * a) / (g1.n - 1) + (b * b) / (g2.n - 1));
  const t = difference / standardError;
  const q = studentTQuantile(1 - (1 - level) / 2, df);
  return {
    difference,
    standardError,
    df,
    t,
    pValue: studentTTwoSided(t, df),
    lower: difference - q * standardError,
    upper: difference + q * standardError,
  };
}
