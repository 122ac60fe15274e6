import { periodLabel, periodStart, type CohortPeriod } from './cohort-periods.js';

/** "returned in period k" counts customers with a purchase in bucket k; "in or after" those whose last purchase is in bucket k or later. */
export type RetentionMode = 'returned' | 'in_or_after';

export interface CohortActivityRow {
  cohort: number;
  k: number;
  active: number;
  revenue: number;
}
export interface CohortLastRow {
  cohort: number;
  last_k: number;
  customers: number;
}

export interface CohortRow {
  /** Label (`1997-01`, `1997-Q1`, or the week's Monday) and first day of the cohort's bucket. */
  cohort: string;
  start: string;
  /** Customers acquired in the bucket (first purchase there). */
  size: number;
  /** Buckets observed up to the as-of day, k = 0 … observed − 1 (the last one may be partial). */
  observed: number;
  /** Per k: customers with a purchase in bucket k. */
  active: number[];
  /** Per k: customers whose last purchase is in bucket k or later. */
  inOrAfter: number[];
  /** Per k: net revenue in bucket k (currency). */
  revenue: number[];
  /** Per k: head-count retention by the chosen mode (share of `size`). */
  retention: number[];
  /** Per k: revenue in bucket k / revenue in bucket 0. */
  revenueRetention: number[];
  /** Per k: cumulative revenue through bucket k per acquired customer (the realised-LTV curve). */
  cumulativeRevenuePerCustomer: number[];
}

export interface CohortTable {
  by: CohortPeriod;
  mode: RetentionMode;
  rows: CohortRow[];
  /** Size-weighted average over the cohorts observed at each k (sums of numerators over sums of denominators). */
  average: { customers: number[]; retention: number[]; revenueRetention: number[]; cumulativeRevenuePerCustomer: number[] };
  totals: { customers: number; revenue: number };
}

/**
 * Builds the cohort × periods-since-acquisition table from the two small SQL results. Pure.
 *
 * ## Rules
 * Cohort = bucket of the first purchase; k = bucket − cohort bucket. A cohort is observed for
 * k = 0 … (as-of bucket − cohort bucket); later cells are absent (not zero). A cohort with no one
 * left has zeros. The average row at k uses only cohorts observed at k, weighting each by its size
 * (retention, cumulative revenue per customer) or by its bucket-0 revenue (revenue retention).
 * Ratios over an empty denominator are 0.
 *
 * @param lastPeriod - bucket index of the as-of day
 */
export function buildCohortTable(
  activity: readonly CohortActivityRow[],
  last: readonly CohortLastRow[],
  by: CohortPeriod,
  lastPeriod: number,
  mode: RetentionMode = 'returned',
): CohortTable {
  const cohorts = [...new Set(last.map((r) => r.cohort))].sort((a, b) => a - b);
  const at = new Map(cohorts.map((c, i) => [c, i]));
  const rows: CohortRow[] = cohorts.map((c) => {
    const observed = lastPeriod - c + 1;
    return {
      cohort: periodLabel(c, by),
      start: periodStart(c, by),
      size: 0,
      observed,
      active: zeros(observed),
      inOrAfter: zeros(observed),
      revenue: zeros(observed),
      retention: [],
      revenueRetention: [],
      cumulativeRevenuePerCustomer: [],
    };
  });
  let revenueTotal = 0;
  for (const a of activity) {
    const row = rows[at.get(a.cohort)!]!;
    row.active[a.k] = (row.active[a.k] ?? 0) + a.active;
    row.revenue[a.k] = (row.revenue[a.k] ?? 0) + a.revenue;
    revenueTotal += a.revenue;
  }
  let customers = 0;
  for (const l of last) {
    const row = rows[at.get(l.cohort)!]!;
    row.size += l.customers;
    customers += l.customers;
    for (let k = 0; k <= l.last_k && k < row.observed; k++) row.inOrAfter[k]! += l.customers;
  }
  const width = rows.reduce((w, r) => Math.max(w, r.observed), 0);
  const num = zeros(width),
    den = zeros(width),
    rev = zeros(width),
    rev0 = zeros(width),
    cum = zeros(width);
  for (const r of rows) {
    const count = mode === 'returned' ? r.active : r.inOrAfter;
    let running = 0;
    for (let k = 0; k < r.observed; k++) {
      running += r.revenue[k]!;
      r.retention.push(ratio(count[k]!, r.size));
      r.revenueRetention.push(ratio(r.revenue[k]!, r.revenue[0]!));
      r.cumulativeRevenuePerCustomer.push(ratio(running, r.size));
      num[k]! += count[k]!;
      den[k]! += r.size;
      rev[k]! += r.revenue[k]!;
      rev0[k]! += r.revenue[0]!;
      cum[k]! += running;
    }
  }
  return {
    by,
    mode,
    rows,
    average: {
      customers: den,
      retention: num.map((x, k) => ratio(x, den[k]!)),
      revenueRetention: rev.map((x, k) => ratio(x, rev0[k]!)),
      cumulativeRevenuePerCustomer: cum.map((x, k) => ratio(x, den[k]!)),
    },
    totals: { customers, revenue: revenueTotal },
  };
}

const zeros = (n: number): number[] => new Array<number>(Math.max(0, n)).fill(0);
const ratio = (a: number, b: number): number => (b !== 0 ? a / b : 0);
