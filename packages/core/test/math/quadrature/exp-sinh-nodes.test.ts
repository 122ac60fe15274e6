import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expSinhNodes } from '../../../src/math/quadrature/exp-sinh-nodes.js';
import { assertClose } from '../../helpers/assert-close.js';

function integrate(logF: (logT: number, t: number) => number, h?: number): number {
  const q = expSinhNodes(h);
  let s = 0;
  for (let k = 0; k < q.n; k++) s += Math.exp(q.logW[k] + logF(q.logT[k], q.t[k]));
  return s;
}

test('exp-sinh rule integrates closed forms on (0, ∞) to ~1e-14', () => {
  assertClose(
    integrate((_, t) => -t),
    1,
    1e-14,
    '∫ e^(−t) dt = 1',
  );
  // ∫ t^(a−1) e^(−t) dt = Γ(a): end-point singularity at 0
  assertClose(
    integrate((lt, t) => -0.5 * lt - t),
    Math.sqrt(Math.PI),
    1e-14,
    '∫ t^(−1/2) e^(−t) dt = √π',
    true,
  );
  // algebraic decay at ∞: ∫ (1+t)^(−3/2) dt = 2
  assertClose(
    integrate((_, t) => -1.5 * Math.log1p(t)),
    2,
    1e-13,
    '∫ (1+t)^(−3/2) dt = 2',
    true,
  );
});

test('node sets are cached and ordered', () => {
  const a = expSinhNodes(1 / 16);
  assert.equal(expSinhNodes(1 / 16), a);
  for (let k = 1; k < a.n; k++) assert.ok(a.logT[k] > a.logT[k - 1]);
});
