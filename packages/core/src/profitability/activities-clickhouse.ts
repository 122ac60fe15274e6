import { randomBytes } from 'node:crypto';
import type { Engine } from '../engine/engine.js';
import { innerEngine } from '../engine/serial-engine.js';
import { createDuckDbEngine } from '../engine/duckdb/duckdb-engine.js';
import { copyRows } from '../engine/clickhouse/clickhouse-copy.js';
import { ensureClickHouseWorkspace, type ClickHouseTableSpec } from '../engine/clickhouse/clickhouse-schema.js';
import { isClickHouseEngine } from '../engine/clickhouse/clickhouse-workspace.js';
import { tryLease } from '../engine/clickhouse/clickhouse-ingest-lease.js';
import { EngineError } from '../errors.js';
import { activityLeaseScope, activityTableName } from './activities-sweep-clickhouse.js';
import { ACTIVITIES } from './activities-sql.js';
import { loadActivities, type ActivityReport } from './activities.js';

/** The accepted activity rows in ClickHouse types (those of DuckDB's `cvm_activities`, none NULL once accepted). */
const COLUMNS = [
  ['line', 'Int64'],
  ['customer_id', 'String'],
  ['activity', 'String'],
  ['count', 'Float64'],
  ['event_date', 'Date'],
] as const;

const BATCH_ROWS = 200_000;

/** An activity file stored on ClickHouse for one P&L: its load report, the table and how to drop it. */
export interface ClickHouseActivities {
  report: ActivityReport;
  /** The Distributed table (MergeTree on each shard) of the accepted rows, sharded like `transactions`. */
  table: string;
  /** Drops the table on every node (idempotent). */
  drop(): Promise<void>;
}

/**
 * Loads an activity file for a P&L on ClickHouse with exactly DuckDB's validation and quarantine:
 * {@link loadActivities} reads and checks it in a temporary in-memory DuckDB (the same rows accepted,
 * the same reasons, the same counts and examples), then the accepted rows go to a table of this run,
 * `cvm_activities_<time>_<random>`: a MergeTree table on every shard plus a Distributed table sharded
 * by `cityHash64(customer_id)` as the transactions are, so the per-customer profit SQL joins a
 * customer's activity on the shard holding the customer's transactions. The quarantined rows stay in
 * the report (as on DuckDB, where both tables are temporary). The caller drops the table; while it
 * is in use this process holds a lease on it, and a table a killed process left behind is dropped
 * by a later P&L run (`activities-sweep-clickhouse.ts`).
 *
 * @throws InputError as {@link loadActivities} (nothing is created then); EngineError
 *   `row_accounting` when ClickHouse holds another number of rows than DuckDB accepted.
 * @example
 * const a = await loadActivitiesToClickHouse(engine, 'activities.csv', ['support_contact'], period);
 * try { a.report.rowsAccepted; } finally { await a.drop(); }
 */
export async function loadActivitiesToClickHouse(
  engine: Engine,
  path: string,
  activities: string[],
  period: { start: string; end: string },
): Promise<ClickHouseActivities> {
  const ch = innerEngine(engine);
  if (!isClickHouseEngine(ch)) throw new TypeError('loadActivitiesToClickHouse: not a ClickHouse engine');
  const duck = createDuckDbEngine();
  try {
    const report = await loadActivities(duck, path, activities, period);
    const [now] = await ch.rows<{ t: number }>('SELECT toUInt32(now()) AS t');
    const table = activityTableName(Number(now!.t), randomBytes(4).toString('hex'));
    await duck.exec(`CREATE TEMP TABLE ${table} AS SELECT ${COLUMNS.map(([c]) => c).join(', ')} FROM ${ACTIVITIES}`);
    const spec: ClickHouseTableSpec = { name: table, columns: COLUMNS, orderBy: 'customer_id', shardKey: 'cityHash64(customer_id)' };
    // held while the table is in use: another process's sweep leaves it alone however long this P&L runs
    const lease = await tryLease(ch, activityLeaseScope(table));
    const drop = async (): Promise<void> => {
      await ch.execOnShards(`DROP TABLE IF EXISTS ${ch.database}.${table}`, 'default');
      if (ch.localDatabase !== ch.database) await ch.execOnShards(`DROP TABLE IF EXISTS ${ch.localDatabase}.${table}`, 'default');
      if ('release' in lease) await lease.release();
    };
    try {
      await ensureClickHouseWorkspace(ch, [spec]);
      await copyRows(duck, ch, { table, columns: COLUMNS }, BATCH_ROWS);
      const [r] = await ch.rows<{ n: number }>(`SELECT count(*) AS n FROM ${table}`);
      if (Number(r!.n) !== report.rowsAccepted)
        throw new EngineError(
          'row_accounting',
          `ClickHouse holds ${r!.n} activity rows from ${path}; DuckDB accepted ${report.rowsAccepted}`,
          {
            path,
            table,
          },
        );
    } catch (error) {
      await drop().catch(() => {});
      throw error;
    }
    return { report, table, drop };
  } finally {
    await duck.close();
  }
}
