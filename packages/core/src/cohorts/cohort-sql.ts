import type { SqlDialect } from '../engine/engine.js';
import type { CohortPeriod } from './cohort-periods.js';
import { UNKNOWN } from '../inputs/attribution-sql.js';

/**
 * SQL for the bucket index of a DATE expression (see `periodIndexOf`): whole weeks since Monday
 * 1970-01-05, or months / quarters since January 1970. Uses only `dateDiffDays` and standard
 * `EXTRACT`, so every engine with a dialect runs it.
 */
export function periodIndexSql(d: SqlDialect, by: CohortPeriod, date: string): string {
  if (by === 'week') return `CAST(floor(${d.dateDiffDays(d.dateLiteral('1970-01-05'), date)} / 7.0) AS INTEGER)`;
  const month = `(CAST(EXTRACT(YEAR FROM ${date}) AS INTEGER) - 1970) * 12 + CAST(EXTRACT(MONTH FROM ${date}) AS INTEGER) - 1`;
  return by === 'month' ? `(${month})` : `CAST(floor((${month}) / 3.0) AS INTEGER)`;
}

export interface CohortSqlOptions {
  by: CohortPeriod;
  /** Last day read (inclusive), ISO date. */
  asOf: string;
  /** Group by acquisition channel as well. */
  byChannel: boolean;
  /**
   * Group by a customer dimension instead: a query of (customer_id, level), e.g. `dimensionQuery(…).sql`
   * (its parameters are passed with the statement). Customers without a row get `unknown`.
   */
  dimension?: string;
}

/**
 * One statement, one pass over the log, returning both small tables the cohort report needs (a
 * few thousand rows at most), so nothing per customer leaves the database:
 * - `kind = 0`, activity per cohort × periods since acquisition k ≥ 0: `active` = customers with a
 *   purchase in that bucket, `revenue` = net amount (purchases + returns, returns negative) in it.
 *   Returns dated before the first purchase are counted in k = 0, so revenue sums to the log total
 *   of the acquired customers.
 * - `kind = 1`, head-count per cohort by the bucket of each customer's last purchase (`k` = k of the
 *   last purchase, `active` = customers): the cohort size is the sum, and "in or after period k" is
 *   the count with last k ≥ k.
 *
 * ## Method
 * `cp` aggregates the log once per customer × bucket (net revenue, summed exactly with
 * `dialect.moneySum` so that it does not depend on the order parallel threads add the rows in;
 * whether anything was bought and, with `byChannel`, the first purchase day and the smallest
 * "day + channel" text among purchases with a channel, i.e. the earliest day, then the smallest channel name); `c` reduces it per customer
 * to the cohort (bucket of the first purchase; returns are not purchases), the last purchase bucket
 * and the acquisition channel (the smallest channel name among the first purchase day's purchases,
 * '(none)' when they have none). Customers without a purchase are left out. DuckDB materialises `cp`
 * and `c` once for both result kinds (`dialect.with`); plain GROUP BYs, one JOIN per SELECT and no
 * FILTER, so ClickHouse 18.16 runs it too (there `cp` and `c` are written out); the per-customer part is
 * `dialect.perShard` (cells per shard, summed by the outer GROUP BY: a customer is on one shard).
 */
export function cohortCellsSql(d: SqlDialect, o: CohortSqlOptions): string {
  const cut = d.dateLiteral(o.asOf);
  const p = periodIndexSql(d, o.by, 'event_date');
  if (o.dimension !== undefined) return cohortDimensionSql(d, p, cut, o.dimension);
  const ch = o.byChannel;
  const buy = 'NOT is_return';
  const cp = `SELECT customer_id, ${p} AS p, ${d.moneySum('amount')} AS rev, max(CASE WHEN ${buy} THEN 1 ELSE 0 END) AS bought${
    ch
      ? `,
    ${d.minIf('event_date', buy)} AS fd,
    ${d.minIf(`${d.text('event_date')} || channel`, `${buy} AND channel IS NOT NULL`)} AS fc`
      : ''
  }
  FROM transactions WHERE event_date <= ${cut} GROUP BY customer_id, p`;
  const first = `CASE WHEN substr(fc, 1, 10) = ${d.text('fd')} THEN substr(fc, 11) ELSE '(none)' END`;
  const c = `SELECT customer_id, ${d.minIf('p', 'bought = 1')} AS cohort, ${d.maxIf('p', 'bought = 1')} AS last_p${
    ch
      ? `,
    ${d.argMinIf(first, 'p', 'bought = 1')} AS channel`
      : ''
  }
  FROM ${d.cte('cp')} GROUP BY customer_id HAVING max(bought) = 1`;
  const chan = ch ? ' channel,' : '';
  const cells = `SELECT 0 AS kind, ${d.double('cohort')} AS c_cohort,${chan} ${d.double('greatest(p - cohort, 0)')} AS c_k,
  ${d.double(d.countIf('bought = 1'))} AS c_active, ${d.double('sum(rev)')} AS c_revenue
FROM ${d.cte('cp')} JOIN ${d.cte('c')} USING (customer_id)
GROUP BY cohort,${chan} greatest(p - cohort, 0)
UNION ALL
SELECT 1 AS kind, ${d.double('cohort')} AS c_cohort,${chan} ${d.double('last_p - cohort')} AS c_k, ${d.double('count(*)')} AS c_active, ${d.double('0')} AS c_revenue
FROM ${d.cte('c')}
GROUP BY cohort,${chan} last_p - cohort`;
  return `SELECT kind, c_cohort AS cohort,${chan} c_k AS k, sum(c_active) AS active, sum(c_revenue) AS revenue
FROM ${d.perShard(
    d.with(
      [
        ['cp', cp],
        ['c', c],
      ],
      cells,
    ),
  )} cells
GROUP BY kind, c_cohort,${chan} c_k
ORDER BY kind, cohort, k${ch ? ', channel' : ''}`;
}

/**
 * {@link cohortCellsSql} grouped by a customer dimension: the same two result kinds, with `channel`
 * holding the customer's level of the dimension (LEFT JOIN, so a customer without a row is
 * `unknown`, never dropped). Plain GROUP BY SQL.
 */
function cohortDimensionSql(d: SqlDialect, p: string, cut: string, dimension: string): string {
  return `WITH cp AS (
  SELECT customer_id, ${p} AS p, ${d.moneySum('amount')} AS revenue, max(CASE WHEN is_return THEN 0 ELSE 1 END) AS bought
  FROM transactions WHERE event_date <= ${cut} GROUP BY 1, 2
), c0 AS (
  SELECT customer_id, min(CASE WHEN bought = 1 THEN p END) AS cohort, max(CASE WHEN bought = 1 THEN p END) AS last_p
  FROM cp GROUP BY customer_id HAVING max(bought) = 1
), c AS (
  SELECT c0.customer_id, c0.cohort, c0.last_p, coalesce(dm.level, '${UNKNOWN}') AS channel
  FROM c0 LEFT JOIN (${dimension}) dm ON dm.customer_id = c0.customer_id
)
SELECT 0 AS kind, c.cohort, c.channel, greatest(cp.p - c.cohort, 0) AS k,
  CAST(sum(cp.bought) AS DOUBLE) AS active, CAST(sum(cp.revenue) AS DOUBLE) AS revenue
FROM cp JOIN c ON c.customer_id = cp.customer_id
GROUP BY c.cohort, c.channel, greatest(cp.p - c.cohort, 0)
UNION ALL
SELECT 1 AS kind, c.cohort, c.channel, c.last_p - c.cohort AS k, CAST(count(*) AS DOUBLE) AS active, CAST(0 AS DOUBLE) AS revenue
FROM c
GROUP BY c.cohort, c.channel, c.last_p - c.cohort
ORDER BY kind, cohort, k, channel`;
}
