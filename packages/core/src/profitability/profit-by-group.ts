import { centsPer, toCents } from './allocate-cents.js';

export interface GroupProfit {
  group: string;
  customers: number;
  netRevenue: number;
  productCost: number;
  costToServe: number;
  profit: number;
  /** Profit per customer, currency, in whole cents (half away from zero). */
  profitPerCustomer: number;
  /** Gross margin and cost-to-serve as % of net revenue (NaN when net revenue ≤ 0). */
  marginPct: number;
  costToServePct: number;
  /** Share of the group's customers with profit < 0. */
  unprofitableShare: number;
}

/**
 * Profitability by group (segment, value tier, channel): sums of the per-customer P&L lines for
 * each key, in whole cents; groups sorted by profit, highest first. An empty key is shown as
 * `(none)`.
 * @example
 * profitByGroup(['web', 'web', 'store'], Float64Array.of(10, 20, 5), Float64Array.of(6, 12, 3), Float64Array.of(1, 1, 4))[0].group; // 'web'
 */
export function profitByGroup(
  keys: readonly string[],
  netRevenue: Float64Array,
  productCost: Float64Array,
  costToServe: Float64Array,
): GroupProfit[] {
  const acc = new Map<string, { n: number; net: number; pc: number; cts: number; losers: number }>();
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i] || '(none)';
    let a = acc.get(k);
    if (a === undefined) acc.set(k, (a = { n: 0, net: 0, pc: 0, cts: 0, losers: 0 }));
    const net = toCents(netRevenue[i]!),
      pc = toCents(productCost[i]!),
      cts = toCents(costToServe[i]!);
    a.n++;
    a.net += net;
    a.pc += pc;
    a.cts += cts;
    if (net - pc - cts < 0) a.losers++;
  }
  return [...acc]
    .map(([group, a]) => {
      const profit = a.net - a.pc - a.cts;
      return {
        group,
        customers: a.n,
        netRevenue: a.net / 100,
        productCost: a.pc / 100,
        costToServe: a.cts / 100,
        profit: profit / 100,
        profitPerCustomer: centsPer(profit, a.n),
        marginPct: a.net > 0 ? (100 * (a.net - a.pc)) / a.net : Number.NaN,
        costToServePct: a.net > 0 ? (100 * a.cts) / a.net : Number.NaN,
        unprofitableShare: a.losers / a.n,
      };
    })
    .sort((x, y) => y.profit - x.profit || (x.group < y.group ? -1 : 1));
}
