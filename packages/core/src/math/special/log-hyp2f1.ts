import stdlibHyp2f1 from '@stdlib/math-base-special-hyp2f1';
import { logHyp2f1Series } from './log-hyp2f1-series.js';

/**
 * ln ₂F₁(a, b; c; z) for real z < 1 where ₂F₁ > 0, finite even when ₂F₁ itself overflows a double.
 *
 * This is the form the count models need: BG/NBD's conditional expectation (Fader, Hardie & Lee 2005,
 * eq. 10) evaluates ₂F₁(r + x, b + x; a + b + x − 1; t/(α + T + t)), which is ~2^x for a customer
 * with x = 5,000 repeat purchases and overflows; only (1 − z)^(r+x) ₂F₁(…) (≤ 1) is ever used.
 *
 * ## Method
 * 1. When c − a − b < 0 the function grows like (1 − z)^(c−a−b) near z = 1; apply Euler's
 *    transformation (A&S 15.3.3), ₂F₁(a, b; c; z) = (1 − z)^(c−a−b) ₂F₁(c − a, c − b; c; z), and take
 *    logs: the new parameters c − a, c − b stay small when a, b, c grow together, so the new series
 *    converges in a few terms and carries no overflow.
 * 2. Otherwise (or if step 1 gives no finite positive value) evaluate ₂F₁ with stdlib's Cephes port;
 *    if the value is finite and positive (and not subnormal), return its log.
 * 3. Fall back to {@link logHyp2f1Series}, the power series summed in log space.
 * Each step is only trusted when it yields a finite number, so the cheapest accurate route wins.
 *
 * Returns NaN for z ≥ 1, when ₂F₁ ≤ 0, or when no route converges. Never throws.
 *
 * @param a - first numerator parameter
 * @param b - second numerator parameter
 * @param c - denominator parameter
 * @param z - argument, z < 1 (the series fallback needs |z| < 1)
 * @returns ln ₂F₁(a, b; c; z)
 * @example
 * logHyp2f1(5000.24, 5002.4, 5002.2, 0.5); // => 3466.0408483710075 (₂F₁ itself is beyond a double)
 */
export function logHyp2f1(a: number, b: number, c: number, z: number): number {
  if (!(z < 1)) return NaN;
  if (z === 0) return 0;
  const s = c - a - b;
  if (s < 0) {
    const inner = stdlibHyp2f1(c - a, c - b, c, z);
    if (inner > 1e-300 && inner < Infinity) return s * Math.log1p(-z) + Math.log(inner);
    const li = logHyp2f1Series(c - a, c - b, c, z);
    if (li === li) return s * Math.log1p(-z) + li;
  }
  const v = stdlibHyp2f1(a, b, c, z);
  if (v > 1e-300 && v < Infinity) return Math.log(v);
  return logHyp2f1Series(a, b, c, z);
}
