import { createDuckDbEngine } from '../engine/duckdb/duckdb-engine.js';
import type { ClickHouseEngine } from '../engine/clickhouse/clickhouse-engine.js';
import { copyRows } from '../engine/clickhouse/clickhouse-copy.js';
import { ensureClickHouseWorkspace, type ClickHouseTableSpec } from '../engine/clickhouse/clickhouse-schema.js';
import { EngineError, InputError } from '../errors.js';
import { claimSourceId } from '../engine/clickhouse/clickhouse-source-claim.js';
import { takeIngestLease, type IngestLeaseOptions } from '../engine/clickhouse/clickhouse-ingest-lease.js';
import { probeFile, sha256File } from '../transactions/file-probe.js';
import { ensureInputTables, ingestInputFile, type InputIngestOptions, type InputIngestReport } from './input-ingest.js';
import { inputCounts } from './input-ingest-queries.js';
import { clickhouseInputTables, KIND_PARTITIONED } from './input-schema-clickhouse.js';
import { INPUT_KINDS, type InputKind } from './input-schema.js';

const BATCH_ROWS = 200_000;

/**
 * Ingests a customers, spend, prospects or survey file into a ClickHouse workspace with exactly
 * DuckDB's validation and quarantine: {@link ingestInputFile} reads and checks it in a temporary
 * in-memory DuckDB (same rows accepted, same reasons, same counts; a prospects file takes the
 * attribute types of the customers file already on ClickHouse), then the kind's rows go to the
 * ClickHouse tables as RowBinary batches, and the counts are read back and checked.
 *
 * - Same content as the kind's current file (SHA-256): nothing changes (`unchanged`).
 * - Otherwise the kind's earlier rows are removed first: its own tables are truncated on every
 *   shard, and its partition of `input_sources`, `input_quarantine` and `input_attributes` dropped.
 * - Not atomic across the cluster: the `input_sources` row goes in last, and on failure the kind's
 *   rows are removed again (the kind then reads as missing, never half-loaded).
 * - One ingest of a kind at a time: the ingest holds a lease on its kind while it runs
 *   (`clickhouse-ingest-lease.ts`; `leaseSeconds`, default 600).
 *
 * @throws InputError / EngineError exactly as {@link ingestInputFile} (nothing changes then);
 *   InputError `ingest_in_progress` when another process is ingesting a file of the same kind;
 *   EngineError `row_accounting` when ClickHouse's counts differ from DuckDB's.
 * @example
 * const r = await ingestInputFileToClickHouse(engine, 'spend', 'marketing-spend.csv');
 * r.rowsAccepted; // the same as on DuckDB
 */
export async function ingestInputFileToClickHouse(
  ch: ClickHouseEngine,
  kind: InputKind,
  path: string,
  options: InputIngestOptions & Pick<IngestLeaseOptions, 'leaseSeconds'> = {},
): Promise<InputIngestReport> {
  if (!(kind in INPUT_KINDS))
    throw new InputError('bad_input_kind', `Unknown input kind "${kind}"; use customers, spend, prospects or surveys`, { kind });
  await probeFile(path);
  const lease = await takeIngestLease(ch, { kind }, { leaseSeconds: options.leaseSeconds });
  try {
    return await ingestKindLeased(ch, kind, path, options);
  } finally {
    await lease.release();
  }
}

/** {@link ingestInputFileToClickHouse} once the kind's lease is held. */
async function ingestKindLeased(
  ch: ClickHouseEngine,
  kind: InputKind,
  path: string,
  options: InputIngestOptions,
): Promise<InputIngestReport> {
  await partitionSharedTables(ch);
  await ensureInputTables(ch);
  const sha256 = await sha256File(path);
  const current = await ch.rows<{ sha256: string }>('SELECT sha256 FROM input_sources WHERE kind = $1', [kind]);
  if (current.length > 0 && current[0]!.sha256 === sha256)
    return { ...(await inputCounts(ch, kind, path, sha256)), status: 'unchanged', columns: null, dateFormat: null };

  const duck = createDuckDbEngine();
  try {
    await ensureInputTables(duck);
    if (kind === 'prospects') {
      const known = await ch.rows<{ name: string; type: string; position: number }>(
        "SELECT name, type, position FROM input_attributes WHERE kind = 'customers' ORDER BY position",
      );
      for (const a of known) await duck.exec("INSERT INTO input_attributes VALUES ('customers', $1, $2, $3)", [a.name, a.type, a.position]);
    }
    const report = await ingestInputFile(duck, kind, path, options);
    const sourceId = await claimSourceId(ch, 'input_sources'); // not max + 1: another process may be ingesting too
    const specs = new Map(clickhouseInputTables().map((s) => [s.name, s]));
    await removeInputKind(ch, kind);
    try {
      const tables: [ClickHouseTableSpec, string][] = [
        ...INPUT_KINDS[kind].tables.map((t): [ClickHouseTableSpec, string] => [specs.get(t)!, '']),
        [specs.get('input_quarantine')!, 'WHERE kind = $1'],
        [specs.get('input_attributes')!, 'WHERE kind = $1'],
      ];
      for (const [spec, where] of tables) {
        const params = where ? [kind] : [];
        await copyRows(duck, ch, { table: spec.name, columns: spec.columns, where, params, sourceId }, BATCH_ROWS);
        const [a] = await duck.rows<{ n: number }>(`SELECT count(*) AS n FROM ${spec.name} ${where}`, params);
        const [b] = await ch.rows<{ n: number }>(`SELECT count(*) AS n FROM ${spec.name} ${where}`, params);
        if (Number(a!.n) !== Number(b!.n))
          throw new EngineError('row_accounting', `ClickHouse holds ${b!.n} rows of ${spec.name} from ${path}; DuckDB validated ${a!.n}`, {
            path,
            table: spec.name,
          });
      }
      await copyRows(
        duck,
        ch,
        { table: 'input_sources', columns: specs.get('input_sources')!.columns, where: 'WHERE kind = $1', params: [kind], sourceId },
        BATCH_ROWS,
      );
    } catch (error) {
      await removeInputKind(ch, kind).catch(() => {});
      throw error;
    }
    return { ...report, status: current.length > 0 ? 'replaced' : report.status };
  } finally {
    await duck.close();
  }
}

/** Removes one kind's rows on every shard: its own tables truncated, its partition of the shared tables dropped (both synchronous). */
async function removeInputKind(ch: ClickHouseEngine, kind: InputKind): Promise<void> {
  for (const table of INPUT_KINDS[kind].tables) await ch.execOnShards(`TRUNCATE TABLE ${ch.localDatabase}.${table}`);
  for (const table of KIND_PARTITIONED) await ch.execOnShards(`ALTER TABLE ${ch.localDatabase}.${table} DROP PARTITION '${kind}'`);
}

/**
 * Workspaces created before input files were stored on ClickHouse hold the shared input tables
 * empty and unpartitioned: they are recreated partitioned by kind (refused if one holds rows).
 */
async function partitionSharedTables(ch: ClickHouseEngine): Promise<void> {
  const old = await ch.rows<{ name: string }>(
    "SELECT name FROM system.tables WHERE database = $1 AND partition_key = '' AND name IN ('input_sources', 'input_quarantine', 'input_attributes')",
    [ch.localDatabase],
  );
  if (old.length === 0) return;
  for (const { name } of old) {
    const [r] = await ch.rows<{ n: number }>(`SELECT count(*) AS n FROM ${name}`);
    if (Number(r!.n) > 0)
      throw new EngineError(
        'old_input_tables',
        `${name} in ${ch.database} is not partitioned by kind and holds rows; drop it and ingest the input files again`,
        {
          table: name,
        },
      );
    await ch.execOnShards(`DROP TABLE IF EXISTS ${ch.database}.${name}`);
    if (ch.localDatabase !== ch.database) await ch.execOnShards(`DROP TABLE IF EXISTS ${ch.localDatabase}.${name}`);
  }
  const names = new Set(old.map((o) => o.name));
  await ensureClickHouseWorkspace(
    ch,
    clickhouseInputTables().filter((t) => names.has(t.name)),
  );
}
