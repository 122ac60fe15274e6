// The waiting time to the next purchase and P(return) (retention/waiting-time.ts, return-probability.ts),
// checked against independent derivations: the Gamma-mixture integral done numerically, the models'
// own P(X(t) = 0) for a customer just acquired (FHL 2005 eq. 8; Batislam et al. 2007 eq. 8;
// Schmittlein et al. 1987 as implemented in models/pareto-nbd/predict.ts), a brute-force double integral for
// Pareto/NBD's dropout, and a seeded simulation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { waitingTimeCdf, waitingTimeQuantile } from '../../src/retention/waiting-time.js';
import { aliveReturnProbability, returnProbability } from '../../src/retention/return-probability.js';
import { bgNbdProbabilityOfPurchases } from '../../src/models/bg-nbd/predict.js';
import { mbgNbdProbabilityOfPurchases } from '../../src/models/mbg-nbd/predict.js';
import { paretoNbdProbabilityOfPurchases } from '../../src/models/pareto-nbd/predict.js';
import { gammaln } from '../../src/math/special/gammaln.js';
import { createRng } from '../../src/math/random/rng.js';
import { sampleLogGamma } from '../../src/math/random/sample-gamma.js';
import { assertClose } from '../helpers/assert-close.js';

// published CDNOW fits (weeks): FHL 2005 (BG/NBD), BTYDplus (MBG/NBD), this repo's Pareto/NBD test (SMC 1987 form)
const BG = { r: 0.2426, alpha: 4.4135, a: 0.7929, b: 2.4258 };
const MBG = { r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 };
const PNBD = { r: 0.5533, alpha: 10.5776, s: 0.6061, beta: 11.6687 };

/** E[e^(−λw)] for λ ~ Gamma(k, A) by the trapezoid rule on a log grid of λ (independent of the closed form). */
function survivalByIntegral(k: number, A: number, w: number): number {
  const lo = Math.log(1e-45 / A),
    hi = Math.log(200 / A),
    m = 40_000; // mass below λ = 1e-45/A is (1e-45)^k ≤ 1e-10
  let s = 0;
  for (let j = 0; j <= m; j++) {
    const u = lo + ((hi - lo) * j) / m,
      lam = Math.exp(u);
    // density in u = ln λ: λ · A^k λ^(k−1) e^(−Aλ) / Γ(k)
    const f = Math.exp(k * Math.log(A) + k * u - A * lam - gammaln(k)) * Math.exp(-lam * w);
    s += (j === 0 || j === m ? 0.5 : 1) * f;
  }
  return (s * (hi - lo)) / m;
}

test('waiting time: P(W > w) = ((α+T)/(α+T+w))^(r+x) equals the Gamma-mixture integral', () => {
  for (const [k, A, w] of [
    [0.2426, 4.41, 1],
    [2.2426, 43.27, 15],
    [12.5, 80, 3],
    [0.55, 10.6, 200],
  ] as const) {
    assertClose(1 - waitingTimeCdf(k, A, w), survivalByIntegral(k, A, w), 2e-6, `k ${k}, A ${A}, w ${w}`);
  }
});

test('waiting time: the quantiles invert the distribution, and the median is A·(2^(1/k) − 1)', () => {
  for (const [k, A] of [
    [0.2426, 4.41],
    [2.2426, 43.27],
    [40, 100],
  ] as const) {
    for (const q of [0.1, 0.5, 0.9]) assertClose(waitingTimeCdf(k, A, waitingTimeQuantile(k, A, q)), q, 1e-12, `F(Q(${q})) k ${k}`);
    assertClose(waitingTimeQuantile(k, A, 0.5), A * (Math.pow(2, 1 / k) - 1), 1e-12, `median k ${k}`, true);
  }
  // CDNOW customer 1 (x 2, T 38.86 weeks) under BG/NBD: median 15.67 weeks if alive (hand computation)
  assertClose(waitingTimeQuantile(BG.r + 2, BG.alpha + 38.86, 0.5), 15.6725, 1e-3, 'customer 1 median');
  assert.equal(waitingTimeQuantile(1e-3, 10, 0.9), Infinity, 'a tiny shape overflows to Infinity, not NaN');
  assert.ok(Number.isNaN(waitingTimeQuantile(1, 10, 1)) && Number.isNaN(waitingTimeQuantile(0, 10, 0.5)), 'out of domain is NaN');
});

test('waiting time: seeded simulation of λ ~ Gamma(k, A), W ~ Exp(λ) reproduces the quantiles', () => {
  const rng = createRng(20260612);
  const k = 2.7,
    A = 30,
    n = 200_000;
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const lam = Math.exp(sampleLogGamma(rng, k)) / A;
    w[i] = -Math.log(rng()) / lam;
  }
  w.sort();
  // the sampling error of a quantile is about √(q(1−q)/n)/f(w_q): 1% relative is several standard errors here
  for (const q of [0.1, 0.5, 0.9]) assertClose(w[Math.floor(q * n)]!, waitingTimeQuantile(k, A, q), 0.01, `simulated quantile ${q}`, true);
});

test("P(return) of a customer just acquired equals 1 − P(X(t) = 0) from each model's own PMF", () => {
  for (const t of [1, 13, 39, 104]) {
    assertClose(
      aliveReturnProbability('bg-nbd', BG, 0, 0, t),
      1 - bgNbdProbabilityOfPurchases(BG, t, 0),
      1e-12,
      `BG/NBD t ${t} (FHL 2005 eq. 8)`,
    );
    // MBG/NBD may drop out at time 0: P(return) = P(alive at 0) · P(buy | alive), P(alive at 0) = b/(a+b)
    const p0 = MBG.b / (MBG.a + MBG.b);
    assertClose(
      p0 * aliveReturnProbability('mbg-nbd', MBG, 0, 0, t),
      1 - mbgNbdProbabilityOfPurchases(MBG, t, 0),
      1e-12,
      `MBG/NBD t ${t} (Batislam et al. 2007 eq. 8)`,
    );
    assertClose(
      aliveReturnProbability('pareto-nbd', PNBD, 0, 0, t),
      1 - paretoNbdProbabilityOfPurchases(PNBD, t, 0),
      1e-10,
      `Pareto/NBD t ${t} (quadrature vs the 2F1 PMF)`,
    );
  }
});

/** Pareto/NBD P(purchase in h | alive, x, T) by a brute-force double integral over the posteriors of λ and μ. */
function paretoReturnBrute(x: number, T: number, h: number): number {
  const k = PNBD.r + x,
    A = PNBD.alpha + T,
    s = PNBD.s,
    B = PNBD.beta + T;
  const grid = (shape: number, rate: number) => {
    const lo = Math.log(1e-30 / rate),
      hi = Math.log(60 / rate),
      m = 1500; // mass below 1e-30/rate is (1e-30)^shape: < 1e-7 for shape ≥ 0.55
    const u = Float64Array.from({ length: m + 1 }, (_, j) => lo + ((hi - lo) * j) / m);
    const wts = Float64Array.from(
      u,
      (v, j) =>
        (((j === 0 || j === m ? 0.5 : 1) * (hi - lo)) / m) *
        Math.exp(shape * Math.log(rate) + shape * v - rate * Math.exp(v) - gammaln(shape)),
    );
    return { val: Float64Array.from(u, Math.exp), wts };
  };
  const L = grid(k, A),
    M = grid(s, B);
  let p = 0;
  for (let i = 0; i < L.val.length; i++) {
    const lam = L.val[i]!;
    for (let j = 0; j < M.val.length; j++) {
      const mu = M.val[j]!,
        tot = lam + mu;
      p += L.wts[i]! * M.wts[j]! * (lam / tot) * -Math.expm1(-tot * h);
    }
  }
  return p;
}

test('Pareto/NBD P(return | alive) with dropout on the way equals a brute-force double integral', () => {
  for (const [x, T, h] of [
    [0, 30, 13],
    [3, 50, 39],
    [12, 70, 4],
    [1, 5, 104],
  ] as const) {
    assertClose(aliveReturnProbability('pareto-nbd', PNBD, x, T, h), paretoReturnBrute(x, T, h), 2e-5, `x ${x}, T ${T}, h ${h}`);
  }
  // dropout only lowers the chance: below the no-dropout (BG/NBD-form) value
  assert.ok(aliveReturnProbability('pareto-nbd', PNBD, 2, 30, 39) < waitingTimeCdf(PNBD.r + 2, PNBD.alpha + 30, 39));
  // a very frequent buyer: the integrand is cut at 40/k, the answer is ≈ 1 and finite
  const p = aliveReturnProbability('pareto-nbd', PNBD, 5000, 70, 52);
  assert.ok(p > 0.999 && p <= 1, `x 5000: ${p}`);
});

test('returnProbability: P(alive) × the alive part, per customer, equal for equal (x, T)', () => {
  const data = { x: Float64Array.of(0, 2, 2, 7), T: Float64Array.of(10, 38.86, 38.86, 60) };
  const pa = Float64Array.of(1, 0.7, 0.3, 0.9);
  const p = returnProbability('bg-nbd', BG, data, 13, pa);
  for (let i = 0; i < 4; i++) assertClose(p[i]!, pa[i]! * waitingTimeCdf(BG.r + data.x[i]!, BG.alpha + data.T[i]!, 13), 1e-15, `row ${i}`);
  assertClose(p[1]! / p[2]!, 0.7 / 0.3, 1e-12, 'same pattern, scaled by P(alive)');
});
