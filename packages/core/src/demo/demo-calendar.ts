import { MS_PER_DAY } from '../summary/summary.js';
// Calendar and seed helpers of the demo generator.

/** Months of the demo as [first day index, days] from the start. */
export function monthDays(start: string, months: number): { first: number[]; days: number[]; label: string[] } {
  const t0 = Date.parse(`${start}T00:00:00Z`);
  const y0 = new Date(t0).getUTCFullYear(),
    m0 = new Date(t0).getUTCMonth();
  const first: number[] = [],
    days: number[] = [],
    label: string[] = [];
  for (let m = 0; m < months; m++) {
    const a = Date.UTC(y0, m0 + m, 1),
      b = Date.UTC(y0, m0 + m + 1, 1);
    first.push(Math.round((a - t0) / MS_PER_DAY));
    days.push(Math.round((b - a) / MS_PER_DAY));
    label.push(new Date(a).toISOString().slice(0, 7));
  }
  return { first, days, label };
}

/** Acquisition weight of month m: linear growth to twice the start rate, with a holiday season. */
export function acquisitionWeights(months: number, startMonth: number): Float64Array {
  const season = [0.85, 0.95, 1, 1, 1, 0.95, 0.9, 0.95, 1.05, 1.1, 1.25, 1.35];
  return Float64Array.from({ length: months }, (_, m) => (1 + m / Math.max(1, months - 1)) * season[(startMonth + m) % 12]!);
}

/** A 32-bit mix of a seed and a stream number, so that the generator's streams are unrelated. */
export function streamSeed(seed: number, stream: number): number {
  let h = (Math.imul(seed | 0, 0x9e3779b1) ^ Math.imul(stream + 1, 0x85ebca6b)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
