import { toCents } from './allocate-cents.js';

export interface WhaleCurve {
  customers: number;
  /** Σ profit, currency. */
  totalProfit: number;
  /** Highest cumulative profit when customers are added from most to least profitable, currency. */
  peakProfit: number;
  /** Customers up to the peak (all the profitable ones), and their share of all customers. */
  peakCustomers: number;
  peakCustomerShare: number;
  /** Peak height as a percentage of total profit (e.g. 150 %); NaN when total profit ≤ 0. */
  peakPctOfTotal: number;
  /** Customers with profit < 0, their share, and the profit they destroy (a positive amount). */
  unprofitableCustomers: number;
  unprofitableShare: number;
  profitDestroyed: number;
  /** The curve sampled at `points + 1` evenly spaced customer shares (0 … 1). */
  curve: { customerShare: number; customers: number; cumulativeProfit: number; pctOfTotal: number }[];
}

/**
 * The whale curve (Kaplan & Cooper 1998, "Cost & Effect", ch. 10): cumulative profit against
 * customers ranked from most to least profitable. It rises to a peak (typically 150–300 % of
 * total profit) and falls back to the total as the unprofitable customers destroy profit.
 * Amounts are summed in whole cents, so the end point equals Σ profit exactly.
 *
 * @param profit per-customer profit, currency
 * @param points curve samples (default 100: one per percentile of customers)
 * @example
 * whaleCurve(Float64Array.of(60, -20, 10)); // total 50, peak 70 (140 %), 1 unprofitable destroying 20
 */
export function whaleCurve(profit: Float64Array, points = 100): WhaleCurve {
  const n = profit.length;
  const cents = Float64Array.from(profit, toCents).sort().reverse();
  let cum = 0,
    peak = 0,
    peakAt = 0,
    destroyed = 0,
    unprofitable = 0;
  const cumulative = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) {
    cum += cents[i]!;
    cumulative[i + 1] = cum;
    if (cum > peak) {
      peak = cum;
      peakAt = i + 1;
    }
    if (cents[i]! < 0) {
      unprofitable++;
      destroyed -= cents[i]!;
    }
  }
  const total = cum;
  const curve: WhaleCurve['curve'] = [];
  for (let p = 0; p <= points && n > 0; p++) {
    const k = Math.round((p / points) * n);
    curve.push({
      customerShare: k / n,
      customers: k,
      cumulativeProfit: cumulative[k]! / 100,
      pctOfTotal: total > 0 ? (100 * cumulative[k]!) / total : Number.NaN,
    });
  }
  return {
    customers: n,
    totalProfit: total / 100,
    peakProfit: peak / 100,
    peakCustomers: peakAt,
    peakCustomerShare: n ? peakAt / n : Number.NaN,
    peakPctOfTotal: total > 0 ? (100 * peak) / total : Number.NaN,
    unprofitableCustomers: unprofitable,
    unprofitableShare: n ? unprofitable / n : Number.NaN,
    profitDestroyed: destroyed / 100,
    curve,
  };
}
