// The reading phase of an ingest: the file (converted to UTF-8 when it is UTF-16) into the stage table.
import { mkdtempSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Engine } from '../engine/engine.js';
import { InputError } from '../errors.js';
import { resolveMapping, type ColumnMapping, type ResolvedMapping, type TransactionField } from './column-mapping.js';
import { convertToUtf8 } from './file-encoding.js';
import type { FileProbe } from './file-probe.js';
import { ndjsonKeys } from './ingest-queries.js';
import { readerSql, REJECT_SCANS, REJECTS, STAGE, stageLayout, stageSql, type StageLayout } from './ingest-sql.js';

export interface StagedFile {
  mapping: ResolvedMapping;
  layout: StageLayout;
  /** Source columns (CSV header, Parquet schema, NDJSON keys of the first 1,000 lines). */
  columns: string[];
  hasRejects: boolean;
  staged: number;
  rejectedLines: number;
}

const READER = { csv: 'CSV', parquet: 'Parquet', ndjson: 'NDJSON' } as const;

/**
 * Reads a probed file into the stage table (`cvm_stage`): every source column once, the mapped
 * ones under their field names. A UTF-16 file is first streamed into a UTF-8 copy in a private
 * temporary directory (removed before returning).
 *
 * @throws InputError `unreadable_file` (DuckDB's reason, with the format's name), `missing_columns` /
 *   `unknown_column` (from the mapping), `no_rows`, `truncated_file` (the last line has no line end
 *   and does not parse: the file was cut off).
 */
export async function readIntoStage(
  engine: Engine,
  probe: FileProbe,
  options: { mapping?: ColumnMapping; delimiter?: string },
): Promise<StagedFile> {
  const temp = probe.encoding === 'utf-16le' || probe.encoding === 'utf-16be' ? mkdtempSync(join(tmpdir(), 'cvm-utf8-')) : null;
  try {
    let path = probe.path;
    if (temp !== null) {
      path = join(temp, 'utf8.txt');
      await convertToUtf8(probe.path, probe.encoding as 'utf-16le' | 'utf-16be', path);
    }
    await engine.exec(`DROP TABLE IF EXISTS ${REJECTS}; DROP TABLE IF EXISTS ${REJECT_SCANS};`);
    const reader = readerSql(path, probe.format, options.delimiter, probe.gzip);
    const unreadable = (error: unknown): InputError =>
      new InputError(
        'unreadable_file',
        `${probe.fileName} could not be read as ${READER[probe.format]}${temp ? ` (converted from ${probe.encoding.toUpperCase()})` : ''}: ${readerMessage(error, probe.format)}`,
        { path: probe.path, format: probe.format },
      );
    let columns: string[];
    try {
      columns = (await engine.rows<{ column_name: string }>(`DESCRIBE SELECT * FROM ${reader}`)).map((r) => r.column_name);
      if (probe.format === 'parquet') columns = columns.filter((c) => c !== 'file_row_number');
      if (probe.format === 'ndjson') columns = await ndjsonKeys(engine, reader);
    } catch (error) {
      throw unreadable(error);
    }
    const mapping = resolveMapping(columns, options.mapping ?? {}, probe.fileName);
    const layout = stageLayout(probe.format, columns, Object.entries(mapping.mapping) as [TransactionField, string][]);
    try {
      await engine.exec(stageSql(reader, layout));
    } catch (error) {
      throw unreadable(error);
    }
    const hasRejects = probe.format !== 'parquet' && (await engine.rows<{ n: number }>(`SELECT count(*) AS n FROM ${REJECTS}`))[0]!.n > 0;
    const staged = (await engine.rows<{ n: number }>(`SELECT count(*) AS n FROM ${STAGE}`))[0]!.n;
    const rejectedLines = hasRejects ? (await engine.rows<{ n: number }>(`SELECT count(DISTINCT line) AS n FROM ${REJECTS}`))[0]!.n : 0;
    if (staged + rejectedLines === 0)
      throw new InputError('no_rows', `${probe.fileName} has a header but no data rows; columns present: ${columns.join(', ')}`, {
        path: probe.path,
        columns,
      });
    if (probe.format !== 'parquet' && !probe.gzip) await refuseCutOff(engine, probe, path, hasRejects);
    return { mapping, layout, columns, hasRejects, staged, rejectedLines };
  } finally {
    if (temp !== null) rmSync(temp, { recursive: true, force: true });
  }
}

/**
 * A file whose last line has no line end and does not parse (the CSV reader rejected it, or it is
 * not valid JSON) was cut off in the middle of a row: refused, so that a partial copy is not stored
 * as if it were the log. (A gzip file is checked by inflating it whole, see `sha256File`.)
 */
async function refuseCutOff(engine: Engine, probe: FileProbe, path: string, hasRejects: boolean): Promise<void> {
  const handle = await open(path, 'r');
  let tail: string;
  try {
    const { size } = await handle.stat();
    const buffer = Buffer.alloc(Math.min(size, 65_536));
    await handle.read(buffer, 0, buffer.length, size - buffer.length);
    tail = buffer.toString('utf8');
  } finally {
    await handle.close();
  }
  if (tail.endsWith('\n') || tail.endsWith('\r')) return;
  const text = tail.slice(tail.lastIndexOf('\n') + 1).replace(/^\r+/, '');
  const found =
    probe.format === 'ndjson'
      ? await engine.rows<{ line: number }>(
          `SELECT rowid + 1 AS line FROM ${STAGE} WHERE rowid = (SELECT max(rowid) FROM ${STAGE}) AND NOT json_ok AND raw_record = $1`,
          [text],
        )
      : hasRejects
        ? await engine.rows<{ line: number }>(
            `SELECT max(line) AS line FROM ${REJECTS} HAVING bool_or(trim(csv_line, chr(10) || chr(13)) = $1)`,
            [text],
          )
        : [];
  if (found.length === 0) return;
  const line = found[0]!.line;
  throw new InputError(
    'truncated_file',
    `${probe.fileName} ends in the middle of a row: its last line (line ${line}, "${text.slice(0, 80)}") has no line end and does not ${probe.format === 'ndjson' ? 'parse as JSON' : "split into the header's columns"}, so the file looks cut off; nothing was stored. Copy the whole file again (or end the last row) and ingest it`,
    { path: probe.path, line },
  );
}

/** DuckDB's first line, with the NDJSON reader's CSV wording replaced (it reads lines through read_csv). */
function readerMessage(error: unknown, format: FileProbe['format']): string {
  const first = String((error as Error).message ?? error)
    .split('\n')[0]!
    .replace(/^DuckDB query failed: /, '');
  return format === 'ndjson' ? first.replace(/\bCSV file\b/g, 'file').replace(/\bCSV\b/g, 'line') : first;
}
