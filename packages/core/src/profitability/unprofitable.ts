import { centsPer, toCents } from './allocate-cents.js';
import { CHANNEL_DRIVERS, ORDER_DRIVERS } from './drivers.js';
import { kthLargest } from '../math/stats/kth-largest.js';
import { medianOfFinite } from '../math/stats/median.js';
import type { ProfitabilityResult } from './profitability.js';

export type Remedy = 'minimum_order' | 'channel_shift' | 're_pricing' | 'review_returns';

export const REMEDIES: Record<Remedy, string> = {
  minimum_order: 'set a minimum order value (or a small-order fee) so each order pays for its handling',
  channel_shift: 'move the customer to a cheaper channel (self-service, consolidated delivery, fewer contacts)',
  re_pricing: 're-price: raise prices or cut discounts, or charge for the costly activity (restocking or account fee)',
  review_returns:
    'review the returns: their reasons (faulty, wrong item, unwanted), the return window and a restocking fee; prices are not the problem when the loss comes from goods sent back',
};

/** The remedies in words, for people (tables, notes); machine formats keep the codes. */
export const REMEDY_LABELS: Record<Remedy, string> = {
  minimum_order: 'Minimum order',
  channel_shift: 'Channel shift',
  re_pricing: 'Re-pricing',
  review_returns: 'Returns review',
};

export interface UnprofitableCustomer {
  customerId: string;
  netRevenue: number;
  grossMargin: number;
  costToServe: number;
  profit: number;
  orders: number;
  /** Net revenue per purchase order, currency in whole cents (half away from zero; NaN without orders). */
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
 * 0. net revenue ≤ 0 with returns (only returns in the period, e.g. of a purchase made before it,
 *    or more returned than bought) → review the returns: a price rise cannot help a customer who
 *    bought nothing in the period;
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
export function unprofitableCustomers(
  r: ProfitabilityResult,
  limit = Number.POSITIVE_INFINITY,
): {
  count: number;
  profitDestroyed: number;
  medianOrderValue: number;
  byRemedy: Record<Remedy, number>;
  customers: UnprofitableCustomer[];
} {
  const c = r.customers;
  const aov = new Float64Array(c.length);
  for (let i = 0; i < c.length; i++) aov[i] = centsPer(toCents(c.netRevenue[i]!), c.orders[i]!);
  const medianOrderValue = medianOfFinite(aov);
  let count = 0,
    destroyed = 0;
  const byRemedy: Record<Remedy, number> = { minimum_order: 0, channel_shift: 0, re_pricing: 0, review_returns: 0 };
  for (let i = 0; i < c.length; i++) {
    if (!(c.profit[i]! < 0)) continue;
    count++;
    destroyed += Math.round(-c.profit[i]! * 100);
    byRemedy[classify(r, i, medianOrderValue).remedy]++;
  }
  // Only the listed customers need an order and a sentence: those at or below the limit-th loss.
  const listed = Math.min(limit, count);
  let cut = Number.NEGATIVE_INFINITY;
  if (listed > 0 && listed < count) {
    const loss = new Float64Array(count);
    for (let i = 0, j = 0; i < c.length; i++) if (c.profit[i]! < 0) loss[j++] = -c.profit[i]!;
    cut = -kthLargest(loss, listed); // profit of the listed-th most loss-making customer
  } else if (listed > 0) cut = 0;
  const losers: number[] = [];
  if (listed > 0) for (let i = 0; i < c.length; i++) if (c.profit[i]! < 0 && c.profit[i]! <= cut) losers.push(i);
  losers.sort((a, b) => c.profit[a]! - c.profit[b]! || a - b);
  const customers: UnprofitableCustomer[] = [];
  for (const i of losers.slice(0, listed)) {
    const remedy = classify(r, i, medianOrderValue);
    const cts = c.costToServe[i]!;
    const top = r.pools
      .map((p, k) => ({ pool: p.name, driver: p.driver, cost: c.poolCost[k]![i]!, share: cts > 0 ? c.poolCost[k]![i]! / cts : 0 }))
      .filter((d) => d.cost > 0)
      .sort((a, b) => b.cost - a.cost)
      .slice(0, 2);
    customers.push({
      customerId: c.customerId[i]!,
      netRevenue: c.netRevenue[i]!,
      grossMargin: c.grossMargin[i]!,
      costToServe: cts,
      profit: c.profit[i]!,
      orders: c.orders[i]!,
      averageOrderValue: aov[i]!,
      topDrivers: top,
      remedy: remedy.remedy,
      detail: detailOf(r, i, medianOrderValue, remedy, aov[i]!),
    });
  }
  return { count, profitDestroyed: destroyed / 100, medianOrderValue, byRemedy, customers };
}

interface Classified {
  remedy: Remedy;
  orderCost: number;
  top: number;
}

/** The remedy rule that applies to customer i (no text: it runs for every unprofitable customer). */
function classify(r: ProfitabilityResult, i: number, medianOrderValue: number): Classified {
  const c = r.customers;
  const net = c.netRevenue[i]!,
    margin = c.grossMargin[i]!,
    orders = c.orders[i]!;
  if (net <= 0 && c.returnOrders[i]! > 0) return { remedy: 'review_returns', orderCost: 0, top: -1 };
  if (margin <= 0) return { remedy: 're_pricing', orderCost: 0, top: -1 };
  let orderCost = 0,
    serviceCost = 0,
    otherCost = 0,
    top = -1;
  for (let k = 0; k < r.pools.length; k++) {
    const p = r.pools[k]!;
    const v = c.poolCost[k]![i]!;
    if (ORDER_DRIVERS.has(p.driver)) orderCost += v;
    else if (CHANNEL_DRIVERS.has(p.driver)) serviceCost += v;
    else otherCost += v;
    if (v > 0 && (top < 0 || v > c.poolCost[top]![i]!)) top = k;
  }
  const aov = orders > 0 ? net / orders : Number.NaN;
  if (orderCost >= serviceCost && orderCost >= otherCost && orders > 0 && aov < medianOrderValue)
    return { remedy: 'minimum_order', orderCost, top };
  const topPool = top >= 0 ? r.pools[top]! : null;
  if ((serviceCost > orderCost && serviceCost >= otherCost) || (topPool?.driver === 'delivery' && topPool.channel !== null))
    return { remedy: 'channel_shift', orderCost, top };
  return { remedy: 're_pricing', orderCost, top: -2 };
}

/** The remedy in numbers, one sentence (only for the customers listed). */
function detailOf(r: ProfitabilityResult, i: number, medianOrderValue: number, x: Classified, aov: number): string {
  const c = r.customers;
  const net = c.netRevenue[i]!,
    margin = c.grossMargin[i]!,
    orders = c.orders[i]!;
  if (x.remedy === 'review_returns') {
    const n = c.returnOrders[i]!;
    return orders === 0
      ? `no purchase in the period, ${n} return${n === 1 ? '' : 's'} worth ${money(c.returnsValue[i]!)} (bought before the period?); check why the goods came back and the return policy, not the prices`
      : `returned ${money(c.returnsValue[i]!)} against ${money(c.grossRevenue[i]!)} bought in the period (${n} return${n === 1 ? '' : 's'}); check why the goods came back and the return policy, not the prices`;
  }
  if (x.remedy === 're_pricing' && x.top === -1)
    return `gross margin ${money(margin)} on ${money(net)} net revenue: sold at or below product cost; raise prices or cut discounts`;
  if (x.remedy === 'minimum_order') {
    const rate = margin / net;
    const perOrder = centsPer(toCents(x.orderCost), orders);
    return `average order ${money(aov)} (median ${money(medianOrderValue)}); at a ${(100 * rate).toFixed(1)}% margin an order must be at least ${money(perOrder / rate)} to pay its ${money(perOrder)} handling and delivery cost`;
  }
  if (x.remedy === 'channel_shift') {
    const top = x.top,
      topPool = r.pools[top]!;
    const k =
      CHANNEL_DRIVERS.has(topPool.driver) || topPool.driver === 'delivery'
        ? top
        : r.pools.findIndex((p, j) => CHANNEL_DRIVERS.has(p.driver) && c.poolCost[j]![i]! > 0);
    const p = r.pools[k]!;
    return `${((100 * c.poolCost[k]![i]!) / c.costToServe[i]!).toFixed(0)}% of its cost-to-serve is "${p.name}" (${c.volume[k]![i]} ${p.unit}); serve it through a cheaper channel`;
  }
  return `a price rise of ${((100 * -c.profit[i]!) / net).toFixed(1)}% (or a fee of ${money(-c.profit[i]!)} for the period) would break even`;
}
