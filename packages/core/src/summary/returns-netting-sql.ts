import type { SqlDialect } from '../engine/engine.js';

export interface NettingSqlOptions {
  /** Last calibration day (inclusive), ISO date: a return after it never changes a day on or before it. */
  calibrationEnd: string;
  /** Last day read (inclusive), ISO date; default `calibrationEnd` (the holdout end when there is one). */
  end?: string;
  /**
   * false when the caller knows there is no return up to `end` ({@link hasReturnsSql}): the CTEs are
   * then empty stand-ins (same names and columns) that cost nothing. Default true.
   */
  netReturns?: boolean;
  /** The relation read instead of `transactions` (an incremental refresh's rows of the touched customers, issue 16). */
  table?: string;
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
 * CTEs: `nd_returns` (rid, customer_id, event_date, order_id, value > 0, rows: returns per customer,
 * day and order id up to `end`, numbered), `nd_match` (rid → its purchase day) and `nd_returned`
 * (customer_id, event_date, returned: the exact value netted against that purchase day, DECIMAL).
 *
 * ## Method
 * The match is one equi-join of the (few) grouped returns with the purchase rows of the same
 * customers (`t.event_date <= r.event_date` as a filter) and a GROUP BY on the returns' row number
 * (an integer key: cheaper than grouping the join's output by customer, day and order id): plain SQL
 * that ClickHouse runs too; with no returns in the log the join's build side is empty. Money is
 * summed exactly ({@link SqlDialect.moneySum}), so "net ≤ 0" is decided without float noise.
 * @example
 * `WITH ${nettingCtes(d, { calibrationEnd: '1997-09-30', end: '1998-06-30' })}, days AS (…) SELECT …`
 */
export function nettingCtes(d: SqlDialect, o: NettingSqlOptions): string {
  const cal = d.dateLiteral(o.calibrationEnd);
  const end = d.dateLiteral(o.end ?? o.calibrationEnd);
  if (o.netReturns === false) {
    return `nd_returns AS (
  SELECT customer_id, event_date, order_id, ${d.moneySum('-amount')} AS value, count(*) AS rows FROM transactions WHERE false GROUP BY customer_id, event_date, order_id
), nd_returned AS (SELECT customer_id, event_date, value AS returned FROM nd_returns)`;
  }
  return `nd_returns AS (
  SELECT row_number() OVER () AS rid, customer_id, event_date, order_id, ${d.moneySum('-amount')} AS value, count(*) AS rows
  FROM ${o.table ?? 'transactions'} WHERE is_return AND event_date <= ${end} GROUP BY customer_id, event_date, order_id
), nd_match AS (
  SELECT r.rid, coalesce(max(t.event_date) FILTER (WHERE t.order_id = r.order_id), max(t.event_date)) AS event_date
  FROM nd_returns r JOIN ${o.table ?? 'transactions'} t ON t.customer_id = r.customer_id
  WHERE NOT t.is_return AND t.event_date <= r.event_date
  GROUP BY r.rid
), nd_returned AS (
  SELECT r.customer_id, m.event_date, sum(r.value) AS returned FROM nd_returns r JOIN nd_match m ON m.rid = r.rid
  WHERE r.event_date <= ${cal} OR m.event_date > ${cal} GROUP BY r.customer_id, m.event_date
)`;
}

/**
 * Whether the log has a return on or before `end` (one row, column `has_returns`): when it has none,
 * the netting CTEs can be left out (`netReturns: false`), which keeps a log without returns at the
 * cost of a plain summary.
 * @example
 * (await engine.rows(hasReturnsSql(engine.dialect, '1998-06-30')))[0].has_returns; // false on CDNOW
 */
export function hasReturnsSql(d: SqlDialect, end: string): string {
  return `SELECT count(*) > 0 AS has_returns FROM (SELECT 1 FROM transactions WHERE is_return AND event_date <= ${d.dateLiteral(end)} LIMIT 1) r`;
}

/**
 * The condition under which a purchase day is kept, given its exact gross `gross` and the value
 * `returned` netted against it (NULL when none): see rule 2 of {@link nettingCtes}.
 * @example
 * keptDaySql('p.gross', 'r.returned'); // '(r.returned IS NULL OR r.returned = 0 OR p.gross > r.returned)'
 */
export function keptDaySql(gross: string, returned: string): string {
  return `(${returned} IS NULL OR ${returned} = 0 OR ${gross} > ${returned})`;
}

/**
 * One more CTE after {@link nettingCtes}: `nd_dropped` (customer_id, event_date), the purchase days
 * that returns brought to ≤ 0, for queries that read purchase rows and must skip those days (with
 * {@link skipDroppedJoin}).
 * @example
 * `WITH ${nettingCtes(d, o)}, ${droppedDaysCte(d)} SELECT … FROM transactions t ${skipDroppedJoin('t').join} WHERE …`
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
