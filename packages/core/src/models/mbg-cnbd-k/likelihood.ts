import { gammaln } from '../../math/special/gammaln.js';
import { lnPochhammer } from '../../math/special/log-pochhammer.js';

/** MBG/CNBD-k's fitted parameters, in the order of the log-parameter vector (k is chosen by a grid). */
export const MBG_CNBD_K_PARAMS = ['r', 'alpha', 'a', 'b'] as const;
/** An MBG/CNBD-k parameter name fitted by maximum likelihood. */
export type MbgCnbdKParamName = (typeof MBG_CNBD_K_PARAMS)[number];

/** MBG/CNBD-k parameters: Erlang order k (integer ≥ 1), r, α (rate gamma), a, b (dropout beta). */
export interface MbgCnbdKParams {
  k: number;
  r: number;
  alpha: number;
  a: number;
  b: number;
}

/**
 * ln S₂ = ln Σ_{j<k} (r + kx)ⱼ/j! · ((T − tₓ)/(α + T))ʲ: the probability weight of "no purchase yet in
 * (tₓ, T]" summed over the Erlang phases j (sub-events since the last purchase), integrated over λ.
 * Terms are positive, summed in logs relative to the first (= 1).
 */
export function lnAliveSum(k: number, r: number, alpha: number, x: number, tx: number, T: number): number {
  if (k === 1) return 0;
  const u = (T - tx) / (alpha + T);
  if (!(u > 0)) return 0;
  let term = 1,
    s = 1;
  const c = r + k * x;
  for (let j = 1; j < k; j++) {
    term *= ((c + j - 1) / j) * u;
    s += term;
  }
  return Math.log(s);
}

/**
 * One customer's MBG/CNBD-k log-likelihood without the regularity term (k − 1)·Σ ln ITT − x ln (k − 1)!
 * (which does not depend on r, α, a, b): Reutterer, Platzer & Schröder (2021, IJRM 38(1)) eq. for
 * the MBG/CNBD-k; in BTYDplus' `xbgcnbd.LL` notation P2 + P3 + P4 + ln(S₁ + S₂) with
 * P2 = ln B(a, b + x + 1) − ln B(a, b), P3 = ln Γ(r + kx) − ln Γ(r) + r ln α, P4 = −(r + kx) ln(α + T),
 * S₁ = a/(b + x) · ((α + T)/(α + tₓ))^(r + kx) (dropped after the last purchase, or at 0 when x = 0),
 * S₂ from {@link lnAliveSum}. Evaluated as a log-sum-exp. Natural parameters; NaN for invalid ones.
 */
export function mbgCnbdKLogLikRow(p: MbgCnbdKParams, x: number, tx: number, T: number): number {
  return mbgCnbdKLogLikRowAt(p, x, tx, T, lnPochhammer(p.b, x + 1) - lnPochhammer(p.a + p.b, x + 1), lnPochhammer(p.r, p.k * x));
}

/**
 * {@link mbgCnbdKLogLikRow} with ln (b)ₓ₊₁ − ln (a + b)ₓ₊₁ and ln (r)ₖₓ given (`p2`, `lpR`: the fit
 * evaluates them once per distinct x); the same value to the last bit.
 */
export function mbgCnbdKLogLikRowAt(p: MbgCnbdKParams, x: number, tx: number, T: number, p2: number, lpR: number): number {
  const { k, r, alpha, a, b } = p;
  const c = r + k * x;
  const p3 = lpR + r * Math.log(alpha);
  const p4 = -c * Math.log(alpha + T);
  const l1 = Math.log(a) - Math.log(b + x) + c * Math.log1p((T - tx) / (alpha + tx));
  const l2 = lnAliveSum(k, r, alpha, x, tx, T);
  const m = l1 > l2 ? l1 : l2;
  return p2 + p3 + p4 + m + Math.log1p(Math.exp(-Math.abs(l1 - l2)));
}

/** The regularity term (k − 1)·litt − x·ln (k − 1)! of one customer (litt = Σ ln ITT in calibration). */
export function regularityTerm(k: number, x: number, litt: number): number {
  return (k - 1) * litt - x * gammaln(k);
}
