import type { SqlDialect } from '../engine/engine.js';
import { sqlIdent } from '../engine/sql.js';
import type { CampaignVersions } from './campaign-sql.js';

/**
 * SQL of a campaign's results: outcomes in the window, uploaded responses, overlaps, base rates.
 * One text for both engines (issue 16): no CTE, one JOIN per SELECT, `JOIN … USING`, the campaign id
 * written as a literal through the dialect (a `perShard` relation cannot take bound parameters).
 * Assignments, responses, snapshots and transactions are all sharded by customer id on ClickHouse,
 * so every per-customer join runs on each shard (`dialect.perShard`) and only its rows or partial
 * sums travel; on DuckDB `perShard` is the subquery itself. Assignments and responses are read under
 * the write tokens the campaign row names ({@link CampaignVersions}): a write in progress, or one
 * that failed, is never seen.
 */

/** What the outcome query returns besides the arm code and the outcomes. */
export interface OutcomeExtras {
  /** Return `customer_id` too (to align per-customer inputs such as CLV). */
  ids: boolean;
  /** Snapshot attributes as text ('' when missing), from the snapshot as of `asOf`. */
  segments?: { asOf: string; columns: readonly string[] };
}

/** The rows of one campaign's write in a campaign table: `campaign_id = … AND version = …`. */
function written(d: SqlDialect, id: string, version: string): string {
  return `campaign_id = ${d.string(id)} AND version = ${d.string(version)}`;
}

/** The campaign's assigned customers (optionally without the global holdout): customer_id, arm. */
function assignedSql(d: SqlDialect, c: CampaignVersions, withoutHoldout = false): string {
  return `SELECT customer_id, arm FROM campaign_assignments WHERE ${written(d, c.id, c.assignments)}${withoutHoldout ? " AND arm <> 'holdout'" : ''}`;
}

/**
 * Wraps a per-customer outcome query (columns customer_id, arm, responded, revenue, margin,
 * rows_without_cost) into the rows the analysis reads: `arm_code` (0 control, 1 target, 2 holdout),
 * the outcomes, optionally the id and snapshot attributes, in customer-id order (so that seeded
 * resampling is reproducible).
 */
function outcomeRowsSql(d: SqlDialect, inner: string, extra: OutcomeExtras): string {
  const cols = [
    "CASE arm WHEN 'control' THEN 0 WHEN 'target' THEN 1 ELSE 2 END AS arm_code",
    'responded',
    'revenue',
    'margin',
    'rows_without_cost',
    'customer_id',
  ];
  let rows = inner;
  if (extra.segments) {
    const snap = extra.segments.columns.map((c, k) => `${sqlIdent(c)} AS s${k}`);
    rows = `SELECT customer_id, arm, responded, revenue, margin, rows_without_cost, ${extra.segments.columns.map((c, k) => `coalesce(${d.text(`s${k}`)}, '') AS ${sqlIdent(c)}`).join(', ')}
FROM (${inner}) o LEFT JOIN (SELECT customer_id, ${snap.join(', ')} FROM segment_snapshots WHERE as_of = ${d.dateLiteral(extra.segments.asOf)}) s USING (customer_id)`;
    cols.push(...extra.segments.columns.map((c) => sqlIdent(c)));
  }
  return `SELECT ${(extra.ids ? cols : cols.filter((c) => c !== 'customer_id')).join(', ')}
FROM ${d.perShard(rows)} r
ORDER BY customer_id`;
}

/**
 * The customers with transactions in the window [from, to), aggregated first (a window holds a small
 * part of the log, so the join with the assignments then meets one row per buyer): responded (a
 * purchase that is not a return), revenue (net of returns), margin (amount − cost; rows without a
 * cost add nothing), rows without a cost. Money is summed exactly (`SqlDialect.moneySum`: the same
 * digits whatever order parallel threads add the rows in): DOUBLE, or with `decimals` the exact
 * decimals (for statements that add them up further; an engine reads DOUBLE only).
 */
export function windowBuyersSql(d: SqlDialect, from: string, to: string, decimals = false): string {
  const money = (e: string): string => (decimals ? e : d.double(e));
  return `SELECT customer_id,
    CASE WHEN sum(CASE WHEN amount > 0 AND NOT is_return THEN 1 ELSE 0 END) > 0 THEN 1 ELSE 0 END AS responded,
    ${money(d.moneySum('amount'))} AS revenue,
    ${money(`coalesce(${d.moneySum('amount - cost')}, 0)`)} AS margin,
    sum(CASE WHEN cost IS NULL THEN 1 ELSE 0 END) AS rows_without_cost
  FROM transactions
  WHERE event_date >= ${d.dateLiteral(from)} AND event_date < ${d.dateLiteral(to)}
  GROUP BY customer_id`;
}

/** {@link windowBuyersSql} (money as exact decimals) with its outcome columns renamed `w_…` (no clash with the left side of a join). */
function windowBuyersJoinable(d: SqlDialect, from: string, to: string): string {
  return `SELECT customer_id, responded AS w_responded, revenue AS w_revenue, margin AS w_margin, rows_without_cost AS w_rows_without_cost
  FROM (${windowBuyersSql(d, from, to, true)}) b`;
}

/**
 * Per assigned customer: arm and the outcomes in the window [from, to) (see windowBuyersSql; 0 for
 * customers without a transaction in it).
 */
export function windowOutcomesSql(
  d: SqlDialect,
  campaign: CampaignVersions,
  from: string,
  to: string,
  extra: OutcomeExtras = { ids: true },
): string {
  return outcomeRowsSql(
    d,
    `SELECT customer_id, arm, coalesce(w_responded, 0) AS responded, ${d.double('coalesce(w_revenue, 0)')} AS revenue,
  ${d.double('coalesce(w_margin, 0)')} AS margin, coalesce(w_rows_without_cost, 0) AS rows_without_cost
FROM (${assignedSql(d, campaign)}) a
LEFT JOIN (${windowBuyersJoinable(d, from, to)}) w USING (customer_id)`,
    extra,
  );
}

/** Per assigned customer: arm and the uploaded response (customers absent from the file: no response). */
export function uploadedOutcomesSql(d: SqlDialect, campaign: CampaignVersions, extra: OutcomeExtras = { ids: true }): string {
  return outcomeRowsSql(
    d,
    `SELECT customer_id, arm, coalesce(u_responded, 0) AS responded, ${d.double('coalesce(u_revenue, 0)')} AS revenue,
  ${d.double('coalesce(u_margin, 0)')} AS margin, 0 AS rows_without_cost
FROM (${assignedSql(d, campaign)}) a
LEFT JOIN (SELECT customer_id, max(responded) AS u_responded, ${d.moneySum('revenue')} AS u_revenue, ${d.moneySum('margin')} AS u_margin
  FROM campaign_responses WHERE ${written(d, campaign.id, campaign.responses)} GROUP BY customer_id) u USING (customer_id)`,
    extra,
  );
}

/**
 * Customers of this campaign (target or control) who were also in the target or control group of one
 * of `others` (the campaigns whose window overlaps, found by the caller), by the other campaign and
 * the two arms: other_campaign, arm, other_arm, customers.
 */
export function overlapsSql(d: SqlDialect, campaign: CampaignVersions, others: readonly CampaignVersions[]): string {
  const per = `SELECT other_campaign, arm, other_arm, count(*) AS n
  FROM (${assignedSql(d, campaign, true)}) a
  JOIN (SELECT customer_id, campaign_id AS other_campaign, arm AS other_arm FROM campaign_assignments
    WHERE (${others.map((o) => `(${written(d, o.id, o.assignments)})`).join(' OR ')}) AND arm <> 'holdout') o USING (customer_id)
  GROUP BY other_campaign, arm, other_arm`;
  return `SELECT other_campaign, arm, other_arm, ${d.double('sum(n)')} AS customers FROM ${d.perShard(per)} p
GROUP BY other_campaign, arm, other_arm ORDER BY other_campaign, arm, other_arm`;
}

/**
 * Base rates of the assigned audience (holdout excluded) in the window of the same length before the
 * send date, [from, to): customers, responders, and the sum and sum of squares of revenue per
 * customer, exact decimals (a customer's revenue is an exact sum, its square a decimal product) until
 * the DOUBLE at the end.
 */
export function baseRatesSql(d: SqlDialect, campaign: CampaignVersions, from: string, to: string): string {
  const per = `SELECT count(*) AS n, sum(coalesce(w_responded, 0)) AS responders, sum(coalesce(w_revenue, 0)) AS revenue,
    sum(coalesce(w_revenue, 0) * coalesce(w_revenue, 0)) AS revenue2
  FROM (${assignedSql(d, campaign, true)}) a
  LEFT JOIN (${windowBuyersJoinable(d, from, to)}) w USING (customer_id)`;
  return `SELECT ${d.double('sum(n)')} AS customers, ${d.double('sum(responders)')} AS responders, ${d.double('sum(revenue)')} AS revenue,
  ${d.double('sum(revenue2)')} AS revenue2
FROM ${d.perShard(per)} p`;
}

/** Loaded response rows of a campaign and how many name a customer outside the campaign: loaded, unknown. */
export function responseCountsSql(d: SqlDialect, campaign: CampaignVersions): string {
  const per = `SELECT count(*) AS n, sum(CASE WHEN a_arm IS NULL THEN 1 ELSE 0 END) AS unknown_n
  FROM (SELECT customer_id FROM campaign_responses WHERE ${written(d, campaign.id, campaign.responses)}) r
  LEFT JOIN (SELECT customer_id, arm AS a_arm FROM campaign_assignments WHERE ${written(d, campaign.id, campaign.assignments)}) a USING (customer_id)`;
  return `SELECT ${d.double('sum(n)')} AS loaded, ${d.double('sum(unknown_n)')} AS unknown FROM ${d.perShard(per)} p`;
}
