/** A named RFM segment: a rectangle on the 5 × 5 grid of recency score × combined FM score. */
export interface RfmSegmentRule {
  name: string;
  /** Inclusive ranges on the 1–5 grid. */
  r: readonly [number, number];
  fm: readonly [number, number];
  meaning: string;
}

/**
 * The R × FM rule table, checked top to bottom (first match wins); together the rules cover all 25
 * cells exactly once. R is the recency score, FM = floor((F + M + 1) / 2), the mean of the frequency
 * and monetary scores rounded half up. Grid layout (rows R 5→1, columns FM 1→5):
 *
 * ```
 * R5  New            Potential loyalist Potential loyalist Champions      Champions
 * R4  Promising      Potential loyalist Loyal              Loyal          Champions
 * R3  About to sleep About to sleep     Need attention     Loyal          Loyal
 * R2  Hibernating    Hibernating        At risk            At risk        Can't lose them
 * R1  Lost           Lost               At risk            At risk        Can't lose them
 * ```
 * Adapted from the widely used 5 × 5 R × FM segment map (e.g. Putler's RFM guide); the cell
 * assignment here is cvm's own and is the documented contract.
 */
export const RFM_SEGMENT_RULES: readonly RfmSegmentRule[] = [
  { name: 'Champions', r: [5, 5], fm: [4, 5], meaning: 'bought recently, buy often and spend the most' },
  { name: 'Champions', r: [4, 4], fm: [5, 5], meaning: 'bought recently, buy often and spend the most' },
  { name: 'Loyal', r: [4, 4], fm: [3, 4], meaning: 'buy regularly and spend well; responsive to loyalty offers' },
  { name: 'Loyal', r: [3, 3], fm: [4, 5], meaning: 'buy regularly and spend well; responsive to loyalty offers' },
  { name: 'Potential loyalist', r: [5, 5], fm: [2, 3], meaning: 'recent customers with average frequency and spend' },
  { name: 'Potential loyalist', r: [4, 4], fm: [2, 2], meaning: 'recent customers with average frequency and spend' },
  { name: 'New', r: [5, 5], fm: [1, 1], meaning: 'bought most recently, but not often or much yet' },
  { name: 'Promising', r: [4, 4], fm: [1, 1], meaning: 'recent shoppers who have not spent much' },
  { name: 'Need attention', r: [3, 3], fm: [3, 3], meaning: 'above-average recency, frequency and spend; slipping' },
  { name: 'About to sleep', r: [3, 3], fm: [1, 2], meaning: 'below-average recency and value; will be lost without a nudge' },
  { name: "Can't lose them", r: [1, 2], fm: [5, 5], meaning: 'used to buy often and spend the most; have not returned for a long time' },
  { name: 'At risk', r: [1, 2], fm: [3, 4], meaning: 'spent well and bought often, but long ago' },
  { name: 'Hibernating', r: [2, 2], fm: [1, 2], meaning: 'last purchase long ago, low frequency and spend' },
  { name: 'Lost', r: [1, 1], fm: [1, 2], meaning: 'lowest recency, frequency and spend' },
];

/** The distinct segment names, best first (the order of first appearance in the rule table). */
export const RFM_SEGMENTS: readonly string[] = [...new Set(RFM_SEGMENT_RULES.map((r) => r.name))];

/**
 * Maps a score on a `bins`-point scale to the 1–5 grid by the centre of its bin:
 * `g = ceil((s − 0.5) · 5 / bins)`. Identity for 5 bins; for 3 bins 1, 2, 3 → 1, 3, 5; for 10 bins
 * 1–2 → 1, 3–4 → 2, …, 9–10 → 5. Score 0 (missing) stays 0.
 */
export function toGrid(score: number, bins: number): number {
  return score <= 0 ? 0 : Math.ceil(((score - 0.5) * 5) / bins);
}

/**
 * Names each customer's RFM segment from the rule table (index into {@link RFM_SEGMENTS}; −1 when a
 * score is missing).
 * @example
 * rfmSegmentIndex(Uint8Array.of(5), Uint8Array.of(4), Uint8Array.of(5), 5); // → [0] (Champions)
 */
export function rfmSegmentIndex(
  r: Uint8Array,
  f: Uint8Array,
  m: Uint8Array,
  bins: number,
  rules: readonly RfmSegmentRule[] = RFM_SEGMENT_RULES,
): Int8Array {
  const names = [...new Set(rules.map((x) => x.name))];
  // 6 × 6 lookup on the grid (0 = missing)
  const cell = new Int8Array(36).fill(-1);
  for (let rg = 1; rg <= 5; rg++) {
    for (let fm = 1; fm <= 5; fm++) {
      const rule = rules.find((x) => rg >= x.r[0] && rg <= x.r[1] && fm >= x.fm[0] && fm <= x.fm[1]);
      if (rule) cell[rg * 6 + fm] = names.indexOf(rule.name);
    }
  }
  const out = new Int8Array(r.length);
  for (let i = 0; i < r.length; i++) {
    const rg = toGrid(r[i]!, bins);
    const fg = toGrid(f[i]!, bins),
      mg = toGrid(m[i]!, bins);
    out[i] = rg === 0 || fg === 0 || mg === 0 ? -1 : cell[rg * 6 + ((fg + mg + 1) >> 1)]!;
  }
  return out;
}
