import type { CustomerDimension } from '../inputs/dimension.js';
import { LIFECYCLE_STAGES } from '../segments/lifecycle.js';
import type { Segmentation } from '../segments/segmentation.js';
import { dayToIso } from '../summary/summary.js';
import type { FeedbackDimension } from './feedback-types.js';

/** One dimension the feedback scores are broken down by: its rule in words and each response's level. */
export interface ResponseDimension {
  dimension: FeedbackDimension;
  label: string;
  rule: string;
  /** The level of response i (null: the customer has none, e.g. not segmented). */
  levelOf: (i: number) => string | null;
  /** Levels in display order (default: by first appearance). */
  order?: string[];
  /** Levels sorted as text (months, quarters). */
  chronological?: boolean;
}

/**
 * The dimensions of {@link feedbackReport}'s breakdowns, in display order: value tier, RFM segment,
 * lifecycle stage (as of `asOf`), survey channel (when the file has one), acquisition channel (when
 * known), acquisition cohort (quarter of the first purchase) and response month. Days are days since
 * 1970-01-01 (UTC).
 * @example
 * responseDimensions({ asOf, seg, segIndex, customerOf, channel, hasChannel: false, acquisitionChannel: null, firstPurchase, day })
 *   .map((d) => d.dimension); // => ['value_tier', 'rfm_segment', 'lifecycle_stage', 'cohort', 'month']
 */
export function responseDimensions(p: {
  asOf: string;
  seg: Segmentation;
  /** Per summary customer, its row in the segmentation (−1: none). */
  segIndex: Int32Array;
  /** Per response, its summary customer. */
  customerOf: Int32Array;
  channel: readonly string[];
  hasChannel: boolean;
  acquisitionChannel: CustomerDimension | null;
  firstPurchase: Float64Array;
  /** Per response, its day. */
  day: Float64Array;
}): ResponseDimension[] {
  const { asOf, seg, segIndex, customerOf, channel, hasChannel, firstPurchase, day } = p;
  const tierNames = seg.tiers.names;
  // each level is asked for once per response and breakdown, of a few hundred distinct days: one Date per day
  const quarter = perDay((d) => {
    const iso = dayToIso(d);
    return `${iso.slice(0, 4)}-Q${Math.floor((Number(iso.slice(5, 7)) - 1) / 3) + 1}`;
  });
  const month = perDay((d) => dayToIso(d).slice(0, 7));
  const dims: ResponseDimension[] = [
    {
      dimension: 'value_tier',
      label: 'Value tier',
      rule: `the customer's value tier as of ${asOf} (by ${seg.valueKind === 'clv' ? 'predicted CLV' : seg.valueKind === 'profit' ? 'profit' : 'historic net revenue'})`,
      levelOf: (i) => {
        const j = segIndex[customerOf[i]!]!;
        return j < 0 ? null : tierNames[seg.tiers.tier[j]!]!;
      },
      order: [...tierNames],
    },
    {
      dimension: 'rfm_segment',
      label: 'RFM segment',
      rule: `the customer's RFM segment as of ${asOf}`,
      levelOf: (i) => {
        const j = segIndex[customerOf[i]!]!;
        const k = j < 0 ? -1 : seg.rfm.segment[j]!;
        return k < 0 ? null : seg.rfm.segmentNames[k]!;
      },
      order: [...seg.rfm.segmentNames],
    },
    {
      dimension: 'lifecycle_stage',
      label: 'Lifecycle stage',
      rule: `the customer's lifecycle stage as of ${asOf}`,
      levelOf: (i) => {
        const j = segIndex[customerOf[i]!]!;
        return j < 0 ? null : LIFECYCLE_STAGES[seg.lifecycle.stage[j]!]!;
      },
      order: [...LIFECYCLE_STAGES],
    },
  ];
  if (hasChannel)
    dims.push({
      dimension: 'survey_channel',
      label: 'Survey channel',
      rule: 'the channel of the survey file (responses without one: "none")',
      levelOf: (i) => channel[i] || 'none',
    });
  const acq = p.acquisitionChannel;
  if (acq)
    dims.push({
      dimension: 'acquisition_channel',
      label: 'Acquisition channel',
      rule: acq.rule,
      levelOf: (i) => acq.values[customerOf[i]!]!,
      order: acq.levels,
    });
  dims.push(
    {
      dimension: 'cohort',
      label: 'Acquisition cohort',
      rule: "the quarter of the customer's first purchase",
      levelOf: (i) => quarter(firstPurchase[customerOf[i]!]!),
      chronological: true,
    },
    {
      dimension: 'month',
      label: 'Response month',
      rule: 'the month the response was given',
      levelOf: (i) => month(day[i]!),
      chronological: true,
    },
  );
  return dims;
}

/** `f` computed once per distinct day (a throw is not remembered: it throws again). */
function perDay(f: (day: number) => string): (day: number) => string {
  const seen = new Map<number, string>();
  return (d) => {
    let v = seen.get(d);
    if (v === undefined) seen.set(d, (v = f(d)));
    return v;
  };
}
