import type { Engine } from '../engine/engine.js';
import { InputError } from '../errors.js';
import { summarize, type CustomerSummary } from '../summary/summary.js';
import { historySql, mixPresenceSql, MAX_INLINE_CHANNELS } from './history-sql.js';
import { segmentSummary, type CustomerHistory, type SegmentOptions, type Segmentation } from './segmentation.js';

export interface SegmentAsOfOptions extends SegmentOptions {
  /** The snapshot day, ISO date (default: the last purchase day in the log). Only data up to it is read. */
  asOf?: string;
  /** How the user gave `asOf`, for messages (default `--as-of`). */
  asOfLabel?: string;
  /**
   * The summary as of `asOf` when the caller has it (any period, no holdout; see {@link reusableSummary}):
   * it is used instead of computing the summary again. The segments are the same.
   */
  summary?: CustomerSummary;
}

/**
 * `summary` when segments can be built on it as of `asOf`: the same calibration end and no holdout (a
 * holdout moves the returns netting's cut). Segments read only its period-free columns (purchase days, revenue), so a
 * summary in weeks serves as well as one in days. Undefined otherwise.
 */
export function reusableSummary(summary: CustomerSummary | undefined, asOf: string | undefined): CustomerSummary | undefined {
  if (!summary || summary.holdoutEnd !== null) return undefined;
  return asOf === summary.calibrationEnd ? summary : undefined;
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
  const summary =
    reusableSummary(options.summary, options.asOf) ??
    (await summarize(engine, {
      period: 'day',
      calibrationEnd: options.asOf,
      calibrationEndLabel: options.asOfLabel ?? '--as-of',
    }));
  const history = await loadHistory(engine, summary.calibrationEnd, summary);
  return segmentSummary(summary, history, options);
}

/**
 * Reads the per-customer history with the as-of cut (product/channel mix only when the log has them).
 *
 * With `summary` (computed for the same as-of day), the customer ids are not read again: the
 * history query orders the same customers the same way, and its first and last purchase days are
 * checked against the summary's, row by row (two typed-array comparisons instead of 1M strings),
 * so `customerId` is the summary's own array and {@link segmentSummary} can trust the alignment.
 * Without it, the ids are read as before.
 * @throws InputError `history_mismatch` when the rows do not line up with `summary` (e.g. the log
 *   changed between the two queries, or a different as-of day).
 */
export async function loadHistory(engine: Engine, asOf: string, summary?: CustomerSummary): Promise<CustomerHistory> {
  const presence = await engine.rows<{ products: number; channel: string | null }>(mixPresenceSql());
  const channels = presence.flatMap((r) => (r.channel === null ? [] : [r.channel]));
  const mix = {
    products: (presence[0]?.products ?? 0) > 0,
    channels: channels.length > MAX_INLINE_CHANNELS ? true : channels.length > 0 ? channels : false,
  };
  const kinds: Record<string, 'f64' | 'string'> = { prev_purchase: 'f64', first_purchase: 'f64', last_purchase: 'f64' };
  if (!summary) kinds.customer_id = 'string';
  if (mix.products) kinds.products = 'f64';
  if (mix.channels) kinds.channels = 'f64';
  const b = await engine.columns(historySql(engine.dialect, { asOf, mix, netReturns: summary?.hasReturns }), kinds);
  if (
    summary &&
    !(
      b.length === summary.length &&
      sameValues(b.f64.first_purchase!, summary.firstPurchase) &&
      sameValues(b.f64.last_purchase!, summary.lastPurchase)
    )
  ) {
    throw new InputError(
      'history_mismatch',
      `The purchase history (${b.length} customers) does not line up with the summary (${summary.length}); compute both with the same as-of day (${asOf}) on an unchanged log`,
      { asOf },
    );
  }
  return {
    customerId: summary ? summary.customerId : b.strings.customer_id!,
    prevPurchase: b.f64.prev_purchase!,
    products: b.f64.products ?? null,
    channels: b.f64.channels ?? null,
  };
}

function sameValues(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
