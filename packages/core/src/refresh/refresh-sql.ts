import type { SqlDialect } from '../engine/engine.js';

/**
 * The SQL condition "customer_id is one of the customers with a row in these sources": the customers
 * an appended batch touched (issue 16). Plain `IN (subquery)`, which both engines run; inside
 * `dialect.perShard` the subquery reads the shard's own rows, which hold all of its customers' rows.
 * @example
 * batchCustomersFilter([12]); // "customer_id IN (SELECT customer_id FROM transactions WHERE source_id IN (12))"
 */
export function batchCustomersFilter(sourceIds: readonly number[]): string {
  const ids = sourceIds.map((id) => String(Math.trunc(id))).join(', ');
  return `customer_id IN (SELECT customer_id FROM transactions WHERE source_id IN (${ids}))`;
}

/**
 * The distinct customer ids of the rows of some sources (one column `customer_id`): every customer a
 * batch touched, including one whose purchases it all cancelled (who then leaves the summary).
 */
export function batchCustomersSql(sourceIds: readonly number[]): string {
  const ids = sourceIds.map((id) => String(Math.trunc(id))).join(', ');
  return `SELECT DISTINCT customer_id FROM transactions WHERE source_id IN (${ids})`;
}

/**
 * Whether any of the batch's customers has a return on or before `end` (one row, `has_returns`); per
 * shard on ClickHouse (an IN subquery over a Distributed table is refused there).
 */
export function batchHasReturnsSql(d: SqlDialect, sourceIds: readonly number[], end: string): string {
  const rows = `SELECT 1 AS one FROM transactions WHERE is_return AND event_date <= ${d.dateLiteral(end)} AND ${batchCustomersFilter(sourceIds)} LIMIT 1`;
  return `SELECT count(*) > 0 AS has_returns FROM ${d.perShard(rows)} r`;
}
