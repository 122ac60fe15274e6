/**
 * Quantile of ascending-sorted values by linear interpolation between order statistics (Hyndman &
 * Fan 1996, definition 7, the default of R and NumPy): h = (n − 1)p, value = x⌊h⌋ + (h − ⌊h⌋)(x⌊h⌋₊₁ − x⌊h⌋).
 * Reads `sorted[offset … offset + n − 1]`. NaN when n = 0 or p is outside [0, 1]. Never throws.
 *
 * @param sorted - values sorted ascending (only the slice is read)
 * @param p - probability in [0, 1]
 * @param offset - start of the slice (default 0)
 * @param n - length of the slice (default the rest of the array)
 * @returns the p-quantile
 * @example
 * quantileSorted(Float64Array.of(1, 2, 3, 4), 0.5); // => 2.5
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number, offset = 0, n = sorted.length - offset): number {
  if (!(n > 0) || !(p >= 0 && p <= 1)) return NaN;
  const h = (n - 1) * p;
  const i = Math.floor(h);
  const a = sorted[offset + i]!;
  return i + 1 < n ? a + (h - i) * (sorted[offset + i + 1]! - a) : a;
}
