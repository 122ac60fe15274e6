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
 * The shared CTEs: each customer's first purchase day (acquisition; returns are not purchases), its
 * cohort bucket and, with `byChannel`, the acquisition channel = the smallest channel name among the
 * first purchase day's purchases ('(none)' when missing). Customers without a purchase are left out.
 */
function base(d: SqlDialect, o: CohortSqlOptions): string {
  const cut = d.dateLiteral(o.asOf);
  return `WITH t AS (
  SELECT customer_id, event_date, amount, is_return${o.byChannel ? ', channel' : ''} FROM transactions WHERE event_date <= ${cut}
), f AS (
  SELECT customer_id, min(event_date) AS first_date FROM t WHERE NOT is_return GROUP BY customer_id
)${o.byChannel ? `, ch AS (
  SELECT t.customer_id, min(t.channel) AS channel FROM t JOIN f ON t.customer_id = f.customer_id AND t.event_date = f.first_date
  WHERE NOT t.is_return GROUP BY t.customer_id
)` : ''}, c AS (
  SELECT f.customer_id, ${periodIndexSql(d, o.by, 'f.first_date')} AS cohort${o.byChannel ? ", coalesce(ch.channel, '(none)') AS channel" : ''}
  FROM f${o.byChannel ? ' LEFT JOIN ch USING (customer_id)' : ''}
)`;
}

/**
 * Activity per cohort × periods since acquisition (k ≥ 0): `active` = customers with a purchase in
 * that bucket, `revenue` = net amount (purchases + returns, returns negative) in that bucket.
 * Returns dated before the first purchase are counted in k = 0, so revenue sums to the log total of
 * the acquired customers.
 */
export function cohortActivitySql(d: SqlDialect, o: CohortSqlOptions): string {
  const p = periodIndexSql(d, o.by, 't.event_date');
  return `${base(d, o)}, cp AS (
  SELECT t.customer_id, ${p} AS p, sum(t.amount) AS revenue, max(CASE WHEN t.is_return THEN 0 ELSE 1 END) AS bought
  FROM t GROUP BY t.customer_id, ${p}
)
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
  return `${base(d, o)}, l AS (
  SELECT customer_id, max(event_date) AS last_date FROM t WHERE NOT is_return GROUP BY customer_id
)
SELECT c.cohort,${o.byChannel ? ' c.channel,' : ''} ${periodIndexSql(d, o.by, 'l.last_date')} - c.cohort AS last_k, CAST(count(*) AS DOUBLE) AS customers
FROM c JOIN l USING (customer_id)
GROUP BY 1, 2${o.byChannel ? ', 3' : ''}
ORDER BY 1, 2${o.byChannel ? ', 3' : ''}`;
}
