import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fitMle } from '../../src/models/shared/fit-mle.js';
import { assessFit } from '../../src/models/shared/fit-assessment.js';
import { assertClose } from '../helpers/assert-close.js';

// One-parameter −LL in log space with two wells: (t² − 1)² + c·t. With c > 0 the well near t = −1 is the
// deeper one; the gap between the two minima is about 2c (the quartic term is 0 at both wells).
const wells =
  (c: number) =>
  (t: Float64Array): number =>
    (t[0]! * t[0]! - 1) ** 2 + c * t[0]! + 10;
const spec = (c: number, starts: number[]) => ({
  model: 'two-wells',
  paramNames: ['theta'] as const,
  nObs: 100,
  starts: starts.map((s) => Float64Array.of(s)),
  negLogLik: wells(c),
});

test('starts ending at a worse local optimum: the best is kept, the fit warns and its verdict is caution', () => {
  const fit = fitMle(spec(0.3, [1.2, -1.2]));
  assert.ok(fit.params.theta < 1, `the deeper well (t ≈ −1, θ = e^t ≈ 0.37) wins: θ = ${fit.params.theta}`);
  assert.equal(fit.diagnostics.localOptima, 1);
  assert.equal(fit.diagnostics.startsConverged, 2);
  const w = fit.warnings.find((x) => /another, worse optimum/.test(x));
  assert.ok(w, fit.warnings.join(' | '));
  // the gap between the two minima, found here by a fine grid (independent of the optimiser)
  let lo = Infinity,
    hi = Infinity;
  for (let t = -2; t <= 2; t += 1e-5) {
    const f = wells(0.3)(Float64Array.of(t));
    if (t < 0) lo = Math.min(lo, f);
    else hi = Math.min(hi, f);
  }
  assertClose(Number(/up to ([0-9.e-]+) lower/.exec(w)![1]), hi - lo, 1e-3, 'log-likelihood gap between the wells', true);
  const a = assessFit(fit);
  assert.equal(a.trust, 'caution');
  assert.match(a.summary, /more than one answer from different starting points/);
});

test('starts reaching the same value at other parameters: a ridge, reported as weak identification', () => {
  const fit = fitMle(spec(0, [1.2, -1.2]));
  assert.equal(fit.diagnostics.localOptima, 0);
  assert.equal(fit.diagnostics.ridgeStarts, 1);
  assert.ok(
    fit.warnings.some((x) => /same log-likelihood at other parameter values/.test(x)),
    fit.warnings.join(' | '),
  );
  assert.match(assessFit(fit).summary, /different parameter values fit the data equally well/);
});

test('starts that agree: no warning and no issue', () => {
  const fit = fitMle(spec(0.3, [-1.2, -0.6]));
  assert.deepEqual([fit.diagnostics.localOptima, fit.diagnostics.ridgeStarts, fit.diagnostics.startsConverged], [0, 0, 2]);
  assert.ok(!fit.warnings.some((x) => /optimum|other parameter values/.test(x)), fit.warnings.join(' | '));
});
