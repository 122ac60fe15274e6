/**
 * The k-th largest value (k = 1 is the maximum) of a Float64Array, in expected O(n) time by
 * iterative quickselect (Hoare, "Algorithm 65: FIND", CACM 1961) with a median-of-three pivot.
 * Reorders `work` in place: pass a copy when the order matters. Returns NaN when k is outside
 * 1..length. Values must not be NaN.
 *
 * @example
 * kthLargest(Float64Array.of(0.2, 0.9, 0.5), 2); // 0.5
 */
export function kthLargest(work: Float64Array, k: number): number {
  const n = work.length;
  if (!(k >= 1 && k <= n)) return Number.NaN;
  const target = n - k; // index of the answer in ascending order
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const a = work[lo]!,
      b = work[mid]!,
      c = work[hi]!;
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (work[i]! < pivot) i++;
      while (work[j]! > pivot) j--;
      if (i <= j) {
        const t = work[i]!;
        work[i] = work[j]!;
        work[j] = t;
        i++;
        j--;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else return work[target]!;
  }
  return work[target]!;
}
