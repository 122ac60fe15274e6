/**
 * DuckDB SQL for ingestion. Ingestion reads files with DuckDB's own readers (CSV, Parquet, JSON),
 * so it is DuckDB SQL by nature; a distributed engine loads the accepted `transactions` table.
 * Paths and identifiers are quoted with `sqlString`/`sqlIdent`; values are bound parameters.
 */
import { sqlIdent, sqlString } from '../engine/sql.js';
import type { TransactionField } from './column-mapping.js';

export type FileFormat = 'csv' | 'parquet' | 'ndjson';

export const STAGE = 'cvm_stage';
export const PARSED = 'cvm_parsed';
export const DUPS = 'cvm_dups';
export const DUP_KEYS = 'cvm_dup_keys';
export const DUP_EARLIER = 'cvm_dup_earlier';
export const REJECTS = 'cvm_reject_errors';
export const REJECT_SCANS = 'cvm_reject_scans';

/**
 * The reader table function for a file. CSV is read all-VARCHAR so that no value is coerced. `gzip`
 * (from the magic bytes) is passed on, since DuckDB otherwise goes by the file name alone.
 */
export function readerSql(path: string, format: FileFormat, delimiter?: string, gzip = false): string {
  const compression = gzip ? `, compression = 'gzip'` : '';
  switch (format) {
    case 'parquet':
      return `read_parquet(${sqlString(path)}, file_row_number = true)`;
    case 'ndjson':
      // One VARCHAR column per line; JSON validity and field extraction happen in SQL.
      return `read_csv(${sqlString(path)}, header = false, delim = '\\x1F', quote = '', escape = '', columns = {'json_line': 'VARCHAR'}, auto_detect = false, store_rejects = true, rejects_table = '${REJECTS}', rejects_scan = '${REJECT_SCANS}'${compression})`;
    case 'csv': {
      const delim = delimiter === undefined ? '' : `, delim = ${sqlString(delimiter)}`;
      return `read_csv(${sqlString(path)}, header = true, all_varchar = true, store_rejects = true, rejects_table = '${REJECTS}', rejects_scan = '${REJECT_SCANS}'${delim}${compression})`;
    }
  }
}

/**
 * Where each source column sits in the stage: a mapped column as `f_<field>` (the first field mapped
 * to it), an unmapped one as `u_<k>`. Every column of the source row is staged once, so that a
 * rejected row keeps its whole record and the duplicate check sees the unmapped columns.
 */
export interface StageLayout {
  format: FileFormat;
  fields: [TransactionField, string][];
  /** Source columns in file order with their stage column. */
  columns: { name: string; stage: string; mapped: boolean }[];
}

/** The stage layout for a file's columns and the fields mapped to them. */
export function stageLayout(format: FileFormat, columns: readonly string[], fields: [TransactionField, string][]): StageLayout {
  let k = 0;
  const out = columns.map((name) => {
    const field = fields.find(([, c]) => c === name)?.[0];
    return field === undefined ? { name, stage: `u_${k++}`, mapped: false } : { name, stage: `f_${field}`, mapped: true };
  });
  return { format, fields, columns: out };
}

/**
 * The whole source row as JSON object text (column name → value as read), over the stage alias `s`;
 * for NDJSON the line itself.
 */
export function recordSql(layout: StageLayout, s = 's'): string {
  if (layout.format === 'ndjson') return `${s}.raw_record`;
  return `CAST(json_object(${layout.columns.map((c) => `${sqlString(c.name)}, ${s}.${c.stage}`).join(', ')}) AS VARCHAR)`;
}

/**
 * The duplicate key's share of the unmapped columns: MD5 (as a 128-bit number) of their JSON object
 * text (names and raw values), or of an NDJSON line; NULL when every column is mapped.
 */
export function extraKeySql(layout: StageLayout): string {
  if (layout.format === 'ndjson') return 'md5_number(raw_record)';
  const extra = layout.columns.filter((c) => !c.mapped);
  if (extra.length === 0) return 'CAST(NULL AS UHUGEINT)';
  return `md5_number(CAST(json_object(${extra.map((c) => `${sqlString(c.name)}, ${c.stage}`).join(', ')}) AS VARCHAR))`;
}

/** An NDJSON line is a record when it is a JSON object (not invalid JSON, an array or a scalar). */
const JSON_OBJECT = `CASE WHEN json_valid(json_line) THEN json_type(json_line) = 'OBJECT' ELSE false END`;

/** Expression reading a source column (or NDJSON field) of the stage's input. */
export function sourceColumnSql(format: FileFormat, column: string): string {
  if (format === 'ndjson')
    return `CASE WHEN ${JSON_OBJECT} THEN json_extract_string(json_line, ${sqlString('$.' + JSON.stringify(column))}) END`;
  return sqlIdent(column);
}

/**
 * CREATE the stage table: one column per mapped field (`f_customer`, …), one per unmapped source
 * column (`u_0`, …; CSV and Parquet), plus the source row number (Parquet) or the line (NDJSON).
 */
export function stageSql(reader: string, layout: StageLayout): string {
  const { format, fields } = layout;
  const cols = fields.map(([field, column]) => `${sourceColumnSql(format, column)} AS f_${field}`);
  if (format !== 'ndjson') for (const c of layout.columns) if (!c.mapped) cols.push(`${sqlIdent(c.name)} AS ${c.stage}`);
  if (format === 'parquet') cols.push('file_row_number + 1 AS src_row');
  if (format === 'ndjson') cols.push(`${JSON_OBJECT} AS json_ok`, 'json_line AS raw_record');
  return `CREATE OR REPLACE TEMP TABLE ${STAGE} AS SELECT ${cols.join(', ')} FROM ${reader}`;
}

/**
 * The physical line of each staged CSV row. Rows rejected by the CSV reader are not staged, so the
 * line of staged row k (0-based) is k + 2 plus the number of rejected lines before it.
 */
export function csvLineSql(): string {
  return `(rowid + 2 + coalesce((SELECT count(*) FROM (SELECT DISTINCT line, dense_rank() OVER (ORDER BY line) - 1 AS j FROM ${REJECTS}) r WHERE r.line - 2 - r.j <= ${STAGE}.rowid), 0))`;
}
