// Every API answer says which data it reflects (issue 16, item 5): X-Cvm-Data-Version (the newest
// ingest), X-Cvm-Last-Ingest and X-Cvm-Computed-At (when the stages it read were computed); the
// health route gives the same version with the files and transactions, checked against the tables.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { getJson, sampleApp } from './helpers.js';

const { app, engine } = await sampleApp();
after(() => engine.close());

test('health: the data version equals the workspace tables', async () => {
  const { body } = await getJson(app, '/api/health');
  const [t] = await engine.rows<{ n: number }>('SELECT count(*) AS n FROM transactions');
  const [s] = await engine.rows<{ n: number; id: number }>('SELECT count(*) AS n, max(source_id) AS id FROM sources');
  assert.equal(body.dataVersion, s!.id);
  assert.deepEqual([body.data.version, body.data.files, body.data.transactions], [s!.id, s!.n, t!.n]);
  assert.equal(body.data.transactions, 6919, 'the CDNOW sample has 6,919 transactions');
});

test('answers carry the data version and when their stages were computed; new events move both', async () => {
  const startedAt = new Date().toISOString();
  const first = await app.request('/api/overview');
  assert.equal(first.status, 200);
  const version = first.headers.get('x-cvm-data-version');
  const computedAt = first.headers.get('x-cvm-computed-at');
  assert.equal(version, '1');
  assert.match(first.headers.get('x-cvm-last-ingest')!, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.ok(computedAt !== null && computedAt >= startedAt, `computed at ${computedAt} is after the request started (${startedAt})`);
  const again = await app.request('/api/overview');
  assert.equal(again.headers.get('x-cvm-computed-at'), computedAt, 'a memoised stage keeps its computation time');
  const missing = await app.request('/api/no-such-route');
  assert.equal(missing.status, 404);
  assert.equal(missing.headers.get('x-cvm-data-version'), null, 'an error answer carries no data stamp');

  const posted = await app.request('/api/events?customer_col=customer&date_col=date&amount_col=amount', {
    method: 'POST',
    body: `${JSON.stringify({ customer: 'N1', date: '1998-07-01', amount: 9 })}\n`,
    headers: { 'content-type': 'application/x-ndjson' },
  });
  assert.equal(posted.status, 200);
  assert.equal(((await posted.json()) as { dataVersion: number }).dataVersion, 2);
  const after2 = await app.request('/api/overview');
  assert.equal(after2.headers.get('x-cvm-data-version'), '2');
  assert.ok(after2.headers.get('x-cvm-computed-at')! > computedAt!, 'recomputed for the new data');
});
