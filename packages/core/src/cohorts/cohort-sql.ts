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
   * Group by a customer dimension instead (the level in the result's `channel` column): a query of
   * (customer_id, level) written for use inside `dialect.perShard`, i.e. `dimensionQuery(…).localSql`
   * (no parameters). Customers without a row get `unknown`.
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
 * "day + channel" text among purchases with a channel, i.e. the earliest day, then the smallest
 * channel name); `c` reduces it per customer to the cohort (bucket of the first purchase; returns
 * are not purchases), the last purchase bucket
 * and the acquisition channel (the smallest channel name among the first purchase day's purchases,
 * '(none)' when they have none). Customers without a purchase are left out. DuckDB materialises `cp`
 * and `c` once for both result kinds (`dialect.with`); plain GROUP BYs, one JOIN per SELECT and no
 * FILTER, so ClickHouse 18.16 runs it too (there `cp` and `c` are written out); the per-customer part is
 * `dialect.perShard` (cells per shard, summed by the outer GROUP BY: a customer is on one shard).
 * With `dimension`, `c` holds the customer's level of it instead of the log's channel (a LEFT JOIN of
 * the dimension's per-customer query on the same shard; `unknown` without a row).
 */
export function cohortCellsSql(d: SqlDialect, o: CohortSqlOptions): string {
  const cut = d.dateLiteral(o.asOf);
  const p = periodIndexSql(d, o.by, 'event_date');
  const dim = o.dimension;
  const ch = o.byChannel && dim === undefined;
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
  const c0 = `SELECT customer_id, ${d.minIf('p', 'bought = 1')} AS cohort, ${d.maxIf('p', 'bought = 1')} AS last_p${
    ch
      ? `,
    ${d.argMinIf(first, 'p', 'bought = 1')} AS channel`
      : ''
  }
  FROM ${d.cte('cp')} GROUP BY customer_id HAVING max(bought) = 1`;
  // a dimension's level per customer (LEFT JOIN: a customer without one is unknown), in the column channel
  const ctes: [string, string][] = [
    ['cp', cp],
    [dim === undefined ? 'c' : 'c0', c0],
  ];
  if (dim !== undefined)
    ctes.push([
      'c',
      `SELECT customer_id, cohort, last_p, coalesce(dim_level, ${d.string(UNKNOWN)}) AS channel
  FROM ${d.cte('c0')} LEFT JOIN (SELECT customer_id, level AS dim_level FROM (${dim}) v0) v USING (customer_id)`,
    ]);
  const chan = ch || dim !== undefined ? ' channel,' : '';
  const cells = `SELECT 0 AS kind, ${d.double('cohort')} AS c_cohort,${chan} ${d.double('greatest(p - cohort, 0)')} AS c_k,
  ${d.double(d.countIf('bought = 1'))} AS c_active, ${d.double('sum(rev)')} AS c_revenue
FROM ${d.cte('cp')} JOIN ${d.cte('c')} USING (customer_id)
GROUP BY cohort,${chan} greatest(p - cohort, 0)
UNION ALL
SELECT 1 AS kind, ${d.double('cohort')} AS c_cohort,${chan} ${d.double('last_p - cohort')} AS c_k, ${d.double('count(*)')} AS c_active, ${d.double('0')} AS c_revenue
FROM ${d.cte('c')}
GROUP BY cohort,${chan} last_p - cohort`;
  return `SELECT kind, c_cohort AS cohort,${chan} c_k AS k, sum(c_active) AS active, sum(c_revenue) AS revenue
FROM ${d.perShard(d.with(ctes, cells))} cells
GROUP BY kind, c_cohort,${chan} c_k
ORDER BY kind, cohort, k${chan === '' ? '' : ', channel'}`;
}
