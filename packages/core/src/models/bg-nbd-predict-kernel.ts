import { gammaln } from '../math/special/gammaln.js';
import { lnPochhammer } from '../math/special/log-pochhammer.js';
import { logHyp2f1 } from '../math/special/log-hyp2f1.js';
import { createRng } from '../math/random/rng.js';
import { sampleBeta } from '../math/random/sample-beta.js';
import { sampleExponential } from '../math/random/sample-exponential.js';
import { sampleGamma } from '../math/random/sample-gamma.js';
import { bgAliveExpectationSeries } from './bg-nbd-alive-series.js';
import type { BgVariant } from './bg-nbd-kernel.js';
import type { RfmData } from './model-types.js';

/*
 * Predictions of the BG/NBD family (d = 0 BG/NBD, d = 1 MBG/NBD; see bg-nbd-kernel.ts). Scalar
 * kernels over natural parameters; the public, documented API is in bg-nbd.ts and mbg-nbd.ts.
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
 * Simulate n customers from the BG/NBD family: λ ~ Gamma(r, rate α), p ~ Beta(a, b); with d = 1 the
 * customer first drops out with probability p at time 0; then purchases follow a Poisson(λ) process
 * and after each one the customer drops out with probability p. Observed over (0, T_i].
 */
export function bgSimulate(
  r: number,
  alpha: number,
  a: number,
  b: number,
  d: BgVariant,
  n: number,
  T: number | Float64Array,
  seed: number,
): RfmData {
  const rng = createRng(seed);
  const X = new Float64Array(n),
    TX = new Float64Array(n),
    TT = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const Ti = typeof T === 'number' ? T : T[i];
    TT[i] = Ti;
    const lambda = sampleGamma(rng, r, alpha);
    const p = sampleBeta(rng, a, b);
    if (d === 1 && rng() < p) continue;
    let t = 0,
      x = 0,
      last = 0;
    for (;;) {
      t += sampleExponential(rng, lambda);
      if (!(t <= Ti)) break;
      x++;
      last = t;
      if (rng() < p) break;
    }
    X[i] = x;
    TX[i] = last;
  }
  return { x: X, tx: TX, T: TT };
}
