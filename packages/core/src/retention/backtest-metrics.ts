/**
 * Metrics of a ranking backtest on typed arrays (pure): the event rate in the top share of a ranked
 * list (precision), its lift over the base rate, the gains curve, calibration by score bins and the
 * Brier score. Ties in the score are never broken arbitrarily: a tied group that straddles a cut-off
 * counts with the fraction of it that fits (the expected value over random orders of the ties).
 */

/** Indices ordered by score (ascending for 'lowest', descending for 'highest'); equal scores keep index order. */
export function rankOrder(score: Float64Array, direction: 'lowest' | 'highest'): Int32Array {
  const sign = direction === 'lowest' ? 1 : -1;
  return Int32Array.from({ length: score.length }, (_, i) => i).sort((a, b) => sign * (score[a]! - score[b]!) || a - b);
}

/** One point of a gains curve: the first `share` of the ranked list. */
export interface GainsPoint {
  share: number;
  /** Customers in the share (share × n, fractional when ties straddle the cut). */
  customers: number;
  /** Events among them (fractional likewise). */
  events: number;
  /** Events / customers: the precision of the list at this depth. */
  rate: number;
  /** rate / base rate. */
  lift: number;
  /** Events among them / all events. */
  captured: number;
}

/**
 * The gains curve of a ranking: for each share s, the event rate among the first s·n customers of
 * the list ordered by `score` (lowest first for a risk list ranked by a "will buy" score), with tied
 * groups split fractionally at the cut.
 * @param event - 1 where the event happened (e.g. "did not buy in the holdout"), else 0
 * @example
 * gainsCurve(Float64Array.of(1, 2, 3, 4), Uint8Array.of(1, 1, 0, 0), [0.5], 'lowest')[0]; // => { share: 0.5, customers: 2, events: 2, rate: 1, lift: 2, captured: 1 }
 */
export function gainsCurve(
  score: Float64Array,
  event: ArrayLike<number>,
  shares: readonly number[],
  direction: 'lowest' | 'highest',
  order = rankOrder(score, direction),
): GainsPoint[] {
  const n = score.length;
  let total = 0;
  for (let i = 0; i < n; i++) if (event[i]) total++;
  const base = n ? total / n : NaN;
  return shares.map((share) => {
    const want = share * n;
    let taken = 0,
      events = 0,
      k = 0;
    while (k < n && taken < want) {
      let j = k,
        groupEvents = 0;
      while (j < n && score[order[j]!] === score[order[k]!]) {
        if (event[order[j]!]) groupEvents++;
        j++;
      }
      const size = j - k;
      const f = Math.min(1, (want - taken) / size);
      taken += f * size;
      events += f * groupEvents;
      k = j;
    }
    const rate = taken > 0 ? events / taken : NaN;
    return { share, customers: taken, events, rate, lift: rate / base, captured: total ? events / total : NaN };
  });
}

/** One bin of a calibration table. */
export interface CalibrationBin {
  bin: number;
  customers: number;
  /** Mean predicted probability of the event. */
  predicted: number;
  /** Share with the event. */
  observed: number;
  /** Optional means of a predicted and an actual count (e.g. purchases). */
  predictedCount: number;
  actualCount: number;
}

/**
 * Calibration by equal-count bins of the predicted probability (lowest first; ties may fall on
 * either side of a bin edge, by index): mean prediction against the observed share, and optionally a
 * predicted against an actual count.
 * @example
 * calibrationBins(Float64Array.of(0.1, 0.9), Uint8Array.of(0, 1), 2).map((b) => b.observed); // => [0, 1]
 */
export function calibrationBins(
  predicted: Float64Array,
  event: ArrayLike<number>,
  bins = 10,
  counts?: { predicted: Float64Array; actual: Float64Array },
): CalibrationBin[] {
  const n = predicted.length;
  const order = rankOrder(predicted, 'lowest');
  const out: CalibrationBin[] = [];
  for (let b = 0; b < bins; b++) {
    const lo = Math.floor((b * n) / bins),
      hi = Math.floor(((b + 1) * n) / bins);
    let p = 0,
      y = 0,
      pc = 0,
      ac = 0;
    for (let k = lo; k < hi; k++) {
      const i = order[k]!;
      p += predicted[i]!;
      y += event[i] ? 1 : 0;
      if (counts) {
        pc += counts.predicted[i]!;
        ac += counts.actual[i]!;
      }
    }
    const m = hi - lo;
    if (m === 0) continue;
    out.push({
      bin: b + 1,
      customers: m,
      predicted: p / m,
      observed: y / m,
      predictedCount: counts ? pc / m : NaN,
      actualCount: counts ? ac / m : NaN,
    });
  }
  return out;
}

/**
 * Brier score of probability forecasts, mean (p − y)², and that of the constant base-rate forecast
 * ȳ(1 − ȳ) (Brier 1950): a useful forecast scores below the base rate's.
 * @example
 * brierScore(Float64Array.of(1, 0), Uint8Array.of(1, 0)); // => { brier: 0, baseline: 0.25 }
 */
export function brierScore(p: Float64Array, event: ArrayLike<number>): { brier: number; baseline: number } {
  const n = p.length;
  let s = 0,
    y = 0;
  for (let i = 0; i < n; i++) {
    const e = event[i] ? 1 : 0;
    s += (p[i]! - e) ** 2;
    y += e;
  }
  const m = y / n;
  return { brier: s / n, baseline: m * (1 - m) };
}
