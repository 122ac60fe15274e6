export interface ParetoPoint {
  /** Share of customers from the top, e.g. 0.01. */
  topShare: number;
  /** Customers in that top group: ceil(topShare · n). */
  customers: number;
  /** Their share of the total value. */
  valueShare: number;
}

/**
 * The Pareto view: the share of total value held by the most valuable `ceil(q · n)` customers for
 * each q (default top 1%, 5%, 20%). NaN values count as 0. With negative values (net of returns)
 * shares can exceed 1; a total of 0 gives shares of 0.
 * @example
 * paretoShares(Float64Array.of(60, 20, 10, 5, 5), [0.2]); // → [{ topShare: 0.2, customers: 1, valueShare: 0.6 }]
 */
export function paretoShares(value: Float64Array, shares: readonly number[] = [0.01, 0.05, 0.2]): ParetoPoint[] {
  const desc = Float64Array.from(value, (v) => (Number.isNaN(v) ? 0 : v))
    .sort()
    .reverse();
  let total = 0;
  for (let i = 0; i < desc.length; i++) total += desc[i]!;
  return shares.map((q) => {
    const m = Math.min(desc.length, Math.ceil(q * desc.length));
    let s = 0;
    for (let i = 0; i < m; i++) s += desc[i]!;
    return { topShare: q, customers: m, valueShare: total !== 0 ? s / total : 0 };
  });
}
