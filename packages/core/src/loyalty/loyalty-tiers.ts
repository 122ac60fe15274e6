import type { LoyaltyProgram } from './loyalty-program.js';
import { tierOf } from './loyalty-program.js';
import { MS_PER_DAY } from '../summary/summary.js';

/** Purchase days grouped by customer: customer k's days are rows start[k] .. start[k+1]−1, ascending. */
export interface PurchaseDays {
  customerId: string[];
  start: Int32Array;
  /** Days since 1970-01-01. */
  day: Float64Array;
  /** Gross spend of the day (currency). */
  amount: Float64Array;
}

/** Groups rows ordered by customer id (as `purchaseDaysSql` returns them). */
export function groupPurchases(ids: readonly string[], day: Float64Array, amount: Float64Array): PurchaseDays {
  const customerId: string[] = [];
  const starts: number[] = [];
  for (let i = 0; i < ids.length; i++) {
    if (i === 0 || ids[i] !== ids[i - 1]) {
      customerId.push(ids[i]!);
      starts.push(i);
    }
  }
  starts.push(ids.length);
  return { customerId, start: Int32Array.from(starts), day, amount };
}

const DAY = MS_PER_DAY;

/** Month-end review days (days since 1970-01-01) from the month of `firstDay` through the last month end on or before `lastDay`. */
export function monthEndReviews(firstDay: number, lastDay: number): Float64Array {
  const out: number[] = [];
  const d = new Date(firstDay * DAY);
  let y = d.getUTCFullYear(),
    m = d.getUTCMonth();
  for (;;) {
    const end = Date.UTC(y, m + 1, 0) / DAY;
    if (end > lastDay) break;
    out.push(end);
    m++;
    if (m === 12) {
      m = 0;
      y++;
    }
  }
  return Float64Array.from(out);
}

/** Not yet a customer at a review (first purchase after it). */
export const NOT_YET = -2;
/** Below the lowest tier's minimum. */
export const NO_TIER = -1;

/**
 * Each customer's tier at each review: the qualifying measure is the gross spend of the purchase days
 * in the rolling window (review − windowDays, review] (times points per unit when the programme
 * qualifies on points); the tier is the one whose [min, max) holds it. Customers whose first purchase
 * is after a review get {@link NOT_YET}.
 *
 * ## Method
 * Per customer, two pointers move forward over the sorted purchase days as the reviews advance; the
 * window's sum is added up afresh from its first to its last day (no running subtraction, so no
 * rounding drift at a tier boundary). Cost O(customers × reviews × purchase days per window).
 *
 * @returns tier index per customer and review, row-major (customer k, review r at k·R + r), and the measure likewise
 * @example
 * tiersOverTime(groupPurchases(['a', 'a'], Float64Array.of(0, 40), Float64Array.of(300, 300)), Float64Array.of(30, 60), program).tier; // e.g. [0, 1]
 */
export function tiersOverTime(p: PurchaseDays, reviews: Float64Array, program: LoyaltyProgram): { tier: Int8Array; measure: Float64Array } {
  const C = p.customerId.length,
    R = reviews.length;
  const tier = new Int8Array(C * R),
    measure = new Float64Array(C * R);
  const scale = program.qualify === 'points' ? program.pointsPerUnit : 1;
  const W = program.windowDays;
  for (let k = 0; k < C; k++) {
    const s = p.start[k]!,
      e = p.start[k + 1]!;
    let lo = s,
      hi = s;
    for (let r = 0; r < R; r++) {
      const at = reviews[r]!;
      while (hi < e && p.day[hi]! <= at) hi++;
      while (lo < hi && p.day[lo]! <= at - W) lo++;
      const o = k * R + r;
      if (p.day[s]! > at) {
        tier[o] = NOT_YET;
        measure[o] = NaN;
        continue;
      }
      let sum = 0;
      for (let i = lo; i < hi; i++) sum += p.amount[i]!;
      measure[o] = sum * scale;
      tier[o] = tierOf(program.tiers, sum * scale);
    }
  }
  return { tier, measure };
}
