import type { Engine } from '../engine/engine.js';
import { InputError } from '../errors.js';
import { addDays, type Campaign } from './campaign-definition.js';
import { assignedSegmentsSql } from './campaign-results-sql.js';
import { latestSnapshotSql } from './campaign-sql.js';

/** Snapshot day for the segments: the audience's, else the latest on or before the day before sending. */
async function segmentDay(engine: Engine, campaign: Campaign, audienceAsOf: string | null): Promise<string> {
  if (audienceAsOf) return audienceAsOf;
  const [r] = await engine.rows<{ as_of: string | null }>(latestSnapshotSql(engine.dialect, addDays(campaign.sendDate, -1))).catch(() => [{ as_of: null }]);
  if (!r?.as_of) throw new InputError('no_snapshot', `No segment snapshot on or before ${addDays(campaign.sendDate, -1)} to break campaign "${campaign.id}" down by; compute one with: cvm segment --as-of ${addDays(campaign.sendDate, -1)}`, { id: campaign.id });
  return r.as_of;
}

/**
 * Snapshot attributes of a campaign's customers (as text, in customer-id order), checked to line up
 * with the outcome rows `ids`.
 * @throws InputError `no_snapshot`, `segments_mismatch`.
 */
export async function snapshotColumns(engine: Engine, c: Campaign, audienceAsOf: string | null, cols: readonly string[], ids: readonly string[]): Promise<Record<string, string[]>> {
  const day = await segmentDay(engine, c, audienceAsOf);
  const kinds = Object.fromEntries([['customer_id', 'string'], ...cols.map((x) => [x, 'string'])]) as Record<string, 'string'>;
  const s = await engine.columns(assignedSegmentsSql(engine.dialect, day, cols), kinds, [c.id]);
  const sid = s.strings.customer_id!;
  if (s.length !== ids.length || sid.some((v, i) => v !== ids[i])) throw new InputError('segments_mismatch', 'The segment attributes do not line up with the campaign\'s customers (did the assignments change meanwhile?)', { id: c.id });
  return Object.fromEntries(cols.map((x) => [x, s.strings[x]!]));
}

/**
 * Margin per customer: margin_pct of revenue when the campaign sets it, else the log's amount − cost
 * when every window row has a cost, else none (with the reason); the cost per contact is taken off
 * every target customer.
 */
export function marginOf(c: Campaign, source: 'transactions' | 'response file', revenue: Float64Array, logMargin: Float64Array, withoutCost: number, arm: readonly string[]): { margin: Float64Array | null; method: string } {
  let margin: Float64Array | null = null;
  let method: string;
  if (c.marginPct !== null) {
    margin = Float64Array.from(revenue, (v) => (v * c.marginPct!) / 100);
    method = `${c.marginPct}% of revenue (margin_pct of the campaign)`;
  } else if (withoutCost === 0) {
    margin = logMargin;
    method = source === 'transactions' ? 'amount − cost of the log\'s transactions in the window' : 'the response file\'s margin column';
  } else {
    return { margin: null, method: `not available: ${withoutCost.toLocaleString('en-US')} transactions in the window have no cost; set margin_pct in the campaign or ingest a cost column` };
  }
  if (c.costPerContact > 0) {
    for (let i = 0; i < arm.length; i++) if (arm[i] === 'target') margin[i] -= c.costPerContact;
    method += `, minus ${c.costPerContact} per contact in the target group`;
  }
  return { margin, method };
}
