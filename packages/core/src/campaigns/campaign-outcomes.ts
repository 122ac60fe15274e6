import type { Engine } from '../engine/engine.js';
import { InputError } from '../errors.js';
import { addDays, type Campaign } from './campaign-definition.js';
import { dataEndSql, latestSnapshotSql } from './campaign-sql.js';

/** The last day with a transaction in the workspace (null for an empty log). */
export async function workspaceDataEnd(engine: Engine): Promise<string | null> {
  const [r] = await engine.rows<{ data_end: string | null; n: number }>(dataEndSql(engine.dialect));
  return r && Number(r.n) > 0 ? r.data_end : null;
}

/** Snapshot day for the segments: the audience's, else the latest on or before the day before sending. */
export async function segmentDay(engine: Engine, campaign: Campaign, audienceAsOf: string | null): Promise<string> {
  if (audienceAsOf) return audienceAsOf;
  const [r] = await engine
    .rows<{ as_of: string | null; n: number }>(latestSnapshotSql(engine.dialect, addDays(campaign.sendDate, -1)))
    .catch(() => [{ as_of: null, n: 0 }]);
  if (!r?.as_of || Number(r.n) === 0)
    throw new InputError(
      'no_snapshot',
      `No segment snapshot on or before ${addDays(campaign.sendDate, -1)} to break campaign "${campaign.id}" down by; compute one with: cvm segment --as-of ${addDays(campaign.sendDate, -1)}`,
      { id: campaign.id },
    );
  return r.as_of;
}

/**
 * Margin per customer: margin_pct of revenue when the campaign sets it, else the log's amount − cost
 * when every window row has a cost, else none (with the reason); the cost per contact is taken off
 * every target customer (arm code 1).
 */
export function marginOf(
  c: Campaign,
  source: 'transactions' | 'response file',
  revenue: Float64Array,
  logMargin: Float64Array,
  withoutCost: number,
  armCode: Float64Array,
): { margin: Float64Array | null; method: string } {
  let margin: Float64Array | null = null;
  let method: string;
  if (c.marginPct !== null) {
    margin = new Float64Array(revenue.length);
    const rate = c.marginPct / 100;
    for (let i = 0; i < revenue.length; i++) margin[i] = revenue[i]! * rate;
    method = `${c.marginPct}% of revenue (margin_pct of the campaign)`;
  } else if (withoutCost === 0) {
    margin = logMargin;
    method = source === 'transactions' ? "amount − cost of the log's transactions in the window" : "the response file's margin column";
  } else {
    return {
      margin: null,
      method: `not available: ${withoutCost.toLocaleString('en-US')} transactions in the window have no cost; set margin_pct in the campaign or ingest a cost column`,
    };
  }
  if (c.costPerContact > 0) {
    for (let i = 0; i < armCode.length; i++) if (armCode[i] === 1) margin[i] -= c.costPerContact;
    method += `, minus ${c.costPerContact} per contact in the target group`;
  }
  return { margin, method };
}
