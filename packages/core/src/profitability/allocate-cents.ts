import { kthLargest } from '../math/stats/kth-largest.js';

export interface CentAllocation {
  /** Whole cents given to each claimant (same order as the volumes). */
  cents: Float64Array;
  /** Cents of the share of `outsideVolume`, plus the whole pool when the total volume is zero. */
  unassignedCents: number;
}

/**
 * Splits a pool of whole cents over claimants in proportion to their driver volumes so that the
 * parts add up to the pool exactly (the largest-remainder, or Hamilton, method).
 *
 * ## Method
 * With V = Σ vᵢ + outsideVolume, each claimant's exact quota is qᵢ = P·vᵢ/V cents. Everyone first
 * gets ⌊qᵢ⌋; the D = P − Σ⌊qᵢ⌋ cents left (0 ≤ D < number of claimants) go one each to the D
 * largest remainders qᵢ − ⌊qᵢ⌋, ties to the earlier claimant (callers sort customers by id, so the
 * result is deterministic). Nobody is more than one cent from their exact quota, and Σ = P.
 * `outsideVolume` (volume that belongs to nobody on the list, e.g. activity of customers absent
 * from the log) is one more claimant whose cents are returned as `unassignedCents`. When V = 0
 * the rate is undefined and the whole pool is unassigned. The D-th largest remainder is found by
 * quickselect, so the cost is O(n).
 *
 * @param poolCents whole cents, ≥ 0
 * @param volumes driver volume per claimant, finite and ≥ 0
 * @param outsideVolume volume not attributable to a claimant, ≥ 0
 * @example
 * allocateCents(100, Float64Array.of(1, 1, 1)); // cents [34, 33, 33], unassignedCents 0
 */
export function allocateCents(poolCents: number, volumes: Float64Array, outsideVolume = 0): CentAllocation {
  const n = volumes.length;
  const cents = new Float64Array(n);
  let total = outsideVolume;
  for (let i = 0; i < n; i++) total += volumes[i]!;
  if (!(total > 0) || poolCents === 0) return { cents, unassignedCents: total > 0 ? 0 : poolCents };

  const m = n + (outsideVolume > 0 ? 1 : 0);
  const remainder = new Float64Array(m);
  const whole = new Float64Array(m);
  let given = 0;
  for (let i = 0; i < m; i++) {
    const q = (poolCents * (i < n ? volumes[i]! : outsideVolume)) / total;
    const f = Math.floor(q);
    whole[i] = f;
    remainder[i] = q - f;
    given += f;
  }
  let left = poolCents - given;
  if (left > 0) {
    const threshold = kthLargest(remainder.slice(), left);
    for (let i = 0; i < m && left > 0; i++) {
      if (remainder[i]! > threshold) {
        whole[i]! += 1;
        left--;
      }
    }
    for (let i = 0; i < m && left > 0; i++) {
      if (remainder[i]! === threshold && whole[i]! + remainder[i]! > 0) {
        whole[i]! += 1;
        left--;
      }
    }
  } else if (left < 0) {
    // Only reachable through floating-point rounding of a quota just below an integer: take the
    // surplus back from the smallest remainders among claimants that hold a cent.
    const order = Array.from({ length: m }, (_, i) => i)
      .filter((i) => whole[i]! >= 1)
      .sort((a, b) => remainder[a]! - remainder[b]! || a - b);
    for (const i of order) {
      if (left === 0) break;
      whole[i]! -= 1;
      left++;
    }
  }
  if (left !== 0) {
    // Pathological float case only: settle the last cents on the largest claimant.
    let best = 0;
    for (let i = 1; i < m; i++) if (whole[i]! + remainder[i]! > whole[best]! + remainder[best]!) best = i;
    whole[best]! += left;
  }
  cents.set(whole.subarray(0, n));
  return { cents, unassignedCents: m > n ? whole[n]! : 0 };
}

/**
 * Whole cents of an amount in currency units, rounded half away from zero after clearing the
 * binary noise of decimal amounts (12.345 is stored as 12.34499…, and gives 1235). The nudge is
 * 4 units in the last place (relative 2⁻⁵⁰), enough for the rounding of a decimal amount and of ×100,
 * and small enough not to move a large amount by a cent (1e11 stays 1e13 cents).
 * @example toCents(0.1 + 0.2); // 30
 */
export function toCents(amount: number): number {
  const c = Math.round(Math.abs(amount) * 100 * (1 + 2 ** -50));
  return amount < 0 ? -c : c;
}

/**
 * A per-unit money figure in whole cents: `cents / n` rounded half away from zero, in currency
 * (e.g. profit per customer, average order value), so a table, its CSV and its JSON all show the
 * same cents (a float like 0.745 printed to 2 decimals gives 0.74 or 0.75 depending on the printer).
 * @example centsPer(149, 2); // 0.75 (74.5 cents → 75)
 */
export function centsPer(cents: number, n: number): number {
  if (!(n > 0)) return Number.NaN;
  const c = Math.round(Math.abs(cents) / n);
  return (cents < 0 ? -c : c) / 100;
}

/**
 * The sum of an array of whole cents (exact while the total stays below 2⁵³ cents).
 * @example sumCents(Float64Array.of(34, 33, 33)); // 100
 */
export function sumCents(a: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]!;
  return s;
}

/**
 * Rounds each amount (currency) to whole cents, in place, half away from zero ({@link toCents}); returns the array.
 * @example toCentsInPlace(Float64Array.of(1.005, -2.5)); // Float64Array [101, -250]
 */
export function toCentsInPlace(a: Float64Array): Float64Array {
  for (let i = 0; i < a.length; i++) a[i] = toCents(a[i]!);
  return a;
}

/**
 * Cents → currency, in a new array (each value an exact number of cents up to the double rounding of /100).
 * @example fromCents(Float64Array.of(101, -250)); // Float64Array [1.01, -2.5]
 */
export function fromCents(cents: Float64Array): Float64Array {
  const out = new Float64Array(cents.length);
  for (let i = 0; i < cents.length; i++) out[i] = cents[i]! / 100;
  return out;
}
