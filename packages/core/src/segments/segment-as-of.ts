import type { Engine } from '../engine/engine.js';
import { summarize } from '../summary/summary.js';
import { historySql, mixPresenceSql } from './history-sql.js';
import { segmentSummary, type CustomerHistory, type SegmentOptions, type Segmentation } from './segmentation.js';

export interface SegmentAsOfOptions extends SegmentOptions {
  /** The snapshot day, ISO date (default: the last purchase day in the log). Only data up to it is read. */
  asOf?: string;
}

/**
 * Segments the workspace's customers as of a day using only the transactions known then: the summary
 * is computed with `calibrationEnd = asOf` and the history SQL applies the same cut, so a snapshot of
 * a full log as of D equals the snapshot of the log cut at D.
 * @throws InputError from `summarize` (empty log, bad date, as-of before the first transaction)
 * @example
 * const seg = await segmentAsOf(engine, { asOf: '1997-12-31' });
 * seg.tiers.tiers[0]; // → { name: 'Platinum', count: 24, … } on the CDNOW sample
 */
export async function segmentAsOf(engine: Engine, options: SegmentAsOfOptions = {}): Promise<Segmentation> {
  const summary = await summarize(engine, { period: 'day', calibrationEnd: options.asOf });
  const history = await loadHistory(engine, summary.calibrationEnd);
  return segmentSummary(summary, history, options);
}

/** Reads the per-customer history with the as-of cut (product/channel mix only when the log has them). */
export async function loadHistory(engine: Engine, asOf: string): Promise<CustomerHistory> {
  const [p] = await engine.rows<{ products: number; channels: number }>(mixPresenceSql());
  const mix = { products: (p?.products ?? 0) > 0, channels: (p?.channels ?? 0) > 0 };
  const kinds: Record<string, 'f64' | 'string'> = { customer_id: 'string', prev_purchase: 'f64' };
  if (mix.products) kinds.products = 'f64';
  if (mix.channels) kinds.channels = 'f64';
  const b = await engine.columns(historySql(engine.dialect, { asOf, mix }), kinds);
  return { customerId: b.strings.customer_id!, prevPurchase: b.f64.prev_purchase!, products: b.f64.products ?? null, channels: b.f64.channels ?? null };
}
