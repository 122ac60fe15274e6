import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareOffers, offerHits, scoreHits } from '../../src/expansion/offer-evaluation.js';
import type { Offers } from '../../src/expansion/offers.js';
import { assertClose } from '../helpers/assert-close.js';

test('offerHits: offered items found among the later purchases; customers not evaluated get −1', () => {
  const offers = {
    k: 2,
    customers: 3,
    item: Int32Array.of(4, 7, 1, -1, 9, 2),
    probability: new Float64Array(6),
    expectedValue: new Float64Array(6),
    source: new Int32Array(6),
    asOfDay: 0,
    recentDays: Infinity,
    discontinuedDays: 90,
  } as Offers;
  const future = { offsets: Int32Array.of(0, 3, 4, 5), items: Int32Array.of(2, 4, 7, 3, 9), lastDay: new Int32Array(5) };
  assert.deepEqual([...offerHits(offers, future, Uint8Array.of(1, 1, 0))], [2, 0, -1]);
});

test('scoreHits and compareOffers by hand: hit rate, precision, paired interval and verdict', () => {
  const s = scoreHits(Int32Array.of(1, 0, -1, 2), 5);
  assert.deepEqual([s.k, s.customers, s.hits, s.hitRate], [5, 3, 2, 2 / 3]);
  assertClose(s.precision, 3 / 15, 1e-15, 'precision at 5: (1 + 0 + 2) / 5 / 3');
  // 100 customers: the model hits 40, the baseline 20 (the 20 inside the model's 40)
  const model = Int32Array.from({ length: 100 }, (_, c) => (c < 40 ? 1 : 0));
  const base = Int32Array.from({ length: 100 }, (_, c) => (c < 20 ? 1 : 0));
  const r = compareOffers(model, base, 5);
  assert.equal(r.model.hitRate, 0.4);
  assert.equal(r.baseline.hitRate, 0.2);
  // differences: 20 ones, 80 zeros → mean 0.2, sd = sqrt(20·0.8² + 80·0.2²)/99 … SE = sd/√100
  const sd = Math.sqrt((20 * 0.64 + 80 * 0.04) / 99);
  assertClose(r.hitRateDifference.estimate, 0.2, 1e-15, 'mean paired difference');
  assertClose(r.hitRateDifference.low, 0.2 - (1.96 * sd) / 10, 1e-12, 'lower 95% bound');
  assert.equal(r.verdict, 'beats');
  assert.equal(
    r.summary,
    'The recommender beats the popularity baseline on hit rate at 5: 40.0% vs 20.0% of 100 customers (+20.0 points, 95% interval +12.1 to +27.9); precision at 5 8.0% vs 4.0%.',
  );
  const tie = compareOffers(base, base, 5);
  assert.equal(tie.verdict, 'no_clear_difference');
  assert.match(tie.summary, /does not clearly beat .* Prefer the popularity list/);
  assert.equal(compareOffers(base, model, 5).verdict, 'worse');
  assert.match(compareOffers(Int32Array.of(-1), Int32Array.of(-1), 5).summary, /No customer could be evaluated/);
});
