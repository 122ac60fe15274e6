import type { SqlDialect } from '../engine/engine.js';

export interface NettingSqlOptions {
  /** Last calibration day (inclusive), ISO date: a return after it never changes a day on or before it. */
  calibrationEnd: string;
  /** Last day read (inclusive), ISO date; default `calibrationEnd` (the holdout end when there is one). */
  end?: string;
}

/**
 * How returns and cancellations enter the purchase days of the summary, the models, the tracking
 * curve and the segments: one rule, written once, as SQL common table expressions (no leading
 * `WITH`) that the callers put in front of their own.
 *
 * Rule:
 * 1. Every return (a row with `is_return`, negative amount) is matched to ONE purchase day of the
 *    same customer on or before the return's own day: the latest day with a purchase row of the
 *    same order id when the return carries one that matches (a refund booked against its order),
 *    otherwise the latest purchase day on or before the return (a same-day cancellation nets
 *    against that day). A return with no purchase before it (a return-only customer) matches no
 *    day: it stays in `returns_value` and net revenue only.
 * 2. A purchase day's net value = its purchases − the returns matched to it. A day whose returns
 *    bring it to ≤ 0 (fully returned or cancelled) is not a purchase day: it counts in no x, t_x, T
 *    or first purchase, and its value enters no spend model. A partly returned day stays, at its
 *    net value (the spend models use net values per day). A day without returns is kept whatever
 *    its value (a zero-value purchase is still a purchase, as in BTYD's CDNOW summaries).
 * 3. No look-ahead: for a day on or before the calibration end only returns made on or before the
 *    calibration end count; holdout days net the returns up to `end`.
 * Returns larger than the day they match are not carried to earlier days.
 *
 * CTEs: `nd_returns` (customer_id, event_date, order_id, value > 0, rows: returns per customer, day
 * and order id up to `end`), `nd_target` (each to its purchase day) and `nd_returned`
 * (customer_id, event_date, returned: the exact value netted against that purchase day, DECIMAL).
 *
 * ## Method
 * The match is one equi-join of the (few) grouped returns with the purchase rows of the same
 * customers (`t.event_date <= r.event_date` as a filter) and a GROUP BY: plain SQL that ClickHouse
 * runs too; with no returns in the log the join's build side is empty. Money is summed exactly
 * ({@link SqlDialect.moneySum}), so "net ≤ 0" is decided without float noise.
 */
export function nettingCtes(d: SqlDialect, o: NettingSqlOptions): string {
  const cal = d.dateLiteral(o.calibrationEnd);
  const end = d.dateLiteral(o.end ?? o.calibrationEnd);
  return `nd_returns AS (
  SELECT customer_id, event_date, order_id, ${d.moneySum('-amount')} AS value, count(*) AS rows
  FROM transactions WHERE is_return AND event_date <= ${end} GROUP BY customer_id, event_date, order_id
), nd_target AS (
  SELECT r.customer_id, r.event_date AS return_day, r.value,
    coalesce(max(t.event_date) FILTER (WHERE t.order_id = r.order_id), max(t.event_date)) AS event_date
  FROM nd_returns r JOIN transactions t ON t.customer_id = r.customer_id
  WHERE NOT t.is_return AND t.event_date <= r.event_date
  GROUP BY r.customer_id, r.event_date, r.order_id, r.value
), nd_returned AS (
  SELECT customer_id, event_date, sum(value) AS returned FROM nd_target
  WHERE return_day <= ${cal} OR event_date > ${cal} GROUP BY customer_id, event_date
)`;
}

/**
 * The condition under which a purchase day is kept, given its exact gross `gross` and the value
 * `returned` netted against it (NULL when none): see rule 2 of {@link nettingCtes}.
 */
export function keptDaySql(gross: string, returned: string): string {
  return `(${returned} IS NULL OR ${returned} = 0 OR ${gross} > ${returned})`;
}

/**
 * One more CTE after {@link nettingCtes}: `nd_dropped` (customer_id, event_date), the purchase days
 * that returns brought to ≤ 0, for queries that read purchase rows and must skip those days (with
 * {@link skipDroppedJoin}).
 */
export function droppedDaysCte(d: SqlDialect): string {
  return `nd_dropped AS (
  SELECT t.customer_id, t.event_date FROM transactions t JOIN nd_returned r ON r.customer_id = t.customer_id AND r.event_date = t.event_date
  WHERE NOT t.is_return GROUP BY t.customer_id, t.event_date, r.returned
  HAVING NOT ${keptDaySql(d.moneySum('t.amount'), 'r.returned')}
)`;
}

/**
 * The anti-join that skips the rows of {@link droppedDaysCte}'s days: a LEFT JOIN clause for the
 * FROM list and the condition for the WHERE clause, for rows of the table aliased `t`.
 * @example
 * const skip = skipDroppedJoin('t');
 * `SELECT … FROM transactions t ${skip.join} WHERE NOT t.is_return AND ${skip.where}`;
 */
export function skipDroppedJoin(t: string): { join: string; where: string } {
  return {
    join: `LEFT JOIN nd_dropped nd_x ON nd_x.customer_id = ${t}.customer_id AND nd_x.event_date = ${t}.event_date`,
    where: 'nd_x.customer_id IS NULL',
  };
}
