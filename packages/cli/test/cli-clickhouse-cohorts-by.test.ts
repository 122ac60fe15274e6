// `cvm cohorts --by NAME --engine clickhouse://…` on the local 2-shard cluster against `cvm cohorts
// --by NAME --workspace DIR` on DuckDB (issue 16), the demo business's log and customers file
// ingested into both: every --by the file offers (the acquisition channel under each attribution
// rule, each categorical attribute, the numeric attribute in quantile bands) and the period form of
// --by give the same JSON report (counts exact, money to 1e-9 relative), computedAt aside.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { testClusterUrl } from '../../core/test/helpers/clickhouse.js';
import { assertDeepClose } from '../../core/test/helpers/assert-deep-close.js';
import { cvm, tempDir } from './run-cli.js';

const BY: string[][] = [
  ['--by', 'channel'],
  ['--by', 'channel', '--attribution', 'first-order', '--period', 'week'],
  ['--by', 'channel', '--attribution', 'file', '--period', 'quarter', '--as-of', '2023-06-30'],
  ['--by', 'region'],
  ['--by', 'age_band', '--period', 'quarter'],
  ['--by', 'first_category'],
  ['--by', 'device', '--mode', 'in-or-after'],
  ['--by', 'site_visits', '--bands', '3'],
  ['--by', 'quarter'],
];

test('cvm cohorts --by … --engine clickhouse://… equals DuckDB for each --by option', { timeout: 600_000 }, async (t) => {
  const cluster = testClusterUrl(t, 'cvm_cli_cohorts');
  if (cluster === null) return;
  const { url } = cluster;
  const dir = tempDir();
  assert.equal(cvm(['demo', '--out', dir, '--customers', '800', '--seed', '7', '--format', 'json']).code, 0);
  const log = join(dir, 'transactions.csv'),
    customers = join(dir, 'customers.csv');
  const ws = tempDir();
  try {
    for (const where of [
      ['--engine', url],
      ['--workspace', ws],
    ]) {
      const r = cvm(['ingest', log, ...where, '--customers', customers, '--format', 'json']);
      assert.equal(r.code, 0, r.stderr);
    }
    for (const by of BY) {
      const a = cvm(['cohorts', '--engine', url, ...by, '--format', 'json']);
      const b = cvm(['cohorts', '--workspace', ws, ...by, '--format', 'json']);
      assert.equal(a.code, 0, `${by.join(' ')} on ClickHouse: ${a.stderr}`);
      assert.equal(b.code, 0, `${by.join(' ')} on DuckDB: ${b.stderr}`);
      const { computedAt: _a, ...ra } = JSON.parse(a.stdout);
      const { computedAt: _b, ...rb } = JSON.parse(b.stdout);
      const tables = by[1] === 'quarter' ? [rb.overall] : (rb.byDimension?.levels ?? []).map((l: { table: unknown }) => l.table);
      assert.ok(tables.length >= (by[1] === 'quarter' ? 1 : 2), `${by.join(' ')}: tables on DuckDB`);
      assertDeepClose(ra, rb, 1e-9, by.join(' '));
    }
  } finally {
    await cluster.drop();
  }
});
