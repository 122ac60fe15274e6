import type { SqlDialect } from '../engine/engine.js';
import { sqlString } from '../engine/sql.js';

/**
 * The snapshot tables. `segment_snapshots` holds one row per customer and as-of day;
 * `segment_snapshot_runs` one row per as-of day with the rules and cut points as JSON. Saving a
 * snapshot for an as-of day that exists replaces it.
 */
export const SNAPSHOT_DDL = `
CREATE TABLE IF NOT EXISTS segment_snapshots (
  as_of DATE NOT NULL,
  computed_at TIMESTAMP NOT NULL,
  customer_id VARCHAR NOT NULL,
  r_score TINYINT,
  f_score TINYINT,
  m_score TINYINT,
  rfm_segment VARCHAR,
  value_tier VARCHAR NOT NULL,
  tier_rank TINYINT NOT NULL,
  lifecycle_stage VARCHAR NOT NULL,
  micro_segment VARCHAR,
  value DOUBLE
);
CREATE TABLE IF NOT EXISTS segment_snapshot_runs (
  as_of DATE NOT NULL,
  computed_at TIMESTAMP NOT NULL,
  customers BIGINT NOT NULL,
  value_kind VARCHAR NOT NULL,
  rules VARCHAR NOT NULL
);`;

/** The per-customer columns of a snapshot, in table order. */
export const SNAPSHOT_COLUMNS = [
  'customer_id',
  'r_score',
  'f_score',
  'm_score',
  'rfm_segment',
  'value_tier',
  'tier_rank',
  'lifecycle_stage',
  'micro_segment',
  'value',
] as const;

export type SnapshotCell = string | number | null;

/** Deletes one as-of day's snapshot (both tables). */
export function deleteSnapshotSql(d: SqlDialect, asOf: string): string {
  const day = d.dateLiteral(asOf);
  return `DELETE FROM segment_snapshots WHERE as_of = ${day};\nDELETE FROM segment_snapshot_runs WHERE as_of = ${day};`;
}

/** The run row (rules as JSON text). */
export function insertRunSql(
  d: SqlDialect,
  asOf: string,
  computedAt: string,
  customers: number,
  valueKind: string,
  rulesJson: string,
): string {
  return `INSERT INTO segment_snapshot_runs VALUES (${d.dateLiteral(asOf)}, CAST(${sqlString(computedAt.replace('T', ' ').replace('Z', ''))} AS TIMESTAMP), ${customers}, ${sqlString(valueKind)}, ${sqlString(rulesJson)})`;
}

/**
 * One multi-row INSERT for a batch of customers (values quoted with `sqlString`; numbers written
 * with full precision, NaN as NULL).
 */
export function insertSnapshotRowsSql(d: SqlDialect, asOf: string, computedAt: string, rows: SnapshotCell[][]): string {
  const head = `${d.dateLiteral(asOf)}, CAST(${sqlString(computedAt.replace('T', ' ').replace('Z', ''))} AS TIMESTAMP)`;
  const cell = (v: SnapshotCell): string =>
    v === null ? 'NULL' : typeof v === 'number' ? (Number.isFinite(v) ? String(v) : 'NULL') : sqlString(v);
  return `INSERT INTO segment_snapshots VALUES\n${rows.map((r) => `(${head}, ${r.map(cell).join(', ')})`).join(',\n')}`;
}

/** One snapshot's rows, by customer id. */
export function selectSnapshotSql(d: SqlDialect, asOf: string): string {
  return `SELECT ${SNAPSHOT_COLUMNS.join(', ')}, CAST(computed_at AS VARCHAR) AS computed_at FROM segment_snapshots WHERE as_of = ${d.dateLiteral(asOf)}
ORDER BY ${d.customerOrder('customer_id')}`;
}

/** The stored snapshots: as-of day, when computed, customers. */
export function listSnapshotsSql(): string {
  return `SELECT CAST(as_of AS VARCHAR) AS as_of, CAST(computed_at AS VARCHAR) AS computed_at, customers, value_kind FROM segment_snapshot_runs ORDER BY as_of`;
}

/**
 * Bulk load of a snapshot staged as a CSV file (header = {@link SNAPSHOT_COLUMNS}), for DuckDB whose
 * CSV reader is far faster than multi-row INSERTs (≈ 1M rows/s against ≈ 10k rows/s). Other engines
 * use {@link insertSnapshotRowsSql}.
 */
export function insertSnapshotFromCsvSql(d: SqlDialect, asOf: string, computedAt: string, path: string): string {
  const types =
    "{'customer_id': 'VARCHAR', 'r_score': 'TINYINT', 'f_score': 'TINYINT', 'm_score': 'TINYINT', 'rfm_segment': 'VARCHAR', 'value_tier': 'VARCHAR', 'tier_rank': 'TINYINT', 'lifecycle_stage': 'VARCHAR', 'micro_segment': 'VARCHAR', 'value': 'DOUBLE'}";
  return `INSERT INTO segment_snapshots SELECT ${d.dateLiteral(asOf)}, CAST(${sqlString(computedAt.replace('T', ' ').replace('Z', ''))} AS TIMESTAMP), ${SNAPSHOT_COLUMNS.join(', ')}
FROM read_csv(${sqlString(path)}, header = true, auto_detect = false, quote = '"', escape = '"', nullstr = '', columns = ${types})`;
}
