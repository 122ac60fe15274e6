import type { SqlDialect } from '../engine/engine.js';

/**
 * One customer's purchases and returns per day (bound parameter `$id`; at most 5,000 days): `date`,
 * `purchased` (NULL without a purchase), `purchase_rows`, `returned` (positive). Sums are exact
 * (`SqlDialect.moneySum`), so a day's amounts do not depend on the order they are added in. The
 * aliases differ from the column names: ClickHouse resolves a name to a SELECT alias before the column.
 */
export function customerDaysSql(d: SqlDialect): string {
  const purchased = d.double(d.moneySum('CASE WHEN is_return THEN 0 ELSE amount END'));
  return `SELECT ${d.isoDate('event_date')} AS date, CASE WHEN ${d.countIf('NOT is_return')} > 0 THEN ${purchased} END AS purchased,
  ${d.countIf('NOT is_return')} AS purchase_rows, ${d.double(d.moneySum('CASE WHEN is_return THEN -amount ELSE 0 END'))} AS returned
FROM transactions WHERE customer_id = $id GROUP BY event_date ORDER BY event_date LIMIT 5000`;
}

/** One customer's purchase days up to `$end` (bound parameters `$id`, `$end`). */
export function customerPurchaseDaysSql(d: SqlDialect): string {
  return `SELECT DISTINCT ${d.isoDate('event_date')} AS date FROM transactions
WHERE customer_id = $id AND NOT is_return AND event_date <= CAST($end AS DATE) ORDER BY date`;
}

/** One customer's rows in the stored segment snapshots (bound parameter `$id`). */
export function customerSnapshotsSql(d: SqlDialect): string {
  return `SELECT ${d.isoDate('as_of')} AS as_of, CAST(computed_at AS VARCHAR) AS computed_at, rfm_segment, r_score, f_score, m_score, value_tier, lifecycle_stage, value
FROM segment_snapshots WHERE customer_id = $id ORDER BY as_of`;
}
