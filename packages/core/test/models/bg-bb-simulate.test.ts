import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fitBgBb } from '../../src/models/bg-bb/fit.js';
import { bgBbExpectedTransactionsNew } from '../../src/models/bg-bb/predict.js';
import { simulateBgBb } from '../../src/models/bg-bb/simulate.js';
import { assertClose } from '../helpers/assert-close.js';

const truth = { alpha: 1.2035, beta: 0.7497, gamma: 0.6567, delta: 2.7834 }; // FHS 2010 donations MLE

test('simulateBgBb is deterministic for a seed and consistent with E[X(n)]', () => {
  assert.deepEqual(simulateBgBb(truth, 500, 6, 3), simulateBgBb(truth, 500, 6, 3));
  const d = simulateBgBb(truth, 50_000, 6, 4);
  let sum = 0,
    sumSq = 0;
  for (let i = 0; i < d.x.length; i++) {
    sum += d.x[i];
    sumSq += d.x[i] ** 2;
  }
  const mean = sum / d.x.length;
  const se = Math.sqrt((sumSq / d.x.length - mean * mean) / d.x.length);
  assertClose(mean, bgBbExpectedTransactionsNew(truth, 6), 4 * se, 'mean simulated x vs E[X(6)] (FHS eq. 7)');
});

test('fitBgBb recovers the true parameters of 50,000 simulated customers within 3 SE (seed 2024)', () => {
  const fit = fitBgBb(simulateBgBb(truth, 50_000, 6, 2024));
  for (const k of ['alpha', 'beta', 'gamma', 'delta'] as const) {
    assertClose(fit.params[k], truth[k], 3 * fit.standardErrors[k], `${k}: fitted vs true (±3 SE = ${3 * fit.standardErrors[k]})`);
  }
  assert.ok(fit.converged);
});
