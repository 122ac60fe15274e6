// One test per quarantine reason: the row lands in quarantine with its line and reason, the rest is
// accepted, and rows read = accepted + quarantined.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ingestFile } from '../../src/transactions/ingest.js';
import { listQuarantine } from '../../src/transactions/quarantine.js';
import { DataQualityError } from '../../src/errors.js';
import { count, memoryEngine, tempFile } from './ingest-helpers.js';

const HEADER = 'customer_id,date,amount\n';

async function quarantined(csv: string, options = {}) {
  const engine = memoryEngine();
  const report = await ingestFile(engine, tempFile('log.csv', csv), options);
  const rows = await listQuarantine(engine);
  const accepted = await count(engine, 'SELECT count(*) AS n FROM transactions');
  await engine.close();
  assert.equal(report.rowsRead, report.rowsAccepted + report.rowsQuarantined, 'row accounting');
  assert.equal(accepted, report.rowsAccepted);
  return { report, rows };
}

test('missing customer id → missing_customer_id with its line', async () => {
  const { report, rows } = await quarantined(HEADER + 'a,2020-01-01,10\n,2020-01-02,5\n  ,2020-01-03,5\n');
  assert.deepEqual(
    rows.map((r) => [r.line, r.reason]),
    [
      [3, 'missing_customer_id'],
      [4, 'missing_customer_id'],
    ],
  );
  assert.equal(report.rowsAccepted, 1);
});

test('unparseable date → unparseable_date, raw value kept', async () => {
  const { rows } = await quarantined(HEADER + 'a,2020-01-01,10\nb,not a date,5\nc,2020-02-30,5\n');
  assert.deepEqual(
    rows.map((r) => [r.line, r.reason, r.date_raw]),
    [
      [3, 'unparseable_date', 'not a date'],
      [4, 'unparseable_date', '2020-02-30'],
    ],
  );
});

test('non-numeric, empty, NaN or infinite amount → non_numeric_amount (never coerced to 0)', async () => {
  const { rows, report } = await quarantined(
    HEADER + 'a,2020-01-01,10\nb,2020-01-02,ten\nc,2020-01-03,\nd,2020-01-04,NaN\ne,2020-01-05,inf\nf,2020-01-06,$5\n',
  );
  assert.deepEqual(
    rows.map((r) => r.reason),
    Array(5).fill('non_numeric_amount'),
  );
  assert.deepEqual(
    rows.map((r) => r.line),
    [3, 4, 5, 6, 7],
  );
  assert.equal(report.rowsAccepted, 1);
});

test('date outside the sane range → date_out_of_range with the range in the detail', async () => {
  const { rows } = await quarantined(HEADER + 'a,2020-01-01,10\nb,1899-12-31,5\nc,2999-01-01,5\n', {
    minDate: '1990-01-01',
    maxDate: '2030-01-01',
  });
  assert.deepEqual(
    rows.map((r) => [r.line, r.reason]),
    [
      [3, 'date_out_of_range'],
      [4, 'date_out_of_range'],
    ],
  );
  assert.match(rows[0]!.detail!, /1990-01-01, 2030-01-01/);
});

test('exact duplicate (with an order id) → duplicate_row; the first copy is accepted', async () => {
  const csv = 'customer_id,order_id,date,amount\na,o1,2020-01-01,10\na,o1,2020-01-01,10\na,o2,2020-01-01,10\n';
  const { rows, report } = await quarantined(csv);
  assert.equal(report.duplicateCheck, true);
  assert.deepEqual(
    rows.map((r) => [r.line, r.reason]),
    [[3, 'duplicate_row']],
  );
  assert.equal(report.rowsAccepted, 2);
});

test('duplicates: raw values kept; three copies → two duplicates; a copy of a rejected row is not a duplicate', async () => {
  const csv =
    'customer_id,order_id,date,amount,quantity\n' +
    'a,o1, 2020-01-01 ,10,1\n' + // accepted (date with spaces)
    'a,o1,2020-01-01,10,1\n' + // duplicate of line 2: same parsed values
    'a,o1,2020-01-01,10.0,1\n' + // duplicate again (10.0 = 10)
    'b,o2,2020-01-02,5,x\n' + // non_numeric_quantity
    'b,o2,2020-01-02,5,\n'; // same key as line 5 (quantity NULL) but line 5 was rejected: accepted
  const { rows, report } = await quarantined(csv);
  assert.deepEqual(
    rows.map((r) => [r.line, r.reason, r.customer_raw, r.date_raw, r.amount_raw]),
    [
      [3, 'duplicate_row', 'a', '2020-01-01', '10'],
      [4, 'duplicate_row', 'a', '2020-01-01', '10.0'],
      [5, 'non_numeric_quantity', 'b', '2020-01-02', '5'],
    ],
  );
  assert.equal(report.rowsAccepted, 2);
});

test('without an order id identical rows are separate purchases unless --dedupe on', async () => {
  const csv = HEADER + 'a,2020-01-01,10\na,2020-01-01,10\n';
  assert.equal((await quarantined(csv)).report.rowsAccepted, 2);
  const on = await quarantined(csv, { dedupe: 'on' });
  assert.equal(on.report.rowsAccepted, 1);
  assert.deepEqual(
    on.rows.map((r) => r.reason),
    ['duplicate_row'],
  );
});

test('a line the CSV reader cannot split → malformed_row with the raw line', async () => {
  const { rows, report } = await quarantined(HEADER + 'a,2020-01-01,10\nb,2020-01-02,5,extra\nc,2020-01-03,7\n');
  assert.deepEqual(
    rows.map((r) => [r.line, r.reason, r.record]),
    [[3, 'malformed_row', 'b,2020-01-02,5,extra']],
  );
  assert.equal(report.rowsAccepted, 2);
});

test('lines stay exact after a malformed row (accepted rows keep their physical line)', async () => {
  const engine = memoryEngine();
  await ingestFile(engine, tempFile('log.csv', HEADER + 'a,2020-01-01,10\nb,x,5,extra\nc,2020-01-03,7\nd,2020-01-04,8\n'));
  const lines = await engine.rows<{ customer_id: string; line: number }>('SELECT customer_id, line FROM transactions ORDER BY line');
  assert.deepEqual(
    lines.map((l) => [l.customer_id, l.line]),
    [
      ['a', 2],
      ['c', 4],
      ['d', 5],
    ],
  );
  await engine.close();
});

test('non-numeric quantity or cost → their own reasons', async () => {
  const csv =
    'customer_id,date,amount,quantity,cost\na,2020-01-01,10,1,2\nb,2020-01-02,5,two,1\nc,2020-01-03,5,1,cheap\nd,2020-01-04,5,,\n';
  const { rows, report } = await quarantined(csv);
  assert.deepEqual(
    rows.map((r) => [r.line, r.reason]),
    [
      [3, 'non_numeric_quantity'],
      [4, 'non_numeric_cost'],
    ],
  );
  assert.equal(report.rowsAccepted, 2, 'empty optional quantity/cost are allowed (NULL)');
});

test('--strict fails with the counts and adds nothing', async () => {
  const engine = memoryEngine();
  const path = tempFile('log.csv', HEADER + 'a,2020-01-01,10\nb,bad,5\n');
  await assert.rejects(ingestFile(engine, path, { strict: true }), (e: unknown) => {
    assert.ok(e instanceof DataQualityError);
    assert.match((e as Error).message, /1 of 2 rows .* would be quarantined \(1 unparseable_date\); nothing was added/);
    return true;
  });
  assert.equal(await count(engine, 'SELECT count(*) AS n FROM transactions'), 0);
  assert.equal(await count(engine, 'SELECT count(*) AS n FROM quarantine'), 0);
  assert.equal(await count(engine, 'SELECT count(*) AS n FROM sources'), 0);
  await engine.close();
});
