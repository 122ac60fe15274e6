import { digamma } from './digamma.js';

/**
 * ψ(a + n) − ψ(a) for a > 0, n ≥ 0: the derivative of {@link lnPochhammer} with respect to a.
 *
 * ## Method
 * Integer n ≤ 64: Σ_{j<n} 1/(a + j) (the recurrence ψ(x + 1) = ψ(x) + 1/x, exact to rounding and free
 * of cancellation for large a). Otherwise digamma(a + n) − digamma(a).
 *
 * Returns NaN for a ≤ 0 or n < 0. Never throws.
 *
 * @param a - base, > 0
 * @param n - increment, ≥ 0
 * @returns ψ(a + n) − ψ(a)
 * @example
 * digammaDifference(1, 3); // => 1 + 1/2 + 1/3 = 1.8333333333333333
 */
export function digammaDifference(a: number, n: number): number {
  if (!(a > 0) || !(n >= 0)) return NaN;
  if (n <= 64 && n === Math.floor(n)) {
    let s = 0;
    for (let j = 0; j < n; j++) s += 1 / (a + j);
    return s;
  }
  return digamma(a + n) - digamma(a);
}
