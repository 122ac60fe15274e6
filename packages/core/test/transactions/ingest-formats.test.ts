// Date formats, time zones, file formats, returns, idempotent re-ingest and append.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ingestFile } from '../../src/transactions/ingest.js';
import { summarize } from '../../src/summary/summary.js';
import { InputError } from '../../src/errors.js';
import { count, memoryEngine, tempDir, tempFile } from './ingest-helpers.js';

async function days(csv: string, options = {}, name = 'log.csv') {
  const engine = memoryEngine();
  const report = await ingestFile(engine, tempFile(name, csv), options);
  const rows = await engine.rows<{ customer_id: string; d: string; ts: string }>(
    'SELECT customer_id, CAST(event_date AS VARCHAR) AS d, CAST(ts AS VARCHAR) AS ts FROM transactions ORDER BY line',
  );
  await engine.close();
  return { report, dates: rows.map((r) => r.d), ts: rows.map((r) => r.ts) };
}

test('ISO dates, with and without times (auto-detected)', async () => {
  const r = await days('customer,date,amount\na,2020-03-04,1\nb,2020-03-05 13:45:00,2\nc,2020-03-06T08:00:00,3\n');
  assert.equal(r.report.dateFormat!.format, 'iso');
  assert.deepEqual(r.dates, ['2020-03-04', '2020-03-05', '2020-03-06']);
});

test('YYYYMMDD (auto-detected, CDNOW style)', async () => {
  const r = await days('customer,date,amount\na,19970101,1\nb,19971231,2\n');
  assert.equal(r.report.dateFormat!.format, 'ymd');
  assert.deepEqual(r.dates, ['1997-01-01', '1997-12-31']);
});

test('day-first: detected when a day exceeds 12, or forced with dmy', async () => {
  const r = await days('customer,date,amount\na,03/04/2020,1\nb,25/12/2020,2\n');
  assert.equal(r.report.dateFormat!.format, 'dmy');
  assert.deepEqual(r.dates, ['2020-04-03', '2020-12-25']);
  const forced = await days('customer,date,amount\na,03/04/2020,1\n', { dateFormat: 'dmy' });
  assert.deepEqual(forced.dates, ['2020-04-03']);
});

test('month-first: detected when a day exceeds 12; ambiguous input is flagged', async () => {
  const r = await days('customer,date,amount\na,03/04/2020,1\nb,12/25/2020 10:30,2\n');
  assert.equal(r.report.dateFormat!.format, 'mdy');
  assert.equal(r.report.dateFormat!.ambiguous, false);
  assert.deepEqual(r.dates, ['2020-03-04', '2020-12-25']);
  const amb = await days('customer,date,amount\na,03/04/2020,1\n');
  assert.equal(amb.report.dateFormat!.ambiguous, true);
});

test('epoch seconds and milliseconds', async () => {
  // 1577880000 = 2020-01-01T12:00:00Z
  const s = await days('customer,date,amount\na,1577880000,1\n', { dateFormat: 'epoch-s' });
  assert.deepEqual(s.ts, ['2020-01-01 12:00:00']);
  const ms = await days('customer,date,amount\na,1577880000000,1\n');
  assert.equal(ms.report.dateFormat!.format, 'epoch-ms');
  assert.deepEqual(ms.ts, ['2020-01-01 12:00:00']);
});

test('--timezone: UTC instants and offsets become the local business day', async () => {
  // 2020-01-01T03:00:00Z is still 2019-12-31 in New York (UTC-5).
  const ny = await days('customer,date,amount\na,2020-01-01T03:00:00Z,1\nb,1577847600,1\n', {
    timezone: 'America/New_York',
    dateFormat: 'iso',
  });
  assert.deepEqual(ny.dates[0], '2019-12-31');
  assert.deepEqual(ny.ts[0], '2019-12-31 22:00:00');
  const epoch = await days('customer,date,amount\nb,1577847600,1\n', { timezone: 'America/New_York', dateFormat: 'epoch-s' });
  assert.deepEqual(epoch.dates, ['2019-12-31']);
  // Naive timestamps are taken as local time: the day does not move.
  const naive = await days('customer,date,amount\na,2020-01-01 03:00:00,1\n', { timezone: 'America/New_York' });
  assert.deepEqual(naive.dates, ['2020-01-01']);
});

test('a strptime pattern and an unknown time zone', async () => {
  const r = await days('customer;date;amount\na;04.03.2020 10:00;1\n', { dateFormat: '%d.%m.%Y %H:%M' });
  assert.deepEqual(r.dates, ['2020-03-04']);
  const engine = memoryEngine();
  await assert.rejects(
    ingestFile(engine, tempFile('x.csv', 'customer,date,amount\na,2020-01-01,1\n'), { timezone: 'Mars/Olympus' }),
    /Unknown time zone "Mars\/Olympus"/,
  );
  await engine.close();
});

test('semicolon delimiter and quoted fields with commas and quotes', async () => {
  const engine = memoryEngine();
  await ingestFile(engine, tempFile('log.csv', 'customer;date;amount;product\n"Smith, J";2020-01-01;1.5;"a ""b"""\nx;2020-01-02;2;c\n'), {
    mapping: { product: 'product' },
  });
  const rows = await engine.rows<{ customer_id: string; product_id: string; amount: number }>(
    'SELECT customer_id, product_id, amount FROM transactions ORDER BY line',
  );
  assert.deepEqual(rows, [
    { customer_id: 'Smith, J', product_id: 'a "b"', amount: 1.5 },
    { customer_id: 'x', product_id: 'c', amount: 2 },
  ]);
  await engine.close();
});

test('amount from price × quantity; negative quantity is a return', async () => {
  const engine = memoryEngine();
  const report = await ingestFile(
    engine,
    tempFile('log.csv', 'CustomerID,InvoiceDate,Quantity,UnitPrice\n1,2020-01-01,3,2.5\n1,2020-01-02,-1,2.5\n'),
  );
  assert.equal(report.mapping!.amountFromPriceQuantity, true);
  const rows = await engine.rows<{ amount: number; is_return: boolean }>('SELECT amount, is_return FROM transactions ORDER BY line');
  assert.deepEqual(rows, [
    { amount: 7.5, is_return: false },
    { amount: -2.5, is_return: true },
  ]);
  await engine.close();
});

test('returns are kept and netted: negative amounts and cancellation prefixes', async () => {
  const engine = memoryEngine();
  const csv = 'customer,order,date,amount\na,1,2020-01-01,100\na,2,2020-01-05,40\na,C2,2020-01-06,40\na,3,2020-01-07,-10\n';
  const report = await ingestFile(engine, tempFile('log.csv', csv), { cancelPrefix: 'C' });
  assert.equal(report.rowsAccepted, 4);
  assert.deepEqual(report.returns, { rows: 2, amount: -50 });
  const s = await summarize(engine, { period: 'day' });
  assert.equal(s.totalRevenue[0], 140);
  assert.equal(s.returns[0], 2);
  assert.equal(s.returnsValue[0], 50);
  assert.equal(s.netRevenue[0], 90);
  // returns are not purchase days, and they take back what they cancel (issue 21): C2 (40 on day 6)
  // nets against the latest purchase day before it, day 5 (40), which is then no purchase day
  assert.equal(s.frequency[0], 0, 'day 5 was cancelled: only day 1 is a purchase day');
  await engine.close();
});

test('re-ingesting the same content is idempotent; appending a new file adds to it', async () => {
  const engine = memoryEngine();
  const dir = tempDir();
  const a = join(dir, 'a.csv');
  writeFileSync(a, 'customer,date,amount\nx,2020-01-01,1\ny,2020-01-02,2\n');
  const first = await ingestFile(engine, a);
  const again = await ingestFile(engine, a);
  assert.equal(first.status, 'ingested');
  assert.equal(again.status, 'unchanged');
  assert.equal(await count(engine, 'SELECT count(*) AS n FROM transactions'), 2);
  const copy = join(dir, 'copy-of-a.csv');
  writeFileSync(copy, 'customer,date,amount\nx,2020-01-01,1\ny,2020-01-02,2\n');
  assert.equal((await ingestFile(engine, copy)).status, 'unchanged', 'same content under another name');
  const b = join(dir, 'b.csv');
  writeFileSync(b, 'customer,date,amount\nx,2020-02-01,3\n');
  await ingestFile(engine, b);
  assert.equal(await count(engine, 'SELECT count(*) AS n FROM transactions'), 3);
  // Same path, new content: the file's earlier rows are replaced, not doubled.
  writeFileSync(a, 'customer,date,amount\nx,2020-01-01,1\ny,2020-01-02,2\nz,2020-01-03,4\n');
  assert.equal((await ingestFile(engine, a)).status, 'replaced');
  assert.equal(await count(engine, 'SELECT count(*) AS n FROM transactions'), 4);
  await engine.close();
});

test('Parquet and NDJSON are read by DuckDB; NDJSON bad lines are quarantined', async () => {
  const dir = tempDir();
  const engine = memoryEngine();
  const parquet = join(dir, 'log.parquet');
  await engine.exec(
    `COPY (SELECT * FROM (VALUES ('a', DATE '2020-01-01', 1.5), ('b', DATE '2020-01-02', 2.0)) t(customer_id, order_date, amount)) TO '${parquet}' (FORMAT parquet)`,
  );
  const p = await ingestFile(engine, parquet);
  assert.equal(p.format, 'parquet');
  assert.equal(p.rowsAccepted, 2);
  const ndjson = tempFile(
    'log.ndjson',
    '{"customer_id":"c","date":"2020-01-03","amount":3}\n{not json}\n{"customer_id":"d","date":"2020-01-04","amount":"x"}\n',
    dir,
  );
  const n = await ingestFile(engine, ndjson);
  assert.equal(n.format, 'ndjson');
  assert.equal(n.rowsAccepted, 1);
  assert.deepEqual(n.quarantineByReason, { malformed_row: 1, non_numeric_amount: 1 });
  const lines = await engine.rows<{ line: number; reason: string }>('SELECT line, reason FROM quarantine ORDER BY line');
  assert.deepEqual(lines, [
    { line: 2, reason: 'malformed_row' },
    { line: 3, reason: 'non_numeric_amount' },
  ]);
  await engine.close();
});

test('garbage input: empty, binary, header only, wrong columns → InputError naming what was found', async () => {
  const engine = memoryEngine();
  const cases: [string, string | Buffer, RegExp][] = [
    ['empty.csv', '', /empty \(0 bytes\)/],
    ['bin.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2]), /looks binary/],
    ['header.csv', 'customer,date,amount\n', /no data rows/],
    ['cols.csv', 'foo,bar\n1,2\n', /no customer id.*columns present: foo, bar/],
  ];
  for (const [name, content, message] of cases) {
    await assert.rejects(ingestFile(engine, tempFile(name, content)), (e: unknown) => {
      assert.ok(e instanceof InputError, `${name}: ${String(e)}`);
      assert.match((e as Error).message, message);
      assert.ok(!(e as Error).message.includes('\n'), 'one line');
      return true;
    });
  }
  await assert.rejects(ingestFile(engine, '/nonexistent/x.csv'), /No such file/);
  await assert.rejects(
    ingestFile(engine, tempFile('x.csv', 'customer,date,amount\na,2020-01-01,1\n'), { mapping: { customer: 'nope' } }),
    /--customer-col "nope" is not a column.*columns present: customer, date, amount/,
  );
  await engine.close();
});
