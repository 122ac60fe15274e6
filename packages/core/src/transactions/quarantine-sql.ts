/**
 * DuckDB SQL that stores the rejected rows of an ingest in the quarantine, each with its reason, a
 * detail, the raw customer/date/amount and the whole source record.
 */
import { PARSED, REJECTS, STAGE } from './ingest-sql.js';
import type { ParsePlan } from './parse-sql.js';
import { MAX_ABS_VALUE } from './schema.js';

const LIMIT = String(MAX_ABS_VALUE);
const LIMIT_TEXT = MAX_ABS_VALUE.toExponential().replace('+', '');

/**
 * INSERT the rejected rows of the parsed table, with their raw text from the stage (joined on the
 * stage row), and, for CSV/NDJSON, the reader's rejected lines.
 */
export function insertQuarantineSql(
  sourceId: number,
  withReaderRejects: boolean,
  plan: Pick<ParsePlan, 'fields' | 'amountFromPriceQuantity' | 'ndjson' | 'recordSql'>,
): string {
  const raw = {
    customer: plan.fields.has('customer') ? `nullif(trim(CAST(s.f_customer AS VARCHAR)), '')` : 'NULL',
    amount: plan.amountFromPriceQuantity
      ? `concat_ws(' x ', CAST(s.f_price AS VARCHAR), CAST(s.f_quantity AS VARCHAR))`
      : 'CAST(s.f_amount AS VARCHAR)',
  };
  const parsed = `SELECT ${sourceId}, $file, p.line, p.reason,
    CASE p.reason WHEN 'date_out_of_range' THEN 'accepted range ' || $range
      WHEN 'malformed_row' THEN 'not a JSON object'
      WHEN 'amount_out_of_range' THEN concat_ws(', ', ${['amount0', 'quantity', 'price', 'cost'].map((c) => `CASE WHEN abs(p.${c}) >= ${LIMIT} THEN '${c === 'amount0' ? 'amount' : c} ' || CAST(p.${c} AS VARCHAR) END`).join(', ')}) || ': |value| >= ${LIMIT_TEXT}' ELSE NULL END,
    ${raw.customer}, CAST(s.f_date AS VARCHAR), ${raw.amount}, ${plan.recordSql}
  FROM ${PARSED} p JOIN ${STAGE} s ON s.rowid = p.rn WHERE p.reason IS NOT NULL`;
  const error = `error_type || ': ' || error_message`;
  // NDJSON lines are read through DuckDB's CSV reader: its wording is not the user's file format.
  const detail = plan.ndjson ? `replace(replace(${error}, 'CSV file', 'file'), 'CSV', 'line')` : error;
  const rejects = `SELECT ${sourceId}, $file, line, 'malformed_row', arg_max(${detail}, column_idx),
    NULL, NULL, NULL, arg_max(csv_line, column_idx) FROM ${REJECTS} GROUP BY line`;
  return `INSERT INTO quarantine ${parsed}${withReaderRejects ? ` UNION ALL ${rejects}` : ''} ORDER BY 3`;
}
