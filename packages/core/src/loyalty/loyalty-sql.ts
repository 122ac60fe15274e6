/**
 * SQL of the loyalty report (issue 15): each customer's purchase days (non-return rows merged by day,
 * gross amount) up to the analysis day, in customer and day order. Plain GROUP BY.
 */
import type { SqlDialect } from '../engine/engine.js';

/** customer_id, day (days since 1970-01-01), amount (gross spend of the day), ordered by customer and day. */
export function purchaseDaysSql(d: SqlDialect, asOf: string): string {
  return `SELECT customer_id, CAST(${d.dateDiffDays("DATE '1970-01-01'", 'event_date')} AS DOUBLE) AS day, CAST(${d.moneySum('amount')} AS DOUBLE) AS amount
FROM transactions WHERE NOT is_return AND event_date <= ${d.dateLiteral(asOf)}
GROUP BY customer_id, event_date ORDER BY customer_id, day`;
}
