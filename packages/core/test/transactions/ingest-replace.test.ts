// Re-ingesting a changed file at the same path replaces that file's rows: its old rows are neither
// kept nor used as "earlier accepted rows" by the exact-duplicate check. A different file repeating
// accepted rows is still quarantined as duplicate_row. The earlierDuplicates hook (used by the ClickHouse
// ingest) takes the place of the check against earlier files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ingestFile } from '../../src/transactions/ingest.js';
import { listQuarantine } from '../../src/transactions/quarantine.js';
import type { Engine } from '../../src/engine/engine.js';
import { count, memoryEngine, tempDir } from './ingest-helpers.js';

const HEADER = 'customer_id,order_id,date,amount\n';
const V1 = HEADER + 'a,o1,2020-01-01,10\nb,o2,2020-01-02,20\nc,o3,2020-01-03,30\n';
// v2: o1 and o3 unchanged, o2's amount edited, o4 and o5 added, one real in-file duplicate (line 7)
// and one bad date (line 8).
const V2 =
  HEADER +
  'a,o1,2020-01-01,10\nb,o2,2020-01-02,25\nc,o3,2020-01-03,30\nd,o4,2020-01-04,40\ne,o5,2020-01-05,50\nd,o4,2020-01-04,40\nf,o6,not a date,60\n';

async function accepted(engine: Engine): Promise<string[]> {
  const rows = await engine.rows<{ k: string }>(
    `SELECT order_id || ':' || amount || '@' || line AS k FROM transactions ORDER BY source_id, line`,
  );
  return rows.map((r) => r.k);
}

test('same path, changed content: accepted rows are exactly the new version, nothing counted twice', async () => {
  const engine = memoryEngine();
  const a = join(tempDir(), 'a.csv');
  writeFileSync(a, V1);
  const first = await ingestFile(engine, a);
  assert.equal(first.rowsAccepted, 3);
  writeFileSync(a, V2);
  const second = await ingestFile(engine, a);
  assert.equal(second.status, 'replaced');
  assert.equal(second.rowsRead, 7);
  assert.equal(second.rowsAccepted, 5, 'o1 and o3 are not duplicates of their own earlier version');
  assert.deepEqual(second.quarantineByReason, { duplicate_row: 1, unparseable_date: 1 });
  assert.deepEqual(await accepted(engine), ['o1:10.0@2', 'o2:25.0@3', 'o3:30.0@4', 'o4:40.0@5', 'o5:50.0@6']);
  const q = await listQuarantine(engine);
  assert.deepEqual(
    q.map((r) => [r.line, r.reason]),
    [
      [7, 'duplicate_row'],
      [8, 'unparseable_date'],
    ],
  );
  assert.equal(await count(engine, 'SELECT count(*) AS n FROM sources'), 1, 'the old version is forgotten');
  await engine.close();
});

test('a different file repeating accepted rows is still quarantined as duplicate_row', async () => {
  const engine = memoryEngine();
  const dir = tempDir();
  const a = join(dir, 'a.csv');
  writeFileSync(a, V1);
  await ingestFile(engine, a);
  writeFileSync(a, V2);
  await ingestFile(engine, a);
  const b = join(dir, 'b.csv');
  writeFileSync(b, HEADER + 'a,o1,2020-01-01,10\nd,o4,2020-01-04,40\ng,o7,2020-01-07,70\nb,o2,2020-01-02,20\n');
  const r = await ingestFile(engine, b);
  assert.equal(r.status, 'ingested');
  // o1 and o4 are in a.csv's current version; o2 at 20 was only in its replaced version.
  assert.deepEqual(r.quarantineByReason, { duplicate_row: 2 });
  assert.equal(r.rowsAccepted, 2);
  const q = await listQuarantine(engine);
  assert.deepEqual(
    q.filter((x) => x.source_file === 'b.csv').map((x) => [x.line, x.reason]),
    [
      [2, 'duplicate_row'],
      [3, 'duplicate_row'],
    ],
  );
  assert.equal(await count(engine, 'SELECT count(*) AS n FROM transactions'), 7);

  // Replacing a.csv again keeps b.csv's rows: rows of a.csv's new version equal to b.csv's accepted
  // rows (o2 at 20, o7) are duplicates of that other file; o1, whose copy in b.csv was rejected, is not.
  writeFileSync(a, V1 + 'g,o7,2020-01-07,70\n');
  const again = await ingestFile(engine, a);
  assert.equal(again.status, 'replaced');
  assert.equal(again.rowsAccepted, 2);
  assert.deepEqual(again.quarantineByReason, { duplicate_row: 2 });
  assert.deepEqual(await accepted(engine), ['o7:70.0@4', 'o2:20.0@5', 'o1:10.0@2', 'o3:30.0@4']);
  await engine.close();
});

test('the earlierDuplicates hook replaces the check against earlier files: it gets the keys as stored, its rn are duplicate_row', async () => {
  const engine = memoryEngine();
  const dir = tempDir();
  const a = join(dir, 'a.csv');
  writeFileSync(a, V1);
  await ingestFile(engine, a);
  // b repeats a's o1 and o2 (the local check would quarantine both), returns o9, and repeats o9 within the file
  const b = join(dir, 'b.csv');
  writeFileSync(b, `${HEADER}a,o1,2020-01-01,10\nb,o2,2020-01-02,20\ng,o9,2020-01-09,-7\ng,o9,2020-01-09,-7\n`);
  let keys: Record<string, unknown>[] = [];
  const report = await ingestFile(engine, b, {
    earlierDuplicates: async (e, table) => {
      keys = await e.rows(`SELECT rn, customer_id, CAST(ts AS VARCHAR) AS ts, amount, order_id, product_id FROM ${table} ORDER BY rn`);
      return [keys[1]!.rn as number]; // says o2 is a duplicate, o1 is not
    },
  });
  assert.deepEqual(
    keys.map((k) => [k.order_id, k.ts, k.amount, k.product_id]),
    [
      ['o1', '2020-01-01 00:00:00', 10, null],
      ['o2', '2020-01-02 00:00:00', 20, null],
      ['o9', '2020-01-09 00:00:00', -7, null],
    ],
    'accepted rows not already duplicates within the file, amount signed as stored',
  );
  assert.deepEqual(report.quarantineByReason, { duplicate_row: 2 }, "o2 (the hook's) and o9's second line (within the file)");
  assert.deepEqual(
    (await accepted(engine)).slice(3),
    ['o1:10.0@2', 'o9:-7.0@4'],
    'o1 went in again: the hook, not the local transactions, decides',
  );
});
