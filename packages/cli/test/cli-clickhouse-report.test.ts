// `cvm report --engine clickhouse://…` on the local 2-shard cluster against `cvm report` on DuckDB:
// the CDNOW sample (with the illustrative cost model) and a seeded synthetic log with order ids,
// channels and returns (returns netted against purchase days on both engines). Every figure of the
// JSON report (overview, model choice and parameters, validation, CLV, segments, migration,
// profitability) must agree; only the computation times and the files just ingested differ. And
// `cvm profit --engine clickhouse://…` on the demo business, with its per-product costs and an
// activity file, against `cvm profit` on DuckDB.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateSyntheticLog } from '../../core/bench/synthetic-log.js';
import { testClusterUrl } from '../../core/test/helpers/clickhouse.js';
import { cvm, SAMPLE, tempDir } from './run-cli.js';

const COSTS = new URL('../../../data/cdnow/cost-model.example.yaml', import.meta.url).pathname;

/** Numbers equal to 1e-9 relative (sums over shards add in another order), everything else exactly; times and ingest left out. */
function assertSameReport(a: unknown, b: unknown, path = ''): void {
  if (/(computedAt|lastIngestAt|timeMs|\.ingest)$/.test(path)) return;
  if (typeof a === 'number' && typeof b === 'number') {
    assert.ok(a === b || Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)), `${path}: ${a} vs ${b}`);
    return;
  }
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) assertSameReport((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
    return;
  }
  assert.deepEqual(a, b, path);
}

async function onCluster(t: TestContext, run: (url: string) => Promise<void> | void): Promise<void> {
  const cluster = testClusterUrl(t, 'cvm_rep');
  if (cluster === null) return;
  const { url } = cluster;
  try {
    await run(url);
  } finally {
    await cluster.drop();
  }
}

test('cvm report --engine clickhouse://… on CDNOW with a cost model equals the DuckDB report', { timeout: 300_000 }, async (t) => {
  await onCluster(t, (url) => {
    const map = ['--customer-col', 'sampleid', '--quantity-col', 'cds'];
    assert.equal(cvm(['ingest', SAMPLE, '--engine', url, ...map]).code, 0);
    const a = cvm(['report', '--engine', url, '--costs', COSTS, '--format', 'json']);
    const b = cvm(['report', SAMPLE, ...map, '--costs', COSTS, '--format', 'json']);
    assert.equal(a.code, 0, a.stderr);
    assert.equal(b.code, 0, b.stderr);
    const ra = JSON.parse(a.stdout),
      rb = JSON.parse(b.stdout);
    assert.equal(ra.customers, 2357);
    assert.ok(ra.models?.validation, 'the holdout validation ran on ClickHouse');
    assert.ok(ra.segments.migration.steps.length > 0, 'tier migration from snapshots stored in ClickHouse');
    assert.ok(ra.profitability, 'profitability section');
    assertSameReport(ra, rb);
    // a second run reuses the stored snapshots (fresh: computed after the last ingest)
    const again = cvm(['report', '--engine', url, '--format', 'json', '--no-models']);
    assert.equal(again.code, 0, again.stderr);
  });
});

test('cvm report --engine clickhouse://… on a log with order ids, channels and returns equals the DuckDB report', {
  timeout: 300_000,
}, async (t) => {
  await onCluster(t, async (url) => {
    const file = join(tempDir('cvm-ch-report-'), 'log.csv');
    await generateSyntheticLog(file, { rows: 20_000, customers: 2_000, seed: 11 });
    assert.equal(cvm(['ingest', file, '--engine', url]).code, 0);
    const a = cvm(['report', '--engine', url, '--format', 'json']);
    const b = cvm(['report', file, '--format', 'json']);
    assert.equal(a.code, 0, a.stderr);
    assert.equal(b.code, 0, b.stderr);
    const ra = JSON.parse(a.stdout),
      rb = JSON.parse(b.stdout);
    assert.ok(rb.returnsValue > 0, 'the log has returns');
    assertSameReport(ra, rb);
  });
});

test('cvm profit --engine clickhouse://… with per-product costs and --activities equals cvm profit on DuckDB', {
  timeout: 300_000,
}, async (t) => {
  await onCluster(t, (url) => {
    const dir = tempDir('cvm-ch-profit-');
    assert.equal(cvm(['demo', '--out', dir, '--customers', '800', '--seed', '5', '--format', 'json']).code, 0);
    const log = join(dir, 'transactions.csv');
    const acts = join(dir, 'acts.csv');
    const bad = [
      'C000003,support_contact,-2,2023-01-05',
      'C000003,support_contact,1,2023-13-40',
      'NOT-IN-LOG,support_contact,4,2023-02-02',
    ];
    writeFileSync(acts, `${readFileSync(join(dir, 'support-contacts.csv'), 'utf8')}${bad.join('\n')}\n`);
    assert.equal(cvm(['ingest', log, '--engine', url]).code, 0);
    const args = ['--costs', join(dir, 'cost-model.yaml'), '--activities', acts, '--format', 'json'];
    const a = cvm(['profit', '--engine', url, ...args]);
    const b = cvm(['profit', log, ...args]);
    assert.equal(a.code, 0, a.stderr);
    assert.equal(b.code, 0, b.stderr);
    const ra = JSON.parse(a.stdout),
      rb = JSON.parse(b.stdout);
    assert.deepEqual(rb.activities.quarantineByReason, { negative_count: 1, unparseable_date: 1 });
    assert.equal(rb.customersNotInLog, 1);
    assertSameReport(ra, rb);
  });
});
