import { selectOrder } from './select-order.js';

/**
 * The pLo- and pHi-quantiles (Hyndman & Fan definition 7, as quantileSorted) of `a[off … off + n − 1]`
 * in one partial sort, written to `out[0]` and `out[1]`. Reorders that slice. NaN when n = 0.
 *
 * ## Method
 * Type 7 interpolates between the order statistics i and i + 1, i = ⌊(n − 1)p⌋. One selection
 * ({@link selectOrder}) puts the (i + 1)-th in place with everything smaller before it, so the i-th is the
 * maximum of the i + 1 values before it; the upper quantile's selection then only scans the part after
 * that position, and its (i + 1)-th is the minimum of the few values after it. For a central interval
 * (pLo = 0.05, pHi = 0.95) the two scans cover about 10% of the slice and the second selection about
 * 90% of it, versus two full selections and two linear scans for two {@link quantileSelect} calls. The
 * values are exactly those of quantileSelect (same order statistics, same interpolation).
 *
 * @param a - values (the slice is reordered); no NaNs
 * @param off - start of the slice
 * @param n - its length
 * @param pLo - lower probability in [0, 1]
 * @param pHi - upper probability, pLo ≤ pHi ≤ 1
 * @param out - receives [lower quantile, upper quantile]
 * @example
 * const q = new Float64Array(2);
 * quantilePairSelect(Float64Array.of(4, 1, 3, 2, 5), 0, 5, 0.1, 0.9, q); // q => [1.4, 4.6]
 */
export function quantilePairSelect(a: Float64Array, off: number, n: number, pLo: number, pHi: number, out: Float64Array): void {
  if (!(n > 0)) { out[0] = NaN; out[1] = NaN; return; }
  const end = off + n - 1;
  const hl = (n - 1) * pLo, il = Math.floor(hl);
  const hh = (n - 1) * pHi, ih = Math.floor(hh);
  let start: number; // the upper order statistics lie at or after this position
  if (il + 1 < n && hl !== il) {
    const v1 = selectOrder(a, off, end, off + il + 1);
    let v0 = -Infinity;
    for (let j = off; j <= off + il; j++) if (a[j]! > v0) v0 = a[j]!;
    out[0] = v0 + (hl - il) * (v1 - v0);
    if (ih === il) { out[1] = v0 + (hh - ih) * (v1 - v0); return; }
    start = off + il + 1;
  } else {
    out[0] = selectOrder(a, off, end, off + il);
    start = off + il;
  }
  const v = selectOrder(a, start, end, off + ih);
  if (ih + 1 >= n || hh === ih) { out[1] = v; return; }
  let next = Infinity;
  for (let j = off + ih + 1; j <= end; j++) if (a[j]! < next) next = a[j]!;
  out[1] = v + (hh - ih) * (next - v);
}
