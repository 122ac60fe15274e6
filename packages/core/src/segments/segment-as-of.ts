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
  /**
   * false: do not read the product and channel mix (`history.mixDeferred`; only micro-segments use
   * it, and {@link withMix} reads it for them). Default true.
   */
  mix?: boolean;
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
      previousPurchase: true,
    }));
  const history = await loadHistory(engine, summary.calibrationEnd, summary, { mix: options.mix });
  return segmentSummary(summary, history, options);
}

/**
 * Reads the per-customer history with the as-of cut (product/channel mix only when the log has them).
 *
 * With `summary` (computed for the same as-of day), the customer ids are not read again: the
 * history query orders the same customers the same way, and its first and last purchase days are
 * checked against the summary's, row by row (two typed-array comparisons instead of 1M strings),
 * so `customerId` is the summary's own array and {@link segmentSummary} can trust the alignment.
 * Without it, the ids are read as before. When the summary carries `prevPurchase` (summarised with
 * `previousPurchase`, DuckDB), that column is used: without a product or channel column in the log no
 * query runs, else one aggregate reads only the mix (no last-purchase aggregate and join). With
 * `mix: false` the mix is not read (`mixDeferred`: products and channels null whatever the log
 * holds): then no query runs at all when the summary carries `prevPurchase`.
 * @throws InputError `history_mismatch` when the rows do not line up with `summary` (e.g. the log
 *   changed between the two queries, or a different as-of day).
 */
export async function loadHistory(
  engine: Engine,
  asOf: string,
  summary?: CustomerSummary,
  options: { mix?: boolean } = {},
): Promise<CustomerHistory> {
  const deferred = options.mix === false;
  const presence = deferred ? [] : await engine.rows<{ products: number; channel: string | null }>(mixPresenceSql());
  const channels = presence.flatMap((r) => (r.channel === null ? [] : [r.channel]));
  const mix = {
    products: (presence[0]?.products ?? 0) > 0,
    channels: channels.length > MAX_INLINE_CHANNELS ? true : channels.length > 0 ? channels : false,
  };
  // the second-to-last purchase day from the summary's own pass (issue 12): no second scan for it
  const prev = summary?.prevPurchase?.length === summary?.length ? summary?.prevPurchase : undefined;
  const noMix = deferred ? { mixDeferred: true } : {};
  if (summary && prev && !mix.products && !mix.channels)
    return { customerId: summary.customerId, prevPurchase: prev, products: null, channels: null, ...noMix };
  const kinds: Record<string, 'f64' | 'string'> = { first_purchase: 'f64', last_purchase: 'f64' };
  if (!prev) kinds.prev_purchase = 'f64';
  if (!summary) kinds.customer_id = 'string';
  if (mix.products) kinds.products = 'f64';
  if (mix.channels) kinds.channels = 'f64';
  const sql = historySql(engine.dialect, { asOf, mix, netReturns: summary?.hasReturns, previousPurchase: !prev });
  const b = await engine.columns(sql, kinds);
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
    prevPurchase: prev ?? b.f64.prev_purchase!,
    products: b.f64.products ?? null,
    channels: b.f64.channels ?? null,
    ...noMix,
  };
}

/**
 * The segmentation with the product and channel mix read, for micro-segments: `seg` itself unless
 * it was made with `mix: false` (`history.mixDeferred`), else a copy whose history carries the mix
 * ({@link loadHistory} as of `seg.asOf`; everything else, the second-to-last purchase day included,
 * unchanged). `summary` is the one `seg` was made on (the same `customerId` array).
 * @throws InputError `history_mismatch` when `summary` is not the segmentation's, or the log changed
 * @example
 * const micro = microSegmentsOf(await withMix(engine, await analysis.segmentation(), summary));
 */
export async function withMix(engine: Engine, seg: Segmentation, summary: CustomerSummary): Promise<Segmentation> {
  if (!seg.history.mixDeferred) return seg;
  if (summary.customerId !== seg.customerId || summary.calibrationEnd !== seg.asOf)
    throw new InputError('history_mismatch', `withMix needs the summary the segmentation as of ${seg.asOf} was made on`, {
      asOf: seg.asOf,
    });
  const h = await loadHistory(engine, seg.asOf, summary);
  return {
    ...seg,
    history: { customerId: seg.history.customerId, prevPurchase: seg.history.prevPurchase, products: h.products, channels: h.channels },
  };
}

function sameValues(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
