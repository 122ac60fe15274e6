import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fitBgNbd } from '../../../src/models/bg-nbd/fit.js';
import { COUNT_MODEL_REGISTRY } from '../../../src/models/count-models.js';
import { countModelIntervals } from '../../../src/scores/intervals/customer-intervals.js';
import { simulateCohort } from '../../helpers/simulate-holdout.js';

/*
 * Coverage of the aggregate 90% interval by simulation. Synthetic cohorts from BG/NBD with known
 * parameters (r 0.5, α 6, a 0.7, b 2.5; weeks), births over the first 12 weeks, calibration to week 39,
 * a 39-week holdout; small samples (300 customers). Each seed: fit BG/NBD on the calibration summary,
 * build the interval for total holdout purchases, check whether the simulated truth falls inside.
 * With S seeds the observed coverage has binomial standard error √(0.9·0.1/S) (3% at S = 100).
 */
const PARAMS = { r: 0.5, alpha: 6, a: 0.7, b: 2.5 };

function coverage(S: number, n: number, rateInHoldout: number): { full: number; parameterOnly: number } {
  let full = 0,
    po = 0;
  for (let seed = 1; seed <= S; seed++) {
    const sim = simulateCohort({ model: 'bg-nbd', params: PARAMS, n, births: 12, calEnd: 39, holdout: 39, seed, rateInHoldout });
    const fit = fitBgNbd(sim);
    const iv = countModelIntervals(
      COUNT_MODEL_REGISTRY['bg-nbd'],
      fit,
      sim,
      { horizon: 39, annualDiscountRate: 0, periodsPerYear: 52, spend: new Float64Array(n).fill(1), margin: 1 },
      { level: 0.9, draws: 200, seed },
    );
    let actual = 0;
    for (const v of sim.holdout) actual += v;
    const t = iv.totalPurchases;
    if (actual >= t.lo && actual <= t.hi) full++;
    if (actual >= t.parameterOnly.lo && actual <= t.parameterOnly.hi) po++;
  }
  return { full: full / S, parameterOnly: po / S };
}

test('the 90% interval of total holdout purchases covers the truth at about 90% (100 seeds, 300 customers)', () => {
  const c = coverage(100, 300, 1);
  // measured 0.92; the band is about −2.7/+2.3 binomial standard errors around 0.9
  assert.ok(c.full >= 0.82 && c.full <= 0.97, `coverage ${c.full} outside [0.82, 0.97]`);
  // parameter uncertainty alone ignores the purchase-count noise: measured 0.74, clearly too narrow
  assert.ok(c.parameterOnly < 0.84, `parameter-only coverage ${c.parameterOnly} should fall short of 0.9`);
});

test('mis-specified data (purchase rates drop by 40% in the holdout) shows under-coverage', () => {
  const c = coverage(40, 600, 0.6);
  assert.ok(c.full < 0.5, `coverage ${c.full} should be far below the nominal 0.9 when the model is wrong`);
});
