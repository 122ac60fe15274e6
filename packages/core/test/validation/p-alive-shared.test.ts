// P(alive) computed once where the 1M plan computed it twice or per customer (issue 15): each shared
// path is compared here with the path it replaced, which the code keeps (the argument is optional).
// - the tracking band's Σ P(alive) per (x, T), evaluated once per distinct (x, tₓ, T), against once per customer;
// - the whole-log fit check (assessCountFit) given the scores' P(alive), against computing its own;
// - the acquisition report's purchase curve given the scores' P(alive), against computing its own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { COUNT_MODEL_REGISTRY, COUNT_MODELS } from '../../src/models/count-models.js';
import { compressRows } from '../../src/models/shared/compress.js';
import { assessCountFit } from '../../src/models/shared/fit-assessment.js';
import { predictCustomers } from '../../src/scores/predict.js';
import { purchaseCurve } from '../../src/scores/purchase-curve.js';
import { pAliveSums } from '../../src/validation/tracking-band-parts.js';
import { cdnowMasterDays, cdnowSample } from '../helpers/cdnow.js';

const arr = (a: Float64Array | Int32Array): number[] => Array.from(a);

for (const name of COUNT_MODELS) {
  test(`${name}: Σ P(alive) per (x, T) from distinct (x, tₓ, T) equals the per-customer sums bit for bit (CDNOW sample and master)`, () => {
    for (const data of [cdnowSample(), cdnowMasterDays()]) {
      const model = COUNT_MODEL_REGISTRY[name];
      const fit = model.fit(data);
      const pairs = compressRows([data.x, data.T]);
      const triples = compressRows([data.x, data.tx, data.T]);
      assert.ok(triples.size < data.x.length, 'customers share (x, tₓ, T) patterns');
      for (const p of [fit.params, Object.fromEntries(Object.entries(fit.params).map(([k, v]) => [k, v * Math.exp(1e-5)]))]) {
        const shared = pAliveSums(model, p, data, pairs, triples),
          own = pAliveSums(model, p, data, pairs);
        assert.deepEqual(arr(shared.s1), arr(own.s1));
        assert.deepEqual(arr(shared.s2), arr(own.s2));
      }
    }
  });

  test(`${name}: the fit check and the purchase curve given the scores' P(alive) equal their own computation (CDNOW sample)`, () => {
    const s = cdnowSample();
    const data = { ...s, mx: s.zbar };
    const p = predictCustomers(data, { model: name, horizon: 52, period: 'week', annualDiscountRate: 0.1, margin: 1 });
    const model = COUNT_MODEL_REGISTRY[name];
    assert.deepEqual(assessCountFit(model, p.fit, data, p.pAlive), assessCountFit(model, p.fit, data));
    assert.deepEqual(p.assessment, assessCountFit(model, p.fit, data));
    const grid = Float64Array.of(4.35, 8.7, 13.05);
    const given = purchaseCurve(model, p.fit.params, data, grid, p.pAlive),
      own = purchaseCurve(model, p.fit.params, data, grid);
    assert.deepEqual(arr(given.pAlive), arr(own.pAlive));
    assert.deepEqual(arr(given.scale), arr(own.scale));
    assert.deepEqual(arr(given.curve), arr(own.curve));
  });
}

test('bg-nbd without dropout (a = 1e-60): the fit check given P(alive) names the same minimum and silent customer as its own', () => {
  const s = cdnowSample();
  const model = COUNT_MODEL_REGISTRY['bg-nbd'];
  const fit = model.fit(s);
  const flat = { ...fit, params: { ...fit.params, a: 1e-60 } };
  const own = assessCountFit(model, flat, s);
  assert.equal(own.trust, 'unreliable', 'nobody drops out at a = 1e-60');
  assert.ok(own.issues.some((i) => i.kind === 'no_dropout'));
  assert.deepEqual(assessCountFit(model, flat, s, model.pAlive(flat.params, s)), own);
});
