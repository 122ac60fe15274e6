import { checkCount, checkHorizon, checkPositiveParams } from '../shared/validate-params.js';
import { BG_PARAM_NAMES } from './likelihood.js';
import type { RfmData } from '../shared/model-types.js';
import { validateRfm } from '../shared/validate-rfm.js';
import type { BgNbdParams } from './likelihood.js';
import { gammaln } from '../../math/special/gammaln.js';
import { lnPochhammer } from '../../math/special/log-pochhammer.js';
import { logHyp2f1 } from '../../math/special/log-hyp2f1.js';
import { bgAliveExpectationSeries } from './alive-series.js';
import type { BgVariant } from './likelihood.js';

/*
 * Predictions of the BG/NBD family (d = 0 BG/NBD, d = 1 MBG/NBD; see likelihood.ts). Scalar
 * kernels over natural parameters; the public, documented API is below and in ../mbg-nbd/predict.ts.
 */

/**
 * P(alive | x, tx, T) = 1 / (1 + δ a/(b + x − 1 + d) · ((α + T)/(α + tx))^(r+x)), δ = 1 if x > 0 or
 * d = 1 (FHL 2005 eq. A.9 via their note "Computing P(alive)"; Batislam et al. 2007 eq. 6).
 * Computed as 1/(1 + e^L) with L in logs and ln((α+T)/(α+tx)) = log1p((T − tx)/(α + tx)): no overflow.
 */
export function bgPAlive(r: number, alpha: number, a: number, b: number, d: BgVariant, x: number, tx: number, T: number): number {
  if (x === 0 && d === 0) return 1;
  const L = Math.log(a) - Math.log(b + x - 1 + d) + (r + x) * Math.log1p((T - tx) / (alpha + tx));
  return 1 / (1 + Math.exp(L));
}

/** E[Y(t)] for a customer known alive: c/(a − 1) · (1 − Q), Q = E[(1 + p t/(α+T))^−(r+x)], p ~ Beta(a − 1, b + x + d). */
function aliveExpectation(r: number, alpha: number, a: number, b: number, d: BgVariant, t: number, x: number, T: number): number {
  const k = r + x;
  const bb = b + x + d;
  const c = a + b + x - 1 + d;
  const z = t / (alpha + T + t);
  const l1z = Math.log1p(-t / (alpha + T + t)); // ln((α+T)/(α+T+t))
  // (1 − z)^k 2F1(k, bb; c; z); when c − k − bb = a − 1 − k < 0 use Euler's transformation directly:
  // = (1 − z)^(a−1) 2F1(c − k, a − 1; c; z), whose parameters stay small as x grows.
  const logQ = a - 1 - k < 0 ? (a - 1) * l1z + logHyp2f1(c - k, c - bb, c, z) : k * l1z + logHyp2f1(k, bb, c, z);
  return (c / (a - 1)) * -Math.expm1(logQ);
}

/**
 * Conditional expected number of transactions in (T, T + t] (FHL 2005 eq. 10; Batislam et al. 2007
 * eq. 7) = P(alive) · (a + b + x − 1 + d)/(a − 1) · [1 − ((α+T)/(α+T+t))^(r+x) ₂F₁(r + x, b + x + d;
 * a + b + x − 1 + d; t/(α+T+t))]. With x = tx = T = 0 it is the unconditional E[X(t)] (FHL eq. 9).
 * a = 1 is a removable singularity: within 1e-5 of it the value is interpolated linearly between
 * a = 1 ± 1e-5 (error O(1e-10) relative).
 */
export function bgConditionalExpectation(
  r: number,
  alpha: number,
  a: number,
  b: number,
  d: BgVariant,
  t: number,
  x: number,
  tx: number,
  T: number,
): number {
  if (!(t > 0)) return t === 0 ? 0 : NaN;
  const pa = bgPAlive(r, alpha, a, b, d, x, tx, T);
  if (pa === 0) return 0;
  const h = 1e-5;
  if (Math.abs(a - 1) < h) {
    const lo = aliveExpectation(r, alpha, 1 - h, b, d, t, x, T);
    const hi = aliveExpectation(r, alpha, 1 + h, b, d, t, x, T);
    return pa * (lo + ((a - (1 - h)) / (2 * h)) * (hi - lo));
  }
  const v = aliveExpectation(r, alpha, a, b, d, t, x, T);
  // a + b < 1 with x = 0 makes the ₂F₁ form's c negative (NaN): use the positive series instead
  return pa * (Number.isFinite(v) ? v : bgAliveExpectationSeries(r, alpha, a, b, d, t, x, T));
}

/**
 * P(X(t) = n) for a customer just acquired (FHL 2005 eq. 8; Batislam et al. 2007 eq. 8):
 * B(a, b + n + d)/B(a, b) · NB(n) + δ B(a + 1, b + n − 1 + d)/B(a, b) · P(NB ≥ n), δ = 1 if n > 0 or d = 1,
 * with NB(j) = (r)ⱼ/j! (α/(α+t))^r (t/(α+t))^j the NBD count of an immortal customer. The tail
 * P(NB ≥ n) is 1 − Σ_{j<n} NB(j) while that head is ≤ 0.9, otherwise summed directly (no cancellation).
 */
export function bgProbability(r: number, alpha: number, a: number, b: number, d: BgVariant, t: number, n: number): number {
  if (!(n >= 0) || !Number.isInteger(n) || !(t >= 0)) return NaN;
  if (t === 0) return n === 0 ? 1 : 0;
  const lq = Math.log(t / (alpha + t));
  const lp0 = -r * Math.log1p(t / alpha);
  const lnNb = lnPochhammer(r, n) - gammaln(n + 1) + lp0 + n * lq;
  const first = Math.exp(lnPochhammer(b, n + d) - lnPochhammer(a + b, n + d) + lnNb);
  if (n === 0 && d === 0) return first;
  const m = n - 1 + d;
  const coef = Math.exp(Math.log(a) - Math.log(a + b) + lnPochhammer(b, m) - lnPochhammer(a + b + 1, m));
  return first + coef * nbTail(r, lp0, lq, n, lnNb);
}

/** P(NB ≥ n) for the NBD with log P(0) = lp0 and ln q = lq; lnNbN = ln P(NB = n). */
function nbTail(r: number, lp0: number, lq: number, n: number, lnNbN: number): number {
  if (n === 0) return 1;
  const q = Math.exp(lq);
  let term = Math.exp(lp0),
    head = 0;
  for (let j = 0; j < n && head <= 0.9; j++) {
    head += term;
    term *= ((r + j) / (j + 1)) * q;
  }
  if (head <= 0.9) return 1 - head;
  let s = 0,
    tj = 1;
  for (let j = n; j < n + 10_000_000; j++) {
    s += tj;
    tj *= ((r + j) / (j + 1)) * q;
    if (tj < 1e-17 * s) break;
  }
  return Math.exp(lnNbN) * s;
}

/**
 * Probability each customer is still alive at T (FHL 2005 eq. A.9; Fader, Hardie & Lee 2008 note
 * "Computing P(alive) using the BG/NBD model"): 1 / (1 + δ a/(b + x − 1) ((α + T)/(α + tx))^(r+x)).
 *
 * Known flaw of the model: δ = 0 for x = 0, so a customer with no repeat purchase is alive with
 * probability 1 however long ago she bought (BG/NBD only allows dropout after a repeat purchase).
 * MBG/NBD (`mbgNbdPAlive` in ../mbg-nbd/predict.ts) fixes this.
 *
 * @param params - r, α, a, b
 * @param data - x, tx, T (same time unit as the fit)
 * @param out - optional output array (length n)
 * @returns P(alive) per row, in [0, 1]
 * @throws {InputError} invalid parameters or data
 * @example
 * bgNbdPAlive(fit.params, { x: [2], tx: [30.43], T: [38.86] }); // => [≈0.727] (CDNOW customer 1, weeks)
 */
export function bgNbdPAlive(params: BgNbdParams, data: RfmData, out?: Float64Array): Float64Array {
  checkPositiveParams(params, 'bgNbdPAlive', BG_PARAM_NAMES);
  validateRfm(data, 'bgNbdPAlive');
  const { r, alpha, a, b } = params;
  const n = data.x.length;
  const res = out ?? new Float64Array(n);
  for (let i = 0; i < n; i++) res[i] = bgPAlive(r, alpha, a, b, 0, data.x[i], data.tx[i], data.T[i]);
  return res;
}

/**
 * Conditional expected number of repeat purchases in the next t periods, E[Y(t) | x, tx, T]
 * (FHL 2005 eq. 10), with the Gauss hypergeometric term evaluated in log space (Euler-transformed when
 * it would overflow, see logHyp2f1), so x in the thousands stays finite.
 *
 * @param params - r, α, a, b
 * @param t - horizon, in the time unit of T (e.g. 39 weeks)
 * @param data - x, tx, T
 * @param out - optional output array (length n)
 * @returns expected purchases in (T, T + t] per row
 * @throws {InputError} invalid parameters, data, or t < 0
 * @example
 * bgNbdExpectedPurchases(fit.params, 39, { x: [2], tx: [30.43], T: [38.86] }); // => [≈1.226] (FHL 2005 §5, weeks)
 */
export function bgNbdExpectedPurchases(params: BgNbdParams, t: number, data: RfmData, out?: Float64Array): Float64Array {
  checkPositiveParams(params, 'bgNbdExpectedPurchases', BG_PARAM_NAMES);
  checkHorizon(t, 'bgNbdExpectedPurchases');
  validateRfm(data, 'bgNbdExpectedPurchases');
  const { r, alpha, a, b } = params;
  const n = data.x.length;
  const res = out ?? new Float64Array(n);
  for (let i = 0; i < n; i++) res[i] = bgConditionalExpectation(r, alpha, a, b, 0, t, data.x[i], data.tx[i], data.T[i]);
  return res;
}

/**
 * Expected number of repeat purchases in (0, t] for a customer just acquired (FHL 2005 eq. 9):
 * (a + b − 1)/(a − 1) · [1 − (α/(α + t))^r ₂F₁(r, b; a + b − 1; t/(α + t))].
 *
 * @param params - r, α, a, b
 * @param t - horizon in the fit's time unit
 * @returns E[X(t)]
 * @throws {InputError} invalid parameters or t < 0
 * @example
 * bgNbdExpectedPurchasesNew(fit.params, 39); // => ≈1.195 repeat purchases in the first 39 weeks (CDNOW)
 */
export function bgNbdExpectedPurchasesNew(params: BgNbdParams, t: number): number {
  checkPositiveParams(params, 'bgNbdExpectedPurchasesNew', BG_PARAM_NAMES);
  checkHorizon(t, 'bgNbdExpectedPurchasesNew');
  return bgConditionalExpectation(params.r, params.alpha, params.a, params.b, 0, t, 0, 0, 0);
}

/**
 * P(X(t) = k): probability that a customer just acquired makes exactly k repeat purchases in (0, t]
 * (FHL 2005 eq. 8).
 *
 * @param params - r, α, a, b
 * @param t - horizon in the fit's time unit
 * @param k - number of repeat purchases, integer ≥ 0
 * @returns the probability
 * @throws {InputError} invalid parameters, t < 0 or k not a non-negative integer
 * @example
 * bgNbdProbabilityOfPurchases(fit.params, 39, 0); // => ≈0.574 (CDNOW: share with no repeat in 39 weeks)
 */
export function bgNbdProbabilityOfPurchases(params: BgNbdParams, t: number, k: number): number {
  checkPositiveParams(params, 'bgNbdProbabilityOfPurchases', BG_PARAM_NAMES);
  checkHorizon(t, 'bgNbdProbabilityOfPurchases');
  checkCount(k, 'bgNbdProbabilityOfPurchases');
  return bgProbability(params.r, params.alpha, params.a, params.b, 0, t, k);
}
