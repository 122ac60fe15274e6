/**
 * SQL of the acquisition report. Plain GROUP BY SQL over the workspace tables (transactions,
 * customer_profiles, customer_attributes, marketing_spend) with the dialect's date functions, so every
 * engine runs it; only small grouped results and one row per customer leave the database.
 */
import type { SqlDialect } from '../engine/engine.js';
import { periodIndexSql } from '../cohorts/cohort-sql.js';
import { acquisitionSql, UNKNOWN, type AttributionRule } from '../inputs/attribution-sql.js';
import type { DimensionQuery } from '../inputs/dimension.js';

/** The temporary table of every acquired customer's acquisition day and channel (see `acquisitionSql`), read by the queries below. */
export const ACQUISITION_TABLE = 'cvm_acquisition';

/** CREATE the acquisition table once per report (the attribution query scans the log twice). */
export function acquisitionTableSql(d: SqlDialect, rule: AttributionRule, asOf: string): string {
  return `CREATE OR REPLACE TEMP TABLE ${ACQUISITION_TABLE} AS ${acquisitionSql(d, rule, asOf)}`;
}

/** The per-customer CTE `lv`: customer_id, level (of the dimension) and am (acquisition month index, months since 1970-01). */
function levelsCte(d: SqlDialect, dim: DimensionQuery): string {
  const acq = `SELECT * FROM ${ACQUISITION_TABLE}`;
  const level = dim.type === 'channel' ? 'a.channel' : `coalesce(v.level, '${UNKNOWN}')`;
  const join = dim.type === 'channel' ? '' : ` LEFT JOIN (${dim.sql}) v ON v.customer_id = a.customer_id`;
  return `acq AS (${acq}), lv AS (
  SELECT a.customer_id, ${level} AS level, ${periodIndexSql(d, 'month', 'a.acquired_on')} AS am FROM acq a${join}
)`;
}

/**
 * One row per acquired customer (of the acquisition table): customer_id, lc (the level's code: its
 * rank among the levels in name order, from 0) and am. No level text is read per customer.
 */
export function acquiredCustomersSql(d: SqlDialect, dim: DimensionQuery): string {
  return `WITH ${levelsCte(d, dim)} SELECT customer_id, CAST(dense_rank() OVER (ORDER BY level) - 1 AS DOUBLE) AS lc, CAST(am AS DOUBLE) AS am FROM lv`;
}

/** The levels of the acquired customers in name order (the codes of {@link acquiredCustomersSql}) with their customers. */
export function acquiredLevelsSql(d: SqlDialect, dim: DimensionQuery): string {
  return `WITH ${levelsCte(d, dim)} SELECT level, count(*) AS n FROM lv GROUP BY level ORDER BY level`;
}

/**
 * Net revenue (purchases and returns, returns negative) by level, acquisition month and k = months
 * since the acquisition month (a purchase dated before the acquisition month counts in k = 0).
 */
export function revenueByMonthSql(d: SqlDialect, asOf: string, dim: DimensionQuery): string {
  const cut = d.dateLiteral(asOf);
  return `WITH ${levelsCte(d, dim)}
SELECT lv.level, CAST(lv.am AS DOUBLE) AS am, CAST(greatest(${periodIndexSql(d, 'month', 't.event_date')} - lv.am, 0) AS DOUBLE) AS k, sum(t.amount) AS revenue
FROM transactions t JOIN lv ON lv.customer_id = t.customer_id
WHERE t.event_date <= ${cut}
GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`;
}

/** The spend rows: month index (months since 1970-01), channel, amount. */
export function spendSql(d: SqlDialect): string {
  return `SELECT CAST(${periodIndexSql(d, 'month', 'month')} AS DOUBLE) AS mi, channel, amount FROM marketing_spend ORDER BY 1, 2`;
}

/** Net revenue (purchases positive, returns negative) up to `asOf` of the customers listed in `idTable` (one column customer_id). */
export function netRevenueSql(d: SqlDialect, idTable: string, asOf: string): string {
  return `SELECT t.customer_id, sum(t.amount) AS net FROM transactions t JOIN ${idTable} i ON i.customer_id = t.customer_id WHERE t.event_date <= ${d.dateLiteral(asOf)} GROUP BY t.customer_id`;
}
