import type { ResolvedMapping } from './column-mapping.js';
import type { Engine } from '../engine/engine.js';

/** One ingested file of the workspace, as the Data page lists it. */
export interface DataSource {
  source_id: number;
  file_name: string;
  format: string;
  bytes: number;
  sha256: string;
  /** UTC time of the ingest, ISO `YYYY-MM-DDTHH:MM:SSZ`. */
  ingested_at: string;
  rows_read: number;
  rows_accepted: number;
  rows_quarantined: number;
  /** The column mapping used, as stored (JSON). */
  mapping: ResolvedMapping;
}

/** Quarantined rows per reason code. */
export interface QuarantineCount {
  reason: string;
  rows: number;
}

/** The ingested files in ingest order: plain SQL both engines run (times read as text, formatted here). */
export const dataSourcesSql = (): string =>
  `SELECT source_id, file_name, format, bytes, sha256, CAST(ingested_at AS VARCHAR) AS ingested_at,
  rows_read, rows_accepted, rows_quarantined, mapping FROM sources ORDER BY source_id`;

/** Quarantined rows per reason, most first. */
export const quarantineCountsSql = (): string => 'SELECT reason, count(*) AS n FROM quarantine GROUP BY reason ORDER BY n DESC, reason';

/**
 * The workspace's ingested files and its quarantine counts by reason, on either engine (counts as
 * numbers: ClickHouse hands 64-bit integers over as text).
 * @example
 * const { sources } = await dataSources(engine);
 * sources[0]; // → { source_id: 1, file_name: 'cdnow_sample_elog.csv', rows_accepted: 6919, ingested_at: '2026-12-07T02:40:11Z', … }
 */
export async function dataSources(engine: Engine): Promise<{ sources: DataSource[]; quarantine: QuarantineCount[] }> {
  const rows = await engine.rows<Record<string, unknown>>(dataSourcesSql());
  const sources = rows.map((s) => ({
    source_id: Number(s.source_id),
    file_name: String(s.file_name),
    format: String(s.format),
    bytes: Number(s.bytes),
    sha256: String(s.sha256),
    ingested_at: `${String(s.ingested_at).slice(0, 19).replace(' ', 'T')}Z`,
    rows_read: Number(s.rows_read),
    rows_accepted: Number(s.rows_accepted),
    rows_quarantined: Number(s.rows_quarantined),
    mapping: JSON.parse(String(s.mapping)) as ResolvedMapping,
  }));
  return { sources, quarantine: await quarantineCounts(engine) };
}

/** Whether the workspace holds at least one accepted transaction (reads one row at most). */
export async function hasTransactions(engine: Engine): Promise<boolean> {
  const [t] = await engine.rows<{ n: unknown }>('SELECT count(*) AS n FROM (SELECT 1 FROM transactions LIMIT 1)');
  return Number(t?.n ?? 0) > 0;
}

/** Quarantined rows per reason, most first (see {@link dataSources}). */
export async function quarantineCounts(engine: Engine): Promise<QuarantineCount[]> {
  const q = await engine.rows<{ reason: string; n: unknown }>(quarantineCountsSql());
  return q.map((r) => ({ reason: r.reason, rows: Number(r.n) }));
}
