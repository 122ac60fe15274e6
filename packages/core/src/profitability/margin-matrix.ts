import { toCents } from './allocate-cents.js';
import { medianOfFinite } from '../math/stats/median.js';

/** Per-customer P&L columns the matrix reads (currency; `marginPct` optional, percent). */
export interface MatrixInput {
  netRevenue: Float64Array;
  grossMargin: Float64Array;
  costToServe: Float64Array;
  marginPct?: Float64Array;
}

export type Quadrant = 'passive' | 'carriage_trade' | 'bargain_basement' | 'aggressive';

/** The four quadrants (Shapiro, Rangan, Moriarty & Ross 1987), in display order, with the action each suggests. */
export const QUADRANTS: Record<Quadrant, { label: string; rule: string; action: string }> = {
  passive: {
    label: 'Passive',
    rule: 'high margin, low cost-to-serve',
    action: 'Protect and grow: the most profitable to serve; loyalty, cross-sell, keep service as it is.',
  },
  carriage_trade: {
    label: 'Carriage trade',
    rule: 'high margin, high cost-to-serve',
    action: 'Keep the price, trim the service: charge for premium service, set minimum orders, move routine contact to cheaper channels.',
  },
  bargain_basement: {
    label: 'Bargain basement',
    rule: 'low margin, low cost-to-serve',
    action: 'Serve lean: keep the no-frills model, lift margin through mix, fewer discounts and selective price rises.',
  },
  aggressive: {
    label: 'Aggressive',
    rule: 'low margin, high cost-to-serve',
    action: 'Re-price or re-serve: surcharges, minimum order sizes, channel shift; let go of those that stay unprofitable.',
  },
};

export const QUADRANT_ORDER: Quadrant[] = ['passive', 'carriage_trade', 'bargain_basement', 'aggressive'];

export interface MarginMatrix {
  /** Cut points: median gross margin % and median cost-to-serve % of net revenue, over customers with net revenue > 0. */
  marginCutPct: number;
  costToServeCutPct: number;
  quadrants: {
    quadrant: Quadrant;
    label: string;
    rule: string;
    action: string;
    customers: number;
    netRevenue: number;
    grossMargin: number;
    costToServe: number;
    profit: number;
  }[];
  /** Plain-language caveats (an axis without spread). */
  notes: string[];
  /** Each customer's quadrant (index into {@link QUADRANT_ORDER}). */
  assignment: Uint8Array;
}

/**
 * The margin × cost-to-serve matrix (Shapiro, Rangan, Moriarty & Ross 1987, "Manage customers for
 * profits (not just sales)", HBR 65(5); the pocket-margin view of Kaplan & Narayanan 2001).
 * Margin % = gross margin / net revenue; cost-to-serve % = cost-to-serve / net revenue. A customer
 * is "high" on an axis when its value is ≥ the cut point (default: the medians over customers
 * with positive net revenue). A customer with net revenue ≤ 0 has no meaningful ratio and counts as
 * low margin and high cost-to-serve (Aggressive). Pass `marginPct` from the unrounded amounts
 * (the P&L's) so that cent rounding does not split customers with the same margin: with one margin %
 * for all products everyone is "high margin" and the matrix splits on cost-to-serve only (`notes`
 * says so). Money totals are summed in whole cents.
 *
 * @param cuts optional fixed cut points in percent (e.g. company targets) instead of the medians
 * @example
 * marginCostMatrix({ netRevenue: Float64Array.of(100, 100), grossMargin: Float64Array.of(40, 10), costToServe: Float64Array.of(5, 30) }).quadrants[0].customers; // 1 passive
 */
export function marginCostMatrix(pnl: MatrixInput, cuts: { marginPct?: number; costToServePct?: number } = {}): MarginMatrix {
  const { netRevenue, grossMargin, costToServe } = pnl;
  const n = netRevenue.length;
  const m = new Float64Array(n),
    c = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const ok = netRevenue[i]! > 0;
    const pct = pnl.marginPct ? pnl.marginPct[i]! : (100 * grossMargin[i]!) / netRevenue[i]!;
    m[i] = ok && Number.isFinite(pct) ? pct : Number.NEGATIVE_INFINITY;
    c[i] = ok ? (100 * costToServe[i]!) / netRevenue[i]! : Number.POSITIVE_INFINITY;
  }
  const marginCut = cuts.marginPct ?? medianOfFinite(m);
  const ctsCut = cuts.costToServePct ?? medianOfFinite(c);
  const assignment = new Uint8Array(n);
  const sums = QUADRANT_ORDER.map(() => ({ customers: 0, net: 0, margin: 0, cts: 0 }));
  for (let i = 0; i < n; i++) {
    const high = m[i]! >= marginCut,
      costly = c[i]! >= ctsCut;
    const q = high ? (costly ? 1 : 0) : costly ? 3 : 2;
    assignment[i] = q;
    const s = sums[q]!;
    s.customers++;
    s.net += toCents(netRevenue[i]!);
    s.margin += toCents(grossMargin[i]!);
    s.cts += toCents(costToServe[i]!);
  }
  const notes: string[] = [];
  if (sums[2]!.customers + sums[3]!.customers === 0 || sums[0]!.customers + sums[1]!.customers === 0)
    notes.push(
      `every customer has the same margin class (cut ${marginCut.toFixed(2)}%): the matrix splits on cost-to-serve only; give products their own costs for a margin split`,
    );
  return {
    marginCutPct: marginCut,
    costToServeCutPct: ctsCut,
    assignment,
    notes,
    quadrants: QUADRANT_ORDER.map((q, k) => {
      const s = sums[k]!;
      return {
        quadrant: q,
        ...QUADRANTS[q],
        customers: s.customers,
        netRevenue: s.net / 100,
        grossMargin: s.margin / 100,
        costToServe: s.cts / 100,
        profit: (s.margin - s.cts) / 100,
      };
    }),
  };
}
