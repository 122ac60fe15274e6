import stdlibHyp2f1 from '@stdlib/math-base-special-hyp2f1';
import { logHyp2f1 } from './log-hyp2f1.js';

/**
 * Gauss hypergeometric function ₂F₁(a, b; c; z), guarded against overflow.
 *
 * Abramowitz & Stegun (1964) ch. 15. Calls `@stdlib/math-base-special-hyp2f1` (a port of Cephes,
 * with its linear transformations near z = 1) and, when that returns ±Infinity or NaN for
 * 0 ≤ z < 1, retries with {@link logHyp2f1} (Euler transformation + log-space series) and
 * exponentiates. A result beyond the double range is then a genuine +Infinity; use `logHyp2f1`
 * directly to keep such values.
 *
 * Returns NaN for out-of-domain input (c a non-positive integer, z ≥ 1 where the series diverges).
 * Never throws.
 *
 * @param a - first numerator parameter
 * @param b - second numerator parameter
 * @param c - denominator parameter
 * @param z - argument (real, z < 1)
 * @returns ₂F₁(a, b; c; z)
 * @example
 * hyp2f1(1, 1, 2, 0.5); // => 1.3862943611198906 (= 2 ln 2)
 */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  const v = stdlibHyp2f1(a, b, c, z);
  if (Number.isFinite(v)) return v;
  if (z >= 0 && z < 1) {
    const lv = logHyp2f1(a, b, c, z);
    if (lv === lv) return Math.exp(lv);
  }
  return v;
}
