import type { SqlDialect } from '../engine/engine.js';

export interface SummarySqlOptions {
  /** Last day of the calibration period (inclusive), ISO date. */
  calibrationEnd: string;
  /** Last day of the holdout period (inclusive), ISO date; omit for no holdout columns. */
  holdoutEnd?: string;
  /** Days per period: 1 (day) or 7 (week). */
  daysPerPeriod: number;
}

/**
 * The per-customer summary, in SQL. Conventions (Fader, Hardie & Lee 2005; BTYD's `dc.ElogToCbsCbt`):
 * purchases on the same local day are merged into one transaction; `frequency` counts the repeat
 * purchase days in the calibration period (the first purchase excluded); `recency` = last − first
 * purchase and `T` = calibration end − first purchase, both in periods (days / daysPerPeriod);
 * `monetary_value` = mean value of the repeat purchase days (0 when frequency = 0, as Gamma-Gamma
 * expects). Returns (negative amounts) are not purchases: they are counted and netted into
 * `net_revenue`. Customers whose first purchase falls after the calibration end are not included.
 * Holdout columns count purchase days in (calibrationEnd, holdoutEnd].
 *
 * ## Method
 * Two GROUP BYs that every engine runs (no CTE, window or FILTER: ClickHouse 18.16 has none): the
 * log per customer and day (purchases and returns of the day), then per customer with conditional
 * aggregates; the repeat revenue is the calibration revenue less the first purchase day's. The
 * per-customer rows are `dialect.perShard`, so on a cluster each shard computes (and sorts) its own
 * customers and only the merge happens on the node that was asked.
 */
export function summarySql(d: SqlDialect, o: SummarySqlOptions): string {
  return `SELECT * FROM ${d.perShard(summaryCustomersSql(d, o))} s
ORDER BY ${d.customerOrder('customer_id')}`;
}

/**
 * The per-customer rows of {@link summarySql}, unordered and over the tables as they are (on a
 * cluster, one shard's): for statements that aggregate the summary further inside `dialect.perShard`
 * (e.g. the (x, t_x, T) patterns of `summary-patterns-sql.ts`).
 */
export function summaryCustomersSql(d: SqlDialect, o: SummarySqlOptions): string {
  const cal = d.dateLiteral(o.calibrationEnd);
  const per = o.daysPerPeriod === 1 ? '' : ` / ${o.daysPerPeriod}.0`;
  const hold = o.holdoutEnd === undefined ? null : d.dateLiteral(o.holdoutEnd);
  const epoch = d.dateLiteral('1970-01-01');
  const bought = `n > 0 AND event_date <= ${cal}`;
  const returned = `rn > 0 AND event_date <= ${cal}`;
  const later = `n > 0 AND event_date > ${cal}`;
  const days = `SELECT customer_id, event_date, ${d.sumIf('amount', 'NOT is_return')} AS day_amount, ${d.countIf('NOT is_return')} AS n,
    ${d.countIf('is_return')} AS rn, ${d.sumIf('amount', 'is_return')} AS day_returns
  FROM transactions WHERE event_date <= ${hold ?? cal} GROUP BY customer_id, event_date
  ORDER BY customer_id, event_date`;
  const customers = `SELECT customer_id, ${d.countIf(bought)} - 1 AS freq, ${d.minIf('event_date', bought)} AS first_day, ${d.maxIf('event_date', bought)} AS last_day,
    ${d.sumIf('day_amount', bought)} AS revenue, ${d.argMinIf('day_amount', 'event_date', bought)} AS first_amount, ${d.sumIf('n', bought)} AS lines,
    ${d.sumIf('rn', returned)} AS nret, ${d.sumIf('day_returns', returned)} AS ret_value${hold ? `,
    ${d.countIf(later)} AS freq_h, ${d.avgIf('day_amount', later)} AS mean_h` : ''}
  FROM (${days}) days
  GROUP BY customer_id HAVING ${d.countIf(bought)} > 0`;
  return `SELECT customer_id,
  ${d.double('freq')} AS frequency,
  ${d.dateDiffDays('first_day', 'last_day')}${per} AS recency,
  ${d.dateDiffDays('first_day', cal)}${per} AS "T",
  CASE WHEN freq > 0 THEN (revenue - first_amount) / freq ELSE 0 END AS monetary_value,
  ${d.double(d.dateDiffDays(epoch, 'first_day'))} AS first_purchase,
  ${d.double(d.dateDiffDays(epoch, 'last_day'))} AS last_purchase,
  ${d.double('lines')} AS transactions,
  revenue AS total_revenue,
  ${d.double('coalesce(nret, 0)')} AS returns,
  -coalesce(ret_value, 0) AS returns_value,
  revenue + coalesce(ret_value, 0) AS net_revenue${hold ? `,
  ${d.double('freq_h')} AS frequency_holdout,
  coalesce(mean_h, 0) AS monetary_value_holdout,
  ${d.dateDiffDays(cal, hold)}${per} AS duration_holdout` : ''}
FROM (${customers}) c`;
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
