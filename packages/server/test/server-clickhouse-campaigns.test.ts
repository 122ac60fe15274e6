// The campaign routes over a ClickHouse workspace (the local 2-shard 18.16 cluster and chDB) against
// the same routes over DuckDB, both holding the CDNOW sample: preview, create (over a saved audience),
// list, re-assign, the target and control lists, results with segments and the bootstrap, the uplift
// model and a customer's campaigns answer the same status and JSON (counts and arms exact, numbers to
// 1e-9 relative; times left out), the plan assesses them alike, and the assignment CSV is the same text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sameLogOnBoth } from '../../core/test/helpers/cdnow-engines.js';
import { assertDeepClose } from '../../core/test/helpers/assert-deep-close.js';
import { createApp } from '../src/index.js';
import { tempDir } from './helpers.js';

const TIMES = new Set(['createdAt', 'updatedAt', 'assignedAt', 'computedAt', 'timeMs']);
function withoutTimes(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutTimes);
  if (v !== null && typeof v === 'object')
    return Object.fromEntries(Object.entries(v).flatMap(([k, x]) => (TIMES.has(k) ? [] : [[k, withoutTimes(x)]])));
  return v;
}

const post = (body?: unknown): RequestInit => ({
  method: 'POST',
  ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
});

const FORM = {
  name: 'Win back',
  audience: ['lifecycle_stage:ne:new'],
  savedAudience: 'low tiers',
  action: 'voucher',
  sendDate: '1998-01-01',
  windowDays: 30,
  controlShare: 0.3,
  holdoutShare: 0.05,
  seed: 'wb',
  marginPct: 35,
  effectRate: 0.05,
};

const ROUTES: readonly (readonly [string, RequestInit | undefined, number])[] = [
  ['/api/audiences', post({ name: 'low tiers', filters: ['value_tier:in:Bronze|Silver'] }), 201],
  ['/api/campaigns', undefined, 200],
  ['/api/campaigns/preview', post(FORM), 200],
  ['/api/campaigns', post(FORM), 201],
  ['/api/campaigns', post(FORM), 400],
  ['/api/campaigns', post({ ...FORM, name: 'Second', sendDate: '1998-01-10', seed: 'two', controlShare: 0.5 }), 201],
  ['/api/campaigns', undefined, 200],
  ['/api/campaigns/win-back/assignments', undefined, 200],
  ['/api/campaigns/win-back/results?by=value_tier&bootstrap=200&seed=3', undefined, 200],
  ['/api/campaigns/win-back/uplift?outcome=revenue', undefined, 200],
  ['/api/customers/1/campaigns', undefined, 200],
  ['/api/campaigns/second/assign', post(), 200],
  ['/api/campaigns/second/results?bootstrap=0', undefined, 200],
  ['/api/campaigns/nope/results', undefined, 400],
  // the plan assesses the stored campaigns (their results with the predicted CLV)
  ['/api/plan', undefined, 200],
];

for (const backend of ['cluster', 'chdb'] as const) {
  test(`the campaign routes over ClickHouse (${backend}) answer as over DuckDB (CDNOW)`, { timeout: 600_000 }, async (t) => {
    const both = await sameLogOnBoth(t, backend);
    if (!both) return;
    try {
      const options = { webDir: null, uploadDir: tempDir() };
      const ch = createApp(both.ch, options),
        duck = createApp(both.duck, options);
      for (const [route, init, status] of ROUTES) {
        const what = `${init?.method ?? 'GET'} ${route}`;
        const [a, b] = [await ch.request(route, init), await duck.request(route, init)];
        const [ja, jb] = [await a.json(), await b.json()];
        assert.equal(b.status, status, `${what} on DuckDB: ${JSON.stringify(jb).slice(0, 300)}`);
        assert.equal(a.status, status, `${what} on ClickHouse: ${JSON.stringify(ja).slice(0, 300)}`);
        assertDeepClose(withoutTimes(ja), withoutTimes(jb), 1e-9, what);
        if (route === '/api/plan') assert.match(JSON.stringify(ja), /"win-back"/, 'the plan reads the stored campaigns');
      }
      const made = (await (await ch.request('/api/campaigns')).json()) as { campaigns: { id: string; customers: number }[] };
      assert.deepEqual(
        made.campaigns.map((c) => c.id),
        ['win-back', 'second'],
      );
      assert.ok(made.campaigns[0]!.customers > 500, `${made.campaigns[0]!.customers} customers`);
      const csv = '/api/campaigns/win-back/assignments?format=csv';
      const [ca, cb] = [await (await ch.request(csv)).text(), await (await duck.request(csv)).text()];
      assert.equal(ca, cb, 'every customer of the campaign in the same arm');
      assert.equal(ca.trimEnd().split('\n').length, made.campaigns[0]!.customers + 1);
    } finally {
      await both.done();
    }
  });
}
