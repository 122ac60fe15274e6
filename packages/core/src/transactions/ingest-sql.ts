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
export const REJECTS = 'cvm_reject_errors';
export const REJECT_SCANS = 'cvm_reject_scans';

/** The reader table function for a file. CSV is read all-VARCHAR so that no value is coerced. */
export function readerSql(path: string, format: FileFormat, delimiter?: string): string {
  switch (format) {
    case 'parquet':
      return `read_parquet(${sqlString(path)}, file_row_number = true)`;
    case 'ndjson':
      // One VARCHAR column per line; JSON validity and field extraction happen in SQL.
      return `read_csv(${sqlString(path)}, header = false, delim = '\\x1F', quote = '', escape = '', columns = {'json_line': 'VARCHAR'}, auto_detect = false, store_rejects = true, rejects_table = '${REJECTS}', rejects_scan = '${REJECT_SCANS}')`;
    case 'csv': {
      const delim = delimiter === undefined ? '' : `, delim = ${sqlString(delimiter)}`;
      return `read_csv(${sqlString(path)}, header = true, all_varchar = true, store_rejects = true, rejects_table = '${REJECTS}', rejects_scan = '${REJECT_SCANS}'${delim})`;
    }
  }
}

/** Expression reading a source column (or NDJSON field) of the stage's input. */
export function sourceColumnSql(format: FileFormat, column: string): string {
  if (format === 'ndjson') return `CASE WHEN json_valid(json_line) THEN json_extract_string(json_line, ${sqlString('$.' + JSON.stringify(column))}) END`;
  return sqlIdent(column);
}

/** CREATE the stage table: one column per mapped field (`f_customer`, …) plus the source row number. */
export function stageSql(reader: string, format: FileFormat, fields: [TransactionField, string][]): string {
  const cols = fields.map(([field, column]) => `${sourceColumnSql(format, column)} AS f_${field}`);
  if (format === 'parquet') cols.push('file_row_number + 1 AS src_row');
  if (format === 'ndjson') cols.push('json_valid(json_line) AS json_ok', 'json_line AS raw_record');
  return `CREATE OR REPLACE TEMP TABLE ${STAGE} AS SELECT ${cols.join(', ')} FROM ${reader}`;
}

/**
 * The physical line of each staged CSV row. Rows rejected by the CSV reader are not staged, so the
 * line of staged row k (0-based) is k + 2 plus the number of rejected lines before it.
 */
export function csvLineSql(): string {
  return `(rowid + 2 + coalesce((SELECT count(*) FROM (SELECT DISTINCT line, dense_rank() OVER (ORDER BY line) - 1 AS j FROM ${REJECTS}) r WHERE r.line - 2 - r.j <= ${STAGE}.rowid), 0))`;
}
