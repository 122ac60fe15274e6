import { type SqlDialect, summarySql } from '@cvm/core';

/** Name of the connection-local table holding the per-customer summary the API pages through. */
export const CUSTOMERS_TABLE = 'cvm_server_customers';

/**
 * Materialises the core's per-customer summary SQL into a temporary table (never written to the
 * workspace file), with first/last purchase as ISO dates and `ord` = the summary's own order
 * (numeric ids numerically). Pages, sorts and CSV downloads then read this table.
 */
export function customersTableSql(d: SqlDialect, o: { calibrationEnd: string; holdoutEnd?: string; daysPerPeriod: number }): string {
  return `CREATE OR REPLACE TEMP TABLE ${CUSTOMERS_TABLE} AS
SELECT row_number() OVER (ORDER BY try_cast(customer_id AS BIGINT) NULLS LAST, customer_id) AS ord,
  * REPLACE (
    strftime(DATE '1970-01-01' + CAST(first_purchase AS INTEGER), '%Y-%m-%d') AS first_purchase,
    strftime(DATE '1970-01-01' + CAST(last_purchase AS INTEGER), '%Y-%m-%d') AS last_purchase)
FROM (${summarySql(d, o)}) s`;
}

/** Net revenue concentration: share of the total held by the top p of customers, and a Lorenz curve. */
export function concentrationSql(points: number): string {
  return `WITH ranked AS (
  SELECT net_revenue, row_number() OVER (ORDER BY net_revenue DESC, ord) AS r, count(*) OVER () AS n,
    sum(net_revenue) OVER () AS total FROM ${CUSTOMERS_TABLE}
), cum AS (SELECT r, n, total, sum(net_revenue) OVER (ORDER BY r) AS c FROM ranked)
SELECT r, n, c / nullif(total, 0) AS share FROM cum
WHERE r = n OR r % greatest(1, CAST(n / ${points} AS BIGINT)) = 0 ORDER BY r`;
}
