import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InputError } from '../../../src/errors.js';
import { bgConditionalExpectation } from '../../../src/models/bg-nbd/predict.js';
import { bgAliveExpectationSeries } from '../../../src/models/bg-nbd/alive-series.js';
import { bgPAlive } from '../../../src/models/bg-nbd/predict.js';
import { fitBgNbd } from '../../../src/models/bg-nbd/fit.js';
import { COUNT_MODEL_REGISTRY } from '../../../src/models/count-models.js';
import { PERIODS_PER_YEAR, scoreCountModel, type ClvOptions } from '../../../src/scores/clv.js';
import { countModelIntervals } from '../../../src/scores/intervals/customer-intervals.js';
import { assertClose } from '../../helpers/assert-close.js';
import { naiveIntervals } from '../../../bench/naive-intervals.js';
import { simulateBgNbd } from '../../../src/models/bg-nbd/simulate.js';
import { fitMbgNbd } from '../../../src/models/mbg-nbd/fit.js';
import { createRng } from '../../../src/math/random/rng.js';
import { cdnowSample } from '../../helpers/cdnow.js';

const data = cdnowSample();
const fit = fitBgNbd(data);
const model = COUNT_MODEL_REGISTRY['bg-nbd'];
const spend = Float64Array.from(data.zbar, (z) => (z > 0 ? z : 35));
const clv: ClvOptions = { horizon: 52, annualDiscountRate: 0.1, periodsPerYear: PERIODS_PER_YEAR.week, spend, margin: 0.3 };

test('BG/NBD alive series equals FHL eq. 10 / P(alive), and stays finite where the ₂F₁ form is NaN (a + b < 1, x = 0)', () => {
  for (const [x, tx, T] of [
    [0, 0, 38.86],
    [2, 30.43, 38.86],
    [14, 36, 38],
  ] as const) {
    const p = fit.params;
    const direct = bgConditionalExpectation(p.r, p.alpha, p.a, p.b, 0, 39, x, tx, T) / bgPAlive(p.r, p.alpha, p.a, p.b, 0, x, tx, T);
    assertClose(bgAliveExpectationSeries(p.r, p.alpha, p.a, p.b, 0, 39, x, T), direct, 1e-10, `x ${x}`, true);
  }
  const v = bgConditionalExpectation(0.4979, 5.79, 0.2549, 0.6381, 0, 39, 0, 0, 33.7);
  assert.ok(Number.isFinite(v) && v > 0, `finite expectation for a + b < 1, got ${v}`);
});

test('countModelIntervals on CDNOW: bands contain the point scores, CLV band = E band × value, deterministic', () => {
  const point = scoreCountModel(model, fit.params, data, clv);
  const iv = countModelIntervals(model, fit, data, clv, { draws: 100, seed: 7 });
  assert.equal(iv.level, 0.9);
  assert.ok(iv.patterns < data.x.length);
  let inside = 0;
  for (let i = 0; i < data.x.length; i++) {
    assert.ok(iv.pAlive.lo[i]! <= iv.pAlive.hi[i]! && iv.pAlive.lo[i]! >= 0 && iv.pAlive.hi[i]! <= 1);
    assert.ok(iv.clv.lo[i]! <= iv.clv.hi[i]!);
    if (iv.expectedPurchases.lo[i]! <= point.expectedPurchases[i]! && point.expectedPurchases[i]! <= iv.expectedPurchases.hi[i]!) inside++;
    // CLV interval = discount ratio × E interval × spend × margin, so lo/E_lo = clv/E at the point
    if (point.expectedPurchases[i]! > 0 && iv.expectedPurchases.lo[i]! > 0) {
      assertClose(
        iv.clv.lo[i]! / iv.expectedPurchases.lo[i]!,
        point.clv[i]! / point.expectedPurchases[i]!,
        1e-9,
        `customer ${i} clv/E ratio`,
        true,
      );
    }
  }
  assert.ok(inside / data.x.length > 0.97, `point inside its band for ${inside} of ${data.x.length}`);
  const t = iv.totalPurchases;
  assert.ok(t.lo < t.estimate && t.estimate < t.hi);
  assert.ok(t.lo <= t.parameterOnly.lo && t.hi >= t.parameterOnly.hi, 'process noise widens the interval');
  let sumE = 0,
    sumClv = 0;
  for (let i = 0; i < data.x.length; i++) {
    sumE += point.expectedPurchases[i]!;
    sumClv += point.clv[i]!;
  }
  assertClose(t.estimate, sumE, 1e-8, 'total purchases estimate = Σ point scores', true);
  assertClose(iv.totalClv.estimate, sumClv, 1e-8, 'total CLV estimate = Σ point CLV', true);
  const again = countModelIntervals(model, fit, data, clv, { draws: 100, seed: 7 });
  assert.deepEqual(again.clv.hi, iv.clv.hi, 'same seed, same intervals');
  const wider = countModelIntervals(model, fit, data, clv, { draws: 100, seed: 7, level: 0.99 });
  assert.ok(wider.totalPurchases.hi > t.hi && wider.totalPurchases.lo < t.lo);
});

test('countModelIntervals rejects a bad level and a fit without covariance, with typed errors', () => {
  assert.throws(
    () => countModelIntervals(model, fit, data, clv, { level: 1.5 }),
    (e: unknown) => e instanceof InputError && e.code === 'invalid_level',
  );
  const flat = { ...fit, covariance: new Float64Array(16).fill(NaN) };
  assert.throws(
    () => countModelIntervals(model, flat, data, clv),
    (e: unknown) => e instanceof InputError && e.code === 'no_covariance',
  );
});

test('countModelIntervals (patterns, tabulated logs, one partial sort) equals a straightforward customer-by-customer implementation, BG/NBD and MBG/NBD, day grid and continuous ages', () => {
  // reference: bench/naive-intervals.ts scores every customer under every draw through the public API
  // (FHL 2005 eq. 10 by the ₂F₁ routine) and fully sorts the D values; tolerance 1e-9 relative covers
  // the different series for eq. 10 and the tabulated ln(α + v) (measured differences ≤ 1e-11)
  const rng = createRng(11);
  const T = Float64Array.from({ length: 3000 }, () => (1 + Math.floor(rng() * 546)) / 7);
  const sim = simulateBgNbd({ r: 0.2516, alpha: 4.789, a: 0.7234, b: 2.161 }, 3000, T, 12);
  for (let i = 0; i < 3000; i++) sim.tx[i] = Math.floor(sim.tx[i]! * 7) / 7;
  const simClv: ClvOptions = {
    horizon: 52,
    annualDiscountRate: 0.1,
    periodsPerYear: PERIODS_PER_YEAR.week,
    spend: Float64Array.from({ length: 3000 }, (_, i) => 20 + (i % 5) * 10),
    margin: 0.3,
  };
  // continuous ages (no day grid): tₓ and T values do not repeat, so ln(α + v) is not tabulated
  const cont = simulateBgNbd(
    { r: 0.2516, alpha: 4.789, a: 0.7234, b: 2.161 },
    1500,
    Float64Array.from({ length: 1500 }, () => 0.5 + rng() * 78),
    13,
  );
  const contClv: ClvOptions = { ...simClv, spend: simClv.spend.subarray(0, 1500) };
  for (const [name, d, c, blockSize] of [
    ['bg-nbd', sim, simClv, 97],
    ['mbg-nbd', sim, simClv, 97],
    ['bg-nbd', sim, simClv, undefined],
    ['bg-nbd', cont, contClv, undefined],
  ] as const) {
    const m = COUNT_MODEL_REGISTRY[name];
    const f = name === 'bg-nbd' ? fitBgNbd(d) : (fitMbgNbd(d) as never);
    // blocks of 97 patterns: block boundaries inside runs of the same x and (x, T) are exercised
    const iv = countModelIntervals(m, f, d, c, { draws: 120, seed: 4, blockSize });
    const ref = naiveIntervals(m, f, d, c, 0.9, 120, 4);
    const n = d.x.length;
    assert.ok(iv.patterns <= n, `${iv.patterns} patterns`);
    for (let i = 0; i < n; i++) {
      assertClose(iv.pAlive.lo[i]!, ref.paLo[i]!, 1e-9, `${name} customer ${i} P(alive) lo`, true);
      assertClose(iv.pAlive.hi[i]!, ref.paHi[i]!, 1e-9, `${name} customer ${i} P(alive) hi`, true);
      assertClose(iv.expectedPurchases.lo[i]!, ref.eLo[i]!, 1e-9, `${name} customer ${i} E lo`, true);
      assertClose(iv.expectedPurchases.hi[i]!, ref.eHi[i]!, 1e-9, `${name} customer ${i} E hi`, true);
    }
    assertClose(iv.totalPurchases.mean, ref.meanE, 1e-9, `${name} mean total purchases over the draws`, true);
    assertClose(iv.totalPurchases.lo, ref.total.lo, 1e-9, `${name} total purchases lo`, true);
    assertClose(iv.totalPurchases.hi, ref.total.hi, 1e-9, `${name} total purchases hi`, true);
    let meanV = 0;
    for (const v of ref.totalV) meanV += v / ref.totalV.length;
    assertClose(iv.totalClv.mean, meanV, 1e-9, `${name} mean total CLV over the draws`, true);
  }
});
