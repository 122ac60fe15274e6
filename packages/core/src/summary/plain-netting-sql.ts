import type { SqlDialect } from '../engine/engine.js';

export interface PlainNettingOptions {
  /** Last calibration day (inclusive), ISO date: a return after it never changes a day on or before it. */
  calibrationEnd: string;
  /** Last day read (inclusive), ISO date; default `calibrationEnd`. */
  end?: string;
  /** false when the log has no return up to `end` (`hasReturnsSql`): no matching join. Default true. */
  netReturns?: boolean;
  /** SQL condition on `customer_id` that limits the customers read (an incremental refresh's touched customers, issue 16); default all. */
  customerFilter?: string;
}

/**
 * The customer-days of the log with returns netted, in plain GROUP BY SQL (no CTE, window function
 * or FILTER clause, one JOIN per SELECT) that ClickHouse 18.16 and a current ClickHouse run, for
 * statements placed inside `dialect.perShard` (each customer's rows are on one shard, so the match
 * of a return to its purchase day is shard-local). Same rule as `nettingCtes` (DuckDB's WITH form);
 * the tests check the two give the same summary, history and tracking curve.
 *
 * One row per customer and day with a row up to `end`: `gross` (exact sum of the purchases,
 * DECIMAL), `n` (purchase rows), `rn` (return rows), `ret` (exact value of that day's returns,
 * positive), `net` (gross − the returns matched to this day) and `kept` (1 when the day is a purchase
 * day: it has a purchase row and its matched returns do not bring it to ≤ 0).
 *
 * ## Method
 * Returns grouped by customer, day and order id (`r_day`, `r_order`, `r_value`) are joined to the
 * purchase rows of the same customer (`USING (customer_id)`, `event_date <= r_day` as a filter); a
 * GROUP BY on the return's key picks the latest day with the same order id, else the latest purchase
 * day (`m_day`); the values matched to a day (only returns up to the calibration end for days up to
 * it: no look-ahead) are summed and LEFT JOINed to the day totals `USING (customer_id, event_date)`.
 * @example
 * `SELECT customer_id, count(*) FROM (${plainNetDaysSql(d, { calibrationEnd: '1997-09-30' })}) nd WHERE kept = 1 GROUP BY customer_id`
 */
export function plainNetDaysSql(d: SqlDialect, o: PlainNettingOptions): string {
  const cal = d.dateLiteral(o.calibrationEnd);
  const end = d.dateLiteral(o.end ?? o.calibrationEnd);
  const only = o.customerFilter ? ` AND ${o.customerFilter}` : '';
  const days = `SELECT customer_id, event_date, ${d.moneySum('CASE WHEN is_return THEN 0 ELSE amount END')} AS gross, ${d.countIf('NOT is_return')} AS n,
    ${d.countIf('is_return')} AS rn, ${d.moneySum('CASE WHEN is_return THEN -amount ELSE 0 END')} AS ret
  FROM transactions WHERE event_date <= ${end}${only} GROUP BY customer_id, event_date`;
  if (o.netReturns === false) {
    return `SELECT customer_id, event_date, gross, n, rn, ret, gross AS net, CASE WHEN n > 0 THEN 1 ELSE 0 END AS kept FROM (${days}) g`;
  }
  const returns = `SELECT customer_id, event_date AS r_day, order_id AS r_order, ${d.moneySum('-amount')} AS r_value
    FROM transactions WHERE is_return AND event_date <= ${end}${only} GROUP BY customer_id, event_date, order_id`;
  const sameOrder = 'CASE WHEN order_id = r_order THEN 1 ELSE 0 END = 1';
  const match = `SELECT customer_id, r_day, r_order, min(r_value) AS r_value,
      coalesce(${d.maxIf('event_date', sameOrder)}, max(event_date)) AS m_day
    FROM transactions JOIN (${returns}) r USING (customer_id)
    WHERE NOT is_return AND event_date <= r_day
    GROUP BY customer_id, r_day, r_order`;
  const returned = `SELECT customer_id, m_day AS event_date, sum(r_value) AS returned
  FROM (${match}) m WHERE r_day <= ${cal} OR m_day > ${cal} GROUP BY customer_id, m_day`;
  return `SELECT customer_id, event_date, gross, n, rn, ret,
  CASE WHEN returned IS NULL THEN gross ELSE gross - returned END AS net,
  CASE WHEN n > 0 AND (returned IS NULL OR returned = 0 OR gross > returned) THEN 1 ELSE 0 END AS kept
FROM (${days}) g LEFT JOIN (${returned}) rd USING (customer_id, event_date)`;
}
