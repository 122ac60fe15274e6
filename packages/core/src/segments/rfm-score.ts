/** One score's band: the values that receive it. */
export interface ScoreBand {
  score: number;
  /** Customers with this score. */
  count: number;
  /**
   * The inclusive bound on the "good" side of the band's entry: for higher-is-better columns the
   * smallest value that earns at least this score; for lower-is-better columns (recency) the largest.
   * `null` for score 1 (everything qualifies) and for a score no value reaches.
   */
  threshold: number | null;
  /** Smallest and largest value in the band; null when the band is empty. */
  min: number | null;
  max: number | null;
}

export interface ScoreOptions {
  /** Number of scores, 3–10 (default 5). */
  bins?: number;
  /** true (default) when larger values are better (frequency, monetary); false for recency in days. */
  higherIsBetter?: boolean;
  /**
   * Custom thresholds instead of percentile ranks: `bins − 1` ascending values, inclusive on the
   * good side. Higher-is-better: score = 1 + #{t ≤ x}. Lower-is-better: score = 1 + #{t ≥ x}
   * (e.g. recency thresholds [30, 90, 180, 365] days: ≤ 30 days → 5, 31–90 → 4, …, > 365 → 1).
   */
  thresholds?: readonly number[];
}

export interface ScoreResult {
  scores: Uint8Array;
  bins: number;
  method: 'percentile' | 'thresholds';
  bands: ScoreBand[];
}

/**
 * Scores a column 1..bins by percentile rank, or by custom thresholds.
 *
 * ## Rule (ties)
 * Percentile scores use the lower percentile rank: with `L(x)` the number of customers whose value
 * is strictly worse than `x` and `n` the number of customers, `score(x) = 1 + floor(bins · L(x) / n)`.
 * Equal values therefore always get equal scores; when many customers tie (e.g. one-time buyers on
 * frequency) their whole group gets the score of its lowest member and the next bins may be empty,
 * so bins can be uneven. All customers equal → everyone scores 1. The rule is computed as thresholds
 * (the first value past the `ceil((s−1)·n/bins)`-th worst), then applied with the same comparison as
 * custom thresholds, so the reported thresholds are exactly what was applied. NaN values score 0.
 *
 * @param values - the column (any unit; recency in days with `higherIsBetter: false`)
 * @throws RangeError when `bins` is outside 3–10 or thresholds are not `bins − 1` ascending numbers
 * @example
 * scoreColumn(Float64Array.of(1, 2, 2, 3, 5), { bins: 5 }).scores; // → [1, 2, 2, 4, 5]
 */
export function scoreColumn(values: Float64Array, options: ScoreOptions = {}): ScoreResult {
  const bins = options.bins ?? 5;
  if (!Number.isInteger(bins) || bins < 3 || bins > 10) throw new RangeError(`bins must be an integer from 3 to 10; got ${bins}`);
  const up = options.higherIsBetter ?? true;
  let thresholds: number[];
  let method: ScoreResult['method'];
  if (options.thresholds) {
    const t = options.thresholds;
    if (t.length !== bins - 1 || t.some((v, i) => !Number.isFinite(v) || (i > 0 && v <= t[i - 1]!))) {
      throw new RangeError(`thresholds must be ${bins - 1} strictly ascending numbers for ${bins} bins; got [${t.join(', ')}]`);
    }
    thresholds = up ? [...t] : [...t].reverse();
    method = 'thresholds';
  } else {
    thresholds = percentileThresholds(values, bins, up);
    method = 'percentile';
  }
  const scores = applyThresholds(values, thresholds, up);
  return { scores, bins, method, bands: bandsOf(values, scores, bins, thresholds) };
}

/**
 * Thresholds for scores 2..bins (index s−2), ordered from score 2 upward, inclusive on the good
 * side; NaN for a score no value reaches.
 */
function percentileThresholds(values: Float64Array, bins: number, up: boolean): number[] {
  const sorted = worstFirst(values, up);
  const n = sorted.length;
  const out: number[] = [];
  for (let s = 2; s <= bins; s++) {
    const k = Math.ceil(((s - 1) * n) / bins); // need L(x) ≥ k, i.e. x strictly better than sorted[k−1]
    if (k === 0 || k > n) {
      out.push(Number.NaN);
      continue;
    }
    const pivot = sorted[k - 1]!;
    let j = k;
    while (j < n && sorted[j] === pivot) j++; // upper bound of the tie group
    out.push(j < n ? sorted[j]! : Number.NaN);
  }
  return out;
}

function worstFirst(values: Float64Array, up: boolean): Float64Array {
  let m = 0;
  const finite = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i]!)) finite[m++] = values[i]!;
  const sorted = finite.subarray(0, m).sort();
  return up ? sorted : sorted.reverse();
}

function applyThresholds(values: Float64Array, t: number[], up: boolean): Uint8Array {
  const scores = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const x = values[i]!;
    if (Number.isNaN(x)) continue;
    let s = 1;
    for (let j = 0; j < t.length; j++) if (up ? t[j]! <= x : t[j]! >= x) s = j + 2; // NaN thresholds never match
    scores[i] = s;
  }
  return scores;
}

function bandsOf(values: Float64Array, scores: Uint8Array, bins: number, t: number[]): ScoreBand[] {
  const count = new Float64Array(bins + 1);
  const min = new Float64Array(bins + 1).fill(Infinity);
  const max = new Float64Array(bins + 1).fill(-Infinity);
  for (let i = 0; i < values.length; i++) {
    const s = scores[i]!;
    if (s === 0) continue;
    count[s]!++;
    if (values[i]! < min[s]!) min[s] = values[i]!;
    if (values[i]! > max[s]!) max[s] = values[i]!;
  }
  const bands: ScoreBand[] = [];
  for (let s = 1; s <= bins; s++) {
    const th = s === 1 ? Number.NaN : t[s - 2]!;
    bands.push({
      score: s,
      count: count[s]!,
      threshold: Number.isNaN(th) ? null : th,
      min: count[s] ? min[s]! : null,
      max: count[s] ? max[s]! : null,
    });
  }
  return bands;
}
