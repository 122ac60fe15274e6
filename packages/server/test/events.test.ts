// POST /api/events (issue 16, item 5, first step): NDJSON transactions appended through the same
// ingest as an uploaded log: the same accepted rows and quarantine reasons, a retried batch is
// `unchanged`, the reports move to a new data version; the server's token and same-site rules hold.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { getJson, sampleApp } from './helpers.js';

const { app, engine } = await sampleApp();
after(() => engine.close());

const MAP = '?customer_col=customer&date_col=date&amount_col=amount';
const BATCH =
  [
    { customer: 'E1', date: '1998-07-01', amount: 12.5 },
    { customer: 'E1', date: '1998-07-09', amount: 30 },
    { customer: '1', date: '1998-07-02', amount: 8.25 },
    { customer: 'E2', date: '1998-07-03', amount: 'abc' },
  ]
    .map((e) => JSON.stringify(e))
    .join('\n') + '\n';

const post = (body: string, headers: Record<string, string> = {}, query = MAP) =>
  getJson(app, `/api/events${query}`, { method: 'POST', body, headers: { 'content-type': 'application/x-ndjson', ...headers } });

test('events are validated and appended like an uploaded log; a retried batch changes nothing', async () => {
  const before = (await getJson(app, '/api/overview')).body;
  const version = (await getJson(app, '/api/health')).body.dataVersion;
  const { status, body } = await post(BATCH);
  assert.equal(status, 200, JSON.stringify(body));
  assert.equal(body.status, 'ok');
  assert.equal(body.ingest.rowsRead, 4);
  assert.equal(body.ingest.rowsAccepted, 3);
  assert.deepEqual(body.ingest.quarantineByReason, { non_numeric_amount: 1 });
  assert.ok(body.dataVersion > version, 'a new data version');
  const afterPost = (await getJson(app, '/api/overview')).body;
  // E1 is a new customer (E2's only row was rejected); customer 1 bought again
  assert.equal(afterPost.overview.customers, before.overview.customers + 1);
  assert.equal(afterPost.overview.transactions, before.overview.transactions + 3);
  const again = await post(BATCH);
  assert.equal(again.body.status, 'unchanged');
  assert.equal(again.body.dataVersion, body.dataVersion, 'same data version');
});

test('bad bodies are typed errors; a cross-site browser post is refused', async () => {
  const empty = await post('\n\n');
  assert.equal(empty.status, 400);
  assert.equal(empty.body.error.code, 'bad_events');
  const xml = await post('<a/>', { 'content-type': 'application/xml' });
  assert.equal(xml.status, 400);
  const foreign = await post(BATCH, { origin: 'https://evil.example' });
  assert.equal(foreign.status, 403);
});

test('with a token the events route needs it', async () => {
  const { app: guarded, engine: e2 } = await sampleApp({ token: 'a-long-enough-token-123' });
  try {
    const res = await guarded.request(`/api/events${MAP}`, {
      method: 'POST',
      body: BATCH,
      headers: { 'content-type': 'application/x-ndjson' },
    });
    assert.equal(res.status, 401);
    const ok = await guarded.request(`/api/events${MAP}`, {
      method: 'POST',
      body: BATCH,
      headers: { 'content-type': 'application/x-ndjson', authorization: 'Bearer a-long-enough-token-123' },
    });
    assert.equal(ok.status, 200);
  } finally {
    await e2.close();
  }
});
