import type { SqlDialect } from '../engine/engine.js';

/** Snapshot columns a migration can be computed on. */
export const MIGRATION_DIMENSIONS = ['value_tier', 'lifecycle_stage', 'rfm_segment', 'micro_segment'] as const;
export type MigrationDimension = (typeof MIGRATION_DIMENSIONS)[number];

/** Labels for customers missing from one side of a pair of snapshots. */
export const NOT_YET = '(not yet a customer)';
export const GONE = '(not in snapshot)';

const pair = (
  d: SqlDialect,
  from: string,
  to: string,
): string => `f AS (SELECT * FROM segment_snapshots WHERE as_of = ${d.dateLiteral(from)}),
t AS (SELECT * FROM segment_snapshots WHERE as_of = ${d.dateLiteral(to)})`;

/**
 * The transition matrix between two stored snapshots on one dimension: customers, value at the
 * first snapshot (`value_from`) and at the second (`value_to`) per (from, to) cell. Customers
 * acquired in between appear with from = NOT_YET; customers missing from the second snapshot with
 * to = GONE. `dim` must be one of {@link MIGRATION_DIMENSIONS} (checked by the caller). Values are
 * summed exactly (`SqlDialect.moneySum`: the same digits whatever order parallel threads add them in).
 */
export function transitionSql(d: SqlDialect, from: string, to: string, dim: MigrationDimension): string {
  return `WITH ${pair(d, from, to)}
SELECT coalesce(f.${dim}, '${NOT_YET}') AS from_state, coalesce(t.${dim}, '${GONE}') AS to_state,
  CAST(count(*) AS DOUBLE) AS customers, ${d.double(`coalesce(${d.moneySum('f.value')}, 0)`)} AS value_from,
  ${d.double(`coalesce(${d.moneySum('t.value')}, 0)`)} AS value_to
FROM f FULL OUTER JOIN t ON f.customer_id = t.customer_id
GROUP BY 1, 2 ORDER BY 1, 2`;
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

/** The absorbing state of the Markov-chain value: customers whose lifecycle stage is `churned`. */
export const LOST = 'lost (churned)';

/** The first accepted purchase day as text (YYYY-MM-DD): where the Markov value's history check can start. */
export const firstEventDateSql = (): string => `SELECT CAST(min(event_date) AS VARCHAR) AS first FROM transactions`;

/** A snapshot's state for the Markov chain: `LOST` for a churned customer, else the dimension's value. */
const markovState = (alias: string, dim: MigrationDimension): string =>
  `CASE WHEN ${alias}.lifecycle_stage = 'churned' THEN '${LOST}' ELSE ${alias}.${dim} END`;

/**
 * Transitions between two snapshots for the Markov-chain value, among customers present in both:
 * states as in {@link transitionSql} except that a customer whose lifecycle stage is `churned` is in
 * the {@link LOST} state (at either date).
 * @example
 * await engine.rows(markovTransitionSql(d, '1997-12-31', '1998-03-31', 'value_tier')); // CDNOW sample: […, { from_state: 'Bronze', to_state: 'lost (churned)', customers: 31 }]
 */
export function markovTransitionSql(d: SqlDialect, from: string, to: string, dim: MigrationDimension): string {
  return `WITH ${pair(d, from, to)}
SELECT ${markovState('f', dim)} AS from_state, ${markovState('t', dim)} AS to_state, CAST(count(*) AS DOUBLE) AS customers
FROM f JOIN t ON f.customer_id = t.customer_id GROUP BY 1, 2 ORDER BY 1, 2`;
}

/**
 * Per Markov state at `from` ({@link markovTransitionSql}'s states): customers, net revenue in
 * (from, to] (the reward of one period) and net revenue in (historicStart, from] (the history the
 * sanity check compares against), summed exactly (`SqlDialect.moneySum`).
 * @example
 * await engine.rows(markovRevenueSql(d, '1997-12-31', '1998-03-31', '1997-01-05', 'value_tier')); // [{ state: 'Bronze', customers, revenue, past }, …]
 */
export function markovRevenueSql(d: SqlDialect, from: string, to: string, historicStart: string, dim: MigrationDimension): string {
  const f = d.dateLiteral(from),
    t = d.dateLiteral(to),
    h = d.dateLiteral(historicStart);
  return `WITH s AS (SELECT customer_id, ${markovState('x', dim)} AS state FROM segment_snapshots x WHERE as_of = ${f}),
r AS (
  SELECT customer_id, ${d.moneySum('amount')} FILTER (WHERE event_date > ${f} AND event_date <= ${t}) AS revenue,
    ${d.moneySum('amount')} FILTER (WHERE event_date > ${h} AND event_date <= ${f}) AS past
  FROM transactions WHERE event_date > ${h} AND event_date <= ${t} GROUP BY customer_id
)
SELECT s.state, CAST(count(*) AS DOUBLE) AS customers, CAST(coalesce(sum(r.revenue), 0) AS DOUBLE) AS revenue, CAST(coalesce(sum(r.past), 0) AS DOUBLE) AS past
FROM s LEFT JOIN r USING (customer_id) GROUP BY 1 ORDER BY 1`;
}
