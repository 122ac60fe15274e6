// The retention routes through app.request(): the report, the two lists (paged, filtered, CSV), the
// backtest, the monthly trends, and saved audiences with the protections of uploads (token, and no
// changes from another site's page: Origin / Sec-Fetch-Site).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { getJson, sampleApp } from './helpers.js';

const { app, engine } = await sampleApp({ validateAt: '1997-09-30' });
after(() => engine.close());
const json = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  body: JSON.stringify(body),
  headers: { 'content-type': 'application/json', ...headers },
});

test('GET /api/retention: value at risk by tier and stage adds up, list sizes match the lists, rules and units', async () => {
  const { status, body } = await getJson(app, '/api/retention');
  assert.equal(status, 200);
  const r = body.retention;
  assert.equal(r.asOf, '1998-06-30');
  assert.equal(r.customers, 2357);
  const cells = r.byTierStage.reduce((s: number, c: { valueAtRisk: number }) => s + c.valueAtRisk, 0);
  assert.ok(Math.abs(cells - r.valueAtRisk.now) < 1e-6);
  assert.deepEqual(
    body.tables.valueAtRisk.columns.map((c: { key: string }) => c.key),
    ['value_tier', 'lifecycle_stage', 'customers', 'value_at_risk', 'value_at_risk_before'],
  );
  // the report section (what cvm at-risk prints): risk labels as in the report, and the tier × stage
  // cross table whose every cell is the report's cell and whose row totals add up to the tier's cells
  const section = body.section;
  assert.equal(section.id, 'retention');
  assert.deepEqual(
    section.tables.map((t: { id: string }) => t.id),
    ['retention.risk', 'retention.value_at_risk_matrix'],
  );
  assert.deepEqual(
    section.tables[0].rows.map((row: unknown[]) => [row[0], row[1]]),
    r.risk.map((g: { label: string; customers: number }) => [g.label, g.customers]),
  );
  const m = section.tables[1];
  const stages = m.columns.slice(1, -1).map((c: { key: string }) => c.key);
  for (const row of m.rows) {
    const cells = r.byTierStage.filter((c: { tier: string }) => c.tier === row[0]);
    stages.forEach((st: string, k: number) =>
      assert.equal(row[k + 1], cells.find((c: { stage: string }) => c.stage === st)?.valueAtRisk ?? 0, `${row[0]} × ${st}`),
    );
    assert.ok(Math.abs(row.at(-1) - cells.reduce((a: number, c: { valueAtRisk: number }) => a + c.valueAtRisk, 0)) < 1e-6);
  }
  assert.equal(m.rows.length, new Set(r.byTierStage.map((c: { tier: string }) => c.tier)).size);
  const atRisk = await getJson(app, '/api/retention/at-risk?pageSize=5');
  assert.equal(atRisk.body.total, r.lists.atRisk.customers);
  const winBack = await getJson(app, '/api/retention/win-back?pageSize=5');
  assert.equal(winBack.body.total, r.lists.winBack.customers);
  assert.ok(r.rules.some((x: string) => x.startsWith('P(return) = chance of at least one purchase in the next 90 days')));
});

test("the at-risk list: ranked by value at risk, filtered in the customer table's syntax, downloadable as CSV", async () => {
  const all = (await getJson(app, '/api/retention/at-risk?pageSize=1000')).body;
  const v = all.columns.findIndex((c: { key: string }) => c.key === 'value_at_risk');
  for (let i = 1; i < all.rows.length; i++) assert.ok(all.rows[i - 1][v] >= all.rows[i][v]);
  const silver = (await getJson(app, '/api/retention/at-risk?pageSize=1000&filter=value_tier:eq:Silver&filter=churn_risk:eq:high')).body;
  const tier = all.columns.findIndex((c: { key: string }) => c.key === 'value_tier'),
    risk = all.columns.findIndex((c: { key: string }) => c.key === 'churn_risk');
  assert.equal(silver.total, all.rows.filter((r: unknown[]) => r[tier] === 'Silver' && r[risk] === 'high').length);
  const csv = await app.request('/api/retention/at-risk?format=csv');
  assert.equal(csv.headers.get('content-disposition'), 'attachment; filename="at-risk.csv"');
  const lines = (await csv.text()).trim().split('\n');
  assert.equal(lines.length, all.total + 1);
  assert.match(lines[0]!, /^customer_id,value_tier,lifecycle_stage,/);
  const bad = await getJson(app, '/api/retention/at-risk?filter=nope:eq:1');
  assert.equal(bad.status, 400);
  assert.equal(bad.body.error.code, 'bad_filter');
});

test("GET /api/retention/backtest on CDNOW: 684 of 2,357 bought, AUC ≥ 0.75, the report section's tables", async () => {
  const { status, body } = await getJson(app, '/api/retention/backtest?calibrationEnd=1997-09-30&holdoutEnd=1998-06-30');
  assert.equal(status, 200, JSON.stringify(body).slice(0, 300));
  assert.equal(body.backtest.bought, 684);
  assert.ok(body.backtest.scores[0].auc >= 0.75);
  assert.ok(body.section.tables.some((t: { id: string }) => t.id === 'backtest.gains'));
  assert.equal((await getJson(app, '/api/retention/backtest?calibrationEnd=1997-13-01')).status, 400);
  assert.equal(
    (await getJson(app, '/api/retention/backtest?calibrationEnd=1997-09-30&holdoutEnd=1999-01-01')).body.error.code,
    'holdout_beyond_data',
  );
});

test('GET /api/retention/trends: 18 months, every CDNOW customer new once, value at risk now and 90 days before', async () => {
  const { body } = await getJson(app, '/api/retention/trends');
  assert.equal(body.trends.months.length, 18);
  assert.equal(
    body.trends.months.reduce((s: number, m: { new: number }) => s + m.new, 0),
    2357,
  );
  assert.equal(body.valueAtRisk.status, 'ok');
  assert.equal(body.valueAtRisk.beforeDay, '1998-04-01');
  assert.ok(body.valueAtRisk.now > 0 && body.valueAtRisk.before > 0);
});

test('audiences: save (201), replace (200), list, members with further filters, CSV, delete (then 404)', async () => {
  const a = await getJson(
    app,
    '/api/audiences',
    json({ name: 'gold plus', filters: ['value_tier:in:Gold|Platinum'], description: 'top tiers' }),
  );
  assert.equal(a.status, 201, JSON.stringify(a.body));
  assert.equal(a.body.members, 118);
  const again = await getJson(
    app,
    '/api/audiences',
    json({ name: 'gold plus', filters: ['value_tier:in:Gold|Platinum', 'churn_risk:ne:low'] }),
  );
  assert.equal(again.status, 200);
  assert.equal(again.body.audience.replaced, true);
  const list = await getJson(app, '/api/audiences');
  assert.deepEqual(
    list.body.audiences.map((x: { name: string }) => x.name),
    ['gold plus'],
  );
  const page = await getJson(app, `/api/audiences/${encodeURIComponent('gold plus')}?pageSize=1000`);
  assert.equal(page.body.total, again.body.members);
  const narrowed = await getJson(app, `/api/audiences/${encodeURIComponent('gold plus')}?filter=value_tier:eq:Platinum`);
  assert.ok(narrowed.body.total < page.body.total);
  const csv = await app.request(`/api/audiences/${encodeURIComponent('gold plus')}?format=csv`);
  assert.equal((await csv.text()).trim().split('\n').length, page.body.total + 1);
  assert.equal((await getJson(app, '/api/audiences/gold%20plus', { method: 'DELETE' })).status, 200);
  assert.equal((await getJson(app, '/api/audiences/gold%20plus', { method: 'DELETE' })).status, 404);
  assert.equal((await getJson(app, '/api/audiences/gold%20plus')).status, 404);
});

test('audiences: bad input is a 400 with the reason; changes from another site are refused (403), uploads too', async () => {
  assert.equal(
    (await getJson(app, '/api/audiences', json({ name: 'x', filters: ['profit:gt:0'] }))).body.error.code,
    'bad_filter',
    'no cost model: no profit column',
  );
  assert.equal((await getJson(app, '/api/audiences', json({ name: 'x', filters: [] }))).body.error.code, 'bad_audience');
  const form = await getJson(app, '/api/audiences', {
    method: 'POST',
    body: 'name=x',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  assert.equal(form.status, 400);
  const evil = await getJson(
    app,
    '/api/audiences',
    json({ name: 'evil', filters: ['value_tier:eq:Gold'] }, { origin: 'http://evil.example' }),
  );
  assert.equal(evil.status, 403);
  assert.equal(evil.body.error.code, 'bad_origin');
  assert.equal(
    (await getJson(app, '/api/audiences', json({ name: 'evil', filters: ['value_tier:eq:Gold'] }, { 'sec-fetch-site': 'cross-site' })))
      .status,
    403,
  );
  assert.equal(
    (await getJson(app, '/api/audiences', json({ name: 'evil', filters: ['value_tier:eq:Gold'] }, { origin: 'null' }))).status,
    403,
  );
  const own = await getJson(
    app,
    'http://localhost/api/audiences',
    json({ name: 'own', filters: ['value_tier:eq:Gold'] }, { origin: 'http://localhost', 'sec-fetch-site': 'same-origin' }),
  );
  assert.equal(own.status, 201, "the dashboard's own page may save");
  const f = new FormData();
  f.set('file', new File(['a,b\n1,2\n'], 'x.csv'));
  assert.equal(
    (await app.request('/api/data/upload', { method: 'POST', body: f, headers: { origin: 'http://evil.example' } })).status,
    403,
  );
  assert.equal((await getJson(app, '/api/audiences/own', { method: 'DELETE', headers: { origin: 'http://evil.example' } })).status, 403);
  assert.equal((await getJson(app, '/api/audiences')).body.audiences.length, 1, 'nothing saved or deleted from another site');
});

test('with a token, saving an audience needs it like an upload', async () => {
  const { app: locked, engine: e } = await sampleApp({ token: 't0ken' });
  try {
    assert.equal((await getJson(locked, '/api/audiences', json({ name: 'x', filters: ['value_tier:eq:Gold'] }))).status, 401);
    assert.equal((await getJson(locked, '/api/audiences', { method: 'DELETE' })).status, 401);
  } finally {
    await e.close();
  }
});

test('the OpenAPI document describes the retention and audience routes', async () => {
  const doc = (await getJson(app, '/api/openapi.json')).body;
  for (const p of [
    '/api/retention',
    '/api/retention/at-risk',
    '/api/retention/win-back',
    '/api/retention/backtest',
    '/api/retention/trends',
    '/api/audiences',
    '/api/audiences/{name}',
  ])
    assert.ok(doc.paths[p], p);
  assert.ok(doc.paths['/api/audiences'].post && doc.paths['/api/audiences/{name}'].delete);
});
