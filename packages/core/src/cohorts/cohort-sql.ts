import type { SqlDialect } from '../engine/engine.js';
import type { CohortPeriod } from './cohort-periods.js';

/**
 * SQL for the bucket index of a DATE expression (see `periodIndexOf`): whole weeks since Monday
 * 1970-01-05, or months / quarters since January 1970. Uses only `dateDiffDays` and standard
 * `EXTRACT`, so every engine with a dialect runs it.
 */
export function periodIndexSql(d: SqlDialect, by: CohortPeriod, date: string): string {
  if (by === 'week') return `CAST(floor(${d.dateDiffDays("DATE '1970-01-05'", date)} / 7.0) AS INTEGER)`;
  const month = `(CAST(EXTRACT(YEAR FROM ${date}) AS INTEGER) - 1970) * 12 + CAST(EXTRACT(MONTH FROM ${date}) AS INTEGER) - 1`;
  return by === 'month' ? `(${month})` : `CAST(floor((${month}) / 3.0) AS INTEGER)`;
}

export interface CohortSqlOptions {
  by: CohortPeriod;
  /** Last day read (inclusive), ISO date. */
  asOf: string;
  /** Group by acquisition channel as well. */
  byChannel: boolean;
}

/**
 * The shared CTEs, one pass over the log: `cp` = net revenue and "bought" (any purchase) per customer
 * and bucket; `c` = each customer's cohort (bucket of the first purchase; returns are not purchases)
 * and last purchase bucket, and with `byChannel` the acquisition channel = the smallest channel name
 * among the first purchase day's purchases ('(none)' when missing). Customers without a purchase are
 * left out.
 */
function base(d: SqlDialect, o: CohortSqlOptions): string {
  const cut = d.dateLiteral(o.asOf);
  const p = periodIndexSql(d, o.by, 'event_date');
  return `WITH t AS (
  SELECT customer_id, event_date, amount, is_return${o.byChannel ? ', channel' : ''} FROM transactions WHERE event_date <= ${cut}
), cp AS (
  SELECT customer_id, ${p} AS p, sum(amount) AS revenue, max(CASE WHEN is_return THEN 0 ELSE 1 END) AS bought
  FROM t GROUP BY customer_id, ${p}
), c0 AS (
  SELECT customer_id, min(p) FILTER (WHERE bought = 1) AS cohort, max(p) FILTER (WHERE bought = 1) AS last_p
  FROM cp GROUP BY customer_id HAVING max(bought) = 1
)${o.byChannel ? `, f AS (
  SELECT customer_id, min(event_date) AS first_date FROM t WHERE NOT is_return GROUP BY customer_id
), ch AS (
  SELECT t.customer_id, min(t.channel) AS channel FROM t JOIN f ON t.customer_id = f.customer_id AND t.event_date = f.first_date
  WHERE NOT t.is_return GROUP BY t.customer_id
), c AS (
  SELECT c0.*, coalesce(ch.channel, '(none)') AS channel FROM c0 LEFT JOIN ch USING (customer_id)
)` : `, c AS (SELECT * FROM c0)`}`;
}

/**
 * Activity per cohort × periods since acquisition (k ≥ 0): `active` = customers with a purchase in
 * that bucket, `revenue` = net amount (purchases + returns, returns negative) in that bucket.
 * Returns dated before the first purchase are counted in k = 0, so revenue sums to the log total of
 * the acquired customers.
 */
export function cohortActivitySql(d: SqlDialect, o: CohortSqlOptions): string {
  return `${base(d, o)}
SELECT c.cohort,${o.byChannel ? ' c.channel,' : ''} greatest(cp.p - c.cohort, 0) AS k,
  CAST(sum(cp.bought) AS DOUBLE) AS active, sum(cp.revenue) AS revenue
FROM cp JOIN c USING (customer_id)
GROUP BY 1, 2${o.byChannel ? ', 3' : ''}
ORDER BY 1, 2${o.byChannel ? ', 3' : ''}`;
}

/**
 * Head-count per cohort by the bucket of each customer's last purchase (k of the last purchase):
 * the cohort size is the sum, and "in or after period k" is the count with last k ≥ k.
 */
export function cohortLastPeriodSql(d: SqlDialect, o: CohortSqlOptions): string {
  return `${base(d, o)}
SELECT c.cohort,${o.byChannel ? ' c.channel,' : ''} c.last_p - c.cohort AS last_k, CAST(count(*) AS DOUBLE) AS customers
FROM c
GROUP BY 1, 2${o.byChannel ? ', 3' : ''}
ORDER BY 1, 2${o.byChannel ? ', 3' : ''}`;
}
