import type { SqlDialect } from '../engine/engine.js';
import { sqlIdent } from '../engine/sql.js';

/** SQL of a campaign's results: outcomes in the window, uploaded responses, segments, overlaps, base rates. */

/** What the outcome query returns besides the arm code and the outcomes. */
export interface OutcomeExtras {
  /** Return `customer_id` too (to align per-customer inputs such as CLV). */
  ids: boolean;
  /** Snapshot attributes as text ('' when missing), from the snapshot as of `asOf`. */
  segments?: { asOf: string; columns: readonly string[] };
}

/**
 * Wraps a per-customer outcome query (columns customer_id, arm, responded, revenue, margin,
 * rows_without_cost) into the rows the analysis reads: `arm_code` (0 control, 1 target, 2 holdout),
 * the outcomes, optionally the id and snapshot attributes, in customer-id order (so that seeded
 * resampling is reproducible).
 */
function outcomeRowsSql(d: SqlDialect, inner: string, extra: OutcomeExtras): string {
  const cols = ["CASE o.arm WHEN 'control' THEN 0 WHEN 'target' THEN 1 ELSE 2 END AS arm_code", 'o.responded', 'o.revenue', 'o.margin', 'o.rows_without_cost'];
  if (extra.ids) cols.push('o.customer_id');
  let join = '';
  if (extra.segments) {
    join = `\nLEFT JOIN segment_snapshots s ON s.customer_id = o.customer_id AND s.as_of = ${d.dateLiteral(extra.segments.asOf)}`;
    for (const c of extra.segments.columns) cols.push(`coalesce(CAST(s.${sqlIdent(c)} AS VARCHAR), '') AS ${sqlIdent(c)}`);
  }
  return `WITH o AS (\n${inner}\n)\nSELECT ${cols.join(', ')}\nFROM o${join}\nORDER BY o.customer_id`;
}

/**
 * Per assigned customer: arm and the outcomes in the window [from, to): responded (a purchase that
 * is not a return), revenue (net of returns), margin (amount − cost; rows without a cost add
 * nothing) and the number of window rows without a cost. $1 = campaign id.
 */
export function windowOutcomesSql(d: SqlDialect, from: string, to: string, extra: OutcomeExtras = { ids: true }): string {
  return outcomeRowsSql(d, `SELECT a.customer_id, a.arm,
  CASE WHEN sum(CASE WHEN t.amount > 0 AND NOT t.is_return THEN 1 ELSE 0 END) > 0 THEN 1 ELSE 0 END AS responded,
  coalesce(sum(t.amount), 0) AS revenue,
  coalesce(sum(t.amount - t.cost), 0) AS margin,
  sum(CASE WHEN t.customer_id IS NOT NULL AND t.cost IS NULL THEN 1 ELSE 0 END) AS rows_without_cost
FROM campaign_assignments a
LEFT JOIN transactions t ON t.customer_id = a.customer_id AND t.event_date >= ${d.dateLiteral(from)} AND t.event_date < ${d.dateLiteral(to)}
WHERE a.campaign_id = $1
GROUP BY a.customer_id, a.arm`, extra);
}

/** Per assigned customer: arm and the uploaded response (customers absent from the file: no response). $1 = id. */
export function uploadedOutcomesSql(d: SqlDialect, extra: OutcomeExtras = { ids: true }): string {
  return outcomeRowsSql(d, `SELECT a.customer_id, a.arm, coalesce(max(r.responded), 0) AS responded, coalesce(sum(r.revenue), 0) AS revenue,
  coalesce(sum(r.margin), 0) AS margin, 0 AS rows_without_cost
FROM campaign_assignments a
LEFT JOIN campaign_responses r ON r.campaign_id = a.campaign_id AND r.customer_id = a.customer_id
WHERE a.campaign_id = $1
GROUP BY a.customer_id, a.arm`, extra);
}

/**
 * Customers of this campaign (target or control) who were also in another campaign's target or
 * control group with an overlapping window, by the two arms. $1 = campaign id.
 */
export function overlapsSql(): string {
  return `SELECT o.campaign_id AS other_campaign, c2.name AS other_name, CAST(c2.send_date AS VARCHAR) AS other_send_date,
  a.arm AS arm, o.arm AS other_arm, count(*) AS customers
FROM campaign_assignments a
JOIN campaigns c1 ON c1.campaign_id = a.campaign_id
JOIN campaign_assignments o ON o.customer_id = a.customer_id AND o.campaign_id <> a.campaign_id
JOIN campaigns c2 ON c2.campaign_id = o.campaign_id
WHERE a.campaign_id = $1 AND a.arm <> 'holdout' AND o.arm <> 'holdout'
  AND c2.send_date < c1.window_end AND c1.send_date < c2.window_end
GROUP BY o.campaign_id, c2.name, c2.send_date, a.arm, o.arm
ORDER BY o.campaign_id, a.arm, o.arm`;
}

/**
 * Base rates of the assigned audience (holdout excluded) in the window of the same length before the
 * send date, [from, to): customers, responders, and the sum and sum of squares of revenue per
 * customer. $1 = campaign id.
 */
export function baseRatesSql(d: SqlDialect, from: string, to: string): string {
  return `SELECT count(*) AS customers, sum(responded) AS responders, sum(revenue) AS revenue, sum(revenue * revenue) AS revenue2
FROM (
  SELECT a.customer_id,
    CASE WHEN sum(CASE WHEN t.amount > 0 AND NOT t.is_return THEN 1 ELSE 0 END) > 0 THEN 1 ELSE 0 END AS responded,
    coalesce(sum(t.amount), 0) AS revenue
  FROM campaign_assignments a
  LEFT JOIN transactions t ON t.customer_id = a.customer_id AND t.event_date >= ${d.dateLiteral(from)} AND t.event_date < ${d.dateLiteral(to)}
  WHERE a.campaign_id = $1 AND a.arm <> 'holdout'
  GROUP BY a.customer_id
) per_customer`;
}
