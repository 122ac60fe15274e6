import type { Engine } from '../engine/engine.js';

/**
 * Which data a report reflects (issue 16, item 5): the workspace's ingests as recorded in `sources`.
 * `version` is the id of the newest ingest (0 for an empty workspace). Every ingest that changes the
 * data gets a new, larger id, and a repeated file is `unchanged` and gets none, so two reports with the
 * same version were computed from the same transactions, whichever process (CLI, server, watcher)
 * computed them.
 */
export interface DataVersion {
  /** Id of the newest ingest (`sources.source_id`); 0 when nothing was ingested. */
  version: number;
  /** Files (and event batches) ingested. */
  files: number;
  /** Rows accepted over all ingests, returns and cancellations included (rows in the quarantine not counted). */
  transactions: number;
  /** Wall-clock time of the newest ingest, 'YYYY-MM-DD HH:MM:SS' (UTC); null when nothing was ingested. */
  lastIngestAt: string | null;
}

/** The one-line text a report header shows for a data version and its computation time. */
export function describeDataVersion(v: DataVersion, computedAt?: string): string {
  const data =
    v.version === 0
      ? 'data version 0 (nothing ingested)'
      : `data version ${v.version} (${v.files.toLocaleString('en-US')} ${v.files === 1 ? 'file' : 'files'}, ` +
        `${v.transactions.toLocaleString('en-US')} accepted rows, last ingest ${v.lastIngestAt} UTC)`;
  return computedAt === undefined ? data : `${data}; computed at ${computedAt.replace('T', ' ').replace(/\.\d+Z$/, '')} UTC`;
}

/**
 * Reads the workspace's data version in one plain aggregate over `sources` (runs on DuckDB and on
 * ClickHouse, where `sources` is a Distributed table).
 *
 * @example
 * await readDataVersion(engine);
 * // → { version: 2, files: 2, transactions: 6919, lastIngestAt: '2026-12-07 02:40:11' }
 */
export async function readDataVersion(engine: Engine): Promise<DataVersion> {
  const [r] = await engine.rows<{ version: number | null; files: number; transactions: number | null; last: string | null }>(
    `SELECT max(source_id) AS version, count(*) AS files, sum(rows_accepted) AS transactions,
            CAST(max(ingested_at) AS VARCHAR) AS last
     FROM sources`,
  );
  const files = Number(r?.files ?? 0);
  return {
    version: files === 0 ? 0 : Number(r!.version),
    files,
    transactions: files === 0 ? 0 : Number(r!.transactions),
    lastIngestAt: files === 0 || r!.last === null ? null : r!.last.slice(0, 19),
  };
}
