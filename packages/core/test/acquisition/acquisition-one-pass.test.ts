// On DuckDB the acquisition report attributes the customers once (issue 16): its three per-customer
// statements read one temporary table (`dialect.reused`), where ClickHouse recomputes the attribution
// on each shard in each statement. The report equals the one computed in that shard-local form on
// the same DuckDB (the previous DuckDB code, and the SQL a cluster runs) for three option sets, the
// attribution is computed by one statement instead of three, and the temporary table is dropped.
// (DuckDB vs ClickHouse on the same input: clickhouse-shard-local.test.ts.)
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { acquisitionReport, type AcquisitionOptions } from '../../src/acquisition/acquisition.js';
import { clickhouseDialect } from '../../src/engine/clickhouse/clickhouse-dialect.js';
import type { Engine } from '../../src/engine/engine.js';
import { demoWorkspace, type DemoWorkspace } from '../helpers/demo-workspace.js';
import { assertDeepClose } from '../helpers/assert-deep-close.js';

let ws: DemoWorkspace;
const ready = demoWorkspace(1500, 5).then((w) => (ws = w));
after(async () => ws?.engine.close());

/** `engine` with its statements recorded; `shardLocal`: with the dialect's reused form replaced by ClickHouse's (no temporary table). */
function watched(engine: Engine, shardLocal: boolean): { engine: Engine; statements: string[] } {
  const statements: string[] = [];
  const dialect = shardLocal ? { ...engine.dialect, reused: clickhouseDialect.reused } : engine.dialect;
  const seen = (sql: string): string => {
    statements.push(sql);
    return sql;
  };
  const e: Engine = Object.create(engine, {
    dialect: { value: dialect },
    exec: { value: (sql: string, p?: never) => engine.exec(seen(sql), p) },
    rows: { value: (sql: string, p?: never) => engine.rows(seen(sql), p) },
    columns: { value: (sql: string, k: never, p?: never) => engine.columns(seen(sql), k, p) },
  });
  return { engine: e, statements };
}

/** Statements that attribute customers (the attribution's scan of the log, see acquisitionLocalSql). */
const attributions = (statements: string[]): number => statements.filter((s) => s.includes('FROM transactions WHERE NOT is_return')).length;

const runs: [string, Partial<AcquisitionOptions>][] = [
  ['by channel', { margin: 0.45, bootstrap: 50 }],
  ['first-order channel by quarter', { attribution: 'first-order', cohort: 'quarter', bootstrap: 20 }],
  ['by region', { by: 'region', margin: 0.3, bootstrap: 20 }],
];

for (const [what, options] of runs) {
  test(`acquisition ${what}: one attribution on DuckDB, the same report as the shard-local form`, async () => {
    await ready;
    const base = { summary: ws.summary, models: ws.models, ...options };
    const once = watched(ws.engine, false),
      local = watched(ws.engine, true);
    const got = await acquisitionReport(once.engine, base);
    const want = await acquisitionReport(local.engine, base);
    assert.ok(want.cohorts.length > 1 && want.overall.newCustomers > 0, `${what}: the report has rows`);
    assertDeepClose({ ...got, computedAt: null }, { ...want, computedAt: null });
    assert.equal(attributions(once.statements), 1, `${what}: statements attributing customers:\n${once.statements.join('\n---\n')}`);
    assert.equal(attributions(local.statements), 3, `${what}: the shard-local form attributes in each of its three statements`);
    const [left] = await ws.engine.rows<{ n: number }>(
      "SELECT CAST(count(*) AS DOUBLE) AS n FROM duckdb_tables() WHERE table_name LIKE 'cvm_reused%'",
    );
    assert.equal(left!.n, 0, 'the temporary table is dropped');
  });
}
