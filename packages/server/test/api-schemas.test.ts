// The API's declared schemas (@cvm/core/api) against the real answers: every main route on the
// CDNOW sample (with the example cost model, a campaign and a saved audience) is parsed with its
// schema, strict objects throughout, so a field renamed, dropped or added on either side fails here;
// and the OpenAPI document refers every declared route to a non-empty component schema. The
// routes that need more inputs run on CDNOW with product ids (expansion) and the demo business
// (breakdowns by customer attribute); a route of the document without a real schema fails here.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { generateDemoBusiness, ingestFile, ingestInputFile, openWorkspace } from '@cvm/core';
import { API_ROUTES } from '@cvm/core/api';
import { createApp } from '../src/index.js';
import { cdnowProductsCsv, orderLogWorkspace } from '../../core/test/expansion/expansion-logs.js';
import { post, routeChecker, schemaGaps, schemaOf, type OpenApiDoc } from './api-schema-check.js';
import { getJson, ROOT, sampleApp, tempDir } from './helpers.js';

const COSTS = join(ROOT, 'data/cdnow/cost-model.example.yaml');
const { app, engine } = await sampleApp({ costs: COSTS, program: join(ROOT, 'data/loyalty/three-tiers.yaml') });
after(() => engine.close());

const FORM = {
  name: 'Win back',
  audience: ['value_tier:in:Bronze|Silver'],
  action: 'voucher',
  sendDate: '1998-01-01',
  windowDays: 30,
  controlShare: 0.2,
  seed: 'wb',
  effectRate: 0.05,
};
const { run: check, missing } = routeChecker();

test('every main route on CDNOW answers exactly its declared schema', { timeout: 300_000 }, async () => {
  const run = (method: string, path: string, url: string, init?: RequestInit) => check(app, method, path, url, init);
  await run('get', '/api/health', '/api/health');
  await run('get', '/api/settings', '/api/settings');
  await run('get', '/api/overview', '/api/overview');
  await run('get', '/api/value', '/api/value');
  await run('get', '/api/value/clv', '/api/value/clv');
  await run('get', '/api/segments', '/api/segments');
  await run('get', '/api/segments/micro', '/api/segments/micro');
  const models = (await run('get', '/api/models', '/api/models')) as { status: string };
  assert.equal(models.status, 'ok', 'the models run on CDNOW, so the full ModelsReport is checked');
  const page = (await run('get', '/api/customers', '/api/customers?pageSize=3&sort=clv&dir=desc')) as { rows: unknown[][] };
  const id = String(page.rows[0]![0]);
  await run('get', '/api/customers/{id}', `/api/customers/${id}`);
  await run('get', '/api/customers/{id}/model', `/api/customers/${id}/model`);
  await run('get', '/api/customers/{id}/segments', `/api/customers/${id}/segments`);
  await run('get', '/api/cohorts', '/api/cohorts');
  await run('get', '/api/cohorts', '/api/cohorts?by=quarter&mode=in_or_after');
  const profit = (await run('get', '/api/profitability', '/api/profitability')) as { status: string };
  assert.equal(profit.status, 'ok', 'with the cost model the full profitability answer is checked');
  const m = (await run('get', '/api/migration', '/api/migration')) as {
    from: string;
    to: string;
    matrix: { fromStates: string[]; toStates: string[] };
  };
  const cell = new URLSearchParams({ from: m.from, to: m.to, fromState: m.matrix.fromStates[0]!, toState: m.matrix.toStates[0]! });
  await run('get', '/api/migration/customers', `/api/migration/customers?${cell}&pageSize=2`);
  await run('get', '/api/data/sources', '/api/data/sources');
  await run('get', '/api/data/input-quarantine', '/api/data/input-quarantine');
  await run('post', '/api/audiences', '/api/audiences', post({ name: 'low tiers', filters: ['value_tier:in:Bronze|Silver'] }));
  await run('get', '/api/audiences', '/api/audiences');
  await run('get', '/api/audiences/{name}', '/api/audiences/low%20tiers?pageSize=2');
  await run('post', '/api/campaigns/preview', '/api/campaigns/preview', post(FORM));
  await run('post', '/api/campaigns', '/api/campaigns', post(FORM));
  await run('get', '/api/campaigns', '/api/campaigns');
  await run('post', '/api/campaigns/{id}/assign', '/api/campaigns/win-back/assign', { method: 'POST' });
  await run('get', '/api/campaigns/{id}/assignments', '/api/campaigns/win-back/assignments');
  await run('get', '/api/campaigns/{id}/results', '/api/campaigns/win-back/results?bootstrap=50&by=value_tier');
  await run('get', '/api/campaigns/{id}/uplift', '/api/campaigns/win-back/uplift');
  const mine = (await getJson<{ rows: unknown[][] }>(app, '/api/campaigns/win-back/assignments')).body;
  await run('get', '/api/customers/{id}/campaigns', `/api/customers/${String(mine.rows?.[0]?.[0] ?? id)}/campaigns`);
  await run('get', '/api/plan', '/api/plan');
  await run('post', '/api/plan/save', '/api/plan/save', { method: 'POST' });
  await run('get', '/api/plan/saved', '/api/plan/saved');
  // CDNOW has no spend, attributes, prospects or surveys: not_computed with the core's code (the full
  // reports are checked on the demo business in api-schemas-growth.test.ts); a loyalty programme runs on any log
  for (const path of ['/api/acquisition', '/api/prospects/lookalikes', '/api/feedback']) {
    const r = (await run('get', path, path)) as { status: string; code: string };
    assert.equal(r.status, 'not_computed', path);
    assert.ok(r.code.length > 0, `${path} says its code`);
  }
  const loyalty = (await run('get', '/api/loyalty', '/api/loyalty')) as { status: string };
  assert.equal(loyalty.status, 'ok', 'with a programme the full loyalty report is checked on CDNOW');
  await run('delete', '/api/audiences/{name}', '/api/audiences/low%20tiers', { method: 'DELETE' });
  const retention = (await run('get', '/api/retention', '/api/retention')) as { status: string; retention: { valueBasis: string } };
  assert.equal(retention.status, 'ok', 'the models run on CDNOW, so the full retention report is checked');
  assert.equal(retention.retention.valueBasis, 'margin', 'with the cost model the value at risk is margin');
  for (const list of ['at-risk', 'win-back']) {
    const p = (await run('get', `/api/retention/${list}`, `/api/retention/${list}?pageSize=3`)) as { rows: unknown[] };
    assert.ok(p.rows.length > 0, `${list}: a page with rows is checked`);
  }
  const bt = (await run('get', '/api/retention/backtest', '/api/retention/backtest?calibrationEnd=1997-09-30&holdoutEnd=1998-06-30')) as {
    status: string;
  };
  assert.equal(bt.status, 'ok');
  await run('get', '/api/retention/trends', '/api/retention/trends');
  await run('get', '/api/openapi.json', '/api/openapi.json');
  // last, as it changes the data: an upload with a quarantined row, then the sources with a quarantine by reason
  const f = new FormData();
  const log = 'client,day,value\nA1,1998-01-05,10.5\nB2,not a date,5\n';
  f.set('file', new File([log], 'extra.csv', { type: 'text/csv' }));
  for (const [k, v] of Object.entries({ customer_col: 'client', date_col: 'day', amount_col: 'value' })) f.set(k, v);
  await run('post', '/api/data/upload', '/api/data/upload', { method: 'POST', body: f });
  const sources = (await run('get', '/api/data/sources', '/api/data/sources')) as { quarantineByReason: unknown[] };
  assert.ok(sources.quarantineByReason.length > 0, 'the quarantine by reason is checked with a row in it');
  const q = (await run('get', '/api/data/quarantine', '/api/data/quarantine?layout=listing')) as { rows: unknown[] };
  assert.ok(q.rows.length > 0, 'the quarantine page is checked with a row in it');
  const ndjson = (lines: string): RequestInit => ({ method: 'POST', body: lines, headers: { 'content-type': 'application/x-ndjson' } });
  const MAP = '?customer_col=customer&date_col=date&amount_col=amount';
  const ev = (await run('post', '/api/events', `/api/events${MAP}`, ndjson('{"customer":"Z9","date":"1998-07-01","amount":12.5}\n'))) as {
    status: string;
  };
  assert.equal(ev.status, 'ok');
  const none = (await run('post', '/api/events', `/api/events${MAP}`, ndjson('{"customer":"","date":"1998-07-02","amount":1}\n'))) as {
    status: string;
  };
  assert.equal(none.status, 'rejected', 'a batch with no accepted row is checked too');
  // issue 16: a re-fit on demand after the batch
  const refit = (await run('post', '/api/refit', '/api/refit', { method: 'POST' })) as {
    status: string;
    fit: { dataVersion: number } | null;
  };
  assert.equal(refit.status, 'ok');
  assert.ok(refit.fit !== null && refit.fit.dataVersion > 0);
});

test('the expansion routes on CDNOW with product ids (and costs) answer exactly their declared schemas', { timeout: 300_000 }, async () => {
  const shop = await orderLogWorkspace(cdnowProductsCsv());
  try {
    const x = createApp(shop, { webDir: null, uploadDir: tempDir(), validateAt: '1997-09-30', costs: COSTS });
    const run = (path: string, url: string) => check(x, 'get', path, url);
    const rules = (await run('/api/expansion/rules', '/api/expansion/rules?minSupport=0.005&minConfidence=0.3&pageSize=5')) as {
      status: string;
    };
    assert.equal(rules.status, 'ok', 'the rules page itself is checked');
    const offers = (await run('/api/expansion/offers', '/api/expansion/offers?pageSize=3')) as { table: { rows: unknown[][] } };
    assert.ok(offers.table.rows.length > 0, 'a page with offers is checked');
    const headroom = (await run('/api/expansion/headroom', '/api/expansion/headroom?top=5')) as { top: { rows: unknown[][] } };
    const bt = (await run('/api/expansion/backtest', '/api/expansion/backtest?calibrationEnd=1997-09-30')) as { status: string };
    assert.equal(bt.status, 'ok');
    await run('/api/expansion/report', '/api/expansion/report?customers=5&calibrationEnd=1997-09-30');
    const id = String(headroom.top.rows[0]![0]);
    const mine = (await run('/api/customers/{id}/offers', `/api/customers/${encodeURIComponent(id)}/offers`)) as { headroom: unknown };
    assert.ok(mine.headroom !== null, 'a customer with headroom is checked');
    // CDNOW as bundled has no product ids: every expansion route answers not_computed with a code
    const plain = await check(app, 'get', '/api/expansion/rules', '/api/expansion/rules');
    assert.equal((plain as { status: string }).status, 'not_computed');
  } finally {
    await shop.close();
  }
});

test('breakdowns on the demo business (customer attributes, channels) answer exactly their declared schema', {
  timeout: 300_000,
}, async () => {
  const dir = tempDir();
  generateDemoBusiness(dir, { customers: 1500, seed: 4 });
  const demo = await openWorkspace();
  try {
    await ingestFile(demo, join(dir, 'transactions.csv'));
    await ingestInputFile(demo, 'customers', join(dir, 'customers.csv'));
    const d = createApp(demo, { webDir: null, uploadDir: tempDir() });
    const run = async (url: string) => (await check(d, 'get', '/api/breakdowns', url)) as { status: string };
    assert.equal((await run('/api/breakdowns?report=clv&by=region')).status, 'ok');
    assert.equal((await run('/api/breakdowns?report=segments&by=device')).status, 'ok');
    assert.equal((await run('/api/breakdowns?report=cohorts&by=channel&period=quarter')).status, 'ok');
    assert.equal((await run('/api/breakdowns?report=profitability&by=channel')).status, 'not_computed', 'no cost model here');
  } finally {
    await demo.close();
  }
});

test('every declared route was called and parsed above', () => {
  assert.deepEqual(missing(), [], 'declared routes not exercised');
});

test('a renamed field fails the check: the schema is strict both ways', async () => {
  const { body } = await getJson<Record<string, unknown>>(app, '/api/overview');
  const schema = schemaOf('get', '/api/overview');
  assert.equal(schema.safeParse(body).success, true);
  const { activeShare, ...rest } = body;
  assert.equal(schema.safeParse({ ...rest, activeShares: activeShare }).success, false, 'renamed key');
  assert.equal(schema.safeParse({ ...body, extra: 1 }).success, false, 'unknown key');
});

test('the OpenAPI document refers every declared route to a non-empty component schema', async () => {
  const { body: doc } = await getJson<OpenApiDoc>(app, '/api/openapi.json');
  for (const r of API_ROUTES) {
    const op = doc.paths[r.path]?.[r.method];
    assert.ok(op, `${r.method} ${r.path} is in the document`);
    const ref = op.responses[String(r.status)]?.content?.['application/json']?.schema?.$ref as string | undefined;
    assert.ok(ref?.startsWith('#/components/schemas/'), `${r.method} ${r.path} ${r.status} refers to a component: ${ref}`);
    const s = doc.components.schemas[ref!.slice('#/components/schemas/'.length)];
    assert.ok(s && Object.keys(s).length > 0, `${ref} is a non-empty schema`);
    assert.ok(s.type === 'object' || Array.isArray(s.anyOf) || Array.isArray(s.oneOf), `${ref} describes an object or a union`);
  }
  // components refer only to components that exist
  const text = JSON.stringify(doc);
  for (const m of text.matchAll(/"#\/components\/schemas\/([^"]+)"/g)) assert.ok(doc.components.schemas[m[1]!], `dangling $ref ${m[1]}`);
});

test('no route of the OpenAPI document answers without a real schema; a route added without one fails this test', async () => {
  const { body: doc } = await getJson<OpenApiDoc>(app, '/api/openapi.json');
  assert.deepEqual(schemaGaps(doc), [], 'routes whose JSON answer names no real schema');
  // the check itself: a route described only as "an object", or with no declared zod schema, is a gap
  const bare = structuredClone(doc);
  bare.paths['/api/new-report'] = {
    get: { responses: { 200: { content: { 'application/json': { schema: { type: 'object' } } } } } },
  };
  bare.components.schemas.Retention = { type: 'object' };
  assert.deepEqual(schemaGaps(bare), [
    'GET /api/retention: an object with no properties',
    'GET /api/new-report: no declared schema in @cvm/core/api',
    'GET /api/new-report: its JSON answer is not a component',
    'GET /api/new-report: an object with no properties',
  ]);
});
