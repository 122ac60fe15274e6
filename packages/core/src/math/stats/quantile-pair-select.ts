import { selectOrder } from './select-order.js';

/**
 * The pLo- and pHi-quantiles (Hyndman & Fan definition 7, as quantileSorted) of `a[off … off + n − 1]`
 * in one partial sort, written to `out[0]` and `out[1]`. Reorders that slice. NaN when n = 0.
 *
 * ## Method
 * When both tails are short (at most 32 order statistics from either end, e.g. a 90% interval of up to
 * ~600 values), one pass keeps the smallest and the largest values seen in two small sorted buffers
 * (insertion; for values in random order only O(c log(n/c)) insertions happen) and leaves the slice as
 * it is. Otherwise, type 7 interpolates between the order statistics i and i + 1, i = ⌊(n − 1)p⌋. One selection
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
  if (!(n > 0)) {
    out[0] = NaN;
    out[1] = NaN;
    return;
  }
  const end = off + n - 1;
  const hl = (n - 1) * pLo,
    il = Math.floor(hl);
  const hh = (n - 1) * pHi,
    ih = Math.floor(hh);
  if (il + 2 <= TAIL && n - ih <= TAIL) {
    tails(a, off, n, Math.min(n, il + 2), n - ih);
    out[0] = il + 1 >= n || hl === il ? LOW[il]! : LOW[il]! + (hl - il) * (LOW[il + 1]! - LOW[il]!);
    const v = HIGH[n - 1 - ih]!;
    out[1] = ih + 1 >= n || hh === ih ? v : v + (hh - ih) * (HIGH[n - 2 - ih]! - v);
    return;
  }
  let start: number; // the upper order statistics lie at or after this position
  if (il + 1 < n && hl !== il) {
    const v1 = selectOrder(a, off, end, off + il + 1);
    let v0 = -Infinity;
    for (let j = off; j <= off + il; j++) if (a[j]! > v0) v0 = a[j]!;
    out[0] = v0 + (hl - il) * (v1 - v0);
    if (ih === il) {
      out[1] = v0 + (hh - ih) * (v1 - v0);
      return;
    }
    start = off + il + 1;
  } else {
    out[0] = selectOrder(a, off, end, off + il);
    start = off + il;
  }
  const v = selectOrder(a, start, end, off + ih);
  if (ih + 1 >= n || hh === ih) {
    out[1] = v;
    return;
  }
  let next = Infinity;
  for (let j = off + ih + 1; j <= end; j++) if (a[j]! < next) next = a[j]!;
  out[1] = v + (hh - ih) * (next - v);
}

const TAIL = 32;
const LOW = new Float64Array(TAIL),
  HIGH = new Float64Array(TAIL);

/** The cL smallest values of the slice into LOW (ascending) and the cH largest into HIGH (descending), by insertion. */
function tails(a: Float64Array, off: number, n: number, cL: number, cH: number): void {
  LOW.fill(Infinity, 0, cL);
  HIGH.fill(-Infinity, 0, cH);
  const lastL = cL - 1,
    lastH = cH - 1;
  for (let j = off; j < off + n; j++) {
    const v = a[j]!;
    if (v < LOW[lastL]!) {
      let k = lastL;
      while (k > 0 && LOW[k - 1]! > v) {
        LOW[k] = LOW[k - 1]!;
        k--;
      }
      LOW[k] = v;
    }
    if (v > HIGH[lastH]!) {
      let k = lastH;
      while (k > 0 && HIGH[k - 1]! < v) {
        HIGH[k] = HIGH[k - 1]!;
        k--;
      }
      HIGH[k] = v;
    }
  }
}
