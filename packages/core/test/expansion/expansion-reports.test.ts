import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rulesReport } from '../../src/expansion/rules-report.js';
import { offersReport } from '../../src/expansion/offers-report.js';
import { catalogFromPairs } from '../../src/expansion/product-catalog.js';
import { parseCostModel } from '../../src/profitability/cost-model.js';
import { tableRecords } from '../../src/report/report-table.js';
import { InputError } from '../../src/errors.js';
import { assertClose } from '../helpers/assert-close.js';
import { syntheticBasketWorkspace } from './synthetic-baskets.js';

const SYNTH = { customers: 400, products: 60, bundleSize: 6, affinity: 0.7, seed: 21, flatPrice: true };

test("rules over the log: sorted by a measure, filtered by item, with the consequent's margin from a 40% cost model", async () => {
  const engine = await syntheticBasketWorkspace(SYNTH);
  const costModel = parseCostModel(
    'currency: EUR\nproduct_cost: {margin_pct: 40}\npools: [{name: picking, cost: 100, driver: unit}]',
    'costs.yaml',
  );
  const r = await rulesReport(engine, { minSupport: 0.005, minConfidence: 0.2, sortBy: 'confidence', limit: 10, costModel });
  assert.equal(r.table.id, 'expansion.rules');
  assert.ok(r.table.rows.length === 10 && r.rules.length >= 10);
  const rows = tableRecords(r.table);
  for (let t = 1; t < rows.length; t++) assert.ok((rows[t - 1]!.confidence as number) >= (rows[t]!.confidence as number));
  // every line costs 10, so a basket line's margin is 4 (40% of 10) and expected value = confidence × 4
  for (const row of rows) {
    assertClose(row.consequent_value as number, 4, 1e-9, `value of ${row.consequent}`);
    assertClose(row.expected_value as number, 4 * (row.confidence as number), 1e-9, 'expected value');
  }
  assert.match(r.table.notes.join('\n'), /gross margins per purchase from the product costs \(EUR\)/);
  const onP0 = await rulesReport(engine, { minSupport: 0.005, minConfidence: 0.2, item: 'P0', side: 'consequent' });
  assert.ok(tableRecords(onP0.table).every((row) => row.consequent === '{P0}'));
  await assert.rejects(rulesReport(engine, { item: 'P999' }), (e: unknown) => e instanceof InputError && e.code === 'unknown_item');
  await engine.close();
});

test('category-level rules through a product file', async () => {
  const engine = await syntheticBasketWorkspace(SYNTH);
  // category = bundle: rules between bundles are then rare, within a bundle there is one category
  const catalog = catalogFromPairs(Array.from({ length: 60 }, (_, p) => [`P${p}`, `cat${p % 3}`] as const));
  const r = await rulesReport(engine, { level: 'category', catalog, minSupport: 0.01, minConfidence: 0.1 });
  assert.equal(r.level, 'category');
  assert.equal(r.items, 3);
  assert.ok(tableRecords(r.table).every((row) => /^\{cat\d(, cat\d)?\}$/.test(row.antecedent as string)));
  await assert.rejects(rulesReport(engine, { level: 'category' }), (e: unknown) => e instanceof InputError && e.code === 'missing_catalog');
  await engine.close();
});

test('offers report: a row per offer with its reason, and the backtest verdict printed first', async () => {
  const engine = await syntheticBasketWorkspace(SYNTH);
  const r = await offersReport(engine, { k: 3, limit: 5, backtest: { calibrationEnd: '2024-09-30' } });
  assert.equal(r.table.id, 'expansion.offers');
  const rows = tableRecords(r.table);
  assert.ok(rows.length > 0 && rows.length <= 15);
  for (const row of rows) {
    assert.match(
      row.reason as string,
      /^bought .+; (about )?\d+% of (such baskets|baskets with it) also hold P\d+, \d+\.\d× the usual rate/,
    );
    assertClose(row.expected_value as number, (row.probability as number) * (row.value as number), 1e-12, 'expected value');
  }
  assert.ok(r.backtest !== null);
  assert.equal(r.table.notes[0], r.backtest!.comparison.summary);
  const one = await offersReport(engine, { k: 2, customers: ['c7'] });
  assert.ok(tableRecords(one.table).every((row) => row.customer_id === 'c7'));
  await assert.rejects(
    offersReport(engine, { customers: ['nobody'] }),
    (e: unknown) => e instanceof InputError && e.code === 'unknown_customer',
  );
  await engine.close();
});
