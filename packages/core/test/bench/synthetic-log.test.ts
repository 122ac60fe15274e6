// The benchmark's synthetic log generator: deterministic bytes per seed, exact row and customer
// counts, a time-ordered file that cvm ingests without rejections.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { generateSyntheticLog, resolveSyntheticParams, syntheticLogKey } from '../../bench/synthetic-log.js';
import { createDuckDbEngine } from '../../src/engine/duckdb/duckdb-engine.js';
import { ingestFile } from '../../src/transactions/ingest.js';
import { InputError } from '../../src/errors.js';
import { tempDir } from '../helpers/temp-dir.js';

const dir = tempDir('cvm-synth-');
test.after(() => rmSync(dir, { recursive: true, force: true }));
const params = { rows: 1000, customers: 100, seed: 7 };

test('same seed → byte-identical file; another seed → a different file', async () => {
  await generateSyntheticLog(join(dir, 'a.csv'), params);
  await generateSyntheticLog(join(dir, 'b.csv'), params);
  await generateSyntheticLog(join(dir, 'c.csv'), { ...params, seed: 8 });
  const a = readFileSync(join(dir, 'a.csv'));
  assert.ok(a.equals(readFileSync(join(dir, 'b.csv'))), 'seed 7 twice gave different bytes');
  assert.ok(!a.equals(readFileSync(join(dir, 'c.csv'))), 'seeds 7 and 8 gave the same bytes');
});

test('1,000 rows: exact counts, time order, sequential order ids, returns after a purchase', async () => {
  const report = await generateSyntheticLog(join(dir, 'p.csv'), params);
  const lines = readFileSync(join(dir, 'p.csv'), 'latin1').trimEnd().split('\n');
  assert.equal(lines[0], 'order_id,date,customer_id,amount,product_id,channel');
  const rows = lines.slice(1).map((l) => l.split(','));
  assert.equal(rows.length, 1000, 'data rows');
  assert.equal(report.rows, 1000);
  const firstAmount = new Map<string, string>();
  let returns = 0;
  for (let i = 0; i < rows.length; i++) {
    const [order, date, customer, amount, product, channel] = rows[i]!;
    assert.equal(order, String(i + 1), `order id of row ${i + 1}`);
    assert.match(date!, /^202[1-3]-\d\d-\d\d \d\d:\d\d:\d\d$/, `date of row ${i + 1}`);
    if (i > 0) assert.ok(rows[i - 1]![1]! <= date!, `row ${i + 1} is earlier than row ${i}`);
    assert.match(amount!, /^-?\d+\.\d\d$/, `amount of row ${i + 1}`);
    assert.match(product!, /^P\d+$/);
    assert.ok(['web', 'store', 'app', 'phone'].includes(channel!), `channel ${channel}`);
    if (!firstAmount.has(customer!)) firstAmount.set(customer!, amount!);
    if (amount!.startsWith('-')) returns++;
  }
  assert.equal(firstAmount.size, 100, 'distinct customers');
  for (const [c, a] of firstAmount) assert.ok(!a.startsWith('-'), `customer ${c} starts with a return`);
  assert.equal(returns, report.returns);
  assert.ok(returns >= 5 && returns <= 60, `returns: ${returns} of 1,000, expected a few percent`);
  assert.ok(rows[0]![1]! >= '2021-01-01' && rows.at(-1)![1]! < '2024-01-01', 'dates within 2021-01-01 + 1,095 days');
});

test('cvm ingests the log without a rejection', async () => {
  await generateSyntheticLog(join(dir, 'i.csv'), params);
  const engine = createDuckDbEngine();
  try {
    const r = await ingestFile(engine, join(dir, 'i.csv'));
    assert.equal(r.rowsAccepted, 1000);
    assert.equal(r.rowsQuarantined, 0);
    assert.equal(r.duplicateCheck, true);
    const [c] = await engine.rows<{ n: number }>('SELECT count(DISTINCT customer_id) AS n FROM transactions');
    assert.equal(c!.n, 100);
  } finally {
    await engine.close();
  }
});

test('rows = customers (no repeats, no returns) and bad parameters', async () => {
  const r = await generateSyntheticLog(join(dir, 'one.csv'), { rows: 50, customers: 50, seed: 1 });
  assert.equal(r.rows, 50);
  assert.equal(r.returns, 0);
  assert.equal(r.oneRowCustomers, 50);
  assert.throws(() => resolveSyntheticParams({ rows: 10, customers: 11 }), InputError);
  assert.throws(() => resolveSyntheticParams({ rows: 10, customers: 5, returnRate: 1 }), InputError);
});

test('the cache key names rows, customers, seed and a hash of the other parameters', () => {
  const a = syntheticLogKey(resolveSyntheticParams(params));
  assert.match(a, /^r1000-c100-s7-v\d+-[0-9a-f]{8}$/);
  assert.notEqual(a, syntheticLogKey(resolveSyntheticParams({ ...params, returnRate: 0.05 })));
});
