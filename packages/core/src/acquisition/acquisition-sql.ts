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

/** One row per acquired customer (of the acquisition table): customer_id, level, am. */
export function acquiredCustomersSql(d: SqlDialect, dim: DimensionQuery): string {
  return `WITH ${levelsCte(d, dim)} SELECT customer_id, level, CAST(am AS DOUBLE) AS am FROM lv`;
}

/**
 * Net revenue (purchases and returns, returns negative) by level, acquisition month and k = months
 * since the acquisition month (a purchase dated before the acquisition month counts in k = 0).
 */
export function revenueByMonthSql(d: SqlDialect, asOf: string, dim: DimensionQuery): string {
  const cut = d.dateLiteral(asOf);
  return `WITH ${levelsCte(d, dim)}, m AS (
  SELECT customer_id, ${periodIndexSql(d, 'month', 'event_date')} AS mi, sum(amount) AS revenue FROM transactions WHERE event_date <= ${cut} GROUP BY 1, 2
)
SELECT lv.level, CAST(lv.am AS DOUBLE) AS am, CAST(greatest(m.mi - lv.am, 0) AS DOUBLE) AS k, sum(m.revenue) AS revenue
FROM m JOIN lv ON lv.customer_id = m.customer_id
GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`;
}

/** The spend rows: month index (months since 1970-01), channel, amount. */
export function spendSql(d: SqlDialect): string {
  return `SELECT CAST(${periodIndexSql(d, 'month', 'month')} AS DOUBLE) AS mi, channel, amount FROM marketing_spend ORDER BY 1, 2`;
}
