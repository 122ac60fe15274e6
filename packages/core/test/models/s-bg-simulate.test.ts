import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fitSbg } from '../../src/models/s-bg/fit.js';
import { sbgSurvivalCurve } from '../../src/models/s-bg/predict.js';
import { simulateSbg } from '../../src/models/s-bg/simulate.js';
import { assertClose } from '../helpers/assert-close.js';

const truth = { alpha: 0.704, beta: 1.182 }; // FH 2007 "Regular" cohort

test('simulateSbg is deterministic, non-increasing, and follows S(t)', () => {
  assert.deepEqual(simulateSbg(truth, 1000, 7, 5), simulateSbg(truth, 1000, 7, 5));
  const n = 50_000;
  const a = simulateSbg(truth, n, 12, 6);
  const s = sbgSurvivalCurve(truth, 12);
  assert.equal(a[0], n);
  for (let t = 1; t <= 12; t++) {
    assert.ok(a[t] <= a[t - 1], `period ${t} increased`);
    // binomial standard error of the share still active
    const se = Math.sqrt((s[t] * (1 - s[t])) / n);
    assertClose(a[t] / n, s[t], 4 * se, `share active at ${t} vs S(${t}) (FH 2007 eq. 3)`);
  }
});

test('fitSbg recovers the true parameters of a 50,000-customer cohort within 3 SE (seed 2024)', () => {
  const fit = fitSbg(simulateSbg(truth, 50_000, 7, 2024));
  for (const k of ['alpha', 'beta'] as const) {
    assertClose(fit.params[k], truth[k], 3 * fit.standardErrors[k], `${k}: fitted vs true (±3 SE = ${3 * fit.standardErrors[k]})`);
  }
  assert.ok(fit.converged);
});
