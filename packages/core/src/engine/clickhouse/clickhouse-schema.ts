import type { ClickHouseEngine } from './clickhouse-engine.js';

/** One workspace table in ClickHouse: columns in the DuckDB workspace's order, sort key, shard key. */
export interface ClickHouseTableSpec {
  name: string;
  /** [column, ClickHouse type], in the same order as the DuckDB table (`transactions/schema.ts`). */
  columns: readonly (readonly [string, string])[];
  orderBy: string;
  /** Partition key: a source's rows are replaced by dropping its partition (synchronous, unlike mutations). */
  partitionBy?: string;
  /** Sharding expression of the Distributed table. */
  shardKey: string;
}

/**
 * The workspace tables (`transactions/schema.ts`) in ClickHouse types. Booleans are UInt8, optional
 * values Nullable, times DateTime in UTC holding the local wall-clock time (as DuckDB's TIMESTAMP
 * does), `extra_md5` (DuckDB's UHUGEINT; 18.16 has no 128-bit integer) its decimal text. Per-customer tables are sharded by `cityHash64(customer_id)`, so all of a customer's rows
 * are on one shard; `sources` and `quarantine` (no reliable customer id) are spread by source/line.
 * A test checks these columns against the DuckDB tables.
 */
export const CLICKHOUSE_TABLES: readonly ClickHouseTableSpec[] = [
  {
    name: 'sources',
    columns: [
      ['source_id', 'Int32'],
      ['path', 'String'],
      ['file_name', 'String'],
      ['sha256', 'String'],
      ['bytes', 'Int64'],
      ['format', 'String'],
      ['ingested_at', 'DateTime'],
      ['rows_read', 'Int64'],
      ['rows_accepted', 'Int64'],
      ['rows_quarantined', 'Int64'],
      ['mapping', 'String'],
      ['options', 'String'],
    ],
    orderBy: 'source_id',
    partitionBy: 'source_id',
    shardKey: 'source_id',
  },
  {
    name: 'transactions',
    columns: [
      ['source_id', 'Int32'],
      ['line', 'Int64'],
      ['customer_id', 'String'],
      ['ts', 'DateTime'],
      ['event_date', 'Date'],
      ['amount', 'Float64'],
      ['quantity', 'Nullable(Float64)'],
      ['price', 'Nullable(Float64)'],
      ['order_id', 'Nullable(String)'],
      ['product_id', 'Nullable(String)'],
      ['channel', 'Nullable(String)'],
      ['cost', 'Nullable(Float64)'],
      ['is_return', 'UInt8'],
      ['extra_md5', 'Nullable(String)'],
    ],
    orderBy: '(customer_id, event_date)',
    partitionBy: 'source_id',
    shardKey: 'cityHash64(customer_id)',
  },
  {
    name: 'quarantine',
    columns: [
      ['source_id', 'Int32'],
      ['source_file', 'String'],
      ['line', 'Int64'],
      ['reason', 'String'],
      ['detail', 'Nullable(String)'],
      ['customer_raw', 'Nullable(String)'],
      ['date_raw', 'Nullable(String)'],
      ['amount_raw', 'Nullable(String)'],
      ['record', 'Nullable(String)'],
    ],
    orderBy: '(source_id, line)',
    partitionBy: 'source_id',
    shardKey: 'cityHash64(source_id, line)',
  },
];

/** CREATE TABLE for a spec's MergeTree table in `db`. */
export function mergeTreeDdl(db: string, t: ClickHouseTableSpec): string {
  const cols = t.columns.map(([n, type]) => `${n} ${type}`).join(', ');
  return `CREATE TABLE IF NOT EXISTS ${db}.${t.name} (${cols}) ENGINE = MergeTree${t.partitionBy ? ` PARTITION BY ${t.partitionBy}` : ''} ORDER BY ${t.orderBy}`;
}

/**
 * Creates the workspace: on a single node, MergeTree tables in the database; on a cluster, the
 * MergeTree tables in `<db>_local` on every shard and, on every node, Distributed tables in `<db>`
 * over them, sharded by {@link ClickHouseTableSpec.shardKey}. Idempotent (IF NOT EXISTS).
 * @throws EngineError when a node refuses the DDL.
 */
export async function ensureClickHouseWorkspace(
  engine: ClickHouseEngine,
  tables: readonly ClickHouseTableSpec[] = CLICKHOUSE_TABLES,
): Promise<void> {
  const { database, localDatabase, target } = engine;
  if (target.cluster === null) {
    await engine.execOnShards(`CREATE DATABASE IF NOT EXISTS ${database}`, 'default');
    for (const t of tables) await engine.exec(mergeTreeDdl(database, t));
    return;
  }
  await engine.execOnShards(`CREATE DATABASE IF NOT EXISTS ${localDatabase}`, 'default');
  await engine.execOnShards(`CREATE DATABASE IF NOT EXISTS ${database}`, 'default');
  for (const t of tables) {
    await engine.execOnShards(mergeTreeDdl(localDatabase, t));
    await engine.execOnShards(
      `CREATE TABLE IF NOT EXISTS ${database}.${t.name} AS ${localDatabase}.${t.name} ENGINE = Distributed(${target.cluster}, ${localDatabase}, ${t.name}, ${t.shardKey})`,
    );
  }
}

/** Drops the workspace databases on every node (tests and `--reset`). */
export async function dropClickHouseWorkspace(engine: ClickHouseEngine): Promise<void> {
  await engine.execOnShards(`DROP DATABASE IF EXISTS ${engine.database}`, 'default');
  if (engine.localDatabase !== engine.database) await engine.execOnShards(`DROP DATABASE IF EXISTS ${engine.localDatabase}`, 'default');
}
