import type { Engine } from '../engine/engine.js';

/**
 * What a served workspace polls to notice data written by another process (issue 16): a `cvm ingest`
 * into the same ClickHouse database, which the server's own ingests (uploads, watched folder, events)
 * do not see. Read from the two small tables every ingest writes last: `sources` (one row per log
 * file or event batch) and `input_sources` (one row per customers, spend, prospects or survey file).
 */
export interface WorkspaceStamp {
  /** Newest log ingest (`sources.source_id`, 0 when none) and how many there are. */
  log: { top: number; files: number };
  /** The input files as `kind:source_id` joined by commas ('' when none): a new or replaced input file changes it. */
  inputs: string;
}

/** Whether two stamps describe the same data. */
export function sameStamp(a: WorkspaceStamp, b: WorkspaceStamp): boolean {
  return a.log.top === b.log.top && a.log.files === b.log.files && a.inputs === b.inputs;
}

/**
 * Reads the workspace's stamp in one statement of two plain aggregates (DuckDB, ClickHouse 18.16 and
 * current ClickHouse alike; on a cluster both tables are Distributed and tiny, and one statement is
 * one round of queries to the shards). The input tables must exist (`ensureInputTables`).
 * @example
 * await readWorkspaceStamp(engine); // → { log: { top: 3, files: 3 }, inputs: 'customers:1,surveys:2' }
 */
export async function readWorkspaceStamp(engine: Engine): Promise<WorkspaceStamp> {
  const rows = await engine.rows<{ kind: string; top: number | null; files: number }>(
    `SELECT '' AS kind, max(source_id) AS top, count(*) AS files FROM sources
     UNION ALL
     SELECT kind, max(source_id) AS top, count(*) AS files FROM input_sources GROUP BY kind`,
  );
  const log = rows.find((r) => r.kind === '');
  const files = Number(log?.files ?? 0);
  const inputs = rows
    .filter((r) => r.kind !== '')
    .map((r) => `${r.kind}:${Number(r.top)}`)
    .sort();
  return { log: { top: files === 0 ? 0 : Number(log!.top), files }, inputs: inputs.join(',') };
}

/**
 * The log ingests newer than `after` (ascending ids): what an incremental refresh reads when they
 * were appended. When their count plus the files known before is not the count now, an earlier
 * file was replaced (its rows removed) and only a full recompute is right.
 */
export async function sourcesAfter(engine: Engine, after: number): Promise<number[]> {
  const rows = await engine.rows<{ id: number }>('SELECT source_id AS id FROM sources WHERE source_id > $1 ORDER BY source_id', [
    Math.trunc(after),
  ]);
  return rows.map((r) => Number(r.id));
}
