// The API over a ClickHouse workspace holding the seeded demo business (log with products, orders
// and returns; customers, spend, prospects and survey files ingested into ClickHouse) against the
// API over DuckDB holding the same files: acquisition, look-alikes, feedback, cross-sell rules and
// offers, the customer table (with its offer columns), breakdowns and the input quarantine must give
// the same JSON (counts exact, numbers to 1e-9 relative: sums over shards add in another order;
// times left out). Run on the local 2-shard 18.16 cluster and on chDB (a current ClickHouse).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { generateDemoBusiness } from '../../core/src/demo/demo.js';
import { createDuckDbEngine } from '../../core/src/engine/duckdb/duckdb-engine.js';
import type { Engine } from '../../core/src/engine/engine.js';
import { ingestLogFile } from '../../core/src/engine/clickhouse/clickhouse-workspace.js';
import { ingestInputFile } from '../../core/src/inputs/input-ingest.js';
import type { InputKind } from '../../core/src/inputs/input-schema.js';
import { openTestClickHouse } from '../../core/test/helpers/clickhouse.js';
import { createApp } from '../src/index.js';
import { tempDir } from './helpers.js';

const TIMES = /(computedAt|computed_at|ingested_at|lastIngestAt|timeMs|generatedAt|createdAt|created_at|updatedAt|savedAt)$/;

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

const ROUTES = [
  '/api/acquisition',
  '/api/prospects/lookalikes',
  '/api/feedback',
  '/api/expansion/rules',
  '/api/expansion/offers',
  '/api/customers?sort=clv&dir=desc&pageSize=50',
  '/api/breakdowns?report=segments&by=region',
  '/api/breakdowns?report=clv&by=channel',
  '/api/data/input-quarantine',
];

const INPUTS: [InputKind, string][] = [
  ['customers', 'customers.csv'],
  ['spend', 'marketing-spend.csv'],
  ['prospects', 'prospects.csv'],
  ['surveys', 'surveys.csv'],
];

async function load(engine: Engine, dir: string): Promise<void> {
  await ingestLogFile(engine, join(dir, 'transactions.csv'));
  for (const [kind, name] of INPUTS) await ingestInputFile(engine, kind, join(dir, name));
}

for (const backend of ['cluster', 'chdb'] as const) {
  test(`the API over ClickHouse (${backend}) answers acquisition, look-alikes, feedback, rules and offers as over DuckDB (demo business)`, {
    timeout: 900_000,
  }, async (t) => {
    const ch = await openTestClickHouse(t, backend);
    if (!ch) return;
    const duck = createDuckDbEngine();
    try {
      const dir = tempDir();
      generateDemoBusiness(dir, { customers: 600, prospects: 150, seed: 5 });
      await load(duck, dir);
      await load(ch.engine, dir);
      const options = { webDir: null, uploadDir: tempDir() };
      const a = createApp(ch.engine, options),
        b = createApp(duck, options);
      for (const route of ROUTES) {
        const [ra, rb] = [await a.request(route), await b.request(route)];
        const [ja, jb] = [await ra.json(), await rb.json()];
        assert.equal(rb.status, 200, `${route} on DuckDB: ${JSON.stringify(jb).slice(0, 300)}`);
        assert.equal(ra.status, 200, `${route} on ClickHouse: ${JSON.stringify(ja).slice(0, 300)}`);
        assertSameJson(ja, jb, route);
      }
      // the reports really ran (not the same "missing input" message on both)
      const acq = (await (await a.request('/api/acquisition')).json()) as { status?: string };
      assert.notEqual(acq.status, 'not_computed', JSON.stringify(acq).slice(0, 300));
      const offers = JSON.stringify(await (await a.request('/api/customers?pageSize=5')).json());
      assert.doesNotMatch(offers, /baskets_not_on_engine/);
    } finally {
      await duck.close();
      await ch.drop();
    }
  });
}
