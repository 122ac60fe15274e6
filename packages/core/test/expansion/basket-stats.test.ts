// The basket aggregates in plain GROUP BY SQL (src/expansion/basket-stats-sql.ts, issue 16: the form
// ClickHouse runs on each shard) against the baskets DuckDB's window SQL builds (loadBaskets): the
// same basket count, the same baskets per product, and FP-growth on the grouped frequent-item
// patterns gives the same itemsets, counts and order as FP-growth on the baskets. On DuckDB, on a
// hand-written log with every return rule and on a seeded synthetic log with baskets and returns.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { loadBaskets } from '../../src/expansion/baskets.js';
import { itemCounts } from '../../src/expansion/basket-set.js';
import { frequentItemsetsOnShards, loadBasketStats } from '../../src/expansion/basket-stats.js';
import { frequentItemsets } from '../../src/expansion/fp-growth.js';
import { openWorkspace } from '../../src/workspace.js';
import { ingestFile } from '../../src/transactions/ingest.js';
import type { Engine } from '../../src/engine/engine.js';
import { writeSyntheticBasketLog } from '../../bench/synthetic-basket-log.js';
import { tempDir } from '../helpers/temp-dir.js';
import { basketWorkspace } from './log-baskets.js';

const ORDERS = [
  'c1,o1,2024-01-01,A,1,10',
  'c1,o1,2024-01-01,B,2,20',
  'c1,o1,2024-01-01,B,-1,-10',
  'c1,o1,2024-01-01,C,1,5',
  'c1,o1,2024-01-01,C,-1,-5',
  'c1,o2,2024-01-05,A,1,10',
  'c1,o2,2024-01-05,D,1,7',
  'c1,C9,2024-01-06,A,-1,-10',
  'c1,,2024-01-07,A,1,10',
  'c1,,2024-01-07,B,1,10',
  'c1,,2024-01-07,B,-1,-10',
  'c2,o3,2024-01-02,A,1,10',
  'c2,o3,2024-01-02,E,1,3',
  'c2,C8,2024-01-03,E,-1,-3',
  'c2,o4,2024-01-04,F,1,1',
  'c3,o5,2024-01-04,G,1,1',
  'c3,C7,2024-01-05,G,-1,-1',
];

/** Asserts the aggregates and the itemsets of the plain SQL equal those of loadBaskets on `engine`. */
async function assertSameAsBaskets(engine: Engine, window: { from?: string; to?: string }, minSupport: number): Promise<void> {
  const b = await loadBaskets(engine, window);
  const s = await loadBasketStats(engine, window);
  assert.deepEqual(s.items, b.items);
  assert.equal(s.basketCount, b.offsets.length - 1);
  assert.deepEqual([...s.itemCounts], [...itemCounts(b)]);
  assert.deepEqual(s.facts, b.facts);
  assert.deepEqual(s.warnings, b.warnings);
  const direct = frequentItemsets(b, { minSupport, maxLength: 6 });
  const grouped = await frequentItemsetsOnShards(engine, s, { minSupport, maxLength: 6 });
  assert.ok(direct.counts.length > 1, 'some itemsets');
  assert.deepEqual(grouped, direct);
}

test('hand-written log: every return rule gives the same baskets in the plain SQL', async () => {
  const map = { customer: 'customer', order: 'order', date: 'date', product: 'product', quantity: 'quantity', amount: 'amount' };
  const engine = await basketWorkspace('customer,order,date,product,quantity,amount', ORDERS, map, 'C');
  try {
    await assertSameAsBaskets(engine, {}, 0.2);
    await assertSameAsBaskets(engine, { to: '2024-01-05' }, 0.2);
  } finally {
    await engine.close();
  }
});

test('synthetic log with baskets and returns: the same counts and itemsets, windows included', async () => {
  const file = join(tempDir('cvm-basket-stats-'), 'log.csv');
  writeSyntheticBasketLog(file, { baskets: 6_000, products: 200, customers: 800 });
  const engine = await openWorkspace();
  try {
    await ingestFile(engine, file, { dateFormat: 'iso', cancelPrefix: 'C' });
    await assertSameAsBaskets(engine, {}, 0.01);
    await assertSameAsBaskets(engine, { from: '2023-03-01', to: '2024-06-30' }, 0.005);
  } finally {
    await engine.close();
  }
});
