import { digammaDifference } from '../../math/special/digamma-difference.js';
import { lnPochhammer } from '../../math/special/log-pochhammer.js';
import type { MbgCnbdKParams } from './likelihood.js';

/** Terms per distinct x in {@link mbgCnbdKXTerms}' output. */
export const X_TERMS = 5;

/** Scratch for {@link mbgCnbdKLogLikGrad}'s own terms. */
const ROW_TERMS = new Float64Array(X_TERMS);

/**
 * One customer's MBG/CNBD-k log-likelihood (the same value as mbgCnbdKLogLikRow, without the
 * regularity term) and its gradient with respect to the natural parameters r, α, a, b, added to
 * `grad[0…3]` times `weight` (Reutterer, Platzer & Schröder 2021, IJRM 38(1); BTYDplus `xbgcnbd.LL`).
 *
 * ## Method
 * LL = P2 + P3 + P4 + ln(e^L₁ + e^L₂) with c = r + kx:
 * - P2 = ln (b)ₓ₊₁ − ln (a + b)ₓ₊₁: ∂a = −[ψ(a + b + x + 1) − ψ(a + b)], ∂b = ψ(b + x + 1) − ψ(b) + ∂a;
 * - P3 = ln (r)ₖₓ + r ln α: ∂r = ψ(r + kx) − ψ(r) + ln α, ∂α = r/α;
 * - P4 = −c ln(α + T): ∂r = −ln(α + T), ∂α = −c/(α + T);
 * - L₁ = ln a − ln(b + x) + c ln((α + T)/(α + tₓ)): ∂r = ln((α + T)/(α + tₓ)), ∂α = c(1/(α + T) − 1/(α + tₓ)),
 *   ∂a = 1/a, ∂b = −1/(b + x);
 * - L₂ = ln S, S = Σ_{j<k} tⱼ, tⱼ = (c)ⱼ/j! uʲ, u = (T − tₓ)/(α + T): ∂r = Σⱼ tⱼ Σ_{i<j} 1/(c + i) / S,
 *   ∂α = −Σⱼ j tⱼ / (S (α + T)) (∂u/∂α = −u/(α + T));
 * and the log-sum-exp weights w₁ = 1/(1 + e^(L₂ − L₁)), w₂ = 1 − w₁. ψ differences by
 * {@link digammaDifference}. Checked against central differences of the LL in the tests.
 *
 * @param p - parameters (k integer ≥ 1; r, α, a, b > 0)
 * @param x - repeat purchases
 * @param tx - recency (time of the last purchase since the first)
 * @param T - age
 * @param weight - customers with this pattern
 * @param grad - receives weight × (∂LL/∂r, ∂LL/∂α, ∂LL/∂a, ∂LL/∂b), added
 * @returns the row's log-likelihood (not weighted)
 * @example
 * const g = new Float64Array(4);
 * mbgCnbdKLogLikGrad({ k: 2, r: 0.8, alpha: 3, a: 0.6, b: 2 }, 3, 20, 30, 1, g); // => LL; g ≈ its gradient
 */
export function mbgCnbdKLogLikGrad(p: MbgCnbdKParams, x: number, tx: number, T: number, weight: number, grad: Float64Array): number {
  const { k, r, a, b } = p;
  const t = ROW_TERMS;
  t[0] = lnPochhammer(b, x + 1) - lnPochhammer(a + b, x + 1);
  t[1] = lnPochhammer(r, k * x);
  t[2] = digammaDifference(r, k * x);
  t[3] = -digammaDifference(a + b, x + 1);
  t[4] = digammaDifference(b, x + 1);
  return mbgCnbdKLogLikGradAt(p, x, tx, T, weight, grad, t, 0);
}

/**
 * {@link mbgCnbdKLogLikGrad} with the terms that depend on the parameters and x alone read from
 * `terms[at … at + 4]` (see {@link mbgCnbdKXTerms}): the fit evaluates them once per distinct x of
 * the patterns instead of once per pattern. The same operations in the same order, so the same value
 * and gradient to the last bit.
 */
export function mbgCnbdKLogLikGradAt(
  p: MbgCnbdKParams,
  x: number,
  tx: number,
  T: number,
  weight: number,
  grad: Float64Array,
  terms: Float64Array,
  at: number,
): number {
  const { k, r, alpha, a, b } = p;
  const c = r + k * x;
  const lnAT = Math.log(alpha + T);
  const p2 = terms[at]!;
  const p3 = terms[at + 1]! + r * Math.log(alpha);
  const p4 = -c * lnAT;
  const lr = Math.log1p((T - tx) / (alpha + tx)); // ln((α + T)/(α + tₓ))
  const l1 = Math.log(a) - Math.log(b + x) + c * lr;
  // L₂ and its derivatives
  let l2 = 0,
    d2r = 0,
    d2alpha = 0;
  const u = (T - tx) / (alpha + T);
  if (k > 1 && u > 0) {
    let term = 1,
      s = 1,
      sh = 0,
      sj = 0,
      h = 0;
    for (let j = 1; j < k; j++) {
      term *= ((c + j - 1) / j) * u;
      h += 1 / (c + j - 1);
      s += term;
      sh += term * h;
      sj += j * term;
    }
    l2 = Math.log(s);
    d2r = sh / s;
    d2alpha = -sj / (s * (alpha + T));
  }
  const m = l1 > l2 ? l1 : l2;
  const ll = p2 + p3 + p4 + m + Math.log1p(Math.exp(-Math.abs(l1 - l2)));
  const w1 = 1 / (1 + Math.exp(l2 - l1)),
    w2 = 1 - w1;
  const dAB = terms[at + 3]!;
  grad[0] += weight * (terms[at + 2]! + Math.log(alpha) - lnAT + w1 * lr + w2 * d2r);
  grad[1] += weight * (r / alpha - c / (alpha + T) + w1 * c * (1 / (alpha + T) - 1 / (alpha + tx)) + w2 * d2alpha);
  grad[2] += weight * (dAB + w1 / a);
  grad[3] += weight * (terms[at + 4]! + dAB - w1 / (b + x));
  return ll;
}

/**
 * The terms of one row's log-likelihood and gradient that depend on the parameters and x alone, for
 * each distinct x in `xs`, written to `out[u · X_TERMS …]`: ln (b)ₓ₊₁ − ln (a + b)ₓ₊₁, ln (r)ₖₓ, then
 * (with `gradient`) ψ(r + kx) − ψ(r), −[ψ(a + b + x + 1) − ψ(a + b)], ψ(b + x + 1) − ψ(b).
 * @example
 * const out = new Float64Array(2 * X_TERMS);
 * mbgCnbdKXTerms({ k: 2, r: 0.8, alpha: 3, a: 0.6, b: 2 }, Float64Array.of(0, 3), true, out); // out[5] = ln (0.8)_0 + … of x = 3
 */
export function mbgCnbdKXTerms(p: MbgCnbdKParams, xs: Float64Array, gradient: boolean, out: Float64Array): void {
  const { k, r, a, b } = p;
  for (let u = 0; u < xs.length; u++) {
    const x = xs[u]!,
      o = u * X_TERMS;
    out[o] = lnPochhammer(b, x + 1) - lnPochhammer(a + b, x + 1);
    out[o + 1] = lnPochhammer(r, k * x);
    if (!gradient) continue;
    out[o + 2] = digammaDifference(r, k * x);
    out[o + 3] = -digammaDifference(a + b, x + 1);
    out[o + 4] = digammaDifference(b, x + 1);
  }
}
