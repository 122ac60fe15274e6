import { gammaln } from './gammaln.js';

/**
 * ln of the rising factorial (a)ₙ = Γ(a + n)/Γ(a) for a > 0, n ≥ 0, without the cancellation of
 * gammaln(a + n) − gammaln(a) when a is large.
 *
 * ## Method
 * Integer n ≤ 64: ln Π_{j<n}(a + j), multiplying up to 16 factors at a time before each log (exact
 * to rounding, ~n/16 logs). Otherwise gammaln(a + n) − gammaln(a) (stdlib's Lanczos/Stirling
 * gammaln keeps ~1e-15 relative error in each term, so the difference is accurate unless a ≫ n).
 * The count models use it for ln Γ(r + x) − ln Γ(r) and ln B(a, b + x) − ln B(a, b) with x the
 * number of repeat purchases.
 *
 * Returns NaN for a ≤ 0 or n < 0. Never throws.
 *
 * @param a - base, > 0
 * @param n - increment, ≥ 0 (usually an integer count)
 * @returns ln Γ(a + n) − ln Γ(a)
 * @example
 * lnPochhammer(0.5, 3); // => ln(0.5 · 1.5 · 2.5) = 0.6286086594223741
 */
export function lnPochhammer(a: number, n: number): number {
  if (!(a > 0) || !(n >= 0)) return NaN;
  if (n <= 64 && n === Math.floor(n)) {
    let s = 0;
    let prod = 1;
    for (let j = 0; j < n; j++) {
      prod *= a + j;
      if ((j & 15) === 15) { s += Math.log(prod); prod = 1; }
    }
    return s + Math.log(prod);
  }
  return gammaln(a + n) - gammaln(a);
}
