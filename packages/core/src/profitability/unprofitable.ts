import { CHANNEL_DRIVERS, ORDER_DRIVERS } from './drivers.js';
import { medianOfFinite } from './median.js';
import type { ProfitabilityResult } from './profitability.js';

export type Remedy = 'minimum_order' | 'channel_shift' | 're_pricing';

export const REMEDIES: Record<Remedy, string> = {
  minimum_order: 'set a minimum order value (or a small-order fee) so each order pays for its handling',
  channel_shift: 'move the customer to a cheaper channel (self-service, consolidated delivery, fewer contacts)',
  re_pricing: 're-price: raise prices or cut discounts, or charge for the costly activity (restocking or account fee)',
};

export interface UnprofitableCustomer {
  customerId: string;
  netRevenue: number;
  grossMargin: number;
  costToServe: number;
  profit: number;
  orders: number;
  /** Net revenue per purchase order, currency (NaN without orders). */
  averageOrderValue: number;
  /** The customer's two largest cost pools with their share of its cost-to-serve. */
  topDrivers: { pool: string; driver: string; cost: number; share: number }[];
  remedy: Remedy;
  /** The remedy in numbers, one sentence. */
  detail: string;
}

const money = (v: number): string => v.toFixed(2);

/**
 * The unprofitable customers (profit < 0), most loss-making first, with their top cost drivers and
 * a suggested remedy. Each customer's cost-to-serve is split into three families: order-driven
 * (order, order line, delivery), service-driven (support, campaign and other activity contacts)
 * and the rest (units, returns, customer-years). Rules, in order:
 * 1. gross margin ≤ 0 (sold at or below product cost) → re-pricing;
 * 2. order-driven cost is the largest family and the average order value is below the median over
 *    all customers → minimum order: the order value at which one order's gross margin pays its
 *    order-driven cost, m* = (order-driven cost / orders) / margin rate;
 * 3. service-driven cost is the largest family, or the largest pool is a delivery pool of one
 *    channel → channel shift;
 * 4. otherwise → re-pricing: the price rise that breaks even, −profit / net revenue (volumes held).
 *
 * @param limit most customers listed (default all; all are counted)
 */
export function unprofitableCustomers(r: ProfitabilityResult, limit = Number.POSITIVE_INFINITY): { count: number; profitDestroyed: number; medianOrderValue: number; byRemedy: Record<Remedy, number>; customers: UnprofitableCustomer[] } {
  const c = r.customers;
  const aov = new Float64Array(c.length);
  for (let i = 0; i < c.length; i++) aov[i] = c.orders[i]! > 0 ? c.netRevenue[i]! / c.orders[i]! : Number.NaN;
  const medianOrderValue = medianOfFinite(aov);
  const losers: number[] = [];
  for (let i = 0; i < c.length; i++) if (c.profit[i]! < 0) losers.push(i);
  losers.sort((a, b) => c.profit[a]! - c.profit[b]! || a - b);
  const byRemedy: Record<Remedy, number> = { minimum_order: 0, channel_shift: 0, re_pricing: 0 };
  const customers: UnprofitableCustomer[] = [];
  let destroyed = 0;
  for (const i of losers) {
    destroyed += Math.round(-c.profit[i]! * 100);
    const remedy = remedyOf(r, i, medianOrderValue);
    byRemedy[remedy.remedy]++;
    if (customers.length >= limit) continue;
    const cts = c.costToServe[i]!;
    const top = r.pools.map((p, k) => ({ pool: p.name, driver: p.driver, cost: c.poolCost[k]![i]!, share: cts > 0 ? c.poolCost[k]![i]! / cts : 0 }))
      .filter((d) => d.cost > 0).sort((a, b) => b.cost - a.cost).slice(0, 2);
    customers.push({
      customerId: c.customerId[i]!, netRevenue: c.netRevenue[i]!, grossMargin: c.grossMargin[i]!, costToServe: cts, profit: c.profit[i]!,
      orders: c.orders[i]!, averageOrderValue: aov[i]!, topDrivers: top, ...remedy,
    });
  }
  return { count: losers.length, profitDestroyed: destroyed / 100, medianOrderValue, byRemedy, customers };
}

function remedyOf(r: ProfitabilityResult, i: number, medianOrderValue: number): { remedy: Remedy; detail: string } {
  const c = r.customers;
  const net = c.netRevenue[i]!, margin = c.grossMargin[i]!, orders = c.orders[i]!;
  if (margin <= 0) return { remedy: 're_pricing', detail: `gross margin ${money(margin)} on ${money(net)} net revenue: sold at or below product cost; raise prices or cut discounts` };
  let orderCost = 0, serviceCost = 0, otherCost = 0, top = -1;
  r.pools.forEach((p, k) => {
    const v = c.poolCost[k]![i]!;
    if (ORDER_DRIVERS.has(p.driver)) orderCost += v;
    else if (CHANNEL_DRIVERS.has(p.driver)) serviceCost += v;
    else otherCost += v;
    if (v > 0 && (top < 0 || v > c.poolCost[top]![i]!)) top = k;
  });
  const aov = orders > 0 ? net / orders : Number.NaN;
  if (orderCost >= serviceCost && orderCost >= otherCost && orders > 0 && aov < medianOrderValue) {
    const rate = margin / net;
    return { remedy: 'minimum_order', detail: `average order ${money(aov)} (median ${money(medianOrderValue)}); at a ${(100 * rate).toFixed(1)}% margin an order must be at least ${money(orderCost / orders / rate)} to pay its ${money(orderCost / orders)} handling and delivery cost` };
  }
  const topPool = top >= 0 ? r.pools[top]! : null;
  if ((serviceCost > orderCost && serviceCost >= otherCost) || (topPool?.driver === 'delivery' && topPool.channel !== null)) {
    const k = CHANNEL_DRIVERS.has(topPool!.driver) || topPool!.driver === 'delivery' ? top : r.pools.findIndex((p, j) => CHANNEL_DRIVERS.has(p.driver) && c.poolCost[j]![i]! > 0);
    const p = r.pools[k]!;
    return { remedy: 'channel_shift', detail: `${(100 * c.poolCost[k]![i]! / c.costToServe[i]!).toFixed(0)}% of its cost-to-serve is "${p.name}" (${c.volume[k]![i]} ${p.unit}); serve it through a cheaper channel` };
  }
  return { remedy: 're_pricing', detail: `a price rise of ${(100 * -c.profit[i]! / net).toFixed(1)}% (or a fee of ${money(-c.profit[i]!)} for the period) would break even` };
}
