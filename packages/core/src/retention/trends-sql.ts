import type { SqlDialect } from '../engine/engine.js';

/**
 * Customers by lifecycle flow per calendar month, up to `asOf`, as rows (month 'YYYY-MM', kind,
 * customers): `new` (first purchase in the month), `returning` (bought in the month, previous purchase
 * day at most `lapseDays` before the month's first), `reactivated` (previous purchase longer ago than
 * that), `lapsed` (the month in which `lapseDays` of silence after a purchase day ran out, with no
 * purchase in between). A customer counts once per month and kind; purchases only, same-day merged.
 *
 * ## Method
 * Window functions over the distinct purchase days (previous and next day per customer, the rank of
 * the day within its month); the lapse day is the purchase day + `lapseDays` (DATE + integer, which
 * DuckDB and ClickHouse both read as days). Months as the first 7 characters of the ISO date.
 */
export function lifecycleTrendSql(d: SqlDialect, o: { asOf: string; lapseDays: number }): string {
  const cut = d.dateLiteral(o.asOf);
  const L = Math.round(o.lapseDays);
  const month = (e: string): string => `substr(${d.isoDate(e)}, 1, 7)`;
  const diff = (a: string, b: string): string => d.dateDiffDays(a, b);
  if (d.name !== 'duckdb') return plainLifecycleTrendSql(d, cut, L);
  return `WITH days AS (
  SELECT DISTINCT customer_id, event_date FROM transactions WHERE NOT is_return AND event_date <= ${cut}
), g AS (
  SELECT customer_id, event_date, ${month('event_date')} AS month,
    lag(event_date) OVER (PARTITION BY customer_id ORDER BY event_date) AS prev_day,
    lead(event_date) OVER (PARTITION BY customer_id ORDER BY event_date) AS next_day
  FROM days
), firsts AS (
  SELECT customer_id, month, prev_day, event_date,
    row_number() OVER (PARTITION BY customer_id, month ORDER BY event_date) AS k
  FROM g
)
SELECT month, kind, CAST(count(*) AS DOUBLE) AS customers FROM (
  SELECT month, CASE WHEN prev_day IS NULL THEN 'new' WHEN ${diff('prev_day', 'event_date')} <= ${L} THEN 'returning' ELSE 'reactivated' END AS kind
  FROM firsts WHERE k = 1
  UNION ALL
  SELECT ${month(`event_date + ${L}`)} AS month, 'lapsed' AS kind
  FROM g WHERE (next_day IS NULL OR ${diff('event_date', 'next_day')} > ${L}) AND event_date + ${L} <= ${cut}
) t
GROUP BY month, kind ORDER BY month, kind`;
}

/**
 * {@link lifecycleTrendSql} for ClickHouse (no CTE or window function in 18.16): each customer's
 * sorted distinct purchase days as an array on their shard, unrolled with their positions, so the
 * previous and next day are the neighbours in the array; the same rows are counted per month and
 * kind on each shard and the counts summed.
 */
function plainLifecycleTrendSql(d: SqlDialect, cut: string, L: number): string {
  const month = (e: string): string => `substr(${d.isoDate(e)}, 1, 7)`;
  const days = `SELECT customer_id, ds, dd, i, length(ds) AS nd FROM (
    SELECT customer_id, arraySort(groupUniqArray(event_date)) AS ds FROM transactions
    WHERE NOT is_return AND event_date <= ${cut} GROUP BY customer_id
  ) c ARRAY JOIN ds AS dd, arrayEnumerate(ds) AS i`;
  const prev = 'arrayElement(ds, i - 1)',
    next = 'arrayElement(ds, i + 1)';
  const events = `SELECT ${month('dd')} AS month, CASE WHEN i = 1 THEN 'new' WHEN ${d.dateDiffDays(prev, 'dd')} <= ${L} THEN 'returning' ELSE 'reactivated' END AS kind
  FROM (${days}) a WHERE i = 1 OR ${month(prev)} <> ${month('dd')}
  UNION ALL
  SELECT ${month(`dd + ${L}`)} AS month, 'lapsed' AS kind
  FROM (${days}) b WHERE (i = nd OR ${d.dateDiffDays('dd', next)} > ${L}) AND dd + ${L} <= ${cut}`;
  const counts = `SELECT month, kind, count(*) AS n FROM (${events}) e GROUP BY month, kind`;
  return `SELECT month, kind, CAST(sum(n) AS DOUBLE) AS customers FROM ${d.perShard(counts)} t
GROUP BY month, kind ORDER BY month, kind`;
}

/**
 * Revenue per calendar month up to `asOf`: purchases, returns (positive) and net, currency, summed
 * exactly (`SqlDialect.moneySum`: the same digits whatever order parallel threads add the rows in).
 */
export function monthlyRevenueSql(d: SqlDialect, o: { asOf: string }): string {
  const cut = d.dateLiteral(o.asOf);
  return `SELECT substr(${d.isoDate('event_date')}, 1, 7) AS month,
  ${d.double(d.moneySum('CASE WHEN is_return THEN 0 ELSE amount END'))} AS gross,
  ${d.double(d.moneySum('CASE WHEN is_return THEN -amount ELSE 0 END'))} AS returned,
  ${d.double(d.moneySum('amount'))} AS net
FROM transactions WHERE event_date <= ${cut}
GROUP BY substr(${d.isoDate('event_date')}, 1, 7) ORDER BY month`;
}
