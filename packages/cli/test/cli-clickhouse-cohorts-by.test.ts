// `cvm cohorts --by NAME --engine clickhouse://…` on the local 2-shard cluster against `cvm cohorts
// --by NAME --workspace DIR` on DuckDB (issue 16), the demo business's log and customers file
// ingested into both: every --by the file offers (the acquisition channel under each attribution
// rule, each categorical attribute, the numeric attribute in quantile bands) and the period form of
// --by give the same JSON report (counts exact, money to 1e-9 relative), computedAt aside.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { createClickHouseEngine } from '../../core/src/engine/clickhouse/clickhouse-engine.js';
import { dropClickHouseWorkspace } from '../../core/src/engine/clickhouse/clickhouse-schema.js';
import { parseClickHouseUrl } from '../../core/src/engine/clickhouse/clickhouse-url.js';
import { unavailable } from '../../core/test/helpers/clickhouse.js';
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
  const reason = unavailable('cluster');
  if (reason !== null) {
    if (process.env.CI === '1') throw new Error(`CI=1: ${reason}`);
    t.skip(reason);
    return;
  }
  const dir = tempDir();
  assert.equal(cvm(['demo', '--out', dir, '--customers', '800', '--seed', '7', '--format', 'json']).code, 0);
  const log = join(dir, 'transactions.csv'),
    customers = join(dir, 'customers.csv');
  const db = `cvm_cli_cohorts_${process.pid}_${randomBytes(3).toString('hex')}`;
  const url = `${process.env.CVM_TEST_CLICKHOUSE}/${db}?cluster=${process.env.CVM_TEST_CLICKHOUSE_CLUSTER}&shards=${process.env.CVM_TEST_CLICKHOUSE_SHARDS}`;
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
    const engine = createClickHouseEngine(parseClickHouseUrl(url));
    await dropClickHouseWorkspace(engine);
    await engine.close();
  }
});
