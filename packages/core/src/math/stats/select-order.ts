/**
 * Rearranges `a[lo … hi]` so that `a[k]` holds the value it would have in ascending order, with
 * smaller-or-equal values before it and larger-or-equal after (Hoare's selection, "quickselect", with
 * median-of-three pivots; Hoare 1961, Algorithm 65 FIND). Expected O(hi − lo). NaNs are not supported.
 *
 * @param a - values (modified in place)
 * @param lo - first index of the range
 * @param hi - last index of the range (inclusive)
 * @param k - the order statistic wanted, lo ≤ k ≤ hi
 * @returns a[k] after the rearrangement
 * @example
 * selectOrder(Float64Array.of(5, 1, 4, 2, 3), 0, 4, 1); // => 2
 */
export function selectOrder(a: Float64Array, lo: number, hi: number, k: number): number {
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    // median of three into a[mid]
    if (a[mid]! < a[lo]!) swap(a, mid, lo);
    if (a[hi]! < a[lo]!) swap(a, hi, lo);
    if (a[hi]! < a[mid]!) swap(a, hi, mid);
    const pivot = a[mid]!;
    let i = lo,
      j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        swap(a, i, j);
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k]!;
  }
  return a[k]!;
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i]!;
  a[i] = a[j]!;
  a[j] = t;
}

/**
 * The p-quantile (Hyndman & Fan definition 7, as quantileSorted) of `a[off … off + n − 1]` without a
 * full sort: two selections ({@link selectOrder}). Reorders that slice. NaN when n = 0.
 *
 * @param a - values (the slice is reordered)
 * @param off - start of the slice
 * @param n - its length
 * @param p - probability in [0, 1]
 * @returns the quantile
 * @example
 * quantileSelect(Float64Array.of(4, 1, 3, 2), 0, 4, 0.5); // => 2.5
 */
export function quantileSelect(a: Float64Array, off: number, n: number, p: number): number {
  if (!(n > 0)) return NaN;
  const h = (n - 1) * p;
  const i = Math.floor(h);
  const v = selectOrder(a, off, off + n - 1, off + i);
  if (i + 1 >= n || h === i) return v;
  let next = Infinity;
  for (let j = off + i + 1; j < off + n; j++) if (a[j]! < next) next = a[j]!;
  return v + (h - i) * (next - v);
}
