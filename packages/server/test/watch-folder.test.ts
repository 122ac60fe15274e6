// The watched folder (issue 16, item 5): files dropped into it are ingested once stable, like an
// uploaded log (the same accepted rows and quarantine reasons), a repeated file is unchanged, a
// changed one replaces its rows, a file still being written (.part) or failing is not retried, and
// the reports move to the new data version. Scans are called by hand (no timer), so nothing here
// depends on timing.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeWatchEvent, watchFolder } from '../src/watch-folder.js';
import { getJson, sampleApp, tempDir } from './helpers.js';

const { app, engine } = await sampleApp();
after(() => engine.close());
const dir = tempDir();
const watch = watchFolder(app.state, dir, { ingest: { mapping: { customer: 'customer', date: 'date', amount: 'amount' } } });
const customers = async (): Promise<number> => (await getJson(app, '/api/overview')).body.overview.customers;
const version = async (): Promise<number> => (await getJson(app, '/api/health')).body.dataVersion;

test('a new file is ingested on the second look that finds it unchanged; its bad rows are quarantined', async () => {
  const before = await customers();
  writeFileSync(join(dir, 'day1.csv'), 'customer,date,amount\nW1,1998-07-01,10\nW2,1998-07-02,abc\nW1,1998-07-05,4.5\n');
  writeFileSync(join(dir, 'notes.md'), 'not a log');
  assert.deepEqual(await watch.scan(), [], 'first look: not yet known to be stable');
  const [e, ...rest] = await watch.scan();
  assert.equal(rest.length, 0, 'only the log file, not notes.md');
  assert.equal(e!.kind, 'ingested');
  if (e!.kind !== 'ingested') return;
  assert.deepEqual([e.report.status, e.report.rowsAccepted, e.report.rowsQuarantined], ['ingested', 2, 1]);
  assert.deepEqual(e.report.quarantineByReason, { non_numeric_amount: 1 });
  assert.equal(e.dataVersion, 2);
  assert.equal(await version(), 2);
  assert.equal(await customers(), before + 1, 'W1 is a new customer; W2 had only a rejected row');
  assert.equal(describeWatchEvent(e), 'cvm watch: day1.csv: ingested, 2 rows accepted, 1 quarantined; data version 2');
  assert.deepEqual(await watch.scan(), [], 'the same file is not read again');
});

test('a .part file waits for its rename; a changed file replaces its rows; a copy of a seen file is unchanged', async () => {
  const part = join(dir, 'day2.csv.part');
  writeFileSync(part, 'customer,date,amount\nW3,1998-07-03,7\n');
  assert.deepEqual(await watch.scan(), []);
  assert.deepEqual(await watch.scan(), [], 'a .part file is never read');
  renameSync(part, join(dir, 'day2.csv'));
  await watch.scan();
  const [e] = await watch.scan();
  assert.equal(e?.kind === 'ingested' && e.report.rowsAccepted, 1);
  assert.equal(await version(), 3);

  writeFileSync(join(dir, 'day1.csv'), 'customer,date,amount\nW1,1998-07-01,10\n'); // edited: one row left
  await watch.scan();
  const [changed] = await watch.scan();
  assert.equal(changed?.kind === 'ingested' && changed.report.status, 'replaced');
  const [w1] = await engine.rows<{ n: number }>("SELECT count(*) AS n FROM transactions WHERE customer_id = 'W1'");
  assert.equal(w1!.n, 1, "the edited file's old rows are gone");

  writeFileSync(join(dir, 'copy-of-day2.csv'), 'customer,date,amount\nW3,1998-07-03,7\n');
  await watch.scan();
  const [copy] = await watch.scan();
  assert.equal(copy?.kind === 'ingested' && copy.report.status, 'unchanged', 'same content as day2.csv');
  assert.equal(describeWatchEvent(copy!), 'cvm watch: copy-of-day2.csv: unchanged (already ingested)');
  assert.equal(await version(), 4, 'ingests: sample, day1, day2, day1 replaced');
});

test('a file that cannot be ingested is reported once and not retried until it changes', async () => {
  const v = await version();
  writeFileSync(join(dir, 'broken.csv'), 'customer,date,amount\n'); // a header and no rows
  await watch.scan();
  const [e] = await watch.scan();
  assert.equal(e?.kind, 'failed');
  assert.match(describeWatchEvent(e!), /^cvm watch: broken\.csv: not ingested: /);
  assert.deepEqual(await watch.scan(), [], 'not retried');
  assert.equal(await version(), v, 'no new data version');
  watch.stop();
});
