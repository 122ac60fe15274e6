import type { SqlDialect } from '../engine/engine.js';

/**
 * Inter-purchase times per customer up to `end`: Σ ln(ITT) (`litt`, for MBG/CNBD-k; Reutterer et al.
 * 2021) and the last two ITTs (`itt_last`, `itt_prev`, for the Wheat & Morrison 1990 regularity
 * estimate), in periods of `daysPerPeriod` days, over distinct purchase days (same-day purchases
 * merged, returns excluded, as the summary counts them). Customers with one purchase day get litt 0
 * and NULL ITTs.
 *
 * Deterministic (issue 18): on DuckDB each ln(ITT) is rounded to 18 decimals and summed exactly
 * (DECIMAL), so `litt` does not depend on the order parallel threads add a customer's gaps in (an
 * ordered aggregate would cost ~3× the statement at 1M rows; the rounding is far below a double's
 * precision for sums of a few thousand terms). On ClickHouse the gaps are summed from the sorted
 * array. The rows come in no particular order.
 */
export function interPurchaseSql(d: SqlDialect, o: { end: string; daysPerPeriod: number }): string {
  const end = d.dateLiteral(o.end);
  if (d.name === 'clickhouse') return clickhouseInterPurchaseSql(d, end, o.daysPerPeriod);
  return `WITH days AS (
  SELECT DISTINCT customer_id, event_date FROM transactions WHERE NOT is_return AND event_date <= ${end}
), gaps AS (
  SELECT customer_id,
    ${d.dateDiffDays('lag(event_date) OVER (PARTITION BY customer_id ORDER BY event_date)', 'event_date')} AS gap,
    row_number() OVER (PARTITION BY customer_id ORDER BY event_date DESC) AS back
  FROM days
)
SELECT CAST(customer_id AS VARCHAR) AS customer_id,
  CAST(coalesce(sum(CAST(CASE WHEN gap > 0 THEN ln(gap / ${o.daysPerPeriod}) END AS DECIMAL(38, 18))), 0) AS DOUBLE) AS litt,
  CAST(max(CASE WHEN back = 1 THEN gap END) / ${o.daysPerPeriod} AS DOUBLE) AS itt_last,
  CAST(max(CASE WHEN back = 2 THEN gap END) / ${o.daysPerPeriod} AS DOUBLE) AS itt_prev
FROM gaps GROUP BY customer_id`;
}

/**
 * {@link interPurchaseSql} on ClickHouse (18.16 has no window functions): per customer, on its own
 * shard, the sorted distinct purchase days as an array, their differences (the gaps), and the sums
 * and last two gaps read from it.
 */
function clickhouseInterPurchaseSql(d: SqlDialect, end: string, p: number): string {
  const gaps = `SELECT customer_id, arrayPopFront(arrayDifference(arrayMap(x -> toInt32(x), arraySort(groupUniqArray(event_date))))) AS gaps
  FROM transactions WHERE NOT is_return AND event_date <= ${end} GROUP BY customer_id`;
  const rows = `SELECT customer_id, toFloat64(arraySum(arrayMap(g -> if(g > 0, ln(g / ${p}), 0), gaps))) AS litt,
    if(length(gaps) >= 1, gaps[length(gaps)] / ${p}, NULL) AS itt_last,
    if(length(gaps) >= 2, gaps[length(gaps) - 1] / ${p}, NULL) AS itt_prev
  FROM (${gaps}) g`;
  return `SELECT customer_id, litt, itt_last, itt_prev FROM ${d.perShard(rows)} i`;
}
