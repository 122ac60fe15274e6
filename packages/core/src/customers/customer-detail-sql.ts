import type { SqlDialect } from '../engine/engine.js';

/** One customer's purchases and returns per day (bound parameter `$id`; at most 5,000 days). */
export function customerDaysSql(d: SqlDialect): string {
  return `SELECT ${d.isoDate('event_date')} AS date, sum(amount) FILTER (WHERE NOT is_return) AS amount,
  count(*) FILTER (WHERE NOT is_return) AS rows, coalesce(-sum(amount) FILTER (WHERE is_return), 0) AS returned
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
