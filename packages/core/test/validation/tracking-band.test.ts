import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InputError } from '../../src/errors.js';
import { fitBgNbd } from '../../src/models/bg-nbd/fit.js';
import { COUNT_MODEL_REGISTRY } from '../../src/models/count-models.js';
import { fitParetoNbd } from '../../src/models/pareto-nbd/fit.js';
import { countModelIntervals } from '../../src/scores/intervals/customer-intervals.js';
import { trackingBand } from '../../src/validation/tracking-band.js';
import { assertClose } from '../helpers/assert-close.js';
import { simulateTracking } from '../helpers/simulate-tracking.js';

/*
 * The tracking band by simulation: synthetic cohorts from known parameters (weeks; births on whole days
 * of the first 12 weeks, calibration to week 39, holdout weeks 40-78; 300 customers), the model fitted
 * on the calibration summary, the band built, and the simulated truth checked against it. With S seeds
 * the observed coverage of a 90% band has binomial standard error sqrt(0.09/S) (3% at S = 100).
 */
const BG = { r: 0.5, alpha: 6, a: 0.7, b: 2.5 };

function run(seed: number, n: number, rateInHoldout = 1) {
  const sim = simulateTracking({ model: 'bg-nbd', params: BG, n, births: 12, calEnd: 39, holdout: 39, seed, rateInHoldout });
  const fit = fitBgNbd(sim);
  let calibrationTotal = 0,
    actual = 0;
  for (const v of sim.x) calibrationTotal += v;
  for (const v of sim.perPeriod) actual += v;
  const band = trackingBand(COUNT_MODEL_REGISTRY['bg-nbd'], fit, sim, 78, { calibrationEnd: 39, calibrationTotal }, { level: 0.9 });
  return { sim, fit, band, actual, calibrationTotal };
}

function coverage(S: number, n: number, rateInHoldout: number): { total: number; periods: number } {
  let total = 0,
    inside = 0,
    count = 0;
  for (let seed = 1; seed <= S; seed++) {
    const { sim, band, actual } = run(seed, n, rateInHoldout);
    const last = band.cumulative.length - 1;
    if (actual >= band.cumulativeLo[last]! && actual <= band.cumulativeHi[last]!) total++;
    band.incremental.forEach((_, h) => {
      const a = sim.perPeriod[band.firstPeriod - 1 + h]!;
      count++;
      if (a >= band.incrementalLo[h]! && a <= band.incrementalHi[h]!) inside++;
    });
  }
  return { total: total / S, periods: inside / count };
}

test('the 90% band covers the cumulative total at the end, and each holdout week, at about 90% (100 seeds)', () => {
  const c = coverage(100, 300, 1);
  // measured 0.93 (total) and 0.903 (3,900 weekly counts): within −2.7/+2.3 standard errors of 0.9
  assert.ok(c.total >= 0.82 && c.total <= 0.97, `coverage of the total ${c.total} outside [0.82, 0.97]`);
  assert.ok(c.periods >= 0.86 && c.periods <= 0.94, `coverage of the weekly counts ${c.periods} outside [0.86, 0.94]`);
});

test('mis-specified data (purchase rates drop by 40% in the holdout) falls outside the band', () => {
  const c = coverage(40, 600, 0.6);
  // measured 0.15 and 0.75
  assert.ok(c.total < 0.5, `coverage of the total ${c.total} should be far below 0.9 when the model is wrong`);
  assert.ok(c.periods < 0.85, `coverage of the weekly counts ${c.periods} should fall below 0.9`);
});

test('the band holds the point forecast, widens with time, and ends at the aggregate forecast and its draws-based interval', () => {
  const { sim, fit, band, calibrationTotal } = run(3, 300);
  assert.equal(band.firstPeriod, 40);
  assert.equal(band.cumulative.length, 39);
  let width = 0;
  band.cumulative.forEach((m, h) => {
    assert.ok(
      band.cumulativeLo[h]! < m && m < band.cumulativeHi[h]!,
      `week ${40 + h}: ${m} inside [${band.cumulativeLo[h]}, ${band.cumulativeHi[h]}]`,
    );
    assert.ok(
      band.incrementalLo[h]! <= band.incremental[h]! && band.incremental[h]! < band.incrementalHi[h]!,
      `week ${40 + h} incremental inside its band`,
    );
    const w = band.cumulativeHi[h]! - band.cumulativeLo[h]!;
    assert.ok(w > width, `week ${40 + h}: width ${w} should exceed the previous week's ${width}`);
    width = w;
  });
  // the mean: actual calibration purchases + Σ FHL eq. 10 over the customers (the model's own conditional expectation)
  const e = COUNT_MODEL_REGISTRY['bg-nbd'].expectedPurchases(fit.params, 39, sim);
  let sum = 0;
  for (const v of e) sum += v;
  assertClose(band.cumulative[38]!, calibrationTotal + sum, 1e-6, 'cumulative forecast at week 78 vs Σx + Σ E[X(T, T + 39)]', true);
  // the parameter part by the delta method vs by 2,000 draws (countModelIntervals): same interval within 3%
  const iv = countModelIntervals(
    COUNT_MODEL_REGISTRY['bg-nbd'],
    fit,
    sim,
    { horizon: 39, annualDiscountRate: 0, periodsPerYear: 52, spend: new Float64Array(300).fill(1), margin: 1 },
    { level: 0.9, draws: 2000, seed: 5 },
  );
  assertClose(
    band.cumulativeHi[38]! - band.cumulativeLo[38]!,
    iv.totalPurchases.hi - iv.totalPurchases.lo,
    0.03,
    'width at week 78 vs the draws-based total interval',
    true,
  );
});

test('Pareto/NBD: the band at the end agrees with the conditional expectation and the draws-based total interval', () => {
  // one cohort of 1,000 (coverage over many seeds is checked for BG/NBD above; Pareto/NBD fits are slower)
  const sim = simulateTracking({
    model: 'pareto-nbd',
    params: { r: 0.6, alpha: 8, s: 0.7, beta: 12 },
    n: 1000,
    births: 12,
    calEnd: 39,
    holdout: 39,
    seed: 2,
  });
  const fit = fitParetoNbd(sim);
  let cal = 0;
  for (const v of sim.x) cal += v;
  const b = trackingBand(COUNT_MODEL_REGISTRY['pareto-nbd'], fit, sim, 78, { calibrationEnd: 39, calibrationTotal: cal });
  let sum = 0;
  for (const v of COUNT_MODEL_REGISTRY['pareto-nbd'].expectedPurchases(fit.params, 39, sim)) sum += v;
  assertClose(
    b.cumulative[38]!,
    cal + sum,
    1e-6,
    'Pareto/NBD cumulative forecast at week 78 vs Σx + Σ E[X(T, T + 39)] (SMC 1987 eq. 22)',
    true,
  );
  const iv = countModelIntervals(
    COUNT_MODEL_REGISTRY['pareto-nbd'],
    fit,
    sim,
    { horizon: 39, annualDiscountRate: 0, periodsPerYear: 52, spend: new Float64Array(1000).fill(1), margin: 1 },
    { level: 0.9, draws: 1000, seed: 5 },
  );
  assertClose(
    b.cumulativeHi[38]! - b.cumulativeLo[38]!,
    iv.totalPurchases.hi - iv.totalPurchases.lo,
    0.04,
    'Pareto/NBD width at week 78 vs the draws-based total interval',
    true,
  );
});

test('a model without a noise formula or a fit without covariance is a typed error, not a band', () => {
  const { sim, fit } = run(1, 100);
  // a model with neither a noise formula nor a simulator (MBG/CNBD-k's simulated band: tracking-band-simulated.test.ts)
  const regular = { ...COUNT_MODEL_REGISTRY['bg-nbd'], name: 'pareto-ggg' as never, label: 'Pareto/GGG' };
  assert.throws(
    () => trackingBand(regular, fit, sim, 78, { calibrationEnd: 39, calibrationTotal: 0 }),
    (e: unknown) => e instanceof InputError && e.code === 'no_band_model',
  );
  const flat = { ...fit, covariance: new Float64Array(16).fill(NaN) };
  assert.throws(
    () => trackingBand(COUNT_MODEL_REGISTRY['bg-nbd'], flat, sim, 78, { calibrationEnd: 39, calibrationTotal: 0 }),
    (e: unknown) => e instanceof InputError && e.code === 'no_covariance',
  );
  assert.throws(
    () => trackingBand(COUNT_MODEL_REGISTRY['bg-nbd'], fit, sim, 78, { calibrationEnd: 39, calibrationTotal: 0 }, { level: 1.2 }),
    (e: unknown) => e instanceof InputError && e.code === 'invalid_level',
  );
});
