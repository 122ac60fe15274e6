import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backtestOffers } from '../../src/expansion/offers-backtest.js';
import { InputError } from '../../src/errors.js';
import { syntheticBasketWorkspace } from './synthetic-baskets.js';

// Planted structure: 20 bundles of 12 products; each customer draws 70% of basket lines from its own
// bundle, the rest from overall popularity. Seeds 11, 12, 13 all give +16 to +18 points.
test('planted co-purchase structure: the rules beat the popularity baseline on hit rate at 5', async () => {
  const engine = await syntheticBasketWorkspace({ customers: 1500, products: 240, bundleSize: 12, affinity: 0.7, seed: 11 });
  const bt = await backtestOffers(engine, { calibrationEnd: '2024-09-30', k: 5 });
  const { model, baseline } = bt.comparison;
  assert.equal(bt.comparison.verdict, 'beats', bt.comparison.summary);
  assert.ok(model.hitRate > baseline.hitRate + 0.1, `hit rate ${model.hitRate} vs ${baseline.hitRate}`);
  assert.ok(model.precision > baseline.precision);
  assert.ok(bt.comparison.hitRateDifference.low > 0);
  assert.match(bt.comparison.summary, /^The recommender beats the popularity baseline on hit rate at 5: /);
  assert.ok(bt.ruleShare > 0.1, `share of offers from rules ${bt.ruleShare}`); // the rest from co-occurrence
  assert.ok(model.customers > 500 && model.customers <= bt.calibrationCustomers);
  assert.deepEqual(
    bt.table.rows.map((r) => r[0]),
    ['rules + co-occurrence', 'popularity baseline'],
  );
  assert.equal(bt.table.notes[0], bt.comparison.summary);
  await engine.close();
});

// Same sizes, every line from overall popularity (Zipf): popularity is the best possible list, and
// the recommender's co-occurrence estimates only add noise (seeds 11, 12, 13: −3 to −5 points).
test('no structure (every line drawn from overall popularity): the rules need not and do not beat popularity, and say so', async () => {
  const engine = await syntheticBasketWorkspace({ customers: 1500, products: 240, bundleSize: 12, affinity: 0, seed: 11 });
  const bt = await backtestOffers(engine, { calibrationEnd: '2024-09-30', k: 5 });
  assert.notEqual(bt.comparison.verdict, 'beats', bt.comparison.summary);
  assert.match(bt.comparison.summary, /does (not clearly beat|worse than) the popularity baseline.*Prefer the popularity list/);
  await engine.close();
});

test('backtest dates: a holdout end not after the calibration end, or an empty holdout, is an InputError', async () => {
  const engine = await syntheticBasketWorkspace({ customers: 50, products: 20, bundleSize: 5, affinity: 0.5, seed: 3 });
  await assert.rejects(
    backtestOffers(engine, { calibrationEnd: '2024-09-30', holdoutEnd: '2024-09-01' }),
    (e: unknown) => e instanceof InputError && e.code === 'bad_holdout',
  );
  await assert.rejects(
    backtestOffers(engine, { calibrationEnd: '2024-12-31', holdoutEnd: '2025-03-01' }),
    (e: unknown) => e instanceof InputError && e.code === 'empty_holdout',
  );
  await assert.rejects(
    backtestOffers(engine, { calibrationEnd: '30/09/2024' }),
    (e: unknown) => e instanceof InputError && e.code === 'bad_date',
  );
  await engine.close();
});
