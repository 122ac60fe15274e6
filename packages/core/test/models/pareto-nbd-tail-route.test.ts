import { test } from 'node:test';
import assert from 'node:assert/strict';
import { paretoNbdLogTail, paretoNbdLogTailQuadrature, paretoNbdTailSeriesTerms } from '../../src/models/pareto-nbd/tail.js';

// Issue 18: a Pareto/NBD fit on a 60k-row synthetic log (seed 2) ran to s, β → ∞ (these parameters,
// weeks), where 1 − z = (α + t)/(β + t) ~ 1e-6; every ₂F₁ tail then summed 2,000 series terms before
// the quadrature it was bound to end in. The route is now found at once, with the same result.
const RIDGE = { r: 0.2707633368092441, alpha: 12.308912849723185, s: 228186.5439155851, beta: 47181666.89906444 };

test('₂F₁ tail on the s, β → ∞ ridge goes straight to the quadrature (0 series terms) and equals it to the bit', () => {
  for (const [x, t] of [
    [0, 0],
    [0, 10],
    [3, 25.5],
    [40, 70],
  ] as const) {
    for (const grad of [null, new Float64Array(4)]) {
      const v = paretoNbdLogTail(RIDGE.r, RIDGE.alpha, RIDGE.s, RIDGE.beta, x, t, grad, 0);
      const terms = paretoNbdTailSeriesTerms();
      assert.equal(terms, 0, `series terms at (x ${x}, t ${t}): got ${terms}, expected 0 (no series before the quadrature)`);
      const gq = grad === null ? null : new Float64Array(4);
      const q = paretoNbdLogTailQuadrature(RIDGE.r, RIDGE.alpha, RIDGE.s, RIDGE.beta, x, t, gq, 0);
      assert.equal(v, q, `ln I at (x ${x}, t ${t}): series route ${v} vs quadrature ${q}`);
      if (grad !== null) assert.deepEqual(Array.from(grad), Array.from(gq!), `gradient at (x ${x}, t ${t})`);
    }
  }
});

test('₂F₁ tail at the CDNOW optimum still sums its short series (z far from 1)', () => {
  // r 0.5533, α 10.578, s 0.6062, β 11.669 (weeks; Fader, Hardie & Lee 2005): z = 0.026 at t = 30.43
  paretoNbdLogTail(0.5533, 10.578, 0.6062, 11.669, 2, 30.43, null, 0);
  const terms = paretoNbdTailSeriesTerms();
  assert.ok(terms > 0 && terms < 50, `series terms at the CDNOW optimum: got ${terms}, expected 1..49`);
});

test('₂F₁ tail just inside the series range (1 − z = 0.05) sums the series, not the quadrature', () => {
  // α = 19, β = 1, t = 0: z = 18/19, the series needs a few hundred terms (< 2,000)
  paretoNbdLogTail(0.5, 19, 0.5, 1, 0, 0, null, 0);
  const terms = paretoNbdTailSeriesTerms();
  assert.ok(terms > 100 && terms < 2000, `series terms at 1 − z = 1/19: got ${terms}, expected 101..1999`);
});
