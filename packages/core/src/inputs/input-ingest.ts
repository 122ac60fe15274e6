import type { Engine } from '../engine/engine.js';
import { innerEngine, inTransaction } from '../engine/serial-engine.js';
import { isClickHouseEngine } from '../engine/clickhouse/clickhouse-workspace.js';
import { ensureWorkspaceTable } from '../engine/workspace-table.js';
import { clickhouseInputTables } from './input-schema-clickhouse.js';
import { EngineError, InputError } from '../errors.js';
import type { DateFormat } from '../transactions/date-formats.js';
import { probeFile, sha256File } from '../transactions/file-probe.js';
import { csvLineSql, readerSql, REJECTS, STAGE } from '../transactions/ingest-sql.js';
import { ndjsonKeys } from '../transactions/ingest-queries.js';
import { resolveInputColumns, type InputColumnOptions, type ResolvedInputColumns } from './input-columns.js';
import {
  inputParseSql,
  inputStageSql,
  insertInputQuarantineSql,
  insertInputSql,
  PARSED_INPUT,
  stageColumn,
  type AttributeType,
  type InputParsePlan,
} from './input-sql.js';
import { attributeTypes, chooseFormat, inputCounts } from './input-ingest-queries.js';
import { INPUT_KINDS, INPUTS_DDL, type InputKind, type InputQuarantineReason } from './input-schema.js';

export interface InputIngestOptions extends InputColumnOptions {
  /** CSV delimiter (default: sniffed). */
  delimiter?: string;
  /** Date format of the acquisition date (default `auto`). */
  dateFormat?: DateFormat;
  /** Spend files: the allowed channels (lower-cased); others are quarantined as `unknown_channel`. */
  channels?: readonly string[];
}

export interface InputIngestReport {
  kind: InputKind;
  file: string;
  sha256: string;
  /** `ingested` (new), `replaced` (an earlier file of this kind was replaced), `unchanged` (same content as the current one). */
  status: 'ingested' | 'replaced' | 'unchanged';
  columns: ResolvedInputColumns | null;
  attributes: { name: string; type: AttributeType }[];
  dateFormat: string | null;
  rowsRead: number;
  rowsAccepted: number;
  rowsQuarantined: number;
  quarantineByReason: Partial<Record<InputQuarantineReason, number>>;
  /** The first quarantined rows (up to 10), for the message a user sees. */
  examples: { line: number; reason: InputQuarantineReason; detail: string | null }[];
}

/** The tables {@link INPUTS_DDL} creates. */
const DUCKDB_INPUT_TABLES = [...INPUTS_DDL.matchAll(/CREATE TABLE IF NOT EXISTS (\w+)/g)].map((m) => `'${m[1]}'`);

/**
 * Creates the input tables if they do not exist (on ClickHouse: empty, on every shard; see
 * `input-schema-clickhouse.ts`). A DuckDB workspace holding them all is left untouched (no DDL), so a
 * read-only workspace can be read.
 */
export async function ensureInputTables(engine: Engine): Promise<void> {
  const base = innerEngine(engine);
  if (!isClickHouseEngine(base)) {
    const [have] = await engine.rows<{ n: number }>(
      `SELECT CAST(count(DISTINCT table_name) AS DOUBLE) AS n FROM information_schema.tables WHERE table_name IN (${DUCKDB_INPUT_TABLES.join(', ')})`,
    );
    if (have!.n < DUCKDB_INPUT_TABLES.length) await engine.exec(INPUTS_DDL);
    return;
  }
  for (const spec of clickhouseInputTables()) await ensureWorkspaceTable(base, '', spec);
}

const firstLine = (error: unknown): string =>
  String((error as Error).message ?? error)
    .split('\n')[0]!
    .replace(/^DuckDB query failed: /, '');

/**
 * Reads a customers, marketing spend, prospects or survey file (CSV, Parquet or NDJSON, read by DuckDB
 * itself) into the workspace with the transaction log's discipline: every row is accepted or kept in
 * `input_quarantine` with its file, line and a reason (see `INPUT_QUARANTINE_REASONS`); rows read =
 * accepted + quarantined, or nothing is stored. A file of a kind replaces the earlier file of that
 * kind; the same content again changes nothing. On ClickHouse the file is checked the same way in a
 * temporary DuckDB and its rows inserted in batches (`input-ingest-clickhouse.ts`).
 *
 * Attributes (every column without a role) are numeric when at least 95% of their non-empty values
 * are finite numbers and they take two or more values (then the others are quarantined as
 * `non_numeric_attribute`), else categorical; `numeric` / `categorical` override. A prospects file
 * takes the types of the customers file's attributes of the same name. Empty cells are "unknown".
 *
 * @throws InputError for an unreadable file, a header without the needed columns
 *   (`missing_columns`), an unknown date format; EngineError `row_accounting` if rows were lost.
 * @example
 * const r = await ingestInputFile(engine, 'spend', 'marketing-spend.csv');
 * r.quarantineByReason; // e.g. { negative_amount: 1, duplicate_period_channel: 2 }
 */
export async function ingestInputFile(
  engine: Engine,
  kind: InputKind,
  path: string,
  options: InputIngestOptions = {},
): Promise<InputIngestReport> {
  if (!(kind in INPUT_KINDS))
    throw new InputError('bad_input_kind', `Unknown input kind "${kind}"; use customers, spend, prospects or surveys`, { kind });
  const base = innerEngine(engine);
  if (isClickHouseEngine(base))
    return (await import('./input-ingest-clickhouse.js')).ingestInputFileToClickHouse(base, kind, path, options);
  const probe = await probeFile(path);
  await ensureInputTables(engine);
  const sha256 = await sha256File(path);
  const current = await engine.rows<{ source_id: number; sha256: string }>('SELECT source_id, sha256 FROM input_sources WHERE kind = $1', [
    kind,
  ]);
  if (current.length > 0 && current[0]!.sha256 === sha256)
    return { ...(await inputCounts(engine, kind, path, sha256)), status: 'unchanged', columns: null, dateFormat: null };

  await engine.exec(`DROP TABLE IF EXISTS ${REJECTS}; DROP TABLE IF EXISTS cvm_reject_scans;`);
  const reader = readerSql(path, probe.format, options.delimiter);
  let header: string[];
  try {
    header = (await engine.rows<{ column_name: string }>(`DESCRIBE SELECT * FROM ${reader}`)).map((r) => r.column_name);
    if (probe.format === 'ndjson') header = await ndjsonKeys(engine, reader);
    await engine.exec(inputStageSql(reader, probe.format, header));
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError('unreadable_file', `${probe.fileName} could not be read as ${probe.format.toUpperCase()}: ${firstLine(error)}`, {
      path,
      format: probe.format,
    });
  }
  const columns = resolveInputColumns(kind, header, options, probe.fileName);
  const hasRejects = probe.format !== 'parquet' && (await engine.rows<{ n: number }>(`SELECT count(*) AS n FROM ${REJECTS}`))[0]!.n > 0;
  const staged = (await engine.rows<{ n: number }>(`SELECT count(*) AS n FROM ${STAGE}`))[0]!.n;
  const rejectedLines = hasRejects ? (await engine.rows<{ n: number }>(`SELECT count(DISTINCT line) AS n FROM ${REJECTS}`))[0]!.n : 0;
  if (staged + rejectedLines === 0)
    throw new InputError('no_rows', `${probe.fileName} has a header but no data rows; columns present: ${header.join(', ')}`, {
      path,
      header,
    });

  const attributes = await attributeTypes(engine, kind, header, columns.attributes, options);
  let dateFormat: Exclude<DateFormat, 'auto'> | null = null;
  const dateColumn = kind === 'customers' ? columns.roles.acquiredOn : kind === 'surveys' ? columns.roles.responseDate : undefined;
  if (dateColumn !== undefined)
    dateFormat = await chooseFormat(engine, stageColumn(header, dateColumn), options.dateFormat ?? 'auto', probe.fileName);
  const lineSql =
    probe.format === 'parquet'
      ? 'src_row'
      : hasRejects
        ? csvLineSql().replace('+ 2', probe.format === 'ndjson' ? '+ 1' : '+ 2')
        : `rowid + ${probe.format === 'ndjson' ? 1 : 2}`;
  const plan: InputParsePlan = {
    kind,
    header,
    roles: columns.roles,
    attributes,
    lineSql,
    ndjson: probe.format === 'ndjson',
    dateFormat,
    channels: kind === 'spend' && options.channels ? options.channels.map((c) => c.trim().toLowerCase()) : null,
  };
  await engine.exec(inputParseSql(plan));

  const sourceId = (await engine.rows<{ id: number }>('SELECT coalesce(max(source_id), 0) + 1 AS id FROM input_sources'))[0]!.id;
  await inTransaction(engine, async (tx) => {
    for (const table of INPUT_KINDS[kind].tables) await tx.exec(`DELETE FROM ${table}`);
    await tx.exec('DELETE FROM input_quarantine WHERE kind = $1', [kind]);
    await tx.exec('DELETE FROM input_sources WHERE kind = $1', [kind]);
    await tx.exec('DELETE FROM input_attributes WHERE kind = $1', [kind]);
    for (const sql of insertInputSql(plan)) await tx.exec(sql);
    await tx.exec(insertInputQuarantineSql(kind, sourceId, hasRejects), { file: probe.fileName });
    for (const [i, a] of attributes.entries())
      await tx.exec('INSERT INTO input_attributes VALUES ($1, $2, $3, $4)', [kind, a.name, a.type, i]);
    const [counts] = await tx.rows<{ a: number; q: number }>(
      `SELECT count(*) FILTER (WHERE reason IS NULL) AS a, (SELECT count(*) FROM input_quarantine WHERE kind = $1) AS q FROM ${PARSED_INPUT}`,
      [kind],
    );
    if (counts!.a + counts!.q !== staged + rejectedLines) {
      throw new EngineError(
        'row_accounting',
        `Row accounting failed for ${probe.fileName}: read ${staged + rejectedLines}, accepted ${counts!.a}, quarantined ${counts!.q}`,
        { path },
      );
    }
    await tx.exec('INSERT INTO input_sources VALUES ($1, $2, $3, $4, $5, $6, $7, now()::TIMESTAMP, $8, $9, $10, $11)', [
      kind,
      sourceId,
      path,
      probe.fileName,
      sha256,
      probe.bytes,
      probe.format,
      staged + rejectedLines,
      counts!.a,
      counts!.q,
      JSON.stringify({ ...columns, attributes }),
    ]);
  });
  await engine.exec(`DROP TABLE IF EXISTS ${STAGE}; DROP TABLE IF EXISTS ${PARSED_INPUT};`);
  return { ...(await inputCounts(engine, kind, path, sha256)), status: current.length > 0 ? 'replaced' : 'ingested', columns, dateFormat };
}
