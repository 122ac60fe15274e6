/**
 * The migration statements of `migration-sql.ts` in SQL that ClickHouse 18.16 and a current
 * ClickHouse run (no CTE or FILTER, one JOIN per SELECT, no GROUP BY positions), same columns and
 * order. Snapshots are stored sharded by customer id like the transactions, so the pair of snapshots
 * is joined on each shard (`dialect.perShard`) and only the cells are added up across shards.
 */
import type { SqlDialect } from '../engine/engine.js';
import { GONE, LOST, NOT_YET, type MigrationDimension } from './migration-sql.js';

/** One snapshot's customers with the columns a migration reads, renamed with `prefix` (no clash in the join). */
function side(d: SqlDialect, asOf: string, prefix: string, dim: MigrationDimension): string {
  return `SELECT customer_id, ${dim} AS ${prefix}_state, value AS ${prefix}_value, tier_rank AS ${prefix}_rank, lifecycle_stage AS ${prefix}_stage, value_tier AS ${prefix}_tier
  FROM segment_snapshots WHERE as_of = ${d.dateLiteral(asOf)}`;
}

/** `transitionSql` per shard (FULL JOIN of the two snapshots), cells summed over the shards (values exactly, as decimals until the DOUBLE). */
export function plainTransitionSql(d: SqlDialect, from: string, to: string, dim: MigrationDimension): string {
  const cells = `SELECT coalesce(f_state, ${d.string(NOT_YET)}) AS from_state, coalesce(t_state, ${d.string(GONE)}) AS to_state,
    count(*) AS n, ${d.moneySum('f_value')} AS vf, ${d.moneySum('t_value')} AS vt
  FROM (${side(d, from, 'f', dim)}) f FULL OUTER JOIN (${side(d, to, 't', dim)}) t USING (customer_id)
  GROUP BY from_state, to_state`;
  return `SELECT from_state, to_state, ${d.double('sum(n)')} AS customers, ${d.double('coalesce(sum(vf), 0)')} AS value_from, ${d.double('coalesce(sum(vt), 0)')} AS value_to
FROM ${d.perShard(cells)} c GROUP BY from_state, to_state ORDER BY from_state, to_state`;
}

/** `downgradesSql`: customers in both snapshots who moved down a tier or into at_risk, per shard. */
export function plainDowngradesSql(d: SqlDialect, from: string, to: string): string {
  const into = `t_stage = 'at_risk' AND f_stage <> 'at_risk'`;
  const rows = `SELECT customer_id, f_tier AS from_tier, t_tier AS to_tier, f_stage AS from_stage, t_stage AS to_stage, f_value AS value_from, t_value AS value_to,
    concat(CASE WHEN t_rank > f_rank THEN 'tier down' ELSE '' END, CASE WHEN t_rank > f_rank AND ${into} THEN ', ' ELSE '' END, CASE WHEN ${into} THEN 'into at risk' ELSE '' END) AS reason
  FROM (${side(d, from, 'f', 'value_tier')}) f JOIN (${side(d, to, 't', 'value_tier')}) t USING (customer_id)
  WHERE t_rank > f_rank OR (${into})`;
  return `SELECT * FROM ${d.perShard(rows)} r ORDER BY value_from DESC, customer_id`;
}

/** `tierOrderSql` with named GROUP BY and ORDER BY terms. */
export function plainTierOrderSql(d: SqlDialect, asOf: string): string {
  return `SELECT value_tier, min(tier_rank) AS r FROM segment_snapshots WHERE as_of = ${d.dateLiteral(asOf)} GROUP BY value_tier ORDER BY r`;
}

const markovState = (prefix: string): string => `CASE WHEN ${prefix}_stage = 'churned' THEN ${`'${LOST}'`} ELSE ${prefix}_state END`;

/** `markovTransitionSql` per shard, cells summed over the shards. */
export function plainMarkovTransitionSql(d: SqlDialect, from: string, to: string, dim: MigrationDimension): string {
  const cells = `SELECT ${markovState('f')} AS from_state, ${markovState('t')} AS to_state, count(*) AS n
  FROM (${side(d, from, 'f', dim)}) f JOIN (${side(d, to, 't', dim)}) t USING (customer_id)
  GROUP BY from_state, to_state`;
  return `SELECT from_state, to_state, ${d.double('sum(n)')} AS customers FROM ${d.perShard(cells)} c GROUP BY from_state, to_state ORDER BY from_state, to_state`;
}

/** `markovRevenueSql` per shard (exact money sums, added up across shards before the DOUBLE). */
export function plainMarkovRevenueSql(d: SqlDialect, from: string, to: string, historicStart: string, dim: MigrationDimension): string {
  const f = d.dateLiteral(from),
    t = d.dateLiteral(to),
    h = d.dateLiteral(historicStart);
  const revenue = `SELECT customer_id, ${d.moneySum(`CASE WHEN event_date > ${f} THEN amount ELSE 0 END`)} AS revenue,
    ${d.moneySum(`CASE WHEN event_date <= ${f} THEN amount ELSE 0 END`)} AS past
  FROM transactions WHERE event_date > ${h} AND event_date <= ${t} GROUP BY customer_id`;
  const cells = `SELECT ${markovState('s')} AS state, count(*) AS n, sum(revenue) AS rev, sum(past) AS pst
  FROM (${side(d, from, 's', dim)}) s LEFT JOIN (${revenue}) r USING (customer_id)
  GROUP BY state`;
  return `SELECT state, ${d.double('sum(n)')} AS customers, ${d.double('coalesce(sum(rev), 0)')} AS revenue, ${d.double('coalesce(sum(pst), 0)')} AS past
FROM ${d.perShard(cells)} c GROUP BY state ORDER BY state`;
}
