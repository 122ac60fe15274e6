/**
 * DuckDB SQL that turns the staged raw fields into typed values and a quarantine reason.
 * A value is never coerced: a non-finite or non-numeric amount is a rejection, not a zero.
 */
import type { TransactionField } from './column-mapping.js';
import { parseDateSql, type DateFormat } from './date-formats.js';
import { PARSED, REJECTS, STAGE } from './ingest-sql.js';
import { sqlString } from '../engine/sql.js';

export interface ParsePlan {
  fields: Set<TransactionField>;
  /** DuckDB type of each staged field column (VARCHAR for CSV and NDJSON). */
  types: Partial<Record<TransactionField, string>>;
  dateFormat: Exclude<DateFormat, 'auto'>;
  amountFromPriceQuantity: boolean;
  lineSql: string;
  /** ISO dates: accepted range [minDate, maxDate). */
  minDate: string;
  maxDate: string;
  cancelPrefix: string | null;
  dedupe: boolean;
  /**
   * Whether the workspace may already hold transactions (default true). When false the check against
   * earlier files is left out: it could not match anything, and it costs a join over every row.
   */
  priorRows?: boolean;
  /**
   * Source ids being replaced by this ingest (earlier versions of the same path): their rows are
   * deleted when the new rows are stored, so the check against earlier files ignores them.
   */
  replacedSources?: readonly number[];
  ndjson: boolean;
}

const isText = (type: string | undefined): boolean => type === undefined || type === 'VARCHAR' || type === 'JSON';
const NUMERIC = /^(DOUBLE|FLOAT|REAL|DECIMAL.*|BIGINT|INTEGER|SMALLINT|TINYINT|HUGEINT|UBIGINT|UINTEGER|USMALLINT|UTINYINT)$/;

/** A finite DOUBLE from a staged field, NULL when empty, non-numeric, NaN or infinite. */
function numberSql(field: TransactionField, type: string | undefined): string {
  const col = `f_${field}`;
  const value = isText(type) ? `try_cast(trim(${col}) AS DOUBLE)` : NUMERIC.test(type ?? '') ? `CAST(${col} AS DOUBLE)` : `try_cast(CAST(${col} AS VARCHAR) AS DOUBLE)`;
  return `CASE WHEN isfinite(${value}) THEN ${value} END`;
}

function dateSql(type: string | undefined, format: Exclude<DateFormat, 'auto'>): string {
  if (type === 'DATE' || (type ?? '').startsWith('TIMESTAMP')) return `CAST(f_date AS TIMESTAMP)`;
  return parseDateSql(isText(type) ? 'f_date' : 'CAST(f_date AS VARCHAR)', format);
}

const text = (field: TransactionField, plan: ParsePlan): string =>
  plan.fields.has(field) ? `nullif(trim(CAST(f_${field} AS VARCHAR)), '')` : 'CAST(NULL AS VARCHAR)';
const num = (field: TransactionField, plan: ParsePlan): string =>
  plan.fields.has(field) ? numberSql(field, plan.types[field]) : 'CAST(NULL AS DOUBLE)';

/** CREATE the parsed table: typed values, `is_return`, and `reason` (NULL when accepted). */
export function parsedSql(plan: ParsePlan): string {
  const amount = plan.amountFromPriceQuantity ? `(${num('price', plan)} * ${num('quantity', plan)})` : num('amount', plan);
  const cancel = plan.cancelPrefix && plan.fields.has('order') ? ` OR starts_with(order_id, ${sqlString(plan.cancelPrefix)})` : '';
  const present = (field: TransactionField): string => `${text(field, plan)} IS NOT NULL`;
  const dupKey = 'customer_id, ts, amount0, order_id, product_id, quantity, price, channel, cost';
  const reason = `CASE
      ${plan.ndjson ? "WHEN NOT json_ok THEN 'malformed_row'" : ''}
      WHEN customer_id IS NULL THEN 'missing_customer_id'
      WHEN ts IS NULL THEN 'unparseable_date'
      WHEN ts < TIMESTAMP '${plan.minDate}' OR ts >= TIMESTAMP '${plan.maxDate}' THEN 'date_out_of_range'
      WHEN amount0 IS NULL THEN 'non_numeric_amount'
      WHEN quantity IS NULL AND quantity_present THEN 'non_numeric_quantity'
      WHEN cost IS NULL AND cost_present THEN 'non_numeric_cost'
    END`;
  const replaced = plan.replacedSources?.length ? ` AND t.source_id NOT IN (${plan.replacedSources.map((id) => String(Math.trunc(id))).join(', ')})` : '';
  const dupReason = plan.dedupe
    ? `CASE WHEN reason0 IS NULL AND dup_k > 1 THEN 'duplicate_row'${plan.priorRows === false ? '' : `
            WHEN reason0 IS NULL AND EXISTS (SELECT 1 FROM transactions t WHERE t.customer_id = v.customer_id AND t.ts = v.ts${replaced}
              AND t.amount = CASE WHEN v.is_return THEN -abs(v.amount0) ELSE v.amount0 END
              AND t.order_id IS NOT DISTINCT FROM v.order_id AND t.product_id IS NOT DISTINCT FROM v.product_id
              AND t.quantity IS NOT DISTINCT FROM v.quantity AND t.price IS NOT DISTINCT FROM v.price
              AND t.channel IS NOT DISTINCT FROM v.channel AND t.cost IS NOT DISTINCT FROM v.cost) THEN 'duplicate_row'`}
            ELSE reason0 END`
    : 'reason0';
  // Within the file, a row is a duplicate when an earlier row has the same key (row_number > 1). The
  // window runs only over rows whose key hash occurs more than once: equal keys have equal hashes,
  // so every row of a repeated key is included and its row_number is the same as over all rows.
  const within = plan.dedupe
    ? `), h AS (
  SELECT *, hash(${dupKey}) AS key_hash FROM q
), repeated AS (
  SELECT key_hash FROM h GROUP BY key_hash HAVING count(*) > 1
), dup AS (
  SELECT rn, row_number() OVER (PARTITION BY ${dupKey} ORDER BY rn) AS dup_k FROM h WHERE key_hash IN (SELECT key_hash FROM repeated)
), v AS (SELECT h.* EXCLUDE (key_hash), dup.dup_k FROM h LEFT JOIN dup USING (rn))`
    : '), v AS (SELECT * FROM q)';
  return `CREATE OR REPLACE TEMP TABLE ${PARSED} AS
WITH p AS (
  SELECT rowid AS rn, ${plan.lineSql} AS line,${plan.ndjson ? ' json_ok,' : ''}
    ${text('customer', plan)} AS customer_id,
    ${plan.ndjson ? 'CASE WHEN json_ok THEN ' : ''}${dateSql(plan.types.date, plan.dateFormat)}${plan.ndjson ? ' END' : ''} AS ts,
    ${amount} AS amount0,
    ${num('quantity', plan)} AS quantity, ${present('quantity')} AS quantity_present,
    ${num('price', plan)} AS price,
    ${text('order', plan)} AS order_id,
    ${text('product', plan)} AS product_id,
    ${text('channel', plan)} AS channel,
    ${num('cost', plan)} AS cost, ${present('cost')} AS cost_present,
    ${text('customer', plan)} AS customer_raw, CAST(f_date AS VARCHAR) AS date_raw,
    ${plan.amountFromPriceQuantity ? `concat_ws(' x ', CAST(f_price AS VARCHAR), CAST(f_quantity AS VARCHAR))` : 'CAST(f_amount AS VARCHAR)'} AS amount_raw,
    ${plan.ndjson ? 'raw_record' : 'CAST(NULL AS VARCHAR)'} AS record
  FROM ${STAGE}
), q AS (
  SELECT *, (amount0 < 0 OR quantity < 0${cancel}) IS TRUE AS is_return, ${reason} AS reason0 FROM p
${within}
SELECT * EXCLUDE (reason0${plan.dedupe ? ', dup_k' : ''}${plan.ndjson ? ', json_ok' : ''}), ${dupReason} AS reason FROM v`;
}

/** INSERT the accepted rows of the parsed table. */
export function insertAcceptedSql(sourceId: number): string {
  return `INSERT INTO transactions
SELECT ${sourceId}, line, customer_id, ts, CAST(ts AS DATE),
  CASE WHEN is_return THEN -abs(amount0) ELSE amount0 END,
  quantity, price, order_id, product_id, channel, cost, is_return
FROM ${PARSED} WHERE reason IS NULL ORDER BY rn`;
}

/** INSERT the rejected rows of the parsed table and, for CSV/NDJSON, the reader's rejected lines. */
export function insertQuarantineSql(sourceId: number, withReaderRejects: boolean): string {
  const parsed = `SELECT ${sourceId}, $file, line, reason,
    CASE reason WHEN 'date_out_of_range' THEN 'accepted range ' || $range ELSE NULL END,
    customer_raw, date_raw, amount_raw, record
  FROM ${PARSED} WHERE reason IS NOT NULL`;
  const rejects = `SELECT ${sourceId}, $file, line, 'malformed_row', arg_max(error_type || ': ' || error_message, column_idx),
    NULL, NULL, NULL, arg_max(csv_line, column_idx) FROM ${REJECTS} GROUP BY line`;
  return `INSERT INTO quarantine ${parsed}${withReaderRejects ? ` UNION ALL ${rejects}` : ''} ORDER BY 3`;
}
