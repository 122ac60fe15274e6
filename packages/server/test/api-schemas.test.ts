// The API's declared schemas (@cvm/core/api) against the real answers: every main route on the
// CDNOW sample (with the example cost model, a campaign and a saved audience) is parsed with its
// schema, strict objects throughout, so a field renamed, dropped or added on either side fails here;
// and the OpenAPI document refers every declared route to a non-empty component schema.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { z } from 'zod';
import { API_ROUTES } from '@cvm/core/api';
import { getJson, ROOT, sampleApp } from './helpers.js';

const COSTS = join(ROOT, 'data/cdnow/cost-model.example.yaml');
const { app, engine } = await sampleApp({ costs: COSTS });
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
const post = (body?: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  ...(body === undefined ? {} : { body: JSON.stringify(body) }),
});

/** The declared schema of a route (method and OpenAPI path). */
function schemaOf(method: string, path: string): z.ZodType {
  const r = API_ROUTES.find((x) => x.method === method && x.path === path);
  assert.ok(r, `no declared schema for ${method.toUpperCase()} ${path}`);
  return r.schema;
}

/** Calls the route and parses its body with the declared schema; a failure names the path and the field. */
async function check(method: string, path: string, url: string, init?: RequestInit): Promise<unknown> {
  const { status, body } = await getJson<unknown>(app, url, init);
  const expected = API_ROUTES.find((x) => x.method === method && x.path === path)?.status ?? 200;
  assert.equal(status, expected, `${url}: ${JSON.stringify(body).slice(0, 300)}`);
  const r = schemaOf(method, path).safeParse(body);
  if (!r.success) {
    const issues = r.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`);
    assert.fail(`${method.toUpperCase()} ${url} does not match its schema:\n  ${issues.join('\n  ')}`);
  }
  return body;
}

test('every main route on CDNOW answers exactly its declared schema', { timeout: 300_000 }, async () => {
  const checked = new Set<string>();
  const run = async (method: string, path: string, url: string, init?: RequestInit) => {
    checked.add(`${method} ${path}`);
    return check(method, path, url, init);
  };
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
  await run('get', '/api/acquisition', '/api/acquisition');
  await run('get', '/api/prospects/lookalikes', '/api/prospects/lookalikes');
  await run('get', '/api/loyalty', '/api/loyalty');
  await run('get', '/api/feedback', '/api/feedback');
  await run('delete', '/api/audiences/{name}', '/api/audiences/low%20tiers', { method: 'DELETE' });
  // last, as it changes the data: an upload with a quarantined row, then the sources with a quarantine by reason
  const f = new FormData();
  const log = 'client,day,value\nA1,1998-01-05,10.5\nB2,not a date,5\n';
  f.set('file', new File([log], 'extra.csv', { type: 'text/csv' }));
  for (const [k, v] of Object.entries({ customer_col: 'client', date_col: 'day', amount_col: 'value' })) f.set(k, v);
  await run('post', '/api/data/upload', '/api/data/upload', { method: 'POST', body: f });
  const sources = (await run('get', '/api/data/sources', '/api/data/sources')) as { quarantineByReason: unknown[] };
  assert.ok(sources.quarantineByReason.length > 0, 'the quarantine by reason is checked with a row in it');
  // every declared route was called at least once
  const missing = API_ROUTES.filter((r) => !checked.has(`${r.method} ${r.path}`)).map((r) => `${r.method} ${r.path}`);
  assert.deepEqual(missing, [], 'declared routes not exercised');
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
  const { body: doc } = await getJson<{
    paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }> }>>;
    components: { schemas: Record<string, Record<string, unknown>> };
  }>(app, '/api/openapi.json');
  for (const r of API_ROUTES) {
    const op = doc.paths[r.path]?.[r.method];
    assert.ok(op, `${r.method} ${r.path} is in the document`);
    const ref = op.responses[String(r.status)]?.content?.['application/json']?.schema?.$ref;
    assert.ok(ref?.startsWith('#/components/schemas/'), `${r.method} ${r.path} ${r.status} refers to a component: ${ref}`);
    const s = doc.components.schemas[ref!.slice('#/components/schemas/'.length)];
    assert.ok(s && Object.keys(s).length > 0, `${ref} is a non-empty schema`);
    assert.ok(s.type === 'object' || Array.isArray(s.anyOf) || Array.isArray(s.oneOf), `${ref} describes an object or a union`);
  }
  // components refer only to components that exist
  const text = JSON.stringify(doc);
  for (const m of text.matchAll(/"#\/components\/schemas\/([^"]+)"/g)) assert.ok(doc.components.schemas[m[1]!], `dangling $ref ${m[1]}`);
});
