/**
 * DuckDB SQL for the per-customer activity file (customer id, activity, count, date): the drivers
 * the transaction log cannot give (support contacts, campaign contacts, …). Read all-VARCHAR so no
 * value is coerced; every row is accepted into `cvm_activities` or kept in `cvm_activity_quarantine`
 * with a reason. The path is quoted with `sqlString`, the accepted activities and dates are bound.
 */
import { sqlIdent, sqlString } from '../engine/sql.js';

export const ACTIVITY_STAGE = 'cvm_activity_stage';
export const ACTIVITIES = 'cvm_activities';
export const ACTIVITY_QUARANTINE = 'cvm_activity_quarantine';
const REJECTS = 'cvm_activity_rejects';
const REJECT_SCANS = 'cvm_activity_reject_scans';

/** Reasons an activity row is quarantined, with the sentence shown to users. */
export const ACTIVITY_QUARANTINE_REASONS = {
  malformed_row: "the CSV reader could not split the line into the header's columns",
  missing_customer_id: 'the customer id is empty',
  missing_activity: 'the activity name is empty',
  unknown_activity: 'no cost pool of the cost model counts this activity',
  non_numeric_count: 'the count is empty or not a finite number',
  negative_count: 'the count is negative',
  unparseable_date: 'the date is not YYYY-MM-DD or YYYYMMDD',
  date_out_of_range: 'the date is outside the cost period',
} as const;

export type ActivityQuarantineReason = keyof typeof ACTIVITY_QUARANTINE_REASONS;

/** Header names accepted for each activity column (compared lower-case, without spaces or underscores). */
export const ACTIVITY_COLUMNS = {
  customer: ['customerid', 'customer', 'custid', 'clientid'],
  activity: ['activity', 'activitytype', 'type', 'driver'],
  count: ['count', 'quantity', 'n', 'volume'],
  date: ['date', 'eventdate', 'activitydate'],
} as const;

export type ActivityColumn = keyof typeof ACTIVITY_COLUMNS;

export function activityStageSql(path: string): string[] {
  return [
    `DROP TABLE IF EXISTS ${REJECTS}`,
    `DROP TABLE IF EXISTS ${REJECT_SCANS}`,
    `CREATE OR REPLACE TEMP TABLE ${ACTIVITY_STAGE} AS SELECT * FROM read_csv(${sqlString(path)}, header = true, all_varchar = true, store_rejects = true, rejects_table = '${REJECTS}', rejects_scan = '${REJECT_SCANS}')`,
  ];
}

/** Rejected lines of the CSV reader (0 when none). */
export const activityRejectCountSql = (): string => `SELECT count(DISTINCT line) AS n FROM ${REJECTS}`;

/**
 * CREATE the accepted and quarantine tables from the stage. `start`/`end` (ISO dates, validated by
 * the caller) bound the cost period; `activities` lists the activity names the pools count.
 * Line numbers: staged row k is physical line k + 2 plus the reader's rejected lines before it.
 */
export function activityParseSql(
  columns: Record<ActivityColumn, string>,
  hasRejects: boolean,
  activities: string[],
  start: string,
  end: string,
): string[] {
  const names = `[${activities.map(sqlString).join(', ')}]::VARCHAR[]`;
  const c = (k: ActivityColumn): string => `nullif(trim(${sqlIdent(columns[k])}), '')`;
  const line = hasRejects
    ? `(rowid + 2 + coalesce((SELECT count(*) FROM (SELECT DISTINCT line, dense_rank() OVER (ORDER BY line) - 1 AS j FROM ${REJECTS}) r WHERE r.line - 2 - r.j <= ${ACTIVITY_STAGE}.rowid), 0))`
    : 'rowid + 2';
  const parsed = `SELECT ${line} AS line, ${c('customer')} AS customer_id, lower(${c('activity')}) AS activity,
    CASE WHEN isfinite(try_cast(${c('count')} AS DOUBLE)) THEN try_cast(${c('count')} AS DOUBLE) END AS count,
    coalesce(try_cast(${c('date')} AS DATE), CAST(try_strptime(${c('date')}, '%Y%m%d') AS DATE)) AS event_date,
    concat_ws(',', ${Object.values(columns)
      .map((k) => `coalesce(${sqlIdent(k)}, '')`)
      .join(', ')}) AS record
  FROM ${ACTIVITY_STAGE}`;
  const reason = `CASE
      WHEN customer_id IS NULL THEN 'missing_customer_id'
      WHEN activity IS NULL THEN 'missing_activity'
      WHEN NOT list_contains(${names}, activity) THEN 'unknown_activity'
      WHEN count IS NULL THEN 'non_numeric_count'
      WHEN count < 0 THEN 'negative_count'
      WHEN event_date IS NULL THEN 'unparseable_date'
      WHEN event_date < CAST(${sqlString(start)} AS DATE) OR event_date > CAST(${sqlString(end)} AS DATE) THEN 'date_out_of_range'
    END`;
  const rejects = hasRejects
    ? ` UNION ALL SELECT line, 'malformed_row', arg_max(error_type || ': ' || error_message, column_idx), arg_max(csv_line, column_idx) FROM ${REJECTS} GROUP BY line`
    : '';
  return [
    `CREATE OR REPLACE TEMP TABLE cvm_activity_parsed AS SELECT *, ${reason} AS reason FROM (${parsed})`,
    `CREATE OR REPLACE TEMP TABLE ${ACTIVITIES} AS SELECT line, customer_id, activity, count, event_date FROM cvm_activity_parsed WHERE reason IS NULL`,
    `CREATE OR REPLACE TEMP TABLE ${ACTIVITY_QUARANTINE} AS SELECT line, reason,
      CASE reason WHEN 'date_out_of_range' THEN ${sqlString(`cost period ${start} .. ${end}`)} WHEN 'unknown_activity' THEN 'activity "' || activity || '"' END AS detail, record
      FROM cvm_activity_parsed WHERE reason IS NOT NULL${rejects} ORDER BY 1`,
    `DROP TABLE cvm_activity_parsed`,
    `DROP TABLE ${ACTIVITY_STAGE}`,
  ];
}
