import type { SqlDialect } from '../engine/engine.js';

/** Snapshot columns a migration can be computed on. */
export const MIGRATION_DIMENSIONS = ['value_tier', 'lifecycle_stage', 'rfm_segment', 'micro_segment'] as const;
export type MigrationDimension = (typeof MIGRATION_DIMENSIONS)[number];

/** Labels for customers missing from one side of a pair of snapshots. */
export const NOT_YET = '(not yet a customer)';
export const GONE = '(not in snapshot)';

const pair = (d: SqlDialect, from: string, to: string): string => `f AS (SELECT * FROM segment_snapshots WHERE as_of = ${d.dateLiteral(from)}),
t AS (SELECT * FROM segment_snapshots WHERE as_of = ${d.dateLiteral(to)})`;

/**
 * The transition matrix between two stored snapshots on one dimension: customers, value at the
 * first snapshot (`value_from`) and at the second (`value_to`) per (from, to) cell. Customers
 * acquired in between appear with from = NOT_YET; customers missing from the second snapshot with
 * to = GONE. `dim` must be one of {@link MIGRATION_DIMENSIONS} (checked by the caller).
 */
export function transitionSql(d: SqlDialect, from: string, to: string, dim: MigrationDimension): string {
  return `WITH ${pair(d, from, to)}
SELECT coalesce(f.${dim}, '${NOT_YET}') AS from_state, coalesce(t.${dim}, '${GONE}') AS to_state,
  CAST(count(*) AS DOUBLE) AS customers, coalesce(sum(f.value), 0) AS value_from, coalesce(sum(t.value), 0) AS value_to
FROM f FULL OUTER JOIN t ON f.customer_id = t.customer_id
GROUP BY 1, 2 ORDER BY 1, 2`;
}

/**
 * Net revenue per customer in (from, to] summed by the customer's state at `from`: the per-period
 * reward of each state for the Markov-chain value.
 */
export function rewardSql(d: SqlDialect, from: string, to: string, dim: MigrationDimension): string {
  return `WITH f AS (SELECT customer_id, ${dim} AS state FROM segment_snapshots WHERE as_of = ${d.dateLiteral(from)}),
r AS (SELECT customer_id, sum(amount) AS revenue FROM transactions WHERE event_date > ${d.dateLiteral(from)} AND event_date <= ${d.dateLiteral(to)} GROUP BY customer_id)
SELECT f.state, CAST(count(*) AS DOUBLE) AS customers, coalesce(sum(r.revenue), 0) AS revenue
FROM f LEFT JOIN r USING (customer_id) GROUP BY 1 ORDER BY 1`;
}

/**
 * Customers who moved down at least one value tier, or into at_risk from another stage, between the
 * two snapshots, most valuable (at `from`) first.
 */
export function downgradesSql(d: SqlDialect, from: string, to: string): string {
  return `WITH ${pair(d, from, to)}
SELECT f.customer_id, f.value_tier AS from_tier, t.value_tier AS to_tier, f.lifecycle_stage AS from_stage, t.lifecycle_stage AS to_stage,
  f.value AS value_from, t.value AS value_to,
  CASE WHEN t.tier_rank > f.tier_rank THEN 'tier down' ELSE '' END || CASE WHEN t.tier_rank > f.tier_rank AND t.lifecycle_stage = 'at_risk' AND f.lifecycle_stage <> 'at_risk' THEN ', ' ELSE '' END
    || CASE WHEN t.lifecycle_stage = 'at_risk' AND f.lifecycle_stage <> 'at_risk' THEN 'into at risk' ELSE '' END AS reason
FROM f JOIN t ON f.customer_id = t.customer_id
WHERE t.tier_rank > f.tier_rank OR (t.lifecycle_stage = 'at_risk' AND f.lifecycle_stage <> 'at_risk')
ORDER BY f.value DESC, f.customer_id`;
}

/** State names in tier order as stored in a snapshot (tier_rank ascending). */
export function tierOrderSql(d: SqlDialect, asOf: string): string {
  return `SELECT value_tier, min(tier_rank) AS r FROM segment_snapshots WHERE as_of = ${d.dateLiteral(asOf)} GROUP BY 1 ORDER BY 2`;
}
