// Upload from the data page, through app.request(): column mapping, ingest counts, quarantine with
// reasons, size limit, file types, and that the client's file name never becomes a path.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getJson, sampleApp, tempDir } from './helpers.js';
import type { ApiDataSources } from '@cvm/core/api';
import type { Cell } from '@cvm/core/report';

const uploadDir = tempDir();
const { app, engine } = await sampleApp({ uploadDir, maxUploadBytes: 4096 });
after(() => engine.close());

const LOG =
  [
    'client,day,value,qty',
    'A1,2024-01-05,10.5,1',
    'A1,2024-02-05,20,2',
    'B2,2024-01-07,5,1',
    ',2024-01-08,7,1',
    'C3,not a date,9,1',
    'C3,2024-01-09,abc,1',
  ].join('\n') + '\n';

function form(name: string, content: string, fields: Record<string, string> = {}): FormData {
  const f = new FormData();
  f.set('file', new File([content], name, { type: 'text/csv' }));
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
}

test('upload with a column mapping: ingest counts, quarantine reasons, reports recomputed', async () => {
  const before = await getJson(app, '/api/overview');
  const { status, body } = await getJson(app, '/api/data/upload', {
    method: 'POST',
    body: form('../../../etc/evil.csv', LOG, { customer_col: 'client', date_col: 'day', amount_col: 'value', quantity_col: 'qty' }),
  });
  assert.equal(status, 200, JSON.stringify(body));
  assert.equal(body.originalName, 'evil.csv', "the client's directories are dropped (busboy keeps only the last segment)");
  assert.equal(body.ingest.rowsRead, 6);
  assert.equal(body.ingest.rowsAccepted, 3);
  assert.equal(body.ingest.rowsQuarantined, 3);
  assert.deepEqual(body.ingest.quarantineByReason, { missing_customer_id: 1, unparseable_date: 1, non_numeric_amount: 1 });
  // stored under its own name (the last path segment only), in a folder of its own
  const stored = readdirSync(uploadDir);
  assert.equal(stored.length, 1);
  assert.match(stored[0]!, /^[0-9a-f-]{36}$/);
  assert.deepEqual(readdirSync(join(uploadDir, stored[0]!)), ['evil.csv']);
  assert.equal(readFileSync(join(uploadDir, stored[0]!, 'evil.csv'), 'utf8'), LOG, "the bytes on disk are the upload's");
  const after = await getJson(app, '/api/overview');
  assert.equal(after.body.overview.customers, before.body.overview.customers + 2);
  // the overview's quarantine table is the core's spec (the one `cvm report` prints): keys, labels, the counts of this upload
  const qt = after.body.tables.quarantine;
  assert.equal(qt.id, 'overview.quarantine');
  assert.deepEqual(
    qt.columns.map((c: { key: string; label: string }) => [c.key, c.label]),
    [
      ['reason', 'Reason'],
      ['rows', 'Rows'],
      ['meaning', 'Meaning'],
    ],
  );
  assert.deepEqual(Object.fromEntries(qt.rows.map((r: Cell[]) => [r[0], r[1]])), {
    missing_customer_id: 1,
    unparseable_date: 1,
    non_numeric_amount: 1,
  });
  assert.ok(
    qt.rows.every((r: Cell[]) => typeof r[2] === 'string' && r[2].length > 0),
    'every reason in words',
  );
  const q = await getJson(app, '/api/data/quarantine?sort=line&dir=asc');
  assert.equal(q.body.total, 3);
  assert.deepEqual(
    q.body.rows.map((r: Cell[]) => r[2]),
    ['missing_customer_id', 'unparseable_date', 'non_numeric_amount'],
  );
  const sources = await getJson(app, '/api/data/sources');
  assert.equal(sources.body.sources.length, 2);
  assert.equal(sources.body.sources[1].file_name, 'evil.csv', 'listed under its own name, not a generated one');
  assert.equal(sources.body.quarantineByReason.length, 3);
  assert.ok(sources.body.quarantineByReason.every((r: ApiDataSources['quarantineByReason'][number]) => r.meaning.length > 0));
  // the default CSV is the rejected rows as they were, ready to fix and upload again
  const csv = (await (await app.request('/api/data/quarantine?format=csv')).text()).trimEnd().split('\n');
  assert.equal(csv.length, 4);
  assert.match(csv[0]!, /,cvm_source_file,cvm_line,cvm_reason,cvm_detail$/);
  const listing = await (await app.request('/api/data/quarantine?format=csv&layout=listing')).text();
  assert.equal(listing.trimEnd().split('\n').length, 4);
  const customers = await getJson(app, '/api/customers?q=a1');
  assert.equal(customers.body.total, 1);
});

test('upload errors carry codes: too large (413), wrong type, no file, unknown column', async () => {
  const big = await getJson(app, '/api/data/upload', { method: 'POST', body: form('big.csv', 'a,b\n' + 'x,1\n'.repeat(5000)) });
  assert.equal(big.status, 413);
  assert.equal(big.body.error.code, 'upload_too_large');
  const exe = await getJson(app, '/api/data/upload', { method: 'POST', body: form('tool.exe', 'MZ') });
  assert.equal(exe.status, 400);
  assert.equal(exe.body.error.code, 'bad_upload_type');
  const none = new FormData();
  none.set('customer_col', 'x');
  const nofile = await getJson(app, '/api/data/upload', { method: 'POST', body: none });
  assert.equal(nofile.status, 400);
  assert.equal(nofile.body.error.code, 'bad_upload');
  const badCol = await getJson(app, '/api/data/upload', {
    method: 'POST',
    body: form('x.csv', LOG + 'D4,2024-01-10,1,1\n', { customer_col: 'nobody' }),
  });
  assert.equal(badCol.status, 400);
  assert.match(badCol.body.error.code, /column/);
});

test('issue #20: a file with every row rejected is reported as rejected and not kept; errors name no server path', async () => {
  const kept = readdirSync(uploadDir).length;
  const bad = await getJson(app, '/api/data/upload', {
    method: 'POST',
    body: form('all-bad.csv', 'client,day,value\n,2024-01-01,1\nX,never,2\n', {
      customer_col: 'client',
      date_col: 'day',
      amount_col: 'value',
    }),
  });
  assert.equal(bad.status, 200, JSON.stringify(bad.body));
  assert.equal(bad.body.status, 'rejected');
  assert.equal(bad.body.ingest.rowsAccepted, 0);
  assert.equal(bad.body.ingest.rowsQuarantined, 2);
  assert.match(bad.body.message, /No row of "all-bad\.csv" was accepted/);
  assert.equal(readdirSync(uploadDir).length, kept, 'the rejected upload was deleted');
  // an ingest error (unknown column) deletes the upload and names the client's file, never the server's folder
  const badCol = await getJson(app, '/api/data/upload', {
    method: 'POST',
    body: form('mine.csv', LOG + 'E5,2024-01-11,1,1\n', { customer_col: 'nobody' }),
  });
  assert.equal(badCol.status, 400);
  assert.equal(readdirSync(uploadDir).length, kept);
  const text = JSON.stringify(badCol.body);
  assert.ok(!text.includes(uploadDir), text);
  // too large: refused while streaming, nothing left behind
  const big = await getJson(app, '/api/data/upload', { method: 'POST', body: form('big.csv', 'a,b\n' + 'x,1\n'.repeat(5000)) });
  assert.equal(big.status, 413);
  assert.equal(readdirSync(uploadDir).length, kept);
});
