import { rfmSegmentIndex, RFM_SEGMENT_RULES, type RfmSegmentRule } from './rfm-segments.js';
import { scoreColumn, type ScoreBand } from './rfm-score.js';

/** The three RFM inputs, one entry per customer. */
export interface RfmInputs {
  /** Days since the last purchase, as of the snapshot day (0 = bought that day). */
  recencyDays: Float64Array;
  /** Purchase days (same-day purchases merged), i.e. summary frequency + 1. */
  purchaseDays: Float64Array;
  /** Historic net revenue (purchases − returns), in the log's currency. */
  monetary: Float64Array;
}

export interface RfmOptions {
  /** Scores per dimension, 3–10 (default 5). */
  bins?: number;
  /** Custom thresholds per dimension (`bins − 1` ascending values; see {@link scoreColumn}). */
  thresholds?: { recency?: readonly number[]; frequency?: readonly number[]; monetary?: readonly number[] };
  /** Segment rule table (default {@link RFM_SEGMENT_RULES}). */
  rules?: readonly RfmSegmentRule[];
}

export interface RfmResult {
  bins: number;
  r: Uint8Array;
  f: Uint8Array;
  m: Uint8Array;
  /** Index into `segmentNames` per customer (−1 when a score is missing). */
  segment: Int8Array;
  segmentNames: string[];
  rules: readonly RfmSegmentRule[];
  /** Bands per dimension with units: recency in days (lower is better), frequency in purchase days, monetary in currency. */
  cutPoints: { recency: ScoreBand[]; frequency: ScoreBand[]; monetary: ScoreBand[] };
  methods: { recency: string; frequency: string; monetary: string };
}

/**
 * RFM scores and named segments. R scores days since the last purchase (fewer days = higher score),
 * F the number of purchase days, M historic net revenue; each by lower percentile rank with equal
 * values sharing a score ({@link scoreColumn}), or by custom thresholds. Segments come from the
 * R × FM grid rule table ({@link RFM_SEGMENT_RULES}).
 *
 * @throws RangeError for bins outside 3–10 or malformed thresholds (validate at the API boundary)
 * @example
 * const res = computeRfm({ recencyDays: Float64Array.of(3), purchaseDays: Float64Array.of(1), monetary: Float64Array.of(20) });
 * res.r[0]; // → 1 (one customer: no one is strictly worse, so every score is 1)
 */
export function computeRfm(inputs: RfmInputs, options: RfmOptions = {}): RfmResult {
  const bins = options.bins ?? 5;
  const th = options.thresholds ?? {};
  const R = scoreColumn(inputs.recencyDays, { bins, higherIsBetter: false, thresholds: th.recency });
  const F = scoreColumn(inputs.purchaseDays, { bins, thresholds: th.frequency });
  const M = scoreColumn(inputs.monetary, { bins, thresholds: th.monetary });
  const rules = options.rules ?? RFM_SEGMENT_RULES;
  return {
    bins,
    r: R.scores,
    f: F.scores,
    m: M.scores,
    segment: rfmSegmentIndex(R.scores, F.scores, M.scores, bins, rules),
    segmentNames: [...new Set(rules.map((x) => x.name))],
    rules,
    cutPoints: { recency: R.bands, frequency: F.bands, monetary: M.bands },
    methods: { recency: R.method, frequency: F.method, monetary: M.method },
  };
}
