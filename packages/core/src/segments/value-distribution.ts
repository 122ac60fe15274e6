/**
 * The distribution of a value over customers: a Lorenz-style concentration curve (share of the total
 * held by the top share of customers) and a histogram. Pure, on typed arrays; NaN counts as 0.
 */

/**
 * Cumulative share of the total value held by the most valuable customers, at about `points`
 * evenly spaced customer shares (always ending at 1). Starts at (0, 0).
 * @example
 * concentrationCurve(Float64Array.of(5, 3, 2), 3); // → [{0,0}, {1/3, 0.5}, {2/3, 0.8}, {1, 1}]
 */
export function concentrationCurve(values: Float64Array, points = 200): { customerShare: number; valueShare: number }[] {
  const desc = Float64Array.from(values, (v) => (Number.isNaN(v) ? 0 : v))
    .sort()
    .reverse();
  const n = desc.length;
  const out = [{ customerShare: 0, valueShare: 0 }];
  if (n === 0) return out;
  let total = 0;
  for (const v of desc) total += v;
  const step = Math.max(1, Math.floor(n / points));
  let run = 0;
  for (let i = 0; i < n; i++) {
    run += desc[i]!;
    const r = i + 1;
    if (r % step === 0 || r === n) out.push({ customerShare: r / n, valueShare: total !== 0 ? run / total : 0 });
  }
  return out;
}

/**
 * A histogram in `bins` equal bins from 0 to the 99th percentile (the last bin also holds everything
 * above it; negative values fall in the first bin).
 * @example
 * histogram(Float64Array.of(1, 2, 3, 4), 2); // → [{ lo: 0, hi: …, customers: … }, …]
 */
export function histogram(values: Float64Array, bins = 20): { lo: number; hi: number; customers: number }[] {
  const sorted = Float64Array.from(values, (v) => (Number.isNaN(v) ? 0 : v)).sort();
  const n = sorted.length;
  if (n === 0) return [];
  const top = sorted[Math.min(n - 1, Math.floor(0.99 * (n - 1)))]!;
  if (!(top > 0)) return [{ lo: sorted[0]!, hi: sorted[n - 1]!, customers: n }];
  const w = top / bins;
  const counts = new Array<number>(bins).fill(0);
  for (const v of sorted) counts[Math.min(bins - 1, Math.max(0, Math.floor(v / w)))]!++;
  return counts.map((customers, k) => ({ lo: k * w, hi: k === bins - 1 ? sorted[n - 1]! : (k + 1) * w, customers }));
}
