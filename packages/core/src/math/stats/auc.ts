/** Area under the ROC curve with its DeLong standard error and a normal interval. */
export interface AucResult {
  /** P(score of a random positive > score of a random negative) + ½ P(tie): the Mann–Whitney statistic / (m·n). */
  auc: number;
  /** DeLong et al. (1988) standard error (structural components). */
  se: number;
  /** auc ∓ z·se, clipped to [0, 1]. */
  lower: number;
  upper: number;
  positives: number;
  negatives: number;
}

/** Midranks (1-based; ties share the mean of their ranks) of `v[idx[k]]`, written to `out[k]`. */
function midranks(v: Float64Array, idx: Int32Array, out: Float64Array): void {
  const n = idx.length;
  const order = Int32Array.from({ length: n }, (_, k) => k).sort((a, b) => v[idx[a]!]! - v[idx[b]!]!);
  let i = 0;
  while (i < n) {
    let j = i;
    const x = v[idx[order[i]!]!]!;
    while (j + 1 < n && v[idx[order[j + 1]!]!]! === x) j++;
    const r = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) out[order[k]!] = r;
    i = j + 1;
  }
}

/**
 * AUC of a score for a binary outcome, with the DeLong, DeLong & Clarke-Pearson (1988, Biometrics
 * 44(3)) variance and a normal interval. Higher scores should mean "positive"; ties count ½.
 *
 * ## Method
 * With m positives and n negatives, the structural components are V10ᵢ = (share of negatives below
 * positive i, ties ½) and V01ⱼ = (share of positives above negative j, ties ½); AUC = mean V10, and
 * Var(AUC) = S10/m + S01/n with S the sample variances of the components. Both come from midranks
 * (Sun & Xu 2014, IEEE Signal Processing Letters 21(11)): V10ᵢ = (Rᵢ − R⁺ᵢ)/n with Rᵢ the midrank of
 * positive i among all scores and R⁺ᵢ among the positives; likewise for the negatives. O(N log N).
 * Non-finite scores must be removed (or mapped) by the caller: NaN breaks the ordering.
 *
 * @param score - one score per case
 * @param positive - 1 (or any nonzero) for a positive case, 0 for a negative one
 * @param z - normal quantile of the interval (default 1.959964: 95%)
 * @returns AUC, SE and interval; NaN everywhere when either class is empty
 * @example
 * aucDeLong(Float64Array.of(0.9, 0.8, 0.3, 0.1), Uint8Array.of(1, 0, 1, 0)).auc; // => 0.75
 */
export function aucDeLong(score: Float64Array, positive: ArrayLike<number>, z = 1.959963984540054): AucResult {
  const N = score.length;
  let m = 0;
  for (let i = 0; i < N; i++) if (positive[i]) m++;
  const n = N - m;
  if (m === 0 || n === 0) return { auc: NaN, se: NaN, lower: NaN, upper: NaN, positives: m, negatives: n };
  const all = Int32Array.from({ length: N }, (_, i) => i);
  const pos = new Int32Array(m), neg = new Int32Array(n);
  for (let i = 0, a = 0, b = 0; i < N; i++) if (positive[i]) pos[a++] = i; else neg[b++] = i;
  const rAll = new Float64Array(N), rPos = new Float64Array(m), rNeg = new Float64Array(n);
  midranks(score, all, rAll);
  midranks(score, pos, rPos);
  midranks(score, neg, rNeg);
  const v10 = new Float64Array(m), v01 = new Float64Array(n);
  let auc = 0;
  for (let k = 0; k < m; k++) { v10[k] = (rAll[pos[k]!]! - rPos[k]!) / n; auc += v10[k]!; }
  auc /= m;
  for (let k = 0; k < n; k++) v01[k] = 1 - (rAll[neg[k]!]! - rNeg[k]!) / m;
  const variance = (v: Float64Array, mean: number): number => {
    if (v.length < 2) return 0;
    let s = 0;
    for (const x of v) s += (x - mean) * (x - mean);
    return s / (v.length - 1);
  };
  const se = Math.sqrt(variance(v10, auc) / m + variance(v01, auc) / n);
  return { auc, se, lower: Math.max(0, auc - z * se), upper: Math.min(1, auc + z * se), positives: m, negatives: n };
}
