import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InputError } from '../../src/errors.js';
import { fitParetoNbd } from '../../src/models/pareto-nbd/fit.js';
import { paretoNbdLogLikelihood, paretoNbdLogLikelihoodGradient } from '../../src/models/pareto-nbd/likelihood.js';
import { paretoNbdLogD, paretoNbdLogTail, paretoNbdLogTailQuadrature } from '../../src/models/pareto-nbd/tail.js';
import { createRng } from '../../src/math/random/rng.js';
import {
  paretoNbdDert,
  paretoNbdExpectedPurchases,
  paretoNbdExpectedPurchasesNew,
  paretoNbdPAlive,
  paretoNbdProbabilityOfPurchases,
} from '../../src/models/pareto-nbd/predict.js';
import { assertAllFinite, assertClose } from '../helpers/assert-close.js';
import { dataPath, readFixture, readNumericCsv } from '../helpers/read-csv.js';

interface Ref {
  params: { r: number; alpha: number; s: number; beta: number };
  delta: number;
  tails: { r: number; alpha: number; s: number; beta: number; x: number; t: number; logI: string; grad: string[] }[];
  customers: { x: number; tx: number; T: number; logL: string; pAlive: string; expected39: string; dert: string }[];
  pmf: { t: number; k: number; p: string }[];
  expectedNew: { t: number; mean: string }[];
}
const ref = readFixture<Ref>('pareto-nbd-mpmath.json'); // mpmath, 50 digits (see pareto-nbd-reference.py)

const csv = readNumericCsv(dataPath('cdnow/cdnow_sample_rfm_summary.csv'));
const cdnow = { x: csv.x, tx: csv.t_x, T: csv.T }; // weeks
const one = (x: number, tx: number, T: number) => ({ x: Float64Array.of(x), tx: Float64Array.of(tx), T: Float64Array.of(T) });

test('₂F₁ tail ln I(t) and its gradient match mpmath on both routes (series and quadrature), also as z → 1 (1 − z down to 1e-9)', () => {
  for (const c of ref.tails) {
    const label = `(r ${c.r}, α ${c.alpha}, s ${c.s}, β ${c.beta}, x ${c.x}, t ${c.t}) vs mpmath`;
    for (const [route, fn] of [
      ['series', paretoNbdLogTail],
      ['quadrature', paretoNbdLogTailQuadrature],
    ] as const) {
      const g = new Float64Array(4);
      const v = fn(c.r, c.alpha, c.s, c.beta, c.x, c.t, g, 0);
      const e = Number(c.logI);
      assertClose(v, e, 1e-13 * Math.max(1, Math.abs(e)), `${route} ln I ${label}`);
      for (let i = 0; i < 4; i++) {
        const ge = Number(c.grad[i]);
        assertClose(g[i], ge, 1e-9 * Math.max(1, Math.abs(ge)), `${route} ∂ln I/∂θ${i} ${label}`);
      }
    }
  }
});

test('CDNOW sample: LL at the published MLE is −9594.97 (Fader, Hardie & Lee 2005 note; SMC 1987)', () => {
  // r 0.5533, α 10.578, s 0.6062, β 11.669 (weeks); published LL −9594.97 (to 0.01)
  assertClose(paretoNbdLogLikelihood(ref.params, cdnow), -9594.97, 0.01, 'LL on cdnow_sample_rfm_summary.csv');
});

test('per-customer likelihood, P(alive), conditional expectation and DERT match mpmath', () => {
  for (const c of ref.customers) {
    const d = one(c.x, c.tx, c.T);
    const label = `(x ${c.x}, tx ${c.tx}, T ${c.T}) vs mpmath`;
    assertClose(paretoNbdLogLikelihood(ref.params, d), Number(c.logL), 1e-11 * Math.abs(Number(c.logL)), `ln L ${label}`);
    assertClose(paretoNbdPAlive(ref.params, d)[0], Number(c.pAlive), 1e-11, `P(alive) ${label}`, true);
    assertClose(paretoNbdExpectedPurchases(ref.params, 39, d)[0], Number(c.expected39), 1e-11, `E[X(T, T+39)] ${label}`, true);
    assertClose(paretoNbdDert(ref.params, ref.delta, d)[0], Number(c.dert), 1e-10, `DERT(δ = ln 1.15/52) ${label}`, true);
  }
});

test('unconditional E[X(t)] and P(X(t) = k) match mpmath; the pmf sums to 1 with mean E[X(t)]', () => {
  for (const e of ref.expectedNew) {
    assertClose(paretoNbdExpectedPurchasesNew(ref.params, e.t), Number(e.mean), 1e-13, `E[X(${e.t})] (SMC eq. 17)`, true);
  }
  for (const p of ref.pmf) {
    assertClose(paretoNbdProbabilityOfPurchases(ref.params, p.t, p.k), Number(p.p), 1e-11, `P(X(${p.t}) = ${p.k}) vs mpmath quad`, true);
  }
  let sum = 0,
    mean = 0;
  for (let k = 0; k < 600; k++) {
    const p = paretoNbdProbabilityOfPurchases(ref.params, 78, k);
    sum += p;
    mean += k * p;
  }
  assertClose(sum, 1, 1e-10, 'Σₖ P(X(78) = k)');
  assertClose(mean, paretoNbdExpectedPurchasesNew(ref.params, 78), 1e-9, 'Σₖ k P(X(78) = k) = E[X(78)]', true);
});

test('DERT equals ∫₀^∞ δe^(−δu) E[X(T, T+u)] du (integration by parts: independent route)', () => {
  const d = one(2, 30.43, 38.86);
  const delta = 0.01;
  // substitute u = −ln(v)/δ, then v = w⁴ (removes the end-point singularity at v = 0); midpoint rule in w
  let s = 0;
  const n = 20000;
  for (let i = 0; i < n; i++) {
    const w = (i + 0.5) / n;
    s += (paretoNbdExpectedPurchases(ref.params, (-4 * Math.log(w)) / delta, d)[0] * 4 * w ** 3) / n;
  }
  assertClose(paretoNbdDert(ref.params, delta, d)[0], s, 1e-7, 'DERT vs ∫ δe^(−δu) E[X(T,T+u)] du', true);
});

test('analytic gradient agrees with central differences of the LL on CDNOW', () => {
  const p = { r: 0.6, alpha: 9, s: 0.8, beta: 14 };
  const g = new Float64Array(4);
  paretoNbdLogLikelihoodGradient(p, cdnow, g);
  (['r', 'alpha', 's', 'beta'] as const).forEach((k, i) => {
    const h = 1e-5 * p[k];
    const fd = (paretoNbdLogLikelihood({ ...p, [k]: p[k] + h }, cdnow) - paretoNbdLogLikelihood({ ...p, [k]: p[k] - h }, cdnow)) / (2 * h);
    assertClose(g[i], fd, 1e-5 * Math.max(1, Math.abs(fd)), `∂LL/∂${k} vs central difference (h = 1e-5·${k})`);
  });
});

test('fitParetoNbd on the CDNOW sample reproduces the published MLE; β is weakly identified', () => {
  const fit = fitParetoNbd(cdnow);
  // Printed digits (FHL 2005 note): r 0.5533, α 10.578, s 0.6062, LL −9594.97.
  assertClose(fit.params.r, 0.5533, 0.00005, 'r (published 0.5533)');
  assertClose(fit.params.alpha, 10.578, 0.0005, 'α (published 10.578)');
  assertClose(fit.params.s, 0.6062, 0.00005, 's (published 0.6062)');
  // β: published 11.67 (BTYD reports 11.656 at the same LL): the likelihood is flat along β, so only
  // ±0.05 is an honest tolerance for β across optimisers.
  assertClose(fit.params.beta, 11.67, 0.05, 'β (published 11.67; flat direction)');
  assertClose(fit.logLikelihood, -9594.97, 0.01, 'LL (published −9594.97)');
  assert.ok(fit.converged, 'converged');
  // Weak identification shows in the standard error: SE(β)/β ≈ 0.53 vs ≈ 0.09 for r.
  assert.ok(
    fit.standardErrors.beta / fit.params.beta > 0.25,
    `SE(β) ${fit.standardErrors.beta} should be large relative to β ${fit.params.beta}`,
  );
  // …and the fit says so, for β alone (SE/estimate > 0.5; r, α, s are all under 0.35)
  assert.equal(fit.warnings.length, 1, fit.warnings.join('\n'));
  assert.match(fit.warnings[0]!, /beta is weakly identified: standard error 6\.\d+ is 5\d% of the estimate 11\.6/);
  assert.equal(fit.diagnostics.patterns, 1016);
});

test('edge cases: huge x and T stay finite; recency = age; one customer; nobody repeats', () => {
  const p = { r: 0.61, alpha: 95.3, s: 0.31, beta: 43 }; // days-scale parameters
  const big = { x: Float64Array.of(5000, 5000, 0, 1), tx: Float64Array.of(7299, 10, 0, 7300), T: Float64Array.of(7300, 7300, 7300, 7300) };
  const g = new Float64Array(4);
  assertAllFinite([paretoNbdLogLikelihoodGradient(p, big, g)], 'LL with x = 5,000 and T = 7,300 days');
  assertAllFinite(g, 'gradient with x = 5,000 and T = 7,300 days');
  assertAllFinite(paretoNbdPAlive(p, big), 'P(alive), huge x and T');
  assertAllFinite(paretoNbdExpectedPurchases(p, 365, big), 'E[X], huge x and T');
  assertAllFinite(paretoNbdDert(p, 0.15 / 365, big), 'DERT, huge x and T');
  // recency = age: the customer bought at T, so P(alive) = 1
  assertClose(paretoNbdPAlive(p, one(3, 100, 100))[0], 1, 1e-15, 'P(alive) with tx = T');
  const fit1 = () => fitParetoNbd(one(0, 0, 10));
  assert.throws(fit1, (e: unknown) => e instanceof InputError && e.code === 'no_repeat_purchases');
  assert.throws(
    () => paretoNbdPAlive({ ...p, s: -1 }, big),
    (e: unknown) => e instanceof InputError && e.code === 'invalid_params',
  );
  assert.throws(
    () => paretoNbdLogLikelihood(p, one(1, 5, 4)),
    (e: unknown) => e instanceof InputError,
  );
  assert.throws(
    () => paretoNbdDert(p, 0, big),
    (e: unknown) => e instanceof InputError && e.code === 'invalid_discount',
  );
});

test('no NaN/Infinity in ln D or its gradient over random parameters (e^±8) and patterns up to x 5,000, T 7,300', () => {
  // what an optimiser may visit: 20,000 seeded draws of (r, α, s, β) across 7 orders of magnitude
  const u = createRng(3);
  const g = new Float64Array(4);
  for (let k = 0; k < 20_000; k++) {
    const r = Math.exp(-6 + 12 * u()),
      a = Math.exp(-6 + 16 * u()),
      s = Math.exp(-6 + 12 * u()),
      b = Math.exp(-6 + 16 * u());
    const T = 1e-3 + 7300 * u();
    const x = u() < 0.3 ? 0 : Math.floor(5000 * u() ** 3);
    const tx = x === 0 ? 0 : T * u();
    const v = paretoNbdLogD(r, a, s, b, x, tx, T, g);
    if (!Number.isFinite(v) || !g.every(Number.isFinite)) {
      assert.fail(`draw ${k}: r ${r}, α ${a}, s ${s}, β ${b}, x ${x}, tx ${tx}, T ${T} gave ln D ${v}, gradient ${Array.from(g)}`);
    }
  }
});

test('P(alive), conditional expectation and DERT of many customers equal each customer scored alone, bit for bit (evaluated per distinct pattern)', () => {
  // the CDNOW sample (2,357 customers, ~1,100 distinct (x, tₓ, T)), three times over in shuffled order, plus ties
  const rng = createRng(12);
  const n = 3 * cdnow.x.length;
  const order = Array.from({ length: n }, (_, i) => i % cdnow.x.length).sort(() => rng() - 0.5);
  const data = {
    x: Float64Array.from(order, (i) => cdnow.x[i]!),
    tx: Float64Array.from(order, (i) => cdnow.tx[i]!),
    T: Float64Array.from(order, (i) => cdnow.T[i]!),
  };
  const p = ref.params;
  const all = [paretoNbdPAlive(p, data), paretoNbdExpectedPurchases(p, 39, data), paretoNbdDert(p, ref.delta, data)];
  for (let i = 0; i < n; i++) {
    const d = one(data.x[i]!, data.tx[i]!, data.T[i]!);
    const alone = [paretoNbdPAlive(p, d)[0], paretoNbdExpectedPurchases(p, 39, d)[0], paretoNbdDert(p, ref.delta, d)[0]];
    for (let k = 0; k < 3; k++)
      assert.ok(Object.is(all[k]![i], alone[k]), `${['P(alive)', 'E[X(39)]', 'DERT'][k]} of row ${i}: ${all[k]![i]} vs alone ${alone[k]}`);
  }
});
