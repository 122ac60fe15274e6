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
 */
export function summarySql(d: SqlDialect, o: SummarySqlOptions): string {
  const cal = d.dateLiteral(o.calibrationEnd);
  const per = o.daysPerPeriod === 1 ? '' : ` / ${o.daysPerPeriod}.0`;
  const hold = o.holdoutEnd === undefined ? null : d.dateLiteral(o.holdoutEnd);
  return `WITH days AS (
  SELECT customer_id, event_date, sum(amount) AS day_amount, count(*) AS n,
    row_number() OVER (PARTITION BY customer_id ORDER BY event_date) AS k
  FROM transactions WHERE NOT is_return GROUP BY customer_id, event_date
), cal AS (
  SELECT customer_id, count(*) - 1 AS frequency, min(event_date) AS first_purchase, max(event_date) AS last_purchase,
    sum(day_amount) AS total_revenue, sum(day_amount) FILTER (WHERE k > 1) AS repeat_revenue, sum(n) AS transactions
  FROM days WHERE event_date <= ${cal} GROUP BY customer_id
), ret AS (
  SELECT customer_id, count(*) AS returns, -sum(amount) AS returns_value
  FROM transactions WHERE is_return AND event_date <= ${cal} GROUP BY customer_id
)${hold ? `, hold AS (
  SELECT customer_id, count(*) AS frequency_holdout, avg(day_amount) AS monetary_value_holdout
  FROM days WHERE event_date > ${cal} AND event_date <= ${hold} GROUP BY customer_id
)` : ''}
SELECT c.customer_id,
  CAST(c.frequency AS DOUBLE) AS frequency,
  ${d.dateDiffDays('c.first_purchase', 'c.last_purchase')}${per} AS recency,
  ${d.dateDiffDays('c.first_purchase', cal)}${per} AS "T",
  CASE WHEN c.frequency > 0 THEN c.repeat_revenue / c.frequency ELSE 0 END AS monetary_value,
  CAST(${d.dateDiffDays("DATE '1970-01-01'", 'c.first_purchase')} AS DOUBLE) AS first_purchase,
  CAST(${d.dateDiffDays("DATE '1970-01-01'", 'c.last_purchase')} AS DOUBLE) AS last_purchase,
  CAST(c.transactions AS DOUBLE) AS transactions,
  c.total_revenue,
  CAST(coalesce(r.returns, 0) AS DOUBLE) AS returns,
  coalesce(r.returns_value, 0) AS returns_value,
  c.total_revenue - coalesce(r.returns_value, 0) AS net_revenue${hold ? `,
  CAST(coalesce(h.frequency_holdout, 0) AS DOUBLE) AS frequency_holdout,
  coalesce(h.monetary_value_holdout, 0) AS monetary_value_holdout,
  ${d.dateDiffDays(cal, hold)}${per} AS duration_holdout` : ''}
FROM cal c LEFT JOIN ret r USING (customer_id)${hold ? ' LEFT JOIN hold h USING (customer_id)' : ''}
ORDER BY try_cast(c.customer_id AS BIGINT) NULLS LAST, c.customer_id`;
}

/**
 * First and last day of the whole log (ISO dates) only: what the summary needs for its default
 * period ends, without the distinct-customer count of {@link logRangeSql} (a full hash aggregate).
 */
export function dateRangeSql(): string {
  return `SELECT CAST(min(event_date) AS VARCHAR) AS first_date, CAST(max(event_date) AS VARCHAR) AS last_date FROM transactions`;
}

/** First and last purchase day of the whole log (ISO dates), for default period ends. */
export function logRangeSql(): string {
  return `SELECT CAST(min(event_date) AS VARCHAR) AS first_date, CAST(max(event_date) AS VARCHAR) AS last_date,
  count(*) AS transactions, count(DISTINCT customer_id) AS customers FROM transactions`;
}
