/**
 * DuckDB SQL that turns the staged raw fields into typed values and a quarantine reason.
 * A value is never coerced: a non-finite or non-numeric amount is a rejection, not a zero.
 */
import type { TransactionField } from './column-mapping.js';
import { parseDateSql, type DateFormat } from './date-formats.js';
import { DUP_KEYS, DUPS, PARSED, STAGE } from './ingest-sql.js';
import { MAX_ABS_VALUE } from './schema.js';
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
  /** SQL over the stage: the whole source row as text (see `recordSql`), kept with a rejected row. */
  recordSql: string;
  /** SQL over the stage: the duplicate key's share of the unmapped columns (see `extraKeySql`). */
  extraKeySql: string;
}

const isText = (type: string | undefined): boolean => type === undefined || type === 'VARCHAR' || type === 'JSON';
const NUMERIC = /^(DOUBLE|FLOAT|REAL|DECIMAL.*|BIGINT|INTEGER|SMALLINT|TINYINT|HUGEINT|UBIGINT|UINTEGER|USMALLINT|UTINYINT)$/;

/** A finite DOUBLE from a staged field, NULL when empty, non-numeric, NaN or infinite. */
function numberSql(field: TransactionField, type: string | undefined): string {
  const col = `f_${field}`;
  const value = isText(type)
    ? `try_cast(trim(${col}) AS DOUBLE)`
    : NUMERIC.test(type ?? '')
      ? `CAST(${col} AS DOUBLE)`
      : `try_cast(CAST(${col} AS VARCHAR) AS DOUBLE)`;
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

const DUP_KEY = 'customer_id, ts, amount0, order_id, product_id, quantity, price, channel, cost, extra_md5';
const LIMIT = String(MAX_ABS_VALUE);
/** The amount as `transactions` stores it: a return's is negative. */
const SIGNED_AMOUNT = 'CASE WHEN is_return THEN -abs(amount0) ELSE amount0 END';
const TOO_BIG = ['amount0', 'quantity', 'price', 'cost'].map((c) => `abs(${c}) >= ${LIMIT}`).join(' OR ');

/**
 * CREATE the parsed table: one plain projection of the stage, in stage order — typed values,
 * `is_return`, `reason` (NULL when accepted) and, with the duplicate check, `key_hash`. Raw text is
 * not copied: the few rejected rows take theirs from the stage (see `insertQuarantineSql` in quarantine-sql.ts).
 */
export function parsedSql(plan: ParsePlan): string {
  const amount = plan.amountFromPriceQuantity ? `(${num('price', plan)} * ${num('quantity', plan)})` : num('amount', plan);
  const cancel = plan.cancelPrefix && plan.fields.has('order') ? ` OR starts_with(order_id, ${sqlString(plan.cancelPrefix)})` : '';
  const present = (field: TransactionField): string => `${text(field, plan)} IS NOT NULL`;
  const reason = `CASE
      ${plan.ndjson ? "WHEN NOT json_ok THEN 'malformed_row'" : ''}
      WHEN customer_id IS NULL THEN 'missing_customer_id'
      WHEN ts IS NULL THEN 'unparseable_date'
      WHEN ts < TIMESTAMP '${plan.minDate}' OR ts >= TIMESTAMP '${plan.maxDate}' THEN 'date_out_of_range'
      WHEN amount0 IS NULL THEN 'non_numeric_amount'
      WHEN quantity IS NULL AND quantity_present THEN 'non_numeric_quantity'
      WHEN cost IS NULL AND cost_present THEN 'non_numeric_cost'
      WHEN ${TOO_BIG} THEN 'amount_out_of_range'
    END`;
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
    ${plan.dedupe ? plan.extraKeySql : 'CAST(NULL AS UHUGEINT)'} AS extra_md5
  FROM ${STAGE}
)
SELECT rn, line, customer_id, ts, amount0, quantity, price, order_id, product_id, channel, cost, extra_md5,
  (amount0 < 0 OR quantity < 0${cancel}) IS TRUE AS is_return, ${reason} AS reason${plan.dedupe ? `, hash(${DUP_KEY}) AS key_hash` : ''}
FROM p`;
}

/**
 * The exact-duplicate check's search, as statements run after {@link parsedSql} (only with
 * `plan.dedupe`), each adding the `rn` of duplicates to the DUPS table; {@link MARK_DUPLICATES_SQL}
 * then marks them:
 * 1. within the file, an accepted row is a duplicate when an earlier accepted row has the same key
 *    (customer, time, amount, order, product, quantity, price, channel, cost, and the MD5 of the
 *    unmapped columns: two rows that differ only in a description are not duplicates);
 * 2. against earlier files, when an accepted row of another source has the same values
 *    (left out when `priorRows` is false; replaced sources are ignored). An ingest with the
 *    `earlierDuplicates` hook sets `priorRows` false and finds these elsewhere, from
 *    {@link duplicateKeysSql}'s table.
 *
 * ## Method
 * Step 1 ranks rows with `row_number()` only within keys whose 64-bit hash occurs more than once:
 * equal keys have equal hashes, so every row of a repeated key is ranked, exactly as over all rows,
 * while the window (a sort) runs over a handful of rows instead of millions. Marking the few
 * duplicates with an UPDATE leaves the parsed table as it is (no join back, no re-sort).
 */
export function findDuplicatesSql(plan: ParsePlan): string[] {
  if (!plan.dedupe) return [];
  const statements = [
    `CREATE OR REPLACE TEMP TABLE ${DUPS} AS
SELECT rn FROM (
  SELECT rn, row_number() OVER (PARTITION BY ${DUP_KEY} ORDER BY rn) AS k FROM ${PARSED}
  WHERE reason IS NULL AND key_hash IN (SELECT key_hash FROM ${PARSED} WHERE reason IS NULL GROUP BY key_hash HAVING count(*) > 1)
) WHERE k > 1`,
  ];
  if (plan.priorRows !== false) {
    const replaced = plan.replacedSources?.length
      ? ` AND t.source_id NOT IN (${plan.replacedSources.map((id) => String(Math.trunc(id))).join(', ')})`
      : '';
    statements.push(`INSERT INTO ${DUPS}
SELECT v.rn FROM ${PARSED} v WHERE v.reason IS NULL AND EXISTS (SELECT 1 FROM transactions t WHERE t.customer_id = v.customer_id AND t.ts = v.ts${replaced}
  AND t.amount = CASE WHEN v.is_return THEN -abs(v.amount0) ELSE v.amount0 END
  AND t.order_id IS NOT DISTINCT FROM v.order_id AND t.product_id IS NOT DISTINCT FROM v.product_id
  AND t.quantity IS NOT DISTINCT FROM v.quantity AND t.price IS NOT DISTINCT FROM v.price
  AND t.channel IS NOT DISTINCT FROM v.channel AND t.cost IS NOT DISTINCT FROM v.cost AND t.extra_md5 IS NOT DISTINCT FROM v.extra_md5)`);
  }
  return statements;
}

/** Marks the rows found by {@link findDuplicatesSql} (and the `earlierDuplicates` hook) `duplicate_row`. */
export const MARK_DUPLICATES_SQL = `UPDATE ${PARSED} SET reason = 'duplicate_row' WHERE rn IN (SELECT rn FROM ${DUPS})`;

/** The columns of {@link duplicateKeysSql}'s table: `rn`, then the duplicate key as `transactions` stores it. */
export const DUPLICATE_KEY_COLUMNS = [
  'rn',
  'customer_id',
  'ts',
  'amount',
  'quantity',
  'price',
  'order_id',
  'product_id',
  'channel',
  'cost',
  'extra_md5',
] as const;

/**
 * CREATE the table of the accepted rows' keys for the `earlierDuplicates` hook (after step 1 of
 * {@link findDuplicatesSql}): the rows not already duplicates within the file, with the amount signed as
 * stored, in {@link DUPLICATE_KEY_COLUMNS}.
 */
export function duplicateKeysSql(): string {
  return `CREATE OR REPLACE TEMP TABLE ${DUP_KEYS} AS
SELECT rn, customer_id, ts, ${SIGNED_AMOUNT} AS amount, quantity, price, order_id, product_id, channel, cost, extra_md5
FROM ${PARSED} WHERE reason IS NULL AND rn NOT IN (SELECT rn FROM ${DUPS})`;
}

/**
 * INSERT the accepted rows of the parsed table in file order. The `ORDER BY rn` is kept on purpose:
 * without it the order-preserving parallel insert leaves its row groups to be rewritten at the next
 * checkpoint (~4 CPU-s per 2M rows here, more than the sort), and with `preserve_insertion_order`
 * off the stored order — hence the summation order of every later `sum` — changes run to run, so
 * money totals differ in the last digit between two ingests of the same file (bench/README.md).
 */
export function insertAcceptedSql(sourceId: number): string {
  return `INSERT INTO transactions (source_id, line, customer_id, ts, event_date, amount, quantity, price, order_id, product_id, channel, cost, is_return, extra_md5)
SELECT ${sourceId}, line, customer_id, ts, CAST(ts AS DATE),
  ${SIGNED_AMOUNT},
  quantity, price, order_id, product_id, channel, cost, is_return, extra_md5
FROM ${PARSED} WHERE reason IS NULL ORDER BY rn`;
}
