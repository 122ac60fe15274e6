import { marginCostMatrix, type MarginMatrix } from './margin-matrix.js';
import { profitByGroup, type GroupProfit } from './profit-by-group.js';
import { DEFAULT_TIERS, valueTiers, type TierSpec } from '../segments/value-tiers.js';
import type { ProfitabilityResult } from './profitability.js';
import { unprofitableCustomers, type UnprofitableCustomer, type Remedy } from './unprofitable.js';
import { whaleCurve, type WhaleCurve } from './whale-curve.js';

export interface ProfitabilityReport {
  whale: WhaleCurve;
  matrix: MarginMatrix;
  byChannel: GroupProfit[] | null;
  byTier: GroupProfit[];
  bySegment: GroupProfit[] | null;
  unprofitable: {
    count: number;
    profitDestroyed: number;
    medianOrderValue: number;
    byRemedy: Record<Remedy, number>;
    customers: UnprofitableCustomer[];
  };
  /** Each customer's value tier and segment ('' when none), P&L order. */
  tier: string[];
  segment: string[] | null;
}

export interface ProfitabilityReportOptions {
  /** Per-customer segment labels (customer id → segment); customers not in the map are `(none)`. */
  segments?: ReadonlyMap<string, string>;
  /** How many unprofitable customers to list (default 100; all are counted). */
  unprofitableLimit?: number;
  /** Value tiers by net revenue for the by-tier view (default {@link DEFAULT_TIERS}: Platinum top 1%, Gold top 5%, Silver top 20%, Bronze). */
  tiers?: readonly TierSpec[];
}

/**
 * Everything the profitability report shows, from one {@link ProfitabilityResult}: whale curve,
 * margin × cost-to-serve matrix, profit by channel (the customer's main channel; null when the log
 * has none), by value tier (the segments' tiers by net revenue) and by segment (when given), and the unprofitable customers with remedies.
 */
export function profitabilityReport(r: ProfitabilityResult, options: ProfitabilityReportOptions = {}): ProfitabilityReport {
  const c = r.customers;
  const tiers = valueTiers(c.netRevenue, options.tiers ?? DEFAULT_TIERS);
  const tier = Array.from(tiers.tier, (t) => tiers.names[t]!);
  const segment = options.segments ? c.customerId.map((id) => options.segments!.get(id) ?? '') : null;
  const hasChannel = c.mainChannel.some((x) => x !== '');
  return {
    whale: whaleCurve(c.profit),
    matrix: marginCostMatrix(c),
    byChannel: hasChannel ? profitByGroup(c.mainChannel, c.netRevenue, c.productCost, c.costToServe) : null,
    // tier order (Platinum, Gold, Silver, Bronze), not by profit: tiers are ranks
    byTier: profitByGroup(tier, c.netRevenue, c.productCost, c.costToServe).sort(
      (a, b) => tiers.names.indexOf(a.group) - tiers.names.indexOf(b.group),
    ),
    bySegment: segment ? profitByGroup(segment, c.netRevenue, c.productCost, c.costToServe) : null,
    unprofitable: unprofitableCustomers(r, options.unprofitableLimit ?? 100),
    tier,
    segment,
  };
}
