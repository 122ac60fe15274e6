// The issue-18 floor (bench-only SQL, as foundation-ingest.ts's typed INSERT): the per-customer summary
// computed by DuckDB in one query straight from the file, written as a user would write it by hand.
import { sqlString } from '../src/engine/sql.js';

/** The formats the floor reads. */
export type LogFormat = 'CSV' | 'Parquet';

/**
 * DuckDB's reader of the synthetic log (CSV with explicit types, money as DECIMAL; Parquet as
 * written): a relation of customer_id (VARCHAR), date (TIMESTAMP), amount (DECIMAL).
 */
export function syntheticReader(format: LogFormat, file: string): string {
  return format === 'CSV'
    ? `read_csv(${sqlString(file)}, header = true, auto_detect = false, columns = {'order_id': 'VARCHAR', 'date': 'TIMESTAMP', 'customer_id': 'VARCHAR', 'amount': 'DECIMAL(18, 2)', 'product_id': 'VARCHAR', 'channel': 'VARCHAR'})`
    : `(SELECT CAST(customer_id AS VARCHAR) AS customer_id, date, CAST(amount AS DECIMAL(18, 2)) AS amount FROM read_parquet(${sqlString(file)}))`;
}

/** The same relation from the CDNOW master event log (customer_id, date as YYYYMMDD, cds, sales). */
export function cdnowReader(file: string): string {
  return `(SELECT customer_id, strptime(date, '%Y%m%d') AS date, sales AS amount FROM read_csv(${sqlString(file)}, header = true, auto_detect = false,
    columns = {'customer_id': 'VARCHAR', 'date': 'VARCHAR', 'cds': 'INTEGER', 'sales': 'DECIMAL(18, 2)'}))`;
}

/** What the floor computes, in words (printed by the benchmarks). */
export const FLOOR_DEFINITION =
  'one DuckDB query from the file: rows grouped by customer and UTC day (purchases = amount ≥ 0, returns = amount < 0, money exact as DECIMAL); ' +
  "each customer-day's returns netted against the customer's latest purchase day on or before it (a join on the customer, max of the earlier days; a day brought to ≤ 0 is no purchase day); " +
  'per customer: frequency = kept purchase days − 1, recency = last − first kept day, T = last day of the log − first kept day (weeks = days / 7), ' +
  'monetary value = mean net value of the repeat days, plus transactions, gross, returns and net revenue. ' +
  "Leaves out cvm's matching of a return to its own order id (the synthetic returns carry their own order ids, so cvm's rule reduces to the same match)";

/**
 * The floor's SELECT from `reader` (see {@link syntheticReader}): the summary's columns (customer_id, frequency, recency, T, monetary_value,
 * transactions, total_revenue, returns, returns_value, net_revenue), as cvm's summary defines them
 * (packages/core/src/summary/summary-sql.ts) with the calibration end at the last day of the log,
 * weeks; `ordered` sorts as cvm does (numeric ids in numeric order).
 */
export function floorSummarySql(reader: string, ordered = false): string {
  return `WITH cd AS MATERIALIZED (
  SELECT customer_id, CAST(date AS DATE) AS day,
    sum(amount) FILTER (WHERE amount >= 0) AS gross, count(*) FILTER (WHERE amount >= 0) AS n,
    -sum(amount) FILTER (WHERE amount < 0) AS ret, count(*) FILTER (WHERE amount < 0) AS nret
  FROM ${reader} GROUP BY ALL
), bought AS (SELECT customer_id, day, gross, n FROM cd WHERE n > 0
), matched AS (
  SELECT customer_id, day, sum(ret) AS returned FROM (
    SELECT r.customer_id, r.day AS return_day, r.ret, max(b.day) AS day
    FROM (SELECT customer_id, day, ret FROM cd WHERE nret > 0) r JOIN bought b ON b.customer_id = r.customer_id AND b.day <= r.day
    GROUP BY r.customer_id, r.day, r.ret
  ) GROUP BY customer_id, day
), days AS (
  SELECT b.customer_id, b.day, b.gross, b.n, b.gross - coalesce(m.returned, 0) AS net,
    (m.returned IS NULL OR m.returned = 0 OR b.gross > m.returned) AS kept
  FROM bought b LEFT JOIN matched m ON m.customer_id = b.customer_id AND m.day = b.day
), c AS (
  SELECT customer_id, count(*) FILTER (WHERE kept) - 1 AS frequency, min(day) FILTER (WHERE kept) AS first_day,
    max(day) FILTER (WHERE kept) AS last_day, sum(gross) AS total_revenue, sum(n) AS transactions,
    sum(net) FILTER (WHERE kept) - arg_min(net, day) FILTER (WHERE kept) AS repeat_revenue
  FROM days GROUP BY customer_id HAVING count(*) FILTER (WHERE kept) > 0
), r AS (SELECT customer_id, sum(nret) AS returns, sum(ret) AS returns_value FROM cd WHERE nret > 0 GROUP BY customer_id
), cal AS (SELECT max(day) AS end_day FROM cd)
SELECT c.customer_id, CAST(c.frequency AS DOUBLE) AS frequency,
  date_diff('day', c.first_day, c.last_day) / 7.0 AS recency, date_diff('day', c.first_day, cal.end_day) / 7.0 AS "T",
  CASE WHEN c.frequency > 0 THEN CAST(c.repeat_revenue AS DOUBLE) / c.frequency ELSE 0 END AS monetary_value,
  CAST(c.transactions AS DOUBLE) AS transactions, CAST(c.total_revenue AS DOUBLE) AS total_revenue,
  CAST(coalesce(r.returns, 0) AS DOUBLE) AS returns, CAST(coalesce(r.returns_value, 0) AS DOUBLE) AS returns_value,
  CAST(c.total_revenue - coalesce(r.returns_value, 0) AS DOUBLE) AS net_revenue
FROM c LEFT JOIN r ON r.customer_id = c.customer_id CROSS JOIN cal${ordered ? '\nORDER BY try_cast(c.customer_id AS BIGINT) NULLS LAST, c.customer_id' : ''}`;
}
