import type { FitResult, RfmData } from '../shared/model-types.js';
import type { MbgCnbdKParams } from './likelihood.js';
import { lnPochhammer } from '../../math/special/log-pochhammer.js';
import { lnAliveSum } from './likelihood.js';

/**
 * P(alive at T | x, tₓ, T) under MBG/CNBD-k (Reutterer, Platzer & Schröder 2021; as BTYDplus'
 * `xbgcnbd.PAlive` with dropout at 0): 1 / (1 + S₁/S₂), S₁ = a/(b + x)·((α + T)/(α + tₓ))^(r + kx),
 * S₂ the Erlang-phase sum ({@link lnAliveSum}); in logs, so no overflow. Times in the fit's unit.
 */
export function mbgCnbdKPAliveRow(p: MbgCnbdKParams, x: number, tx: number, T: number): number {
  const l1 = Math.log(p.a) - Math.log(p.b + x) + (p.r + p.k * x) * Math.log1p((T - tx) / (p.alpha + tx));
  return 1 / (1 + Math.exp(l1 - lnAliveSum(p.k, p.r, p.alpha, x, tx, T)));
}

/**
 * E[purchases in (T, T + t] | alive at T, x, tₓ, T] under MBG/CNBD-k, exactly (derived here; BTYDplus
 * instead scales a BG/NBD-type approximation to the cohort total).
 *
 * ## Method
 * Alive at T, the customer's Erlang clock has completed j ∈ {0, …, k − 1} sub-events since the last
 * purchase; jointly with λ the posterior is a mixture over j with weights ∝ (r + kx)ⱼ/j! · uʲ,
 * u = (T − tₓ)/(α + T) (the terms of S₂), and λ | j ~ Gamma(r + kx + j, α + T). The n-th future purchase
 * needs nk − j further sub-events (a Poisson count in t reaching nk − j) and n − 1 survived coins
 * after the purchases before it, so
 *   E = Σⱼ wⱼ Σₙ E[(1 − p)^(n−1)] · P(M_j ≥ nk − j),  M_j ~ NB(r + kx + j, t/(α + T + t)),
 * with p | alive ~ Beta(a, b + x + 1), E[(1 − p)^(n−1)] = (b + x + 1)ₙ₋₁/(a + b + x + 1)ₙ₋₁. The NB
 * tails are accumulated term by term; the sums stop when a term falls below 1e-13 of the total.
 * With k = 1 this is MBG/NBD's conditional expectation (tested).
 */
export function mbgCnbdKAliveExpectation(p: MbgCnbdKParams, t: number, x: number, tx: number, T: number): number {
  const { k, r, alpha, a, b } = p;
  if (!(t > 0)) return 0;
  const c = r + k * x;
  const u = (T - tx) / (alpha + T);
  const q = t / (alpha + T + t);
  const lq1 = Math.log1p(-q);
  let wsum = 0,
    e = 0,
    w = 1;
  for (let j = 0; j < k; j++) {
    if (j > 0) w *= ((c + j - 1) / j) * u;
    if (j > 0 && !(w > 0)) break;
    wsum += w;
    e += w * nbThinnedSum(c + j, q, lq1, k, j, b + x + 1, a + b + x + 1);
  }
  return e / wsum;
}

/** Σₙ coinₙ · P(NB(shape, q) ≥ nk − j), coinₙ = (bb)ₙ₋₁/(ab)ₙ₋₁. */
function nbThinnedSum(shape: number, q: number, lq1: number, k: number, j: number, bb: number, ab: number): number {
  let pm = Math.exp(shape * lq1); // P(M = 0)
  let tail = 1 - pm; // P(M ≥ 1)
  let m = 1;
  let coin = 1,
    s = 0;
  for (let n = 1; n < 1_000_000; n++) {
    const need = n * k - j; // P(M ≥ need)
    while (m < need) {
      pm *= ((shape + m - 1) / m) * q;
      tail -= pm;
      m++;
    }
    const term = coin * Math.max(0, tail);
    s += term;
    if (term < 1e-13 * s || !(tail > 0)) break;
    coin *= (bb + n - 1) / (ab + n - 1);
  }
  return s;
}

/**
 * E[X(t)] for a customer just acquired (MBG/CNBD-k): the n-th repeat purchase needs nk sub-events and
 * n survived coins (dropout is possible at 0), so E = Σₙ (b)ₙ/(a + b)ₙ · P(NB(r, t/(α + t)) ≥ nk).
 */
export function mbgCnbdKExpectationNew(p: MbgCnbdKParams, t: number): number {
  if (!(t > 0)) return 0;
  const q = t / (p.alpha + t);
  const coin0 = Math.exp(lnPochhammer(p.b, 1) - lnPochhammer(p.a + p.b, 1));
  return coin0 * nbThinnedSum(p.r, q, Math.log1p(-q), p.k, 0, p.b + 1, p.a + p.b + 1);
}

/** MBG/CNBD-k parameters from a fit (k from its diagnostics). */
export function mbgCnbdKParamsOf(fit: FitResult<string>): MbgCnbdKParams {
  return { k: fit.diagnostics.k ?? fit.params.k ?? 1, r: fit.params.r!, alpha: fit.params.alpha!, a: fit.params.a!, b: fit.params.b! };
}

/**
 * P(alive at T) per row under MBG/CNBD-k (Reutterer, Platzer & Schröder 2021). Times in the fit's unit.
 *
 * @param p - k, r, α, a, b
 * @param data - x, tx, T
 * @returns P(alive) per row
 * @example
 * mbgCnbdKPAlive({ k: 2, r: 1, alpha: 3, a: 0.5, b: 2 }, { x: [3], tx: [20], T: [52] }); // => [0.3…]
 */
export function mbgCnbdKPAlive(p: MbgCnbdKParams, data: RfmData): Float64Array {
  return Float64Array.from(data.x, (x, i) => mbgCnbdKPAliveRow(p, x, data.tx[i]!, data.T[i]!));
}

/**
 * Conditional expected purchases in (T, T + t] per row: P(alive) × the exact alive expectation
 * ({@link mbgCnbdKAliveExpectation}). t in the fit's time unit.
 *
 * @param p - k, r, α, a, b
 * @param t - horizon
 * @param data - x, tx, T
 * @returns expected purchases per row
 * @example
 * mbgCnbdKExpectedPurchases(params, 52, groceryCbs); // next-52-weeks purchases per customer
 */
export function mbgCnbdKExpectedPurchases(p: MbgCnbdKParams, t: number, data: RfmData): Float64Array {
  return Float64Array.from(
    data.x,
    (x, i) => mbgCnbdKPAliveRow(p, x, data.tx[i]!, data.T[i]!) * mbgCnbdKAliveExpectation(p, t, x, data.tx[i]!, data.T[i]!),
  );
}
