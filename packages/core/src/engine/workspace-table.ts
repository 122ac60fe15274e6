import type { Engine } from './engine.js';
import { innerEngine } from './serial-engine.js';
import { isClickHouseEngine } from './clickhouse/clickhouse-workspace.js';
import { ensureClickHouseWorkspace, type ClickHouseTableSpec } from './clickhouse/clickhouse-schema.js';

const ensured = new WeakMap<Engine, Set<string>>();

/**
 * Creates a small workspace table when missing, on either engine: DuckDB runs `ddl` (a
 * `CREATE TABLE IF NOT EXISTS`); ClickHouse creates `spec` as a MergeTree table on every shard plus
 * its Distributed table (see `clickhouse-schema.ts`; inserts through it are synchronous). Once per
 * engine and table on ClickHouse (the DDL goes to every node).
 * @throws EngineError when the engine refuses the DDL.
 * @example
 * await ensureWorkspaceTable(engine, PLAN_DDL, PLAN_TABLE); // plans exists on DuckDB or on the cluster
 */
export async function ensureWorkspaceTable(engine: Engine, ddl: string, spec: ClickHouseTableSpec): Promise<void> {
  const base = innerEngine(engine);
  if (!isClickHouseEngine(base)) {
    await engine.exec(ddl);
    return;
  }
  const done = ensured.get(base) ?? new Set<string>();
  if (done.has(spec.name)) return;
  await ensureClickHouseWorkspace(base, [spec]);
  done.add(spec.name);
  ensured.set(base, done);
}
