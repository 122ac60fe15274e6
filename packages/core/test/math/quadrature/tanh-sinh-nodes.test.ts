import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tanhSinhNodes } from '../../../src/math/quadrature/tanh-sinh-nodes.js';
import { betaln } from '../../../src/math/special/betaln.js';
import { assertClose } from '../../helpers/assert-close.js';

/** ∫₀¹ f(p) dp with ln f given ln p and ln(1 − p). */
function integrate(logF: (logP: number, logQ: number) => number): number {
  const q = tanhSinhNodes();
  let s = 0;
  for (let k = 0; k < q.n; k++) s += Math.exp(q.logW[k] + logF(q.logP[k], q.logQ[k]));
  return s;
}

test('tanh-sinh rule integrates Beta integrands on (0, 1), with end-point singularities, to ~1e-14', () => {
  // ∫ p^(a−1)(1−p)^(b−1) dp = B(a, b); closed form from betaln (itself checked against mpmath)
  for (const [a, b] of [
    [1, 1],
    [0.5, 0.5],
    [0.05, 3],
    [2.5, 0.1],
    [30, 40],
  ] as const) {
    assertClose(
      integrate((lp, lq) => (a - 1) * lp + (b - 1) * lq),
      Math.exp(betaln(a, b)),
      1e-13,
      `∫ p^${a - 1}(1−p)^${b - 1} dp = B(${a}, ${b})`,
      true,
    );
  }
});

test('ln(1 − p) stays exact where 1 − p underflows; node sets are cached and ordered', () => {
  const q = tanhSinhNodes();
  assert.equal(tanhSinhNodes(), q);
  assert.ok(q.logQ[q.n - 1]! < -1000, `last ln(1 − p) ${q.logQ[q.n - 1]} should be below −1000`);
  for (let k = 1; k < q.n; k++) {
    const moved = q.logP[k]! > q.logP[k - 1]! || q.logQ[k]! < q.logQ[k - 1]!;
    assert.ok(q.logP[k]! >= q.logP[k - 1]! && q.logQ[k]! <= q.logQ[k - 1]! && moved, `nodes out of order at ${k}`);
  }
});
