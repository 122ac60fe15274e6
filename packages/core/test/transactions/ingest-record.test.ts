// The quarantine keeps the whole source row; the duplicate check sees the unmapped columns; absurd
// magnitudes are rejected (issue 21, items 7 and 8, and the duplicate-key item of "Also fix").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ingestFile } from '../../src/transactions/ingest.js';
import { listQuarantine } from '../../src/transactions/quarantine.js';
import { memoryEngine, tempDir, tempFile } from './ingest-helpers.js';

test('a rejected row keeps every column of the source row, mapped or not, in file order', async () => {
  const engine = memoryEngine();
  const csv =
    'store,customer_id,date,amount,description,order_id\n' +
    'S1,a,2020-01-01,10,"mug, blue",o1\n' +
    'S2,b,2020-13-01,5,"say ""hi""",o2\n' + // unparseable date
    'S3,,2020-01-02,7,,o3\n'; // missing customer, empty description
  await ingestFile(engine, tempFile('log.csv', csv));
  const q = await listQuarantine(engine);
  assert.deepEqual(
    q.map((r) => r.record),
    [
      '{"store":"S2","customer_id":"b","date":"2020-13-01","amount":"5","description":"say \\"hi\\"","order_id":"o2"}',
      '{"store":"S3","customer_id":null,"date":"2020-01-02","amount":"7","description":null,"order_id":"o3"}',
    ],
  );
  await engine.close();
});

test('Parquet and NDJSON rows keep their record too', async () => {
  const engine = memoryEngine();
  const dir = tempDir();
  const parquet = join(dir, 'log.parquet');
  await engine.exec(
    `COPY (SELECT * FROM (VALUES ('a', DATE '2020-01-01', 10.5, 'x'), ('b', DATE '2020-01-02', NULL, 'y')) t(customer_id, date, amount, note)) TO '${parquet}' (FORMAT parquet)`,
  );
  await ingestFile(engine, parquet);
  const ndjson = tempFile('log.ndjson', '{"customer_id":"c","date":"2020-01-01","amount":"ten","note":"z"}\n', dir);
  await ingestFile(engine, ndjson);
  const q = await listQuarantine(engine);
  assert.deepEqual(
    q.map((r) => [r.reason, JSON.parse(r.record!)]),
    [
      ['non_numeric_amount', { customer_id: 'b', date: '2020-01-02', amount: null, note: 'y' }],
      ['non_numeric_amount', { customer_id: 'c', date: '2020-01-01', amount: 'ten', note: 'z' }],
    ],
  );
  await engine.close();
});

test('duplicates: rows that differ only in an unmapped column are not duplicates, in a file or across files', async () => {
  const engine = memoryEngine();
  const header = 'order_id,customer_id,date,amount,description\n';
  const a = await ingestFile(
    engine,
    tempFile('a.csv', header + 'o1,a,2020-01-01,10,red\no1,a,2020-01-01,10,blue\no1,a,2020-01-01,10,red\n'),
  );
  assert.equal(a.duplicateCheck, true);
  assert.deepEqual([a.rowsAccepted, a.quarantineByReason], [2, { duplicate_row: 1 }]);
  const b = await ingestFile(engine, tempFile('b.csv', header + 'o1,a,2020-01-01,10,blue\no1,a,2020-01-01,10,green\n'));
  assert.deepEqual([b.rowsAccepted, b.quarantineByReason], [1, { duplicate_row: 1 }]);
  const q = await listQuarantine(engine);
  assert.deepEqual(
    q.map((r) => [r.source_file, r.line, JSON.parse(r.record!).description]),
    [
      ['a.csv', 4, 'red'],
      ['b.csv', 2, 'blue'],
    ],
  );
  // With every column mapped, the key is the mapped columns alone (as before).
  const c = await ingestFile(engine, tempFile('c.csv', 'order_id,customer_id,date,amount\no9,z,2020-01-01,1\no9,z,2020-01-01,1\n'));
  assert.deepEqual(c.quarantineByReason, { duplicate_row: 1 });
  await engine.close();
});

// The documented bound (README, schema.ts MAX_ABS_VALUE) is 1e12.
test('amounts, prices, quantities and costs with |v| >= 1e12 → amount_out_of_range; sums stay finite', async () => {
  const engine = memoryEngine();
  const csv =
    'customer_id,date,amount,quantity,cost\n' +
    'a,2020-01-01,10,1,2\n' +
    'b,2020-01-02,1e308,1,2\n' +
    'c,2020-01-03,-1e308,1,2\n' +
    'd,2020-01-04,1000000000000,1,2\n' + // exactly 1e12
    'e,2020-01-05,999999999999.99,1,2\n' + // just below: accepted
    'f,2020-01-06,10,1e15,2\n' +
    'g,2020-01-07,10,1,-2e12\n';
  const r = await ingestFile(engine, tempFile('log.csv', csv));
  assert.deepEqual([r.rowsRead, r.rowsAccepted, r.quarantineByReason], [7, 2, { amount_out_of_range: 5 }]);
  const q = await listQuarantine(engine);
  assert.deepEqual(
    q.map((x) => [x.line, x.detail]),
    [
      [3, 'amount 1e+308: |value| >= 1e12'],
      [4, 'amount -1e+308: |value| >= 1e12'],
      [5, 'amount 1000000000000.0: |value| >= 1e12'],
      [7, 'quantity 1000000000000000.0: |value| >= 1e12'],
      [8, 'cost -2000000000000.0: |value| >= 1e12'],
    ],
  );
  const [sum] = await engine.rows<{ s: number }>('SELECT sum(amount) AS s FROM transactions');
  assert.ok(Number.isFinite(sum!.s));
  // price × quantity that overflows is caught the same way.
  const pq = await ingestFile(
    engine,
    tempFile('pq.csv', 'customer_id,date,unit_price,quantity\na,2020-01-01,1e200,1e200\nb,2020-01-01,2,3\n'),
  );
  assert.deepEqual([pq.rowsAccepted, pq.quarantineByReason], [1, { amount_out_of_range: 1 }]);
  await engine.close();
});
