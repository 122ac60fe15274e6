// Date decisions that a sample cannot make: day-first vs month-first and epoch seconds vs
// milliseconds are settled on every row (issue 21, items 1, 2 and 10). Expected dates are computed
// independently in the test (Date.UTC), never read back from the code under test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ingestFile } from '../../src/transactions/ingest.js';
import { InputError } from '../../src/errors.js';
import { createRng } from '../../src/math/random/rng.js';
import { memoryEngine, tempFile } from './ingest-helpers.js';

const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * 30,000 rows of day-first dates over 2011; the first 20,000 all have a day ≤ 12 (they read both
 * ways), a day above 12 appears only after them. Returns the CSV and the ISO date of each row.
 */
function dayFirstLog(): { csv: string; iso: string[] } {
  const u = createRng(21);
  const lines = ['customer_id,InvoiceDate,amount'];
  const iso: string[] = [];
  for (let i = 0; i < 30_000; i++) {
    const month = 1 + Math.floor(u() * 12);
    const maxDay = new Date(Date.UTC(2011, month, 0)).getUTCDate();
    const day = i < 20_000 ? 1 + Math.floor(u() * 12) : 1 + Math.floor(u() * maxDay);
    const hour = Math.floor(u() * 24);
    lines.push(`c${i % 977},${pad(day)}/${pad(month)}/2011 ${pad(hour)}:15,${(1 + u() * 50).toFixed(2)}`);
    iso.push(new Date(Date.UTC(2011, month - 1, day)).toISOString().slice(0, 10));
  }
  return { csv: lines.join('\n') + '\n', iso };
}

test('day-first dates whose days above 12 come only after row 20,000 are read day-first, every row', async () => {
  const { csv, iso } = dayFirstLog();
  const engine = memoryEngine();
  const report = await ingestFile(engine, tempFile('dmy.csv', csv));
  const rows = await engine.rows<{ d: string }>('SELECT CAST(event_date AS VARCHAR) AS d FROM transactions ORDER BY line');
  await engine.close();
  assert.equal(report.dateFormat!.format, 'dmy');
  assert.equal(report.dateFormat!.ambiguous, false);
  assert.match(report.dateFormat!.evidence!, /day above 12 in the first field/);
  assert.equal(report.rowsQuarantined, 0, JSON.stringify(report.quarantineByReason));
  assert.equal(rows.length, 30_000);
  const wrong = rows.findIndex((r, i) => r.d !== iso[i]);
  assert.equal(wrong, -1, `row ${wrong}: stored ${rows[wrong]?.d}, expected ${iso[wrong]}`);
});

test('month-first dates are still read month-first; dates that read both ways are flagged', async () => {
  const engine = memoryEngine();
  const r = await ingestFile(
    engine,
    tempFile('mdy.csv', 'customer,date,amount\n' + 'a,01/02/2020,1\n'.repeat(25_000) + 'b,12/25/2020,2\n'),
  );
  assert.equal(r.dateFormat!.format, 'mdy');
  assert.equal(r.dateFormat!.ambiguous, false);
  const amb = await ingestFile(engine, tempFile('amb.csv', 'customer,date,amount\na,01/02/2020,1\nb,03/04/2020,1\n'));
  assert.equal(amb.dateFormat!.ambiguous, true);
  await engine.close();
});

test('day-first and month-first mixed: refused, naming the counts of each reading', async () => {
  // 3 dates only day-first reads, 2 only month-first reads, 1 neither (13/13), 4 both.
  const dates = [
    '13/01/2020',
    '25/12/2020',
    '31/03/2020',
    '01/13/2020',
    '12/31/2020',
    '13/13/2020',
    '01/02/2020',
    '03/04/2020',
    '05/06/2020',
    '07/08/2020',
  ];
  const csv = 'customer,date,amount\n' + dates.map((d, i) => `c${i},${d},1`).join('\n') + '\n';
  const engine = memoryEngine();
  await assert.rejects(ingestFile(engine, tempFile('mixed.csv', csv)), (error: unknown) => {
    assert.ok(error instanceof InputError);
    assert.equal(error.code, 'ambiguous_date_format');
    // day-first fails on the 2 month-first-only dates and 13/13; month-first on the 3 day-first-only and 13/13.
    assert.deepEqual(
      [error.context.dayFirstOnly, error.context.monthFirstOnly, error.context.dmyUnparseable, error.context.mdyUnparseable],
      [3, 2, 3, 4],
    );
    assert.match(
      error.message,
      /3 have a first field above 12 \(e\.g\. "13\/01\/2020".*2 a second field above 12 \(e\.g\. "01\/13\/2020".*day-first, 3 dates would not parse; read month-first, 4/,
    );
    return true;
  });
  const stored = await engine.rows<{ n: number }>(
    'SELECT (SELECT count(*) FROM transactions) + (SELECT count(*) FROM quarantine) + (SELECT count(*) FROM sources) AS n',
  );
  assert.equal(stored[0]!.n, 0, 'nothing stored');
  await engine.close();
});

test('epoch seconds are not read as milliseconds (1672531200 is 2023-01-01, not 1970-01-20)', async () => {
  const engine = memoryEngine();
  const s = await ingestFile(engine, tempFile('s.csv', 'customer,date,amount\na,1672531200,1\nb,1672617600,2\n'));
  assert.equal(s.dateFormat!.format, 'epoch-s');
  const ms = await ingestFile(engine, tempFile('ms.csv', 'customer,date,amount\nc,1672531200000,1\nd,1672617600000,2\n'));
  assert.equal(ms.dateFormat!.format, 'epoch-ms');
  const days = await engine.rows<{ c: string; d: string }>(
    'SELECT customer_id AS c, CAST(event_date AS VARCHAR) AS d FROM transactions ORDER BY c',
  );
  assert.deepEqual(
    days.map((r) => r.d),
    ['2023-01-01', '2023-01-02', '2023-01-01', '2023-01-02'],
  );
  await engine.close();
});

test('epoch values that fit the accepted range in neither unit are refused', async () => {
  // 9e9 s = 2255-03-14, 9e9 ms = 1970-04-15: neither in [2000-01-01, 2030-01-01).
  const engine = memoryEngine();
  await assert.rejects(
    ingestFile(engine, tempFile('e.csv', 'customer,date,amount\na,9000000000,1\nb,9000000001,1\n'), {
      minDate: '2000-01-01',
      maxDate: '2030-01-01',
    }),
    (error: unknown) => {
      assert.ok(error instanceof InputError);
      assert.equal(error.code, 'epoch_out_of_range');
      assert.match(
        error.message,
        /as epoch seconds the dates 2255-03-14 .. 2255-03-14, as milliseconds 1970-04-15 .. 1970-04-15; neither fits the accepted range \[2000-01-01, 2030-01-01\)/,
      );
      return true;
    },
  );
  await engine.close();
});

test('an absurd epoch value is quarantined, not an engine error that stops the ingest', async () => {
  const engine = memoryEngine();
  const r = await ingestFile(engine, tempFile('e.csv', 'customer,date,amount\na,1672531200,1\nb,100000000000000000000,1\n'), {
    dateFormat: 'epoch-s',
  });
  assert.deepEqual([r.rowsAccepted, r.quarantineByReason], [1, { unparseable_date: 1 }]);
  const m = await ingestFile(engine, tempFile('m.csv', 'customer,date,amount\na,1672531200000,1\nb,99999999999999999,1\n'), {
    dateFormat: 'epoch-ms',
  });
  assert.deepEqual([m.rowsAccepted, m.quarantineByReason], [1, { unparseable_date: 1 }]);
  await engine.close();
});

test('--min-date on or after --max-date is a usage error', async () => {
  const engine = memoryEngine();
  const file = tempFile('log.csv', 'customer,date,amount\na,2020-01-01,1\n');
  for (const [minDate, maxDate] of [
    ['2021-01-01', '2020-01-01'],
    ['2020-01-01', '2020-01-01'],
  ]) {
    await assert.rejects(ingestFile(engine, file, { minDate, maxDate }), (error: unknown) => {
      assert.ok(error instanceof InputError);
      assert.equal(error.code, 'bad_date_range');
      assert.match(error.message, new RegExp(`--min-date \\(${minDate}\\) must come before --max-date \\(${maxDate}\\)`));
      return true;
    });
  }
  await engine.close();
});
