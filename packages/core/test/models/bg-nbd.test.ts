import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConvergenceError, InputError } from '../../src/errors.js';
import { betaln } from '../../src/math/special/betaln.js';
import { gammaln } from '../../src/math/special/gammaln.js';
import { bgNegLogLik, prepareBg } from '../../src/models/bg-nbd/likelihood.js';
import {
  bgNbdExpectedPurchases,
  bgNbdExpectedPurchasesNew,
  bgNbdPAlive,
  bgNbdProbabilityOfPurchases,
} from '../../src/models/bg-nbd/predict.js';
import { bgNbdLogLikelihood } from '../../src/models/bg-nbd/likelihood.js';
import { fitBgNbd } from '../../src/models/bg-nbd/fit.js';
import { simulateBgNbd } from '../../src/models/bg-nbd/simulate.js';
import { compressRfm } from '../../src/models/shared/compress.js';
import { assertAllFinite, assertClose } from '../helpers/assert-close.js';
import { cdnowMasterDays, cdnowSample } from '../helpers/cdnow.js';
import { betaExpectation } from '../helpers/quadrature.js';
import { readFixture } from '../helpers/read-csv.js';

interface Fixture {
  bgNbd: {
    params: Record<'r' | 'alpha' | 'a' | 'b', number>;
    logLikelihood: number;
    conditionalExpectation: { x: number; tx: number; T: number; t: number; value: number; tolerance: number };
  };
}
const fx = readFixture<Fixture>('bg-nbd-cdnow.json');
const PUB = 'FHL 2005 (test/fixtures/bg-nbd-cdnow.json)';
const data = cdnowSample();
const published = fx.bgNbd.params;

test('fitBgNbd reproduces FHL 2005 on CDNOW: params to the printed 4 decimals, LL to 0.01', () => {
  const fit = fitBgNbd(data);
  for (const k of ['r', 'alpha', 'a', 'b'] as const) assertClose(fit.params[k], published[k], 5e-5, `${k} vs ${PUB}`);
  assertClose(fit.logLikelihood, fx.bgNbd.logLikelihood, 0.01, `LL vs ${PUB}`);
  assert.ok(fit.converged);
  assert.deepEqual(fit.warnings, []);
  assert.equal(fit.nObs, 2357);
  assertClose(fit.bic, 4 * Math.log(2357) - 2 * fit.logLikelihood, 1e-9, 'BIC = k ln n − 2LL');
  for (const k of ['r', 'alpha', 'a', 'b'] as const) {
    assert.ok(fit.standardErrors[k] > 0 && fit.standardErrors[k] < fit.params[k], `SE of ${k} positive and smaller than estimate`);
    const [lo, hi] = fit.confidenceIntervals[k];
    assert.ok(lo < fit.params[k] && fit.params[k] < hi);
  }
  // total LL from the per-customer function equals the fit's (compressed, grouped) LL
  assertClose(bgNbdLogLikelihood(fit.params, data).total, fit.logLikelihood, 1e-8, 'per-row LL sum vs fit LL', true);
});

test('conditional expectation for the FHL 2005 example customer (x=2, tx=30.43, T=38.86, t=39) ≈ 1.226', () => {
  const c = fx.bgNbd.conditionalExpectation;
  const e = bgNbdExpectedPurchases(published, c.t, { x: Float64Array.of(c.x), tx: Float64Array.of(c.tx), T: Float64Array.of(c.T) });
  assertClose(e[0], c.value, c.tolerance, `E[Y(39)|2, 30.43, 38.86] vs ${PUB}`);
});

/** Independent derivation: E[Y(t)|x, tx, T] as a 1-D integral over the dropout probability p
 * (λ integrated analytically); alive-part of the individual likelihood (1 − p)^x λ^x e^{−λT}. */
function conditionalByQuadrature(p: typeof published, t: number, x: number, tx: number, T: number): number {
  const { r, alpha, a, b } = p;
  const lnB = betaln(a, b);
  const k = r + x;
  const lc = gammaln(r + x) - gammaln(r) + r * Math.log(alpha) - k * Math.log(alpha + T);
  // numerator: E_p[(1−p)^x / p · (1 − (1 + p t/(α+T))^(−k))] · e^{lc}
  const num = betaExpectation((q) => (Math.pow(1 - q, x) * -Math.expm1(-k * Math.log1p((q * t) / (alpha + T)))) / q, a, b, lnB);
  const alive = betaExpectation((q) => Math.pow(1 - q, x), a, b, lnB);
  const dead =
    x > 0
      ? betaExpectation((q) => q * Math.pow(1 - q, x - 1), a, b, lnB) *
        Math.exp(gammaln(r + x) - gammaln(r) + r * Math.log(alpha) - k * Math.log(alpha + tx))
      : 0;
  return (num * Math.exp(lc)) / (alive * Math.exp(lc) + dead);
}

test('conditional expectation and P(alive) match an independent quadrature over p', () => {
  const cases = [
    [0, 0, 38.86],
    [2, 30.43, 38.86],
    [1, 1.71, 38.86],
    [10, 20, 38.86],
    [7, 38.86, 38.86],
    [25, 12, 30],
  ] as const;
  for (const t of [1, 39, 78, 520]) {
    for (const [x, tx, T] of cases) {
      const got = bgNbdExpectedPurchases(published, t, { x: Float64Array.of(x), tx: Float64Array.of(tx), T: Float64Array.of(T) })[0];
      const ref = conditionalByQuadrature(published, t, x, tx, T);
      assertClose(got, ref, 1e-7, `E[Y(${t})|x=${x}, tx=${tx}, T=${T}] vs quadrature`, true);
    }
  }
  // recency = age: ((α+T)/(α+tx))^(r+x) = 1, so P(alive) = 1/(1 + a/(b + x − 1)) in closed form
  const pa = bgNbdPAlive(published, { x: Float64Array.of(7, 0), tx: Float64Array.of(38.86, 0), T: Float64Array.of(38.86, 38.86) });
  assertClose(pa[0], 1 / (1 + published.a / (published.b + 6)), 1e-15, 'P(alive) with tx = T (closed form)', true);
  assert.equal(pa[1], 1); // the BG/NBD flaw: x = 0 ⇒ alive for sure
});

test('unconditional E[X(t)] and P(X(t)=k) match quadrature, add up, and agree with simulation', () => {
  const { r, alpha, a, b } = published;
  const lnB = betaln(a, b);
  for (const t of [1, 39, 78, 1000]) {
    // E[X(t)|λ,p] = (1/p)(1 − e^{−λpt}); E over λ ~ Gamma(r, α): (1/p)(1 − (α/(α+pt))^r)
    const ref = betaExpectation((q) => -Math.expm1(-r * Math.log1p((q * t) / alpha)) / q, a, b, lnB);
    assertClose(bgNbdExpectedPurchasesNew(published, t), ref, 1e-8, `E[X(${t})] vs quadrature over p`, true);
    let sum = 0,
      mean = 0;
    for (let k = 0; k < 4000; k++) {
      const pk = bgNbdProbabilityOfPurchases(published, t, k);
      sum += pk;
      mean += k * pk;
    }
    assertClose(sum, 1, 1e-8, `Σ_k P(X(${t})=k) = 1`);
    if (t <= 78) assertClose(mean, ref, 1e-7, `Σ k P(X(${t})=k) = E[X(${t})]`, true);
  }
  // simulation: 100,000 new customers over 39 weeks; tolerance 4 standard errors of the mean
  const sim = simulateBgNbd(published, 100_000, 39, 2005);
  let s = 0,
    s2 = 0,
    zeros = 0;
  for (const v of sim.x) {
    s += v;
    s2 += v * v;
    if (v === 0) zeros++;
  }
  const m = s / 1e5,
    sd = Math.sqrt(s2 / 1e5 - m * m);
  assertClose(m, bgNbdExpectedPurchasesNew(published, 39), (4 * sd) / Math.sqrt(1e5), 'simulated mean X(39) vs E[X(39)]');
  const p0 = bgNbdProbabilityOfPurchases(published, 39, 0);
  assertClose(zeros / 1e5, p0, 4 * Math.sqrt((p0 * (1 - p0)) / 1e5), 'simulated share X(39)=0 vs P(X(39)=0)');
});

test('analytic gradient matches central finite differences', () => {
  const prep = prepareBg(compressRfm(data), 0);
  const g = new Float64Array(4),
    gn = new Float64Array(4);
  for (const p of [
    [0.2426, 4.4135, 0.7929, 2.4258],
    [1.3, 0.5, 3, 0.2],
    [0.05, 40, 0.1, 15],
  ]) {
    const th = Float64Array.from(p, Math.log);
    bgNegLogLik(prep, th, g);
    for (let i = 0; i < 4; i++) {
      // Richardson-extrapolated central difference: truncation O(h⁴), rounding ~ε|f|/h ≈ 1e-8 here
      const cd = (h: number): number => {
        const tp = Float64Array.from(th),
          tm = Float64Array.from(th);
        tp[i] += h;
        tm[i] -= h;
        return (bgNegLogLik(prep, tp) - bgNegLogLik(prep, tm)) / (2 * h);
      };
      gn[i] = (4 * cd(5e-4) - cd(1e-3)) / 3;
      assertClose(g[i], gn[i], 1e-6 * Math.max(1, Math.abs(gn[i])), `∂(−LL)/∂ln θ${i} at [${p}] vs Richardson central difference`);
    }
  }
});

test('recovery: 50,000 simulated customers give the true parameters within 3 standard errors', () => {
  const truth = { r: 0.25, alpha: 4, a: 0.8, b: 2.5 };
  const n = 50_000;
  const T = new Float64Array(n);
  for (let i = 0; i < n; i++) T[i] = 26 + (i % 27); // ages 26..52 weeks
  const fit = fitBgNbd(simulateBgNbd(truth, n, T, 12345));
  assert.ok(fit.converged);
  for (const k of ['r', 'alpha', 'a', 'b'] as const) {
    assertClose(
      fit.params[k],
      truth[k],
      3 * fit.standardErrors[k],
      `recovered ${k} (fit ${fit.params[k]}, SE ${fit.standardErrors[k]}) vs truth`,
    );
  }
});

test('extremes (x up to 5,000, T up to 7,300 days): LL, gradient, P(alive), expectations all finite', () => {
  const x = Float64Array.of(0, 1, 5000, 5000, 300, 2, 4999);
  const tx = Float64Array.of(0, 0.5, 7299, 10, 7300, 7300, 1);
  const T = Float64Array.of(7300, 7300, 7300, 7300, 7300, 7300, 7300);
  const d = { x, tx, T };
  for (const p of [
    { r: 0.2426, alpha: 4.4135 * 7, a: 0.7929, b: 2.4258 },
    { r: 50, alpha: 0.01, a: 1, b: 1e6 },
    { r: 0.01, alpha: 1e4, a: 1e-3, b: 1e-3 },
  ]) {
    assertAllFinite(bgNbdLogLikelihood(p, d).perCustomer, `LL at ${JSON.stringify(p)}`);
    const g = new Float64Array(4);
    const f = bgNegLogLik(prepareBg(compressRfm(d), 0), Float64Array.from([p.r, p.alpha, p.a, p.b], Math.log), g);
    assertAllFinite([f, ...g], `−LL and gradient at ${JSON.stringify(p)}`);
    assertAllFinite(bgNbdPAlive(p, d), `P(alive) at ${JSON.stringify(p)}`);
    for (const t of [1, 365, 7300]) {
      const e = bgNbdExpectedPurchases(p, t, d);
      assertAllFinite(e, `E[Y(${t})] at ${JSON.stringify(p)}`);
      for (const v of e) assert.ok(v >= 0);
      assertAllFinite(
        [bgNbdExpectedPurchasesNew(p, t), bgNbdProbabilityOfPurchases(p, t, 0), bgNbdProbabilityOfPurchases(p, t, 5000)],
        `new-customer predictions t=${t}`,
      );
    }
  }
});

test('a = 1 (removable singularity of eq. 9/10) is continuous', () => {
  const p = { ...published, a: 1 };
  const d = { x: Float64Array.of(2), tx: Float64Array.of(30.43), T: Float64Array.of(38.86) };
  const at = bgNbdExpectedPurchases(p, 39, d)[0];
  const near = (bgNbdExpectedPurchases({ ...p, a: 1 + 1e-3 }, 39, d)[0] + bgNbdExpectedPurchases({ ...p, a: 1 - 1e-3 }, 39, d)[0]) / 2;
  assertClose(at, near, 1e-6, 'E at a = 1 vs mean of a = 1 ± 1e-3', true);
  assertClose(at, conditionalByQuadrature(p, 39, 2, 30.43, 38.86), 1e-7, 'E at a = 1 vs quadrature', true);
});

test('nobody repeats → InputError with the count; bad rows → InputError naming the row', () => {
  const zeros = { x: new Float64Array(1204), tx: new Float64Array(1204), T: new Float64Array(1204).fill(39) };
  assert.throws(
    () => fitBgNbd(zeros),
    (e: unknown) => e instanceof InputError && e.code === 'no_repeat_purchases' && /got 0 of 1,204/.test(e.message),
  );
  const bad = { x: Float64Array.of(1, 2), tx: Float64Array.of(5, 50), T: Float64Array.of(39, 39) };
  assert.throws(
    () => fitBgNbd(bad),
    (e: unknown) => e instanceof InputError && e.code === 'rfm_invalid_value' && /row 1/.test(e.message),
  );
  assert.throws(
    () => fitBgNbd({ x: new Float64Array(0), tx: new Float64Array(0), T: new Float64Array(0) }),
    (e: unknown) => e instanceof InputError && e.code === 'rfm_empty',
  );
  assert.throws(
    () => bgNbdPAlive({ ...published, r: -1 }, data),
    (e: unknown) => e instanceof InputError && e.code === 'invalid_params',
  );
});

test('optimiser stopped early → ConvergenceError carrying the last state', () => {
  assert.throws(
    () => fitBgNbd(data, { maxIterations: 2 }),
    (e: unknown) => {
      if (!(e instanceof ConvergenceError)) return false;
      const s = e.context.lastState as { params: Record<string, number>; logLikelihood: number; gradientNorm: number };
      return e.code === 'fit_not_converged' && Number.isFinite(s.logLikelihood) && s.gradientNorm > 0 && 'alpha' in s.params;
    },
  );
});

test('weights: a compressed, weighted summary fits identically to the raw one', () => {
  const c = compressRfm(data);
  const a = fitBgNbd(data),
    b = fitBgNbd({ x: c.x, tx: c.tx, T: c.T, weights: c.weights });
  for (const k of ['r', 'alpha', 'a', 'b'] as const) assertClose(b.params[k], a.params[k], 1e-6, `${k} weighted vs raw`, true);
  assertClose(b.logLikelihood, a.logLikelihood, 1e-9, 'LL weighted vs raw', true);
});

test('one customer: a typed too_few_customers error; everyone alive: a soft result with a bound warning or a typed error, never NaN', () => {
  assert.throws(
    () => fitBgNbd({ x: Float64Array.of(3), tx: Float64Array.of(20), T: Float64Array.of(39) }),
    (e: unknown) => e instanceof InputError && e.code === 'too_few_customers' && /has 4 parameters .* got 1\./.test(e.message),
  );
  const d = { x: new Float64Array(500).fill(4), tx: new Float64Array(500).fill(39), T: new Float64Array(500).fill(39) };
  try {
    const fit = fitBgNbd(d);
    assert.ok(Number.isFinite(fit.logLikelihood));
    assert.ok(fit.converged || fit.warnings.length > 0, 'non-converged fits carry a warning');
  } catch (e) {
    assert.ok(e instanceof ConvergenceError, String(e));
  }
});

test('CDNOW master (23,570 customers, days): fit on compressed patterns converges; time reported, not asserted', (t) => {
  const master = cdnowMasterDays();
  assert.equal(master.x.length, 23_570);
  const c = compressRfm(master);
  const fit = fitBgNbd(master);
  assert.ok(fit.converged);
  assert.deepEqual(fit.warnings, []);
  assert.equal(fit.nObs, 23_570);
  // α is per day here: the implied mean purchase rate r/α per week is of the order of the weekly sample's
  assert.ok(fit.params.r / fit.params.alpha > 0 && fit.params.r / fit.params.alpha < 0.05);
  t.diagnostic(
    `CDNOW master: ${c.size} distinct patterns; fit ${fit.timeMs.toFixed(1)} ms, ${fit.iterations} iterations; params ${JSON.stringify(fit.params)}; LL ${fit.logLikelihood.toFixed(2)}`,
  );
});
