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
