import { digamma } from './digamma.js';

/** Coefficients B₂ₖ/(2k) of the asymptotic series ψ(z) ~ ln z − 1/(2z) − Σ B₂ₖ/(2k z^(2k)), k = 1..6. */
const PSI = [1 / 12, -1 / 120, 1 / 252, -1 / 240, 1 / 132, -691 / 32760];

function psiTail(z: number): number {
  const z2 = 1 / (z * z);
  let s = 0;
  for (let k = PSI.length - 1; k >= 0; k--) s = s * z2 + PSI[k];
  return s * z2;
}

/**
 * ψ(a + n) − ψ(a) for a > 0, n ≥ 0: the derivative of {@link lnPochhammer} with respect to a.
 *
 * ## Method
 * - Integer n ≤ 64: Σ_{j<n} 1/(a + j) (the recurrence ψ(x + 1) = ψ(x) + 1/x, exact to rounding).
 * - Otherwise, a ≥ 10: difference of the asymptotic series (Abramowitz & Stegun 6.3.18) with the
 *   logarithms combined, log1p(n/a) − ½(1/(a + n) − 1/a) − (T(a + n) − T(a)), T the 1/z² series;
 *   keeps full relative accuracy when n ≪ a.
 * - Otherwise: digamma(a + n) − digamma(a).
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
  if (a >= 10) {
    const z = a + n;
    return Math.log1p(n / a) - 0.5 * (1 / z - 1 / a) - (psiTail(z) - psiTail(a));
  }
  return digamma(a + n) - digamma(a);
}
