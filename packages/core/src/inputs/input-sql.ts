/**
 * DuckDB SQL of the input files (customers, spend, prospects). Files are read by DuckDB's own readers
 * through the transaction ingest's helpers (`readerSql`, `sourceColumnSql`, the same stage and
 * rejects tables, so `csvLineSql` gives physical lines); every column is staged as VARCHAR (`c0`,
 * `c1`, …) so nothing is coerced; the parse step gives each row its typed fields or a quarantine
 * reason. Paths and header names are quoted with `sqlString`/`sqlIdent`; channel lists are literals
 * built with `sqlString`.
 */
import { sqlString } from '../engine/sql.js';
import { parseDateSql, type DateFormat } from '../transactions/date-formats.js';
import { REJECTS, sourceColumnSql, STAGE, type FileFormat } from '../transactions/ingest-sql.js';
import type { InputKind, InputRole } from './input-schema.js';
import { insertSurveySql, surveyParseSql } from './survey-sql.js';

export const PARSED_INPUT = 'cvm_input_parsed';

export type AttributeType = 'categorical' | 'numeric';

export interface InputParsePlan {
  kind: InputKind;
  header: readonly string[];
  roles: Partial<Record<InputRole, string>>;
  attributes: { name: string; type: AttributeType }[];
  lineSql: string;
  ndjson: boolean;
  /** Date format of the acquisition date (customers files with a date column) or the response date (survey files). */
  dateFormat: Exclude<DateFormat, 'auto'> | null;
  /** Allowed channels (lower case) of a spend file; null = any. */
  channels: readonly string[] | null;
}

/** The stage column (`c0`, …) of a header column. */
export const stageColumn = (header: readonly string[], name: string): string => `c${header.indexOf(name)}`;

/** CREATE the stage: every header column as VARCHAR `c<i>`, plus the Parquet row number or the NDJSON validity. */
export function inputStageSql(reader: string, format: FileFormat, header: readonly string[]): string {
  const cols = header.map((h, i) => `CAST(${sourceColumnSql(format, h)} AS VARCHAR) AS c${i}`);
  if (format === 'parquet') cols.push('file_row_number + 1 AS src_row');
  if (format === 'ndjson') cols.push('json_valid(json_line) AS json_ok');
  return `CREATE OR REPLACE TEMP TABLE ${STAGE} AS SELECT ${cols.join(', ')} FROM ${reader}`;
}

/** Per attribute column: non-empty values, values that are finite numbers, and distinct values. */
export function attributeProfileSql(columns: readonly string[]): string {
  if (columns.length === 0) return 'SELECT 1 AS none';
  const parts = columns.flatMap((c, k) => [
    `count(nullif(trim(${c}), '')) AS n${k}`,
    `count(CASE WHEN isfinite(try_cast(trim(${c}) AS DOUBLE)) THEN 1 END) AS k${k}`,
    `count(DISTINCT nullif(trim(${c}), '')) AS d${k}`,
  ]);
  return `SELECT ${parts.join(', ')} FROM ${STAGE}`;
}

const text = (c: string): string => `nullif(trim(${c}), '')`;
const badNumber = (c: string): string => `(${text(c)} IS NOT NULL AND NOT coalesce(isfinite(try_cast(trim(${c}) AS DOUBLE)), false))`;

/** The month of a spend period: `YYYY-MM` / `YYYY/MM`, or an ISO date taken as its month; NULL otherwise. */
function monthSql(v: string): string {
  const re = `'^(\\d{4})[-/](\\d{1,2})$'`;
  return `coalesce(
    try_cast(regexp_extract(${v}, ${re}, 1) || '-' || lpad(regexp_extract(${v}, ${re}, 2), 2, '0') || '-01' AS DATE),
    CAST(date_trunc('month', try_cast(${v} AS DATE)) AS DATE))`;
}

/**
 * CREATE the parsed table: `rn`, `line`, the typed fields (`id`, `acquired_on`, `channel`, `month`,
 * `amount`), `reason` (NULL when accepted), `detail` and the raw `record`. Duplicate keys (customer
 * id, prospect id, or month × channel) among rows otherwise valid are all quarantined, with the
 * lines of the others in `detail`.
 */
export function inputParseSql(plan: InputParsePlan): string {
  if (plan.kind === 'surveys') return surveyParseSql(plan);
  const col = (role: InputRole): string | null => (plan.roles[role] === undefined ? null : stageColumn(plan.header, plan.roles[role]!));
  const numeric = plan.attributes.filter((a) => a.type === 'numeric');
  const firstBad =
    numeric.length === 0
      ? 'CAST(NULL AS VARCHAR)'
      : `CASE ${numeric.map((a) => `WHEN ${badNumber(stageColumn(plan.header, a.name))} THEN ${sqlString(a.name)}`).join(' ')} END`;
  const record = `concat_ws(',', ${plan.header.map((_, i) => `coalesce(c${i}, '')`).join(', ')})`;
  const channel = col('channel') ? `lower(${text(col('channel')!)})` : 'CAST(NULL AS VARCHAR)';
  const json = plan.ndjson ? "WHEN NOT json_ok THEN 'malformed_row'" : '';
  let fields: string, reasons: string, key: string, dupReason: string;
  if (plan.kind === 'spend') {
    const m = text(col('month')!),
      a = text(col('amount')!);
    fields = `${m} AS month_raw, ${monthSql(m)} AS month, ${channel} AS channel,
      CASE WHEN isfinite(try_cast(${a} AS DOUBLE)) THEN try_cast(${a} AS DOUBLE) END AS amount,
      CAST(NULL AS VARCHAR) AS id, CAST(NULL AS DATE) AS acquired_on, CAST(NULL AS VARCHAR) AS bad_attribute`;
    const known =
      plan.channels === null
        ? ''
        : `WHEN NOT list_contains([${plan.channels.map(sqlString).join(', ')}]::VARCHAR[], channel) THEN 'unknown_channel'`;
    reasons = `${json}
      WHEN month_raw IS NULL THEN 'missing_period'
      WHEN month IS NULL THEN 'unparseable_period'
      WHEN channel IS NULL THEN 'missing_channel'
      ${known}
      WHEN amount IS NULL THEN 'non_numeric_amount'
      WHEN amount < 0 THEN 'negative_amount'`;
    key = 'month, channel';
    dupReason = 'duplicate_period_channel';
  } else {
    const isCustomer = plan.kind === 'customers';
    const d = col('acquiredOn');
    const date = d && plan.dateFormat ? `CAST(${parseDateSql(d, plan.dateFormat)} AS DATE)` : 'CAST(NULL AS DATE)';
    fields = `${text(col(isCustomer ? 'customerId' : 'prospectId')!)} AS id, ${d ? text(d) : 'CAST(NULL AS VARCHAR)'} AS date_raw, ${date} AS acquired_on,
      ${channel} AS channel, ${firstBad} AS bad_attribute, CAST(NULL AS DATE) AS month, CAST(NULL AS DOUBLE) AS amount`;
    reasons = `${json}
      WHEN id IS NULL THEN '${isCustomer ? 'missing_customer_id' : 'missing_prospect_id'}'
      ${d ? "WHEN date_raw IS NOT NULL AND acquired_on IS NULL THEN 'unparseable_date'" : ''}
      WHEN bad_attribute IS NOT NULL THEN 'non_numeric_attribute'`;
    key = 'id';
    dupReason = isCustomer ? 'duplicate_customer_id' : 'duplicate_prospect_id';
  }
  const keyMatch = key
    .split(', ')
    .map((k) => `d.${k} = r.${k}`)
    .join(' AND ');
  return `CREATE OR REPLACE TEMP TABLE ${PARSED_INPUT} AS
WITH p AS (
  SELECT rowid AS rn, ${plan.lineSql} AS line,${plan.ndjson ? ' json_ok,' : ''} ${fields}, ${record} AS record
  FROM ${STAGE}
), r AS (
  SELECT *, CASE ${reasons} END AS reason0 FROM p
), d AS (
  SELECT ${key}, string_agg(CAST(line AS VARCHAR), ', ' ORDER BY line) AS lines FROM r WHERE reason0 IS NULL GROUP BY ${key} HAVING count(*) > 1
)
SELECT r.rn, r.line, r.id, r.acquired_on, r.channel, r.month, r.amount, r.record,
  CASE WHEN r.reason0 IS NULL AND d.lines IS NOT NULL THEN '${dupReason}' ELSE r.reason0 END AS reason,
  CASE WHEN r.reason0 IS NULL AND d.lines IS NOT NULL THEN 'rows at lines ' || d.lines
       WHEN r.reason0 = 'non_numeric_attribute' THEN 'attribute "' || r.bad_attribute || '"'
       WHEN r.reason0 = 'unknown_channel' THEN 'channel "' || r.channel || '"' END AS detail
FROM r LEFT JOIN d ON ${keyMatch}`;
}

/** INSERT statements of the accepted rows into the kind's tables. */
export function insertInputSql(plan: InputParsePlan): string[] {
  if (plan.kind === 'surveys') return [insertSurveySql()];
  const ok = `FROM ${PARSED_INPUT} WHERE reason IS NULL`;
  if (plan.kind === 'spend') return [`INSERT INTO marketing_spend SELECT month, channel, amount, line ${ok} ORDER BY rn`];
  const [main, attrs, id] =
    plan.kind === 'customers'
      ? ['INSERT INTO customer_profiles SELECT id, acquired_on, channel, line', 'customer_attributes', 'id']
      : ['INSERT INTO prospects SELECT id, channel, line', 'prospect_attributes', 'id'];
  const out = [`${main} ${ok} ORDER BY rn`];
  for (const a of plan.attributes) {
    const c = stageColumn(plan.header, a.name);
    out.push(
      `INSERT INTO ${attrs} SELECT p.${id}, ${sqlString(a.name)}, trim(s.${c}) FROM ${PARSED_INPUT} p JOIN ${STAGE} s ON s.rowid = p.rn WHERE p.reason IS NULL AND ${text(`s.${c}`)} IS NOT NULL ORDER BY p.rn`,
    );
  }
  // the same values wide (one row per entity, attribute k in column a<k>), for reading many attributes at once
  const cols = plan.attributes.map((a, k) => `${text(`s.${stageColumn(plan.header, a.name)}`)} AS a${k}`);
  out.push(`CREATE OR REPLACE TABLE ${WIDE_TABLES[plan.kind]} AS SELECT p.id, p.channel, p.line${cols.map((c) => `, ${c}`).join('')}
    FROM ${PARSED_INPUT} p JOIN ${STAGE} s ON s.rowid = p.rn WHERE p.reason IS NULL ORDER BY p.rn`);
  return out;
}

/** The wide copies of the attributes (columns id, channel, line, a0 … in `input_attributes` position order). */
export const WIDE_TABLES = { customers: 'customer_attributes_wide', prospects: 'prospect_attributes_wide' } as const;

/** INSERT the quarantined rows (and, for CSV/NDJSON, the reader's rejected lines). */
export function insertInputQuarantineSql(kind: InputKind, sourceId: number, withReaderRejects: boolean): string {
  const parsed = `SELECT ${sqlString(kind)}, ${sourceId}, $file, line, reason, detail, record FROM ${PARSED_INPUT} WHERE reason IS NOT NULL`;
  const rejects = `SELECT ${sqlString(kind)}, ${sourceId}, $file, line, 'malformed_row', arg_max(error_type || ': ' || error_message, column_idx), arg_max(csv_line, column_idx) FROM ${REJECTS} GROUP BY line`;
  return `INSERT INTO input_quarantine ${parsed}${withReaderRejects ? ` UNION ALL ${rejects}` : ''} ORDER BY 4`;
}
