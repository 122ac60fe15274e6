// ISO timestamps with a zone name (`… America/New_York`) next to naive ones. DuckDB 1.5.6's ICU
// TIMESTAMPTZ cast carries a zone name over to the later naive values of the same vector (naive
// 10:00 after a New York value came out as 15:00 UTC); ingest reads naive values with the plain
// TIMESTAMP cast so they keep their wall clock. Expected values are worked by hand from the IANA
// rules: New York is UTC-4 on 2020-06-01 (EDT) and UTC-5 on 2020-01-01 (EST), Tokyo UTC+9,
// Berlin UTC+1 in January and UTC+2 in June.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ingestFile } from '../../src/transactions/ingest.js';
import { memoryEngine, tempFile } from './ingest-helpers.js';

const CSV =
  [
    'customer,date,amount',
    'a,2020-06-01 10:00:00 America/New_York,1',
    'b,2020-01-01 10:00:00,1',
    'c,2020-01-02 10:00:00,1',
    'd,2020-01-01 10:00:00 Asia/Tokyo,1',
    'e,2020-01-03T10:00:00,1',
    'f,2020-01-01 10:00:00+02,1',
    'g,2020-01-04,1',
    'h,2020-01-01T10:00:00Z,1',
    'i,2020-01-05 10:00,1',
    'j,2020-01-01 10:00:00 America/New_York,1',
    'k,2020-01-06 10:00:00.250,1',
  ].join('\n') + '\n';

async function timestamps(timezone: string): Promise<string[]> {
  const engine = memoryEngine();
  const report = await ingestFile(engine, tempFile('zones.csv', CSV), { timezone });
  assert.equal(report.dateFormat!.format, 'iso');
  assert.equal(report.rowsQuarantined, 0);
  const rows = await engine.rows<{ ts: string }>('SELECT CAST(ts AS VARCHAR) AS ts FROM transactions ORDER BY line');
  await engine.close();
  return rows.map((r) => r.ts);
}

test('zone names: naive values after a zone-named one keep their wall clock (UTC business zone)', async () => {
  assert.deepEqual(await timestamps('UTC'), [
    '2020-06-01 14:00:00', // 10:00 EDT
    '2020-01-01 10:00:00', // naive: unchanged (DuckDB's cast alone gives 15:00)
    '2020-01-02 10:00:00',
    '2020-01-01 01:00:00', // 10:00 JST
    '2020-01-03 10:00:00',
    '2020-01-01 08:00:00', // +02
    '2020-01-04 00:00:00',
    '2020-01-01 10:00:00', // Z
    '2020-01-05 10:00:00',
    '2020-01-01 15:00:00', // 10:00 EST
    '2020-01-06 10:00:00.25',
  ]);
});

test('zone names: converted into a non-UTC business zone, naive values stay local', async () => {
  assert.deepEqual(await timestamps('Europe/Berlin'), [
    '2020-06-01 16:00:00', // 10:00 EDT = 14:00 UTC = 16:00 CEST
    '2020-01-01 10:00:00',
    '2020-01-02 10:00:00',
    '2020-01-01 02:00:00', // 10:00 JST = 01:00 UTC = 02:00 CET
    '2020-01-03 10:00:00',
    '2020-01-01 09:00:00', // 08:00 UTC
    '2020-01-04 00:00:00',
    '2020-01-01 11:00:00', // 10:00 UTC
    '2020-01-05 10:00:00',
    '2020-01-01 16:00:00', // 15:00 UTC
    '2020-01-06 10:00:00.25',
  ]);
});

test('an unknown zone name is an unparseable date, not a shifted one', async () => {
  const engine = memoryEngine();
  const report = await ingestFile(
    engine,
    tempFile('bad-zone.csv', 'customer,date,amount\na,2020-01-01 10:00:00 Nowhere/Zone,1\nb,2020-01-02 10:00:00,1\n'),
    { dateFormat: 'iso' },
  );
  assert.deepEqual(report.quarantineByReason, { unparseable_date: 1 });
  const [row] = await engine.rows<{ ts: string }>('SELECT CAST(ts AS VARCHAR) AS ts FROM transactions');
  assert.equal(row!.ts, '2020-01-02 10:00:00');
  await engine.close();
});
