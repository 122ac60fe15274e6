// CLV scoring: the compressed (x, T) path equals a direct per-customer evaluation of the model's
// conditional expectation, and the discounting follows the documented formula.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { COUNT_MODEL_REGISTRY } from '../../src/models/count-models.js';
import { PERIODS_PER_YEAR, scoreCountModel } from '../../src/scores/clv.js';
import { assertClose } from '../helpers/assert-close.js';
import { cdnowSample } from '../helpers/cdnow.js';

// Published CDNOW parameters (weeks): BG/NBD FHL 2005; Pareto/NBD as fitted in data/README.md.
const PARAMS = {
  'bg-nbd': { r: 0.2426, alpha: 4.4135, a: 0.7929, b: 2.4258 },
  'mbg-nbd': { r: 0.2426, alpha: 4.4135, a: 0.7929, b: 2.4258 },
  'pareto-nbd': { r: 0.5533, alpha: 10.578, s: 0.6062, beta: 11.67 },
} as const;

for (const name of ['bg-nbd', 'mbg-nbd', 'pareto-nbd'] as const) {
  test(`${name}: scores equal a direct per-customer evaluation`, () => {
    const model = COUNT_MODEL_REGISTRY[name];
    const data = cdnowSample();
    const params = PARAMS[name];
    const n = data.x.length;
    const spend = new Float64Array(n).fill(35);
    const horizon = 52,
      step = 4,
      D = 0.1,
      P = PERIODS_PER_YEAR.week;
    const s = scoreCountModel(model, params, data, { horizon, step, annualDiscountRate: D, periodsPerYear: P, spend, margin: 0.3 });
    const direct52 = model.expectedPurchases(params, 52, data);
    const pAlive = model.pAlive(params, data);
    // Independent derivation: evaluate Eᵢ(t) per customer on the grid and discount at mid-step.
    const clv = new Float64Array(n);
    let prev: Float64Array = new Float64Array(n);
    for (let t = step; t <= horizon; t += step) {
      const e = model.expectedPurchases(params, t, data);
      const f = Math.pow(1 + D, -(t - step / 2) / P);
      for (let i = 0; i < n; i++) clv[i]! += (e[i]! - prev[i]!) * f * 35 * 0.3;
      prev = e;
    }
    for (const i of [0, 1, 2, 10, 100, 1000, 2356]) {
      assertClose(s.pAlive[i]!, pAlive[i]!, 1e-12, `${name} P(alive) customer ${i + 1}`);
      assertClose(s.expectedPurchases[i]!, direct52[i]!, 1e-9, `${name} E[X(52)] customer ${i + 1}`, true);
      assertClose(s.clv[i]!, clv[i]!, 1e-9, `${name} CLV customer ${i + 1}`, true);
    }
    let maxRel = 0;
    for (let i = 0; i < n; i++) maxRel = Math.max(maxRel, Math.abs(s.clv[i]! - clv[i]!) / Math.max(1e-12, Math.abs(clv[i]!)));
    assert.ok(maxRel < 1e-9, `max relative CLV difference ${maxRel}`);
  });
}

test('CLV: zero discount equals margin × spend × expected purchases; discounting lowers it', () => {
  const model = COUNT_MODEL_REGISTRY['bg-nbd'];
  const data = cdnowSample();
  const spend = Float64Array.from(data.x, (_, i) => 10 + (i % 7));
  const flat = scoreCountModel(model, PARAMS['bg-nbd'], data, {
    horizon: 39,
    annualDiscountRate: 0,
    periodsPerYear: PERIODS_PER_YEAR.week,
    spend,
    margin: 0.5,
  });
  const disc = scoreCountModel(model, PARAMS['bg-nbd'], data, {
    horizon: 39,
    annualDiscountRate: 0.2,
    periodsPerYear: PERIODS_PER_YEAR.week,
    spend,
    margin: 0.5,
  });
  for (let i = 0; i < data.x.length; i += 97) {
    assertClose(flat.clv[i]!, 0.5 * spend[i]! * flat.expectedPurchases[i]!, 1e-9, `undiscounted CLV customer ${i + 1}`, true);
    assert.ok(disc.clv[i]! < flat.clv[i]!);
  }
  // FHL 2005: the customer with x = 2, tₓ = 30.43, T = 38.86 expects ≈ 1.226 purchases in the next 39 weeks.
  const one = scoreCountModel(
    model,
    PARAMS['bg-nbd'],
    { x: Float64Array.of(2), tx: Float64Array.of(30.43), T: Float64Array.of(38.86) },
    { horizon: 39, annualDiscountRate: 0, periodsPerYear: PERIODS_PER_YEAR.week, spend: Float64Array.of(1), margin: 1 },
  );
  assertClose(one.expectedPurchases[0]!, 1.226, 0.0005, 'FHL 2005 §5 example');
});
