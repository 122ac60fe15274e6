// The API over a ClickHouse workspace (the local 2-shard cluster) against the API over DuckDB, both
// holding the bundled CDNOW sample with the example cost model: every ported route must answer the
// same JSON (numbers to 1e-9 relative, since sums over shards add in another order; computation and
// ingest times left out), and the customer table must page, sort, filter and search alike. Skipped
// without a cluster outside CI; a failure under CI=1.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateSyntheticLog } from '../../core/bench/synthetic-log.js';
import { sameLogOnBoth } from '../../core/test/helpers/cdnow-engines.js';
import { createApp } from '../src/index.js';
import { ROOT, tempDir } from './helpers.js';

const COSTS = `${ROOT}data/cdnow/cost-model.example.yaml`;

/** Times differ between runs and engines: left out of the comparison. */
const TIMES = /(computedAt|computed_at|ingested_at|lastIngestAt|timeMs|generatedAt|createdAt|created_at|updatedAt|savedAt|fittedAt)$/;

/** Numbers equal to 1e-9 relative, everything else exactly; prints the JSON path of the first difference. */
function assertSameJson(a: unknown, b: unknown, path = ''): void {
  if (TIMES.test(path)) return;
  if (typeof a === 'number' && typeof b === 'number') {
    assert.ok(a === b || Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)), `${path}: ClickHouse ${a} vs DuckDB ${b}`);
    return;
  }
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    assert.equal(Array.isArray(a), Array.isArray(b), `${path}: array on one engine only`);
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) assertSameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
    return;
  }
  assert.deepEqual(a, b, `${path}: ClickHouse ${JSON.stringify(a)} vs DuckDB ${JSON.stringify(b)}`);
}

/** The routes ported to ClickHouse (issue 16), each with the status both engines must give. */
const ROUTES: readonly string[] = [
  '/api/customers',
  '/api/customers?page=3&pageSize=25',
  '/api/customers?sort=frequency&dir=asc&page=2&pageSize=40',
  '/api/customers?sort=customer_id&dir=desc',
  '/api/customers?sort=clv&dir=desc&filter=frequency:gte:3&filter=value_tier:in:Top%201%25|Top%205%25',
  '/api/customers?q=12&sort=net_revenue',
  '/api/customers?filter=churn_risk:eq:high&sort=p_return&dir=asc&pageSize=100',
  '/api/customers/1',
  '/api/customers/1/model',
  '/api/customers/1000',
  '/api/value',
  '/api/data/sources',
  '/api/retention',
  '/api/retention/at-risk',
  '/api/retention/win-back',
  '/api/retention/trends',
  '/api/retention/backtest',
  '/api/plan',
  '/api/plan/saved',
  '/api/audiences',
  '/api/feedback',
  '/api/acquisition',
];

const post = (body: unknown): RequestInit => ({
  method: 'POST',
  body: JSON.stringify(body),
  headers: { 'content-type': 'application/json' },
});

/** Writes, in order, with the status each must give on both engines: audiences saved, replaced, read, deleted; a plan saved. */
const WRITES: readonly (readonly [string, RequestInit | undefined, number])[] = [
  ['/api/audiences', post({ name: 'gold plus', filters: ['value_tier:in:Gold|Platinum'], description: 'top tiers' }), 201],
  ['/api/audiences', post({ name: 'gold plus', filters: ['value_tier:in:Gold|Platinum', 'churn_risk:ne:low'] }), 200],
  ['/api/audiences', post({ name: 'at risk', filters: ['churn_risk:eq:high', 'frequency:gte:2'] }), 201],
  ['/api/audiences', undefined, 200],
  ['/api/audiences/gold%20plus?pageSize=1000', undefined, 200],
  ['/api/audiences/gold%20plus?filter=value_tier:eq:Platinum&sort=clv', undefined, 200],
  ['/api/audiences/gold%20plus', { method: 'DELETE' }, 200],
  ['/api/audiences/gold%20plus', { method: 'DELETE' }, 404],
  ['/api/audiences', undefined, 200],
  ['/api/plan/save', { method: 'POST' }, 200],
  ['/api/plan/saved', undefined, 200],
];

type Both = NonNullable<Awaited<ReturnType<typeof sameLogOnBoth>>> & { customers: number | null };

/** Requests each route on both apps (in order: writes change the workspaces alike) and compares status and JSON. */
async function compareRoutes(
  both: Both,
  routes: readonly (readonly [string, RequestInit | undefined, number])[],
  costs: string | null = COSTS,
): Promise<void> {
  const options = { webDir: null, uploadDir: tempDir(), costs: costs ?? undefined };
  const ch = createApp(both.ch, options),
    duck = createApp(both.duck, options);
  for (const [route, init, status] of routes) {
    const what = `${init?.method ?? 'GET'} ${route}`;
    const [a, b] = [await ch.request(route, init), await duck.request(route, init)];
    const [ja, jb] = [await a.json(), await b.json()];
    assert.equal(b.status, status, `${what} on DuckDB: ${JSON.stringify(jb).slice(0, 300)}`);
    assert.equal(a.status, status, `${what} on ClickHouse: ${JSON.stringify(ja).slice(0, 300)}`);
    assertSameJson(ja, jb, what);
  }
  // the customer table holds every customer, and a filter really filters (not an empty page on both)
  const all = (await (await ch.request('/api/customers')).json()) as { total: number };
  if (both.customers !== null) assert.equal(all.total, both.customers);
  const some = (await (await ch.request('/api/customers?filter=frequency:gte:3')).json()) as { total: number };
  assert.ok(some.total > 0 && some.total < all.total, `frequency ≥ 3: ${some.total} of ${all.total} customers`);
  // the CSV download: the same text
  const [ca, cb] = [await ch.request('/api/customers?format=csv&sort=ord'), await duck.request('/api/customers?format=csv&sort=ord')];
  assert.equal(await ca.text(), await cb.text());
}

const gets = (routes: readonly string[]) => routes.map((r) => [r, undefined, 200] as const);

for (const backend of ['cluster', 'chdb'] as const) {
  test(`the API over ClickHouse (${backend}) answers the ported routes as over DuckDB (CDNOW, example cost model)`, {
    timeout: 600_000,
  }, async (t) => {
    const both = await sameLogOnBoth(t, backend);
    if (!both) return;
    try {
      await compareRoutes({ ...both, customers: 2357 }, [...gets(ROUTES), ...WRITES]);
    } finally {
      await both.done();
    }
  });
}

test('the API over the ClickHouse cluster answers as over DuckDB on a log with order ids, channels and returns', {
  timeout: 600_000,
}, async (t) => {
  // the benchmark's generator without its product column: product baskets are not computed on ClickHouse yet
  const dir = tempDir();
  const full = join(dir, 'full.csv'),
    file = join(dir, 'log.csv');
  await generateSyntheticLog(full, { rows: 20_000, customers: 2_000, seed: 11 });
  const lines = readFileSync(full, 'utf8').trimEnd().split('\n');
  const drop = lines[0]!.split(',').indexOf('product_id');
  assert.ok(drop >= 0, 'the generator writes a product_id column');
  writeFileSync(
    file,
    `${lines
      .map((l) =>
        l
          .split(',')
          .filter((_, j) => j !== drop)
          .join(','),
      )
      .join('\n')}\n`,
  );
  const both = await sameLogOnBoth(t, 'cluster', file, {});
  if (!both) return;
  try {
    const [first] = await both.duck.rows<{ id: string }>('SELECT min(customer_id) AS id FROM transactions');
    const routes = ROUTES.filter((r) => !r.startsWith('/api/customers/') && r !== '/api/retention/backtest').concat([
      `/api/customers/${encodeURIComponent(first!.id)}`,
    ]);
    await compareRoutes({ ...both, customers: null }, gets(routes), null);
  } finally {
    await both.done();
  }
});
