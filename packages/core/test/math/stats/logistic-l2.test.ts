// Ridge logistic regression checked against independent derivations: the closed-form maximum
// likelihood of a saturated one-group-per-level model (λ = 0), the stationarity (KKT) condition
// Xᵀ(y − n·p) = λβ at the solution for λ > 0, and invariance to grouping identical rows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fitLogisticL2, logisticLinearPredictor, type SparseRows } from '../../../src/math/stats/logistic-l2.js';
import { createRng } from '../../../src/math/random/rng.js';
import { assertClose } from '../../helpers/assert-close.js';

test('λ = 0, one binary feature: intercept = log-odds of group 0, slope = log odds ratio (closed form)', () => {
  const x: SparseRows = { rows: 2, A: 1, index: Int32Array.of(-1, 0), value: Float64Array.of(0, 1), features: 1 };
  const f = fitLogisticL2(x, Float64Array.of(10, 30), Float64Array.of(40, 40), 0);
  assert.ok(f.converged);
  assertClose(f.beta[0]!, Math.log(10 / 30), 1e-9, 'intercept');
  assertClose(f.beta[1]!, Math.log(30 / 10) - Math.log(10 / 30), 1e-9, 'slope');
});

function randomDesign(seed: number, rows: number): { x: SparseRows; y: Float64Array; n: Float64Array } {
  const rng = createRng(seed);
  // two categorical attributes (3 and 4 levels, one-hot) and one numeric
  const A = 3,
    index = new Int32Array(rows * A),
    value = new Float64Array(rows * A),
    y = new Float64Array(rows),
    n = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    const a = Math.floor(rng() * 3),
      b = Math.floor(rng() * 4),
      z = 2 * rng() - 1;
    index.set([a, 3 + b, 7], r * A);
    value.set([1, 1, z], r * A);
    n[r] = 1 + Math.floor(rng() * 20);
    const p = 1 / (1 + Math.exp(-(-1 + 0.8 * (a === 2 ? 1 : 0) - 0.5 * (b === 0 ? 1 : 0) + 1.2 * z)));
    for (let k = 0; k < n[r]!; k++) if (rng() < p) y[r]!++;
  }
  return { x: { rows, A, index, value, features: 8 }, y, n };
}

test('λ > 0: the gradient of the penalised log-likelihood is zero at the solution (KKT)', () => {
  const { x, y, n } = randomDesign(3, 400);
  const lambda = 2.5;
  const f = fitLogisticL2(x, y, n, lambda);
  assert.ok(f.converged, 'converged');
  const eta = logisticLinearPredictor(x, f.beta);
  const grad = new Float64Array(9);
  for (let r = 0; r < x.rows; r++) {
    const resid = y[r]! - n[r]! / (1 + Math.exp(-eta[r]!));
    grad[0]! += resid;
    for (let a = 0; a < x.A; a++) grad[1 + x.index[r * x.A + a]!]! += resid * x.value[r * x.A + a]!;
  }
  assertClose(grad[0]!, 0, 1e-7, 'intercept score (not penalised)');
  for (let j = 1; j < 9; j++) assertClose(grad[j]!, lambda * f.beta[j]!, 1e-7, `score of feature ${j} = λβ`);
});

test('grouped rows give the same fit as one row per trial', () => {
  const { x, y, n } = randomDesign(9, 60);
  const grouped = fitLogisticL2(x, y, n, 1);
  let total = 0;
  for (const v of n) total += v;
  const A = x.A,
    index = new Int32Array(total * A),
    value = new Float64Array(total * A),
    yy = new Float64Array(total),
    nn = new Float64Array(total).fill(1);
  let k = 0;
  for (let r = 0; r < x.rows; r++)
    for (let t = 0; t < n[r]!; t++, k++) {
      index.set(x.index.subarray(r * A, r * A + A), k * A);
      value.set(x.value.subarray(r * A, r * A + A), k * A);
      yy[k] = t < y[r]! ? 1 : 0;
    }
  const single = fitLogisticL2({ rows: total, A, index, value, features: x.features }, yy, nn, 1);
  for (let j = 0; j < 9; j++) assertClose(single.beta[j]!, grouped.beta[j]!, 1e-8, `β${j}`);
});
