import { sqlIdent, sqlString } from '../engine/sql.js';
import type { FileFormat } from '../transactions/ingest-sql.js';

/** The staged copy of an experiment file (a temp table of the session). */
export const EXPERIMENT_STAGE = 'cvm_experiment_stage';

/** Reasons a row of an experiment file is quarantined, with the sentence shown to users. */
export const EXPERIMENT_QUARANTINE_REASONS = {
  missing_arm: 'the arm column is empty',
  missing_customer_id: 'the customer id is empty',
  missing_outcome: 'an outcome column is empty',
  non_numeric_outcome: 'an outcome is not a number (nor true/false)',
  non_finite_outcome: 'an outcome is NaN or infinite',
} as const;
/** A reason code of {@link EXPERIMENT_QUARANTINE_REASONS}. */
export type ExperimentQuarantineReason = keyof typeof EXPERIMENT_QUARANTINE_REASONS;

/** DuckDB's reader of an experiment file, every column as text. */
export function experimentReaderSql(path: string, format: FileFormat): string {
  switch (format) {
    case 'parquet':
      return `read_parquet(${sqlString(path)})`;
    case 'ndjson':
      return `read_json(${sqlString(path)}, format = 'newline_delimited')`;
    case 'csv':
      return `read_csv(${sqlString(path)}, header = true, all_varchar = true)`;
  }
}

/**
 * Stages the needed columns as text with the file's line (CSV: header = line 1; NDJSON: line; Parquet:
 * row number), in file order.
 */
export function stageExperimentSql(reader: string, format: FileFormat, columns: readonly string[]): string {
  const cols = columns.map((c, j) => `CAST(${sqlIdent(c)} AS VARCHAR) AS c${j}`).join(', ');
  return `CREATE OR REPLACE TEMP TABLE ${EXPERIMENT_STAGE} AS SELECT ${cols} FROM ${reader};
CREATE OR REPLACE TEMP TABLE ${EXPERIMENT_STAGE}_lines AS SELECT rowid + ${format === 'csv' ? 2 : 1} AS line, * FROM ${EXPERIMENT_STAGE}`;
}

/** A text cell as a number: true/false → 1/0, else TRY_CAST (NULL when not a number). */
const numberOf = (c: string): string =>
  `CASE WHEN lower(trim(${c})) = 'true' THEN 1.0 WHEN lower(trim(${c})) = 'false' THEN 0.0 ELSE TRY_CAST(trim(${c}) AS DOUBLE) END`;

/**
 * Each staged row's first problem (NULL when clean), the column and the raw value. `arm` is the
 * staged index of the arm column, `outcomes` those of the outcome columns (with their names).
 */
function reasonSql(
  arm: number,
  outcomes: readonly [number, string][],
  keyReason = 'missing_arm',
  allowEmpty = false,
): { reason: string; column: string; raw: string } {
  const reason: string[] = [`WHEN coalesce(trim(c${arm}), '') = '' THEN '${keyReason}'`];
  const column: string[] = [`WHEN coalesce(trim(c${arm}), '') = '' THEN NULL`];
  const raw: string[] = [`WHEN coalesce(trim(c${arm}), '') = '' THEN c${arm}`];
  for (const [j, name] of outcomes) {
    const c = `c${j}`;
    const present = allowEmpty ? `coalesce(trim(${c}), '') <> '' AND ` : '';
    const checks = [
      [`${present}${numberOf(c)} IS NULL`, 'non_numeric_outcome'],
      [`${present}NOT isfinite(${numberOf(c)})`, 'non_finite_outcome'],
    ];
    if (!allowEmpty) checks.unshift([`coalesce(trim(${c}), '') = ''`, 'missing_outcome']);
    for (const [cond, code] of checks as [string, string][]) {
      reason.push(`WHEN ${cond} THEN '${code}'`);
      column.push(`WHEN ${cond} THEN ${sqlString(name)}`);
      raw.push(`WHEN ${cond} THEN ${c}`);
    }
  }
  return { reason: `CASE ${reason.join(' ')} END`, column: `CASE ${column.join(' ')} END`, raw: `CASE ${raw.join(' ')} END` };
}

/** The quarantined rows: line, reason, column, raw value. */
export function experimentQuarantineSql(
  arm: number,
  outcomes: readonly [number, string][],
  keyReason = 'missing_arm',
  allowEmpty = false,
): string {
  const r = reasonSql(arm, outcomes, keyReason, allowEmpty);
  return `SELECT line, reason, "column", raw FROM (SELECT line, ${r.reason} AS reason, ${r.column} AS "column", ${r.raw} AS raw FROM ${EXPERIMENT_STAGE}_lines) q
WHERE reason IS NOT NULL ORDER BY line`;
}

/**
 * The clean rows: `arm` (text), `o0…` (outcomes as DOUBLE), `b0…` (by columns, '' for empty), `f0…`
 * (feature columns as text), in file order.
 */
export function experimentRowsSql(
  arm: number,
  outcomes: readonly [number, string][],
  by: readonly number[],
  features: readonly number[],
): string {
  const r = reasonSql(arm, outcomes);
  const cols = [
    `trim(c${arm}) AS arm`,
    ...outcomes.map(([j], k) => `${numberOf(`c${j}`)} AS o${k}`),
    ...by.map((j, k) => `coalesce(trim(c${j}), '') AS b${k}`),
    ...features.map((j, k) => `coalesce(trim(c${j}), '') AS f${k}`),
  ];
  return `SELECT ${cols.join(', ')} FROM ${EXPERIMENT_STAGE}_lines WHERE ${r.reason} IS NULL ORDER BY line`;
}

/** Per feature column: how many non-empty values are not numbers (0 → the feature is numeric). */
export function featureKindsSql(features: readonly number[]): string {
  if (features.length === 0) return 'SELECT 1 AS none';
  return `SELECT ${features.map((j, k) => `sum(CASE WHEN coalesce(trim(c${j}), '') <> '' AND TRY_CAST(trim(c${j}) AS DOUBLE) IS NULL THEN 1 ELSE 0 END) AS f${k}`).join(', ')} FROM ${EXPERIMENT_STAGE}`;
}

/** Drops the staged tables. */
export function dropExperimentStageSql(): string {
  return `DROP TABLE IF EXISTS ${EXPERIMENT_STAGE}_lines; DROP TABLE IF EXISTS ${EXPERIMENT_STAGE}`;
}

/**
 * Inserts the clean rows of a staged response file into `campaign_responses`: $1 = campaign id, $2 = the write token;
 * `id` is the staged index of the customer id; `responded`, `revenue`, `margin` those of the optional
 * columns (null = absent: every listed customer responded; no revenue or margin). Empty values of
 * revenue and margin are NULL.
 */
export function insertResponsesSql(id: number, responded: number | null, revenue: number | null, margin: number | null): string {
  const present = [responded, revenue, margin].flatMap((j, k) =>
    j === null ? [] : [[j, ['responded', 'revenue', 'margin'][k]!] as [number, string]],
  );
  const r = reasonSql(id, present, 'missing_customer_id', true);
  const num = (j: number | null, fallback: string): string =>
    j === null ? fallback : `CASE WHEN coalesce(trim(c${j}), '') = '' THEN ${fallback} ELSE ${numberOf(`c${j}`)} END`;
  return `INSERT INTO campaign_responses SELECT $1, trim(c${id}), CASE WHEN ${num(responded, '1.0')} > 0 THEN 1.0 ELSE 0.0 END, ${num(revenue, 'NULL')}, ${num(margin, 'NULL')}, $2
FROM ${EXPERIMENT_STAGE}_lines WHERE ${r.reason} IS NULL`;
}

/** Rows of the staged file. */
export function stagedRowsSql(): string {
  return `SELECT count(*) AS n FROM ${EXPERIMENT_STAGE}`;
}

/** The columns of a file, for DESCRIBE. */
export function describeSql(reader: string): string {
  return `DESCRIBE SELECT * FROM ${reader}`;
}
