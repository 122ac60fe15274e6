/**
 * SQL of the acquisition report. Plain GROUP BY SQL over the workspace tables (transactions,
 * customer_profiles, customer_attributes, marketing_spend) with the dialect's date functions, so every
 * engine runs it. The per-customer part (attribution, level, revenue by month since acquisition) is
 * a `dialect.perShard` relation: on a cluster it runs where a customer's rows live, and only one row
 * per acquired customer (level code, month) or grouped sums leave the database.
 */
import type { SqlDialect } from '../engine/engine.js';
import { periodIndexSql } from '../cohorts/cohort-sql.js';
import { acquisitionLocalSql, UNKNOWN, type AttributionRule } from '../inputs/attribution-sql.js';
import type { DimensionQuery } from '../inputs/dimension.js';

/** What the per-customer queries need: the attribution rule, the report day and the dimension. */
export interface AcquiredSqlOptions {
  rule: AttributionRule;
  asOf: string;
  dim: DimensionQuery;
}

/**
 * Per acquired customer, written for use inside `perShard`: `customer_id`, `level` (of the
 * dimension, `unknown` when none) and `am` (acquisition month index, months since 1970-01). The
 * queries below read it as `lv`, the relation in the engine's reused form (`dialect.reused`: on
 * DuckDB a temporary table computed once, on ClickHouse this SQL recomputed on each shard).
 * Column names differ from the expressions they wrap (ClickHouse reads `x AS x` over a column x as a cycle).
 */
export function acquiredLocalSql(d: SqlDialect, o: AcquiredSqlOptions): string {
  const acq = acquisitionLocalSql(d, o.rule, o.asOf);
  const am = periodIndexSql(d, 'month', 'acquired_on');
  if (o.dim.type === 'channel') return `SELECT customer_id, channel AS level, ${am} AS am FROM (${acq}) a`;
  return `SELECT customer_id, coalesce(dim_level, ${d.string(UNKNOWN)}) AS level, ${am} AS am
FROM (${acq}) a LEFT JOIN (SELECT customer_id, level AS dim_level FROM (${o.dim.localSql}) v0) v USING (customer_id)`;
}

/** The levels of the acquired customers `lv` (see {@link acquiredLocalSql}) in name order with their customers (`level`, `n`): per-shard counts, summed. */
export function acquiredLevelsSql(d: SqlDialect, lv: string): string {
  return `SELECT level, ${d.double('count(*)')} AS n FROM ${d.perShard(lv)} lv GROUP BY level ORDER BY level`;
}

/**
 * One row per acquired customer of `lv`: customer_id, lc (the level's position in `levels`, the
 * names of {@link acquiredLevelsSql} in its order) and am. No level text is read per customer.
 */
export function acquiredCustomersSql(d: SqlDialect, lv: string, levels: readonly string[]): string {
  return `SELECT customer_id, ${d.double(d.indexIn('level', levels))} AS lc, ${d.double('am')} AS am FROM ${d.perShard(lv)} lv`;
}

/**
 * Net revenue up to `asOf` (purchases and returns, returns negative) of the acquired customers `lv`
 * by level, acquisition month and k = months since the acquisition month (a purchase dated before
 * the acquisition month counts in k = 0): grouped per shard (a customer's rows and acquisition are
 * on one shard), the partial sums added. Summed exactly (`SqlDialect.moneySum`), so the digits do not
 * depend on the order parallel threads or shards add the rows in.
 */
export function revenueByMonthSql(d: SqlDialect, lv: string, asOf: string): string {
  const k = d.greatest([`${periodIndexSql(d, 'month', 'event_date')} - am`, '0']);
  const local = `SELECT level AS g_level, am AS g_am, ${k} AS g_k, ${d.moneySum('amount')} AS g_rev
FROM transactions JOIN (${lv}) lv USING (customer_id)
WHERE event_date <= ${d.dateLiteral(asOf)}
GROUP BY level, am, ${k}`;
  return `SELECT g_level AS level, ${d.double('g_am')} AS am, ${d.double('g_k')} AS k, ${d.double('sum(g_rev)')} AS revenue
FROM ${d.perShard(local)} r
GROUP BY g_level, g_am, g_k ORDER BY g_level, g_am, g_k`;
}

/** The spend rows: month index (months since 1970-01), channel, amount. */
export function spendSql(d: SqlDialect): string {
  return `SELECT ${d.double(periodIndexSql(d, 'month', 'month'))} AS mi, channel, amount FROM marketing_spend ORDER BY mi, channel`;
}

/**
 * Net revenue (purchases positive, returns negative) up to `asOf` of the customers `ids` (a few:
 * quoted as literals, so each shard filters its own rows), one row per customer found; summed exactly.
 */
export function netRevenueSql(d: SqlDialect, ids: readonly string[], asOf: string): string {
  return `SELECT customer_id, ${d.double(d.moneySum('amount'))} AS net FROM transactions
WHERE event_date <= ${d.dateLiteral(asOf)} AND customer_id IN (${ids.map(d.string).join(', ')})
GROUP BY customer_id`;
}
