/**
 * Segment snapshots in a ClickHouse workspace: the same two tables as DuckDB's (`snapshot-sql.ts`),
 * as MergeTree tables partitioned by as-of day. On a cluster the customer rows are sharded by
 * `cityHash64(customer_id)` like the transactions, so a migration joins two snapshots on each shard.
 * Replacing an as-of day drops its partition on every shard (synchronous, unlike a mutation).
 */
import type { ColumnBatch } from '../engine/engine.js';
import type { ClickHouseEngine } from '../engine/clickhouse/clickhouse-engine.js';
import { ensureClickHouseWorkspace, type ClickHouseTableSpec } from '../engine/clickhouse/clickhouse-schema.js';
import { isoDateOrNull } from '../engine/sql.js';
import { SNAPSHOT_COLUMNS, type SnapshotCell } from './snapshot-sql.js';

/** The snapshot tables in ClickHouse types (scores and ranks Int32: the row encoder has no Int8). */
export const CLICKHOUSE_SNAPSHOT_TABLES: readonly ClickHouseTableSpec[] = [
  {
    name: 'segment_snapshots',
    columns: [
      ['as_of', 'Date'],
      ['computed_at', 'DateTime'],
      ['customer_id', 'String'],
      ['r_score', 'Nullable(Int32)'],
      ['f_score', 'Nullable(Int32)'],
      ['m_score', 'Nullable(Int32)'],
      ['rfm_segment', 'Nullable(String)'],
      ['value_tier', 'String'],
      ['tier_rank', 'Int32'],
      ['lifecycle_stage', 'String'],
      ['micro_segment', 'Nullable(String)'],
      ['value', 'Nullable(Float64)'],
    ],
    orderBy: 'customer_id',
    partitionBy: 'as_of',
    shardKey: 'cityHash64(customer_id)',
  },
  {
    name: 'segment_snapshot_runs',
    columns: [
      ['as_of', 'Date'],
      ['computed_at', 'DateTime'],
      ['customers', 'Int64'],
      ['value_kind', 'String'],
      ['rules', 'String'],
    ],
    orderBy: 'as_of',
    partitionBy: 'as_of',
    shardKey: 'cityHash64(as_of)',
  },
];

const ensured = new WeakSet<ClickHouseEngine>();

/** Creates the snapshot tables (on every shard, with their Distributed tables) once per engine. */
export async function ensureClickHouseSnapshotTables(engine: ClickHouseEngine): Promise<void> {
  if (ensured.has(engine)) return;
  await ensureClickHouseWorkspace(engine, CLICKHOUSE_SNAPSHOT_TABLES);
  ensured.add(engine);
}

const dayNumber = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

/**
 * Replaces the snapshot of `asOf` by `rows` (columns {@link SNAPSHOT_COLUMNS}) and its run row.
 * @throws TypeError for an as-of day that is not an ISO date; EngineError when a shard refuses.
 */
export async function saveClickHouseSnapshot(
  engine: ClickHouseEngine,
  run: { asOf: string; computedAt: string; valueKind: string; rules: string },
  rows: SnapshotCell[][],
): Promise<void> {
  const asOf = isoDateOrNull(run.asOf);
  if (asOf === null) throw new TypeError(`saveClickHouseSnapshot: not an ISO date: ${run.asOf}`);
  await ensureClickHouseSnapshotTables(engine);
  for (const t of CLICKHOUSE_SNAPSHOT_TABLES)
    await engine.execOnShards(`ALTER TABLE ${engine.localDatabase}.${t.name} DROP PARTITION '${asOf}'`);
  const at = Math.floor(Date.parse(run.computedAt) / 1000);
  const n = rows.length;
  const f64: Record<string, Float64Array> = { as_of: new Float64Array(n).fill(dayNumber(asOf)), computed_at: new Float64Array(n).fill(at) };
  const strings: Record<string, string[]> = {};
  const [specRows, specRuns] = CLICKHOUSE_SNAPSHOT_TABLES as [ClickHouseTableSpec, ClickHouseTableSpec];
  SNAPSHOT_COLUMNS.forEach((name, j) => {
    const type = specRows.columns.find(([c]) => c === name)![1];
    if (type.includes('String')) {
      strings[name] = rows.map((r) => (r[j] === null ? '' : String(r[j])));
      f64[`null:${name}`] = Float64Array.from(rows, (r) => (r[j] === null ? 1 : 0));
    } else f64[name] = Float64Array.from(rows, (r) => (typeof r[j] === 'number' && Number.isFinite(r[j]) ? (r[j] as number) : NaN));
  });
  const batch: ColumnBatch = { length: n, f64, strings };
  const BATCH = 200_000;
  for (let i = 0; i < n; i += BATCH)
    await engine.insertColumns('segment_snapshots', specRows.columns, slice(batch, i, Math.min(n, i + BATCH)));
  await engine.insertColumns('segment_snapshot_runs', specRuns.columns, {
    length: 1,
    f64: { as_of: Float64Array.of(dayNumber(asOf)), computed_at: Float64Array.of(at), customers: Float64Array.of(n) },
    strings: { value_kind: [run.valueKind], rules: [run.rules] },
  });
}

function slice(b: ColumnBatch, from: number, to: number): ColumnBatch {
  if (from === 0 && to === b.length) return b;
  return {
    length: to - from,
    f64: Object.fromEntries(Object.entries(b.f64).map(([k, v]) => [k, v.subarray(from, to)])),
    strings: Object.fromEntries(Object.entries(b.strings).map(([k, v]) => [k, v.slice(from, to)])),
  };
}
