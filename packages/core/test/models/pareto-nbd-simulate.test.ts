import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fitParetoNbd } from '../../src/models/pareto-nbd/fit.js';
import { paretoNbdExpectedPurchasesNew } from '../../src/models/pareto-nbd/predict.js';
import { simulateParetoNbd } from '../../src/models/pareto-nbd/simulate.js';
import { assertClose } from '../helpers/assert-close.js';

const truth = { r: 0.55, alpha: 10.58, s: 0.61, beta: 11.67 }; // CDNOW-like, weeks
const n = 50_000;
const T = new Float64Array(n);
for (let i = 0; i < n; i++) T[i] = 27 + (i % 12); // staggered acquisition over 12 weeks

test('simulateParetoNbd is deterministic for a seed and consistent with E[X(T)]', () => {
  const a = simulateParetoNbd(truth, 1000, 39, 11);
  const b = simulateParetoNbd(truth, 1000, 39, 11);
  assert.deepEqual(a, b);
  const d = simulateParetoNbd(truth, n, 39, 12);
  let sum = 0,
    sumSq = 0;
  for (let i = 0; i < n; i++) {
    sum += d.x[i];
    sumSq += d.x[i] ** 2;
    assert.ok(d.tx[i] <= d.T[i] && (d.x[i] > 0 || d.tx[i] === 0), `row ${i}: tx ${d.tx[i]}, x ${d.x[i]}`);
  }
  const mean = sum / n;
  const se = Math.sqrt((sumSq / n - mean * mean) / n);
  // SMC eq. 17 at t = 39; the sample mean is within 4 standard errors of it
  assertClose(mean, paretoNbdExpectedPurchasesNew(truth, 39), 4 * se, 'mean simulated x vs E[X(39)]');
});

test('fitParetoNbd recovers the true parameters of 50,000 simulated customers within 3 SE (seed 1)', () => {
  const fit = fitParetoNbd(simulateParetoNbd(truth, n, T, 1));
  for (const k of ['r', 'alpha', 's', 'beta'] as const) {
    assertClose(fit.params[k], truth[k], 3 * fit.standardErrors[k], `${k}: fitted vs true (±3 SE = ${3 * fit.standardErrors[k]})`);
  }
  assert.ok(fit.converged);
});
