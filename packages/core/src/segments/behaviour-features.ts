import { microSegments, type MicroFeature, type MicroOptions, type MicroResult } from './micro-segments.js';
import type { Segmentation } from './segmentation.js';
import { InputError } from '../errors.js';

/**
 * The behaviour features micro-segments cluster on, from a segmentation: purchase days, recency
 * ratio (days since last purchase / the customer's rhythm), net spend per purchase day, predicted
 * CLV (when the value column is CLV), and distinct products and channels (when the log has them).
 * Counts and money are clustered on log(1 + x).
 * @throws InputError `mix_not_read` when `seg` was made without the mix (`withMix` reads it)
 */
export function behaviourFeatures(seg: Segmentation): MicroFeature[] {
  if (seg.history.mixDeferred)
    throw new InputError(
      'mix_not_read',
      `The segmentation as of ${seg.asOf} was made without the product and channel mix; read it with withMix(engine, seg, summary) before micro-segments`,
      { asOf: seg.asOf },
    );
  const n = seg.length;
  const ratio = new Float64Array(n),
    spend = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    ratio[i] = seg.recencyDays[i]! / Math.max(seg.lifecycle.rhythmDays[i]!, 1);
    spend[i] = seg.purchaseDays[i]! > 0 ? seg.monetary[i]! / seg.purchaseDays[i]! : 0;
  }
  const out: MicroFeature[] = [
    { name: 'purchase days', unit: 'days with a purchase', values: seg.purchaseDays, log: true },
    { name: 'recency ratio', unit: '× own rhythm since last purchase', values: ratio, log: true },
    { name: 'spend per purchase day', unit: 'currency', values: spend, log: true },
  ];
  if (seg.valueKind === 'clv') out.push({ name: 'predicted CLV', unit: 'currency', values: seg.value, log: true });
  if (seg.history.products) out.push({ name: 'products', unit: 'distinct products', values: seg.history.products, log: true });
  if (seg.history.channels) out.push({ name: 'channels', unit: 'distinct channels', values: seg.history.channels, log: false });
  return out;
}

/**
 * Micro-segments of a segmentation: {@link microSegments} on {@link behaviourFeatures} within its
 * lifecycle stages, valued by its value column.
 * @example
 * const micro = microSegmentsOf(await segmentAsOf(engine), { seed: 42 });
 * micro.segments[0].description; // e.g. "high purchase days (median 7 days with a purchase), …"
 */
export function microSegmentsOf(seg: Segmentation, options: MicroOptions = {}): MicroResult {
  return microSegments(behaviourFeatures(seg), seg.lifecycle.stage, seg.stageNames, seg.value, options);
}
