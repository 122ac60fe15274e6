import { InputError } from '../errors.js';

/** Per-customer inputs of up-sell headroom, aligned arrays. */
export interface HeadroomInput {
  /** Spend in the window (net revenue, currency). */
  spend: Float64Array;
  /** Distinct categories bought in the window (NaN when not measured). */
  breadth: Float64Array;
  /** Comparable group of each customer (index into `groupNames`); −1 = no group, left out. */
  group: Int32Array;
  groupNames: readonly string[];
  /** P(alive) per customer from a CLV model; omit when none was fitted. */
  pAlive?: Float64Array;
}

export interface HeadroomOptions {
  /** The benchmark quantile within a group (default 0.75: the upper quartile). */
  quantile?: number;
  /** Groups with fewer customers get no benchmark (headroom NaN), default 10. */
  minGroupSize?: number;
  /** The top list keeps customers with P(alive) ≥ this (default 0.5; ignored without P(alive)). */
  minPAlive?: number;
  /** Length of the top list (default 20). */
  top?: number;
}

/** Headroom totals of one group. */
export interface HeadroomGroup {
  name: string;
  customers: number;
  /** The group's benchmark spend and breadth (the quantile); NaN for a group below minGroupSize. */
  spendTarget: number;
  breadthTarget: number;
  /** Customers below the spend benchmark. */
  below: number;
  /** Σ spend gap (currency) and Σ P(alive) × spend gap. */
  headroom: number;
  expectedHeadroom: number;
  /** Mean category gap (categories) over the group. */
  meanBreadthGap: number;
}

export interface HeadroomResult {
  quantile: number;
  /** Per customer: the group benchmarks and the gaps (0 when at or above; NaN when the group has none). */
  spendTarget: Float64Array;
  breadthTarget: Float64Array;
  spendGap: Float64Array;
  breadthGap: Float64Array;
  /** spendGap × P(alive) (spendGap without P(alive)). */
  expectedGap: Float64Array;
  groups: HeadroomGroup[];
  /** Customers with the most expected headroom among those with P(alive) ≥ minPAlive, best first. */
  top: Int32Array;
  total: { headroom: number; expectedHeadroom: number; customers: number };
}

/** Quantile of sorted values, linear interpolation between order statistics (Hyndman & Fan 1996, type 7, R's default). */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * q,
    lo = Math.floor(h),
    hi = Math.min(n - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/**
 * Up-sell headroom: each customer's spend and category breadth against the upper quartile of
 * comparable customers (same value tier, micro-segment or any grouping): the spend gap
 * max(0, Q₃(group spend) − spend) is the headroom in money, the category gap max(0, Q₃(group
 * breadth) − breadth) says how many more categories a typical strong customer of the group buys.
 * Weighted by P(alive), the headroom is what a customer who is still active could add; the top
 * list ranks customers with P(alive) ≥ minPAlive by it. Totals by group.
 *
 * Benchmarks need at least `minGroupSize` customers in a group (else NaN, counted apart).
 * @throws InputError `bad_headroom_input` (length mismatch, quantile outside (0, 1))
 * @example
 * const r = upsellHeadroom({ spend: Float64Array.of(10, 20, 30, 40), breadth: Float64Array.of(1, 1, 2, 3), group: new Int32Array(4), groupNames: ['all'] }, { minGroupSize: 1 });
 * r.spendGap; // → [22.5, 12.5, 2.5, 0]  (Q₃ of 10, 20, 30, 40 = 32.5)
 */
export function upsellHeadroom(input: HeadroomInput, options: HeadroomOptions = {}): HeadroomResult {
  const { quantile = 0.75, minGroupSize = 10, minPAlive = 0.5, top = 20 } = options;
  const { spend, breadth, group, groupNames, pAlive } = input;
  const n = spend.length,
    g = groupNames.length;
  if (breadth.length !== n || group.length !== n || (pAlive && pAlive.length !== n))
    throw new InputError(
      'bad_headroom_input',
      `upsellHeadroom needs one spend, breadth, group${pAlive ? ' and P(alive)' : ''} per customer; got ${n}, ${breadth.length}, ${group.length}${pAlive ? `, ${pAlive.length}` : ''}`,
      {},
    );
  if (!(quantile > 0 && quantile < 1))
    throw new InputError('bad_headroom_input', `The benchmark quantile must be in (0, 1), e.g. 0.75; got ${quantile}`, { quantile });
  // customers by group (counting sort)
  const off = new Int32Array(g + 1);
  for (let i = 0; i < n; i++) if (group[i]! >= 0) off[group[i]! + 1]!++;
  for (let k = 0; k < g; k++) off[k + 1]! += off[k]!;
  const fill = off.slice(0, g),
    members = new Int32Array(off[g]!);
  for (let i = 0; i < n; i++) if (group[i]! >= 0) members[fill[group[i]!]!++] = i;
  const sT = new Float64Array(g).fill(NaN),
    bT = new Float64Array(g).fill(NaN);
  for (let k = 0; k < g; k++) {
    const size = off[k + 1]! - off[k]!;
    if (size < minGroupSize) continue;
    const s = new Float64Array(size),
      b = new Float64Array(size);
    let nb = 0;
    for (let t = 0; t < size; t++) {
      const i = members[off[k]! + t]!;
      s[t] = spend[i]!;
      if (!Number.isNaN(breadth[i]!)) b[nb++] = breadth[i]!;
    }
    sT[k] = quantileSorted(s.sort(), quantile);
    bT[k] = quantileSorted(b.subarray(0, nb).sort(), quantile);
  }
  const spendTarget = new Float64Array(n).fill(NaN),
    breadthTarget = new Float64Array(n).fill(NaN);
  const spendGap = new Float64Array(n).fill(NaN),
    breadthGap = new Float64Array(n).fill(NaN),
    expectedGap = new Float64Array(n).fill(NaN);
  const groups: HeadroomGroup[] = groupNames.map((name, k) => ({
    name,
    customers: off[k + 1]! - off[k]!,
    spendTarget: sT[k]!,
    breadthTarget: bT[k]!,
    below: 0,
    headroom: 0,
    expectedHeadroom: 0,
    meanBreadthGap: NaN,
  }));
  const breadthSum = new Float64Array(g),
    breadthN = new Float64Array(g);
  let total = 0,
    expected = 0,
    counted = 0;
  for (let i = 0; i < n; i++) {
    const k = group[i]!;
    if (k < 0 || Number.isNaN(sT[k]!)) continue;
    spendTarget[i] = sT[k]!;
    breadthTarget[i] = bT[k]!;
    const gap = Math.max(0, sT[k]! - spend[i]!);
    spendGap[i] = gap;
    breadthGap[i] = Number.isNaN(breadth[i]!) ? NaN : Math.max(0, bT[k]! - breadth[i]!);
    expectedGap[i] = pAlive ? gap * pAlive[i]! : gap;
    const row = groups[k]!;
    if (gap > 0) row.below++;
    row.headroom += gap;
    row.expectedHeadroom += expectedGap[i]!;
    if (!Number.isNaN(breadthGap[i]!)) {
      breadthSum[k]! += breadthGap[i]!;
      breadthN[k]!++;
    }
    total += gap;
    expected += expectedGap[i]!;
    counted++;
  }
  groups.forEach((row, k) => {
    row.meanBreadthGap = breadthN[k]! > 0 ? breadthSum[k]! / breadthN[k]! : NaN;
    if (Number.isNaN(sT[k]!)) {
      row.headroom = NaN;
      row.expectedHeadroom = NaN;
    }
  });
  const pool: number[] = [];
  for (let i = 0; i < n; i++) if (expectedGap[i]! > 0 && (!pAlive || pAlive[i]! >= minPAlive)) pool.push(i);
  pool.sort((a, b) => expectedGap[b]! - expectedGap[a]! || a - b);
  return {
    quantile,
    spendTarget,
    breadthTarget,
    spendGap,
    breadthGap,
    expectedGap,
    groups,
    top: Int32Array.from(pool.slice(0, top)),
    total: { headroom: total, expectedHeadroom: expected, customers: counted },
  };
}
