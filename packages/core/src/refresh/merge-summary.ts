import type { CustomerSummary } from '../summary/summary.js';
import { DAYS_PER_PERIOD, isoToDay } from '../summary/summary.js';
import { compareCustomerIds } from './customer-order.js';

/** The summary's per-customer numeric columns (every one but the id). */
const NUMERIC = [
  'frequency',
  'recency',
  'T',
  'monetaryValue',
  'firstPurchase',
  'lastPurchase',
  'transactions',
  'totalRevenue',
  'returns',
  'returnsValue',
  'netRevenue',
] as const;

/**
 * Where each row of a merged summary comes from: `source[i] >= 0` is row `source[i]` of the previous
 * summary, `source[i] < 0` is row `-source[i] - 1` of the refreshed rows.
 */
export interface SummaryMerge {
  summary: CustomerSummary;
  source: Int32Array;
  /** Touched customers new to the summary, and those who left it (every purchase cancelled). */
  added: number;
  removed: number;
}

/**
 * Merges the refreshed summary rows of the customers a batch touched into the previous summary:
 * every touched customer's old row is dropped, the refreshed rows are inserted in the summary's
 * customer order ({@link compareCustomerIds}), and a touched customer without a refreshed row (all
 * purchases cancelled) is gone. When the calibration end moved, every untouched customer's age `T`
 * is measured to the new end (T = end − first purchase, in periods, as the SQL computes it).
 *
 * ## Method
 * Each touched customer's old row and each refreshed row's place are found in the previous order by
 * binary search (k log n comparisons, no hashing of the n ids), then every column is copied once:
 * O(n + k log n).
 * @param touched - the ids of every customer the batch touched (a superset of `fresh`'s ids)
 * @example
 * const { summary } = mergeSummary(previous, fresh, new Set(['17', '99999']));
 */
export function mergeSummary(prev: CustomerSummary, fresh: CustomerSummary, touched: ReadonlySet<string>): SummaryMerge {
  const ids = prev.customerId;
  /** First row of the previous summary whose id is not before `id` (binary search in the summary's order). */
  const lowerBound = (id: string): number => {
    let a = 0,
      b = ids.length;
    while (a < b) {
      const m = (a + b) >>> 1;
      if (compareCustomerIds(ids[m]!, id) < 0) a = m + 1;
      else b = m;
    }
    return a;
  };
  const dropped: number[] = [];
  for (const id of touched) {
    const at = lowerBound(id);
    if (at < ids.length && ids[at] === id) dropped.push(at);
  }
  dropped.sort((a, b) => a - b);
  const inserted = Int32Array.from(fresh.customerId, lowerBound); // fresh rows are already in order
  const n = prev.length - dropped.length + fresh.length;
  const source = new Int32Array(n);
  let o = 0,
    from = 0,
    d = 0;
  const copyTo = (end: number): void => {
    for (; from < end; from++) {
      if (d < dropped.length && dropped[d] === from) {
        d++;
        continue;
      }
      source[o++] = from;
    }
  };
  for (let j = 0; j < fresh.length; j++) {
    copyTo(inserted[j]!);
    source[o++] = -j - 1;
  }
  copyTo(prev.length);
  const pick = (from: Float64Array, to: Float64Array): Float64Array => {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const s = source[i]!;
      out[i] = s >= 0 ? from[s]! : to[-s - 1]!;
    }
    return out;
  };
  const cols = {} as Record<(typeof NUMERIC)[number], Float64Array>;
  for (const c of NUMERIC) cols[c] = pick(prev[c], fresh[c]);
  if (prev.calibrationEnd !== fresh.calibrationEnd) {
    const end = isoToDay(fresh.calibrationEnd);
    const per = DAYS_PER_PERIOD[fresh.period];
    for (let i = 0; i < n; i++)
      if (source[i]! >= 0) cols.T[i] = per === 1 ? end - cols.firstPurchase[i]! : (end - cols.firstPurchase[i]!) / per;
  }
  const customerId = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    const s = source[i]!;
    customerId[i] = s >= 0 ? prev.customerId[s]! : fresh.customerId[-s - 1]!;
  }
  const holdout = prev.frequencyHoldout !== null && fresh.frequencyHoldout !== null;
  const before = new Set<string>(dropped.map((i) => ids[i]!));
  let added = 0;
  for (const id of fresh.customerId) if (!before.delete(id)) added++;
  return {
    summary: {
      period: fresh.period,
      calibrationEnd: fresh.calibrationEnd,
      holdoutEnd: fresh.holdoutEnd,
      length: n,
      customerId,
      ...cols,
      frequencyHoldout: holdout ? pick(prev.frequencyHoldout!, fresh.frequencyHoldout!) : null,
      monetaryValueHoldout: holdout ? pick(prev.monetaryValueHoldout!, fresh.monetaryValueHoldout!) : null,
      durationHoldout: fresh.durationHoldout ?? prev.durationHoldout,
      hasReturns: prev.hasReturns || fresh.hasReturns,
    },
    source,
    added,
    removed: before.size,
  };
}
