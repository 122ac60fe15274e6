import { gammaln } from './gammaln.js';

/**
 * Regularised upper incomplete gamma function Q(a, x) = Γ(a, x)/Γ(a) = 1 − P(a, x), for a > 0, x ≥ 0.
 *
 * ## Method
 * For x < a + 1 the power series of P (A&S 6.5.29), P = x^a e^(−x)/Γ(a+1) · Σ xⁿ/((a+1)…(a+n)), then
 * Q = 1 − P; otherwise the continued fraction of Q (A&S 6.5.31) evaluated by the modified Lentz
 * method (Press et al., Numerical Recipes §6.2, written independently). Both stop at 1e-16 relative;
 * the prefactor x^a e^(−x)/Γ(a) is formed in logs, so Q stays accurate far into the tail (1e-300).
 * Out-of-domain input (a ≤ 0, x < 0, NaN) returns NaN. Never throws.
 *
 * @param a - shape, > 0
 * @param x - lower limit of the integral, ≥ 0
 * @returns Q(a, x) in [0, 1]
 * @example
 * gammaIncUpper(0.5, 3.841458820694124 / 2); // => 0.05 (chi-square(1) survival at its 95% point)
 */
export function gammaIncUpper(a: number, x: number): number {
  if (!(a > 0) || !(x >= 0)) return NaN;
  if (x === 0) return 1;
  if (x === Infinity) return 0;
  const logPre = a * Math.log(x) - x - gammaln(a);
  if (x < a + 1) {
    let term = 1 / a, sum = term;
    for (let n = 1; n < 10_000; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < 1e-17 * Math.abs(sum)) break;
    }
    return Math.max(0, 1 - Math.exp(logPre + Math.log(sum)));
  }
  const tiny = 1e-300;
  let b = x + 1 - a, c = 1 / tiny, d = 1 / b, h = d;
  for (let i = 1; i < 10_000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.min(1, Math.exp(logPre + Math.log(h)));
}
