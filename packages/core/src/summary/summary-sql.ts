import type { SqlDialect } from '../engine/engine.js';
import { keptDaySql, nettingCtes } from './returns-netting-sql.js';
import { plainNetDaysSql } from './plain-netting-sql.js';
import { previousPurchaseSql, summaryHistorySql, type SummaryHistoryOptions } from './summary-history-sql.js';

export interface SummarySqlOptions {
  /** Last day of the calibration period (inclusive), ISO date. */
  calibrationEnd: string;
  /** Last day of the holdout period (inclusive), ISO date; omit for no holdout columns. */
  holdoutEnd?: string;
  /** Days per period: 1 (day) or 7 (week). */
  daysPerPeriod: number;
  /** false when the log has no return up to the last day read (see `hasReturnsSql`): no netting work. Default true. */
  netReturns?: boolean;
  /** SQL condition on `customer_id` that limits the customers summarised (an incremental refresh's touched customers, issue 16); default all. */
  customerFilter?: string;
  /** DuckDB only: also the history columns as of an earlier day, from the same pass (see `summaryHistorySql`). */
  history?: SummaryHistoryOptions;
  /** DuckDB only: also `prev_purchase`, the second-to-last kept purchase day (see `previousPurchaseSql`). */
  previousPurchase?: boolean;
}

/**
 * The per-customer summary, in SQL. Conventions (Fader, Hardie & Lee 2005; BTYD's `dc.ElogToCbsCbt`):
 * purchases on the same local day are merged into one transaction; `frequency` counts the repeat
 * purchase days in the calibration period (the first purchase excluded); `recency` = last − first
 * purchase and `T` = calibration end − first purchase, both in periods (days / daysPerPeriod);
 * `monetary_value` = mean NET value of the repeat purchase days (0 when frequency = 0, as Gamma-Gamma
 * expects). Customers whose first purchase day falls after the calibration end are not included.
 * Holdout columns count purchase days in (calibrationEnd, holdoutEnd] and their mean net value.
 *
 * Returns and cancellations (see {@link nettingCtes} for the rule): each is netted against one
 * purchase day of its customer (same order id, else the latest purchase day on or before it); a
 * purchase day brought to ≤ 0 is not a purchase day (no x, t_x, T, first purchase or spend), so a
 * customer whose purchases were all cancelled is not in the summary; a partly returned day keeps its
 * net value. `total_revenue` (gross purchases), `transactions` (purchase rows), `returns`,
 * `returns_value` and `net_revenue` = gross − returns still count every row up to the calibration end.
 * Money is summed exactly ({@link SqlDialect.moneySum}) and converted to DOUBLE at the end.
 *
 * @example
 * await engine.columns(summarySql(engine.dialect, { calibrationEnd: '1997-09-30', daysPerPeriod: 7 }), kinds);
 */
export function summarySql(d: SqlDialect, o: SummarySqlOptions): string {
  if (d.name !== 'duckdb') return `SELECT * FROM ${d.perShard(summaryCustomersSql(d, o))} s\nORDER BY ${d.customerOrder('customer_id')}`;
  return `${summaryCustomersSql(d, o)}\nORDER BY try_cast(c.customer_id AS BIGINT) NULLS LAST, c.customer_id`;
}

/**
 * The per-customer rows of {@link summarySql}, unordered: for statements that aggregate the summary
 * further inside `dialect.perShard` (the (x, t_x, T) patterns of `summary-patterns-sql.ts`). On
 * ClickHouse (no CTE, window or FILTER in 18.16) the log without returns is summarised by two plain
 * GROUP BYs with the same returns netting ({@link plainSummaryCustomersSql}).
 */
export function summaryCustomersSql(d: SqlDialect, o: SummarySqlOptions): string {
  if (d.name !== 'duckdb') return plainSummaryCustomersSql(d, o);
  const cal = d.dateLiteral(o.calibrationEnd);
  const per = o.daysPerPeriod === 1 ? '' : ` / ${o.daysPerPeriod}.0`;
  const hold = o.holdoutEnd === undefined ? null : d.dateLiteral(o.holdoutEnd);
  const end = hold ?? cal;
  // an incremental refresh (issue 16): the touched customers' rows read once (only the columns used), then every CTE reads them
  const tx = o.customerFilter ? 'nd_tx' : 'transactions';
  const only = o.customerFilter
    ? `nd_tx AS MATERIALIZED (SELECT customer_id, event_date, amount, is_return, order_id FROM transactions WHERE ${o.customerFilter}), `
    : '';
  const h = o.history ? summaryHistorySql(d, o.history, 'c') : { day: '', dayColumn: '', customer: '', select: '' };
  const pp = o.previousPurchase ? previousPurchaseSql(d, 'c') : { customer: '', select: '' };
  return `WITH ${only}${nettingCtes(d, { calibrationEnd: o.calibrationEnd, end: o.holdoutEnd, netReturns: o.netReturns, table: tx })}, purchases AS (
  SELECT customer_id, event_date, ${d.moneySum('amount')} AS gross, count(*) AS n${h.day}
  FROM ${tx} WHERE NOT is_return AND event_date <= ${end} GROUP BY customer_id, event_date
), days AS (
  SELECT p.customer_id, p.event_date, p.gross, p.n${h.dayColumn}, p.gross - coalesce(r.returned, 0) AS net, ${keptDaySql('p.gross', 'r.returned')} AS kept
  FROM purchases p LEFT JOIN nd_returned r ON r.customer_id = p.customer_id AND r.event_date = p.event_date
), cal AS (
  SELECT customer_id, count(*) FILTER (WHERE kept) - 1 AS frequency,
    min(event_date) FILTER (WHERE kept) AS first_purchase, max(event_date) FILTER (WHERE kept) AS last_purchase,
    sum(gross) AS total_revenue, sum(net) FILTER (WHERE kept) - ${d.argMin('net', 'event_date')} FILTER (WHERE kept) AS repeat_revenue,
    sum(n) AS transactions${h.customer}${pp.customer}
  FROM days WHERE event_date <= ${cal} GROUP BY customer_id HAVING count(*) FILTER (WHERE kept) > 0
), ret AS (
  SELECT customer_id, sum(rows) AS returns, sum(value) AS returns_value FROM nd_returns WHERE event_date <= ${cal} GROUP BY customer_id
)${
    hold
      ? `, hold AS (
  SELECT customer_id, count(*) AS frequency_holdout, CAST(sum(net) AS DOUBLE) / count(*) AS monetary_value_holdout
  FROM days WHERE kept AND event_date > ${cal} AND event_date <= ${hold} GROUP BY customer_id
)`
      : ''
  }
SELECT c.customer_id,
  CAST(c.frequency AS DOUBLE) AS frequency,
  ${d.dateDiffDays('c.first_purchase', 'c.last_purchase')}${per} AS recency,
  ${d.dateDiffDays('c.first_purchase', cal)}${per} AS "T",
  CASE WHEN c.frequency > 0 THEN CAST(c.repeat_revenue AS DOUBLE) / c.frequency ELSE 0 END AS monetary_value,
  CAST(${d.dateDiffDays("DATE '1970-01-01'", 'c.first_purchase')} AS DOUBLE) AS first_purchase,
  CAST(${d.dateDiffDays("DATE '1970-01-01'", 'c.last_purchase')} AS DOUBLE) AS last_purchase,
  CAST(c.transactions AS DOUBLE) AS transactions,
  CAST(c.total_revenue AS DOUBLE) AS total_revenue,
  CAST(coalesce(r.returns, 0) AS DOUBLE) AS returns,
  CAST(coalesce(r.returns_value, 0) AS DOUBLE) AS returns_value,
  CAST(c.total_revenue - coalesce(r.returns_value, 0) AS DOUBLE) AS net_revenue${h.select}${pp.select}${
    hold
      ? `,
  CAST(coalesce(h.frequency_holdout, 0) AS DOUBLE) AS frequency_holdout,
  coalesce(h.monetary_value_holdout, 0) AS monetary_value_holdout,
  ${d.dateDiffDays(cal, hold)}${per} AS duration_holdout`
      : ''
  }
FROM cal c LEFT JOIN ret r USING (customer_id)${hold ? ' LEFT JOIN hold h USING (customer_id)' : ''}`;
}

/**
 * First and last day of the whole log (ISO dates) only: what the summary needs for its default
 * period ends, without the distinct-customer count of {@link logRangeSql} (a full hash aggregate).
 */
export function dateRangeSql(d: SqlDialect): string {
  const any = 'event_date IS NOT NULL'; // min/max that are NULL on an empty log in every engine
  return `SELECT ${d.text(d.minIf('event_date', any))} AS first_date, ${d.text(d.maxIf('event_date', any))} AS last_date FROM transactions`;
}

/** First and last purchase day of the whole log (ISO dates), for default period ends. */
export function logRangeSql(d: SqlDialect): string {
  const any = 'event_date IS NOT NULL';
  return `SELECT ${d.text(d.minIf('event_date', any))} AS first_date, ${d.text(d.maxIf('event_date', any))} AS last_date,
  count(*) AS transactions, ${d.countDistinct('customer_id')} AS customers FROM transactions`;
}

/**
 * Whole-log totals up to the calibration end, summed exactly ({@link SqlDialect.moneySum}): first and
 * last day of the log, purchase rows, gross purchases, returns and net revenue (currency, DOUBLE
 * from the exact sums), and the customers with a purchase row on or before the calibration end
 * (including those whose purchases were all cancelled, whom the summary leaves out).
 * @example
 * (await engine.rows(totalsSql(engine.dialect, '1998-06-30')))[0].net; // 2,500,315.63 on the CDNOW master
 */
export function totalsSql(d: SqlDialect, calibrationEnd: string): string {
  const cal = d.dateLiteral(calibrationEnd);
  const any = 'event_date IS NOT NULL'; // min/max that are NULL on an empty log in every engine
  const bought = `NOT is_return AND event_date <= ${cal}`;
  const money = (cond: string, x: string): string => d.double(d.moneySum(`CASE WHEN ${cond} THEN ${x} ELSE 0 END`));
  return `SELECT ${d.text(d.minIf('event_date', any))} AS first_date, ${d.text(d.maxIf('event_date', any))} AS last_date,
  ${d.double(d.countIf(bought))} AS transactions,
  ${money(bought, 'amount')} AS gross,
  ${money(`is_return AND event_date <= ${cal}`, '-amount')} AS returns_value,
  ${money(`event_date <= ${cal}`, 'amount')} AS net,
  ${d.double(d.countDistinct(`CASE WHEN ${bought} THEN customer_id END`))} AS purchasers
FROM transactions`;
}

/**
 * The summary in GROUP BY SQL every engine runs (ClickHouse 18.16: no CTE, window or FILTER): the
 * netted customer-days of {@link plainNetDaysSql}, then one GROUP BY per customer with conditional
 * aggregates (repeat revenue = the kept days' net value − the first kept day's, exact DECIMALs).
 */
export function plainSummaryCustomersSql(d: SqlDialect, o: SummarySqlOptions): string {
  const cal = d.dateLiteral(o.calibrationEnd);
  const per = o.daysPerPeriod === 1 ? '' : ` / ${o.daysPerPeriod}.0`;
  const hold = o.holdoutEnd === undefined ? null : d.dateLiteral(o.holdoutEnd);
  const epoch = d.dateLiteral('1970-01-01');
  const inCal = `event_date <= ${cal}`;
  const bought = `kept = 1 AND ${inCal}`;
  const later = `kept = 1 AND event_date > ${cal}`;
  const days = plainNetDaysSql(d, {
    calibrationEnd: o.calibrationEnd,
    end: o.holdoutEnd,
    netReturns: o.netReturns,
    customerFilter: o.customerFilter,
  });
  const customers = `SELECT customer_id, ${d.countIf(bought)} - 1 AS freq, ${d.minIf('event_date', bought)} AS first_day, ${d.maxIf('event_date', bought)} AS last_day,
    ${d.sumIf('gross', inCal)} AS revenue, ${d.sumIf('net', bought)} - ${d.argMinIf('net', 'event_date', bought)} AS repeat_revenue,
    ${d.sumIf('n', inCal)} AS lines, ${d.sumIf('rn', inCal)} AS nret, ${d.sumIf('ret', inCal)} AS ret_value${
      hold
        ? `,
    ${d.countIf(later)} AS freq_h, ${d.sumIf('net', later)} AS net_h`
        : ''
    }
  FROM (${days}) days
  GROUP BY customer_id HAVING ${d.countIf(bought)} > 0`;
  return `SELECT customer_id,
  ${d.double('freq')} AS frequency,
  ${d.dateDiffDays('first_day', 'last_day')}${per} AS recency,
  ${d.dateDiffDays('first_day', cal)}${per} AS "T",
  CASE WHEN freq > 0 THEN ${d.double('repeat_revenue')} / freq ELSE 0 END AS monetary_value,
  ${d.double(d.dateDiffDays(epoch, 'first_day'))} AS first_purchase,
  ${d.double(d.dateDiffDays(epoch, 'last_day'))} AS last_purchase,
  ${d.double('lines')} AS transactions,
  ${d.double('revenue')} AS total_revenue,
  ${d.double('coalesce(nret, 0)')} AS returns,
  ${d.double('coalesce(ret_value, 0)')} AS returns_value,
  ${d.double('revenue - coalesce(ret_value, 0)')} AS net_revenue${
    hold
      ? `,
  ${d.double('freq_h')} AS frequency_holdout,
  CASE WHEN freq_h > 0 THEN ${d.double('net_h')} / freq_h ELSE 0 END AS monetary_value_holdout,
  ${d.dateDiffDays(cal, hold)}${per} AS duration_holdout`
      : ''
  }
FROM (${customers}) c`;
}
