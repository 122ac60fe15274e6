// The data version (issue 16, item 5): the newest ingest's id, files, accepted transactions and the
// last ingest time, checked against the workspace's own tables after new, repeated and replaced files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ingestFile, ensureWorkspace } from '../../src/transactions/ingest.js';
import { describeDataVersion, readDataVersion } from '../../src/transactions/data-version.js';
import { count, memoryEngine, tempDir } from './ingest-helpers.js';

const HEADER = 'customer_id,date,amount\n';

test('empty workspace: version 0, nothing ingested', async () => {
  const engine = memoryEngine();
  await ensureWorkspace(engine);
  assert.deepEqual(await readDataVersion(engine), { version: 0, files: 0, transactions: 0, lastIngestAt: null });
  assert.equal(describeDataVersion(await readDataVersion(engine)), 'data version 0 (nothing ingested)');
});

test('each changing ingest moves the version; a repeated file does not; a replaced file keeps one file', async () => {
  const engine = memoryEngine();
  const dir = tempDir();
  const a = join(dir, 'a.csv');
  const b = join(dir, 'b.csv');
  writeFileSync(a, `${HEADER}x,2020-01-01,10\ny,2020-01-02,20\nz,not a date,5\n`);
  writeFileSync(b, `${HEADER}x,2020-02-01,15\n`);
  await ingestFile(engine, a);
  const v1 = await readDataVersion(engine);
  assert.equal(v1.version, 1);
  assert.equal(v1.files, 1);
  assert.equal(v1.transactions, 2, 'the quarantined row is not a transaction');
  assert.match(v1.lastIngestAt!, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
  await ingestFile(engine, b);
  const v2 = await readDataVersion(engine);
  assert.equal(v2.version, 2);
  assert.equal(v2.files, 2);
  assert.equal(v2.transactions, await count(engine, 'SELECT count(*) AS n FROM transactions'));
  assert.equal((await ingestFile(engine, b)).status, 'unchanged');
  assert.deepEqual(await readDataVersion(engine), v2, 'a repeated file changes nothing');
  writeFileSync(a, `${HEADER}x,2020-01-01,10\n`);
  assert.equal((await ingestFile(engine, a)).status, 'replaced');
  const v3 = await readDataVersion(engine);
  assert.equal(v3.version, 3, 'a replaced file is a new version');
  assert.equal(v3.files, 2);
  assert.equal(v3.transactions, 2);
  assert.equal(v3.transactions, await count(engine, 'SELECT count(*) AS n FROM transactions'));
  assert.match(
    describeDataVersion(v3, '2026-12-07T02:40:11.123Z'),
    /^data version 3 \(2 files, 2 accepted rows, last ingest .+ UTC\); computed at 2026-12-07 02:40:11 UTC$/,
  );
});
