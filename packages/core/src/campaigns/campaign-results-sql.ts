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
  const cols = [
    "CASE o.arm WHEN 'control' THEN 0 WHEN 'target' THEN 1 ELSE 2 END AS arm_code",
    'o.responded',
    'o.revenue',
    'o.margin',
    'o.rows_without_cost',
  ];
  if (extra.ids) cols.push('o.customer_id');
  let join = '';
  if (extra.segments) {
    join = `\nLEFT JOIN segment_snapshots s ON s.customer_id = o.customer_id AND s.as_of = ${d.dateLiteral(extra.segments.asOf)}`;
    for (const c of extra.segments.columns) cols.push(`coalesce(CAST(s.${sqlIdent(c)} AS VARCHAR), '') AS ${sqlIdent(c)}`);
  }
  return `WITH o AS (\n${inner}\n)\nSELECT ${cols.join(', ')}\nFROM o${join}\nORDER BY o.customer_id`;
}

/**
 * The customers with transactions in the window [from, to), aggregated first (a window holds a small
 * part of the log, so the join with the assignments then meets one row per buyer): responded (a
 * purchase that is not a return), revenue (net of returns), margin (amount − cost; rows without a
 * cost add nothing), rows without a cost.
 */
export function windowBuyersSql(d: SqlDialect, from: string, to: string): string {
  return `SELECT customer_id,
    CASE WHEN sum(CASE WHEN amount > 0 AND NOT is_return THEN 1 ELSE 0 END) > 0 THEN 1 ELSE 0 END AS responded,
    sum(amount) AS revenue,
    coalesce(sum(amount - cost), 0) AS margin,
    sum(CASE WHEN cost IS NULL THEN 1 ELSE 0 END) AS rows_without_cost
  FROM transactions
  WHERE event_date >= ${d.dateLiteral(from)} AND event_date < ${d.dateLiteral(to)}
  GROUP BY customer_id`;
}

/**
 * Per assigned customer: arm and the outcomes in the window [from, to) (see windowBuyersSql; 0 for
 * customers without a transaction in it). $1 = campaign id.
 */
export function windowOutcomesSql(d: SqlDialect, from: string, to: string, extra: OutcomeExtras = { ids: true }): string {
  return outcomeRowsSql(
    d,
    `SELECT a.customer_id, a.arm, coalesce(w.responded, 0) AS responded, coalesce(w.revenue, 0) AS revenue,
  coalesce(w.margin, 0) AS margin, coalesce(w.rows_without_cost, 0) AS rows_without_cost
FROM campaign_assignments a
LEFT JOIN (${windowBuyersSql(d, from, to)}) w ON w.customer_id = a.customer_id
WHERE a.campaign_id = $1`,
    extra,
  );
}

/** Per assigned customer: arm and the uploaded response (customers absent from the file: no response). $1 = id. */
export function uploadedOutcomesSql(d: SqlDialect, extra: OutcomeExtras = { ids: true }): string {
  return outcomeRowsSql(
    d,
    `SELECT a.customer_id, a.arm, coalesce(max(r.responded), 0) AS responded, coalesce(sum(r.revenue), 0) AS revenue,
  coalesce(sum(r.margin), 0) AS margin, 0 AS rows_without_cost
FROM campaign_assignments a
LEFT JOIN campaign_responses r ON r.campaign_id = a.campaign_id AND r.customer_id = a.customer_id
WHERE a.campaign_id = $1
GROUP BY a.customer_id, a.arm`,
    extra,
  );
}

/**
 * Customers of this campaign (target or control) who were also in another campaign's target or
 * control group with an overlapping window, by the two arms. $1 = campaign id.
 */
export function overlapsSql(): string {
  return `SELECT c2.campaign_id AS other_campaign, c2.name AS other_name, CAST(c2.send_date AS VARCHAR) AS other_send_date,
  a.arm AS arm, o.arm AS other_arm, count(*) AS customers
FROM campaigns c1
JOIN campaigns c2 ON c2.campaign_id <> c1.campaign_id AND c2.send_date < c1.window_end AND c1.send_date < c2.window_end
JOIN campaign_assignments o ON o.campaign_id = c2.campaign_id AND o.arm <> 'holdout'
JOIN campaign_assignments a ON a.campaign_id = c1.campaign_id AND a.customer_id = o.customer_id AND a.arm <> 'holdout'
WHERE c1.campaign_id = $1
GROUP BY c2.campaign_id, c2.name, c2.send_date, a.arm, o.arm
ORDER BY c2.campaign_id, a.arm, o.arm`;
}

/**
 * Base rates of the assigned audience (holdout excluded) in the window of the same length before the
 * send date, [from, to): customers, responders, and the sum and sum of squares of revenue per
 * customer. $1 = campaign id.
 */
export function baseRatesSql(d: SqlDialect, from: string, to: string): string {
  return `SELECT count(*) AS customers, sum(coalesce(w.responded, 0)) AS responders, sum(coalesce(w.revenue, 0)) AS revenue,
  sum(coalesce(w.revenue, 0) * coalesce(w.revenue, 0)) AS revenue2
FROM campaign_assignments a
LEFT JOIN (${windowBuyersSql(d, from, to)}) w ON w.customer_id = a.customer_id
WHERE a.campaign_id = $1 AND a.arm <> 'holdout'`;
}
