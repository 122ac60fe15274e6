import { kthLargest } from './kth-largest.js';

/**
 * Median of the finite values of an array (mean of the two middle values for an even count), in
 * O(n) by quickselect; NaN when there is no finite value.
 * @example medianOfFinite(Float64Array.of(3, Infinity, 1, 2)); // 2
 */
export function medianOfFinite(values: Float64Array): number {
  const finite = values.filter(Number.isFinite);
  const m = finite.length;
  if (m === 0) return Number.NaN;
  const hi = kthLargest(finite, Math.floor(m / 2) + 1);
  return m % 2 === 1 ? hi : (hi + kthLargest(finite, Math.floor(m / 2))) / 2;
}

/**
 * Median of a scratch array, reordered in place: quickselect in O(n), or a sort when it holds NaN,
 * in which case NaN counts as the largest value (so a segment whose feature is mostly missing shows
 * NaN rather than a median of the few known values). Mean of the two middle values for an even count.
 * @example medianInPlace(Float64Array.of(3, 1, 2, 10)); // 2.5
 */
export function medianInPlace(v: Float64Array): number {
  const n = v.length,
    h = n >> 1;
  let hasNaN = false;
  for (let i = 0; i < n; i++)
    if (Number.isNaN(v[i]!)) {
      hasNaN = true;
      break;
    }
  if (hasNaN) {
    v.sort();
    return n % 2 ? v[h]! : (v[h - 1]! + v[h]!) / 2;
  }
  const hi = kthLargest(v, n - h); // ascending index h
  return n % 2 ? hi : (kthLargest(v, n - h + 1) + hi) / 2; // ascending index h − 1
}
