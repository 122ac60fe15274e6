// The MBG/CNBD-k fit evaluates the terms in the parameters and x alone once per distinct x of the
// patterns (issue 15's 1M plan: the holdout validation fits k = 1…12). Its objective must equal, bit
// for bit, the per-row sums it replaced: Σ w · mbgCnbdKLogLikRow and Σ w · mbgCnbdKLogLikGrad, which
// compute every term themselves. Checked on the grocery calibration summary and on a simulated panel,
// at the default starts and at points around them, for several k.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fitMbgCnbdK } from '../../../src/models/mbg-cnbd-k/index.js';
import { mbgCnbdKObjective } from '../../../src/models/mbg-cnbd-k/fit.js';
import { mbgCnbdKLogLikRow, type MbgCnbdKParams } from '../../../src/models/mbg-cnbd-k/likelihood.js';
import { mbgCnbdKLogLikGrad } from '../../../src/models/mbg-cnbd-k/gradient.js';
import { compressRfm } from '../../../src/models/shared/compress.js';
import type { CompressedRfm } from '../../../src/models/shared/model-types.js';
import { groceryWeeks } from '../../helpers/grocery.js';

/** The objective as it was before issue 15: every term per pattern. */
function perRow(c: CompressedRfm, k: number, t: Float64Array): { value: number; grad: Float64Array } {
  const p: MbgCnbdKParams = { k, r: Math.exp(t[0]!), alpha: Math.exp(t[1]!), a: Math.exp(t[2]!), b: Math.exp(t[3]!) };
  let ll = 0,
    llg = 0;
  const g = new Float64Array(4);
  for (let i = 0; i < c.size; i++) {
    ll += c.weights[i]! * mbgCnbdKLogLikRow(p, c.x[i]!, c.tx[i]!, c.T[i]!);
    llg += c.weights[i]! * mbgCnbdKLogLikGrad(p, c.x[i]!, c.tx[i]!, c.T[i]!, c.weights[i]!, g);
  }
  assert.equal(ll, llg, 'row and gradient functions agree on the LL');
  const grad = Float64Array.of(-g[0]! * p.r, -g[1]! * p.alpha, -g[2]! * p.a, -g[3]! * p.b);
  return { value: Number.isFinite(ll) ? -ll : Infinity, grad };
}

const points = [
  Float64Array.of(0, Math.log(3), 0, Math.log(3)),
  Float64Array.of(Math.log(0.5), Math.log(10), Math.log(0.5), Math.log(2)),
  Float64Array.of(-1.3, 0.4, -2.1, 1.7),
  Float64Array.of(2.2, 3.1, 0.9, -0.6),
];

function check(c: CompressedRfm, label: string): void {
  for (const k of [1, 2, 3, 7, 12]) {
    const o = mbgCnbdKObjective(c, k);
    for (const t of points) {
      const want = perRow(c, k, t);
      const grad = new Float64Array(4);
      assert.equal(o.negLogLik(t), want.value, `${label}: −LL, k ${k}, θ ${Array.from(t)}`);
      assert.equal(o.gradient(t, grad), want.value, `${label}: −LL from the gradient, k ${k}`);
      assert.deepEqual(Array.from(grad), Array.from(want.grad), `${label}: gradient, k ${k}, θ ${Array.from(t)}`);
    }
  }
}

test('MBG/CNBD-k objective with per-x terms equals the per-row sums bit for bit: grocery calibration', () => {
  const g = groceryWeeks();
  const c = compressRfm(g);
  assert.ok(c.size > 100, `grocery has ${c.size} patterns`);
  check(c, 'grocery');
  // and the fit on it still chooses k = 2 (BTYDplus' grocery result)
  assert.equal(fitMbgCnbdK(g).k, 2);
});

test('MBG/CNBD-k objective with per-x terms equals the per-row sums bit for bit: weighted patterns with large x', () => {
  // frequencies past 64 take lnPochhammer's and ψ's other branches; weights other than 1
  const n = 400;
  const x = new Float64Array(n),
    tx = new Float64Array(n),
    T = new Float64Array(n),
    w = new Float64Array(n);
  let s = 12345;
  const rnd = (): number => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let i = 0; i < n; i++) {
    T[i] = 10 + Math.floor(rnd() * 90);
    x[i] = i % 5 === 0 ? 0 : Math.floor(rnd() * (i % 7 === 0 ? 150 : 12));
    tx[i] = x[i] === 0 ? 0 : Math.round(rnd() * T[i]! * 4) / 4;
    w[i] = 1 + Math.floor(rnd() * 5);
  }
  const c = compressRfm({ x, tx, T, weights: w });
  check(c, 'simulated');
});
