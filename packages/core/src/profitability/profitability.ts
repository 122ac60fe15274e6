import type { Engine } from '../engine/engine.js';
import { EngineError } from '../errors.js';
import { fromCents, sumCents, toCents, toCentsInPlace } from './allocate-cents.js';
import type { CostModel } from './cost-model.js';
import { customerProfitSql } from './profit-sql.js';
import { plainCustomerProfitSql } from './profit-plain-sql.js';
import { prepareProfitInputs } from './profit-inputs.js';
import { allocatePools } from './pool-allocation.js';
import type { Reconciliation, ProfitabilityResult, ProfitabilityOptions } from './profitability-types.js';

export type {
  UnassignedReason,
  PoolResult,
  CustomerPnl,
  Reconciliation,
  ProfitabilityResult,
  ProfitabilityOptions,
} from './profitability-types.js';

/**
 * Activity-based customer profitability (Cokins 2001, "Activity-Based Cost Management: An
 * Executive's Guide", ch. 9; Kaplan & Narayanan 2001, "Measuring and managing customer
 * profitability"), computed over the accepted transactions of the cost period.
 *
 * ## Method
 * SQL aggregates, per customer, revenue, product cost and each pool's driver volume vₖᵢ. The rate
 * of pool k is rₖ = costₖ / Vₖ (Vₖ = Σᵢ vₖᵢ, plus activity of customers absent from the log), so
 * a customer's cost-to-serve is Σₖ vₖᵢ·rₖ. Each pool is split in whole cents by the largest-
 * remainder method ({@link allocateCents}): every customer is within one cent of vₖᵢ·rₖ and the
 * customers' cents plus the unassigned cents equal the pool to the cent. Unassigned cost (a pool
 * whose driver has no volume, an activity pool without an activity file, activity of customers not
 * in the log) is reported per pool and in the totals, never dropped. Revenue and product cost are
 * rounded to the cent per customer (half away from zero), so every P&L line is an exact number of
 * cents and the totals are exact sums.
 *
 * @throws InputError `empty_log` (no accepted transactions), `empty_period` (none in the cost
 *   period), `unknown_product` (a product with no cost and no default margin), and those of
 *   {@link loadActivities}.
 */
export async function computeProfitability(
  engine: Engine,
  model: CostModel,
  options: ProfitabilityOptions = {},
): Promise<ProfitabilityResult> {
  const d = engine.dialect;
  const { period, sqlOptions, activities, warnings, release } = await prepareProfitInputs(engine, model, options);

  const kinds: Record<string, 'f64' | 'string'> = { customer_id: 'string', main_channel: 'string' };
  for (const c of ['in_log', 'gross_revenue', 'returns_value', 'product_cost', 'orders', 'order_lines', 'units', 'return_orders'])
    kinds[c] = 'f64';
  model.pools.forEach((_, k) => (kinds[`v${k}`] = 'f64'));
  let b;
  try {
    b = await engine.columns((d.name === 'duckdb' ? customerProfitSql : plainCustomerProfitSql)(sqlOptions, d), kinds);
  } finally {
    await release();
  }

  // Split customers in the log from activity-only ids (usually none: then the arrays are used as they are).
  const inLog = b.f64.in_log!;
  let outside = 0;
  for (let i = 0; i < b.length; i++) if (inLog[i] === 0) outside++;
  const keep = outside === 0 ? null : Int32Array.from({ length: b.length }, (_, i) => i).filter((i) => inLog[i] === 1);
  const pick = (a: Float64Array): Float64Array => (keep === null ? a : Float64Array.from(keep, (i) => a[i]!));
  const n = b.length - outside;
  const ids = keep === null ? b.strings.customer_id! : Array.from(keep, (i) => b.strings.customer_id![i]!);
  const channels = keep === null ? b.strings.main_channel! : Array.from(keep, (i) => b.strings.main_channel![i]!);

  const gross = pick(b.f64.gross_revenue!);
  const returns = pick(b.f64.returns_value!);
  const product = pick(b.f64.product_cost!);
  const marginPct = new Float64Array(gross.length);
  for (let i = 0; i < gross.length; i++) {
    // net revenue in whole cents first: DuckDB's parallel sums may differ in the last bit from run to
    // run, and a customer whose returns cancel the purchases must be 0 (no margin %) every time
    const netCents = toCents(gross[i]!) - toCents(returns[i]!);
    const net = netCents / 100;
    marginPct[i] = netCents > 0 ? Math.round((1e8 * (net - product[i]!)) / net) / 1e6 : Number.NaN;
  }
  toCentsInPlace(gross);
  toCentsInPlace(returns);
  toCentsInPlace(product);
  const { cts, pools, volume, poolCost, recon } = allocatePools(model, (k) => b.f64[`v${k}`]!, inLog, keep, pick, activities, warnings);
  if (outside > 0)
    warnings.push(
      `${outside} customer ids of the activity file have no transaction in the period; their activity cost is reported as unassigned`,
    );

  const net = new Float64Array(n),
    margin = new Float64Array(n),
    profit = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    net[i] = gross[i]! - returns[i]!;
    margin[i] = net[i]! - product[i]!;
    profit[i] = margin[i]! - cts[i]!;
  }
  const poolCents = recon.reduce((s, r) => s + r.poolCents, 0);
  const assignedCents = recon.reduce((s, r) => s + r.customersCents, 0);
  const unassignedCents = recon.reduce((s, r) => s + r.unassignedCents, 0);
  const reconciliation: Reconciliation = {
    poolCost: poolCents / 100,
    assigned: assignedCents / 100,
    unassigned: unassignedCents / 100,
    balanced: recon.every((r) => r.differenceCents === 0) && sumCents(cts) === assignedCents,
    pools: recon,
  };
  if (!reconciliation.balanced)
    throw new EngineError('reconciliation_failed', `Cost allocation does not reconcile: ${JSON.stringify(recon)}`, { recon });
  const totals = {
    customers: n,
    grossRevenue: sumCents(gross) / 100,
    returnsValue: sumCents(returns) / 100,
    netRevenue: sumCents(net) / 100,
    productCost: sumCents(product) / 100,
    grossMargin: sumCents(margin) / 100,
    costToServe: assignedCents / 100,
    unassignedCost: unassignedCents / 100,
    profit: sumCents(profit) / 100,
  };
  return {
    model: { name: model.name, currency: model.currency, illustrative: model.illustrative },
    period,
    pools,
    customers: {
      length: n,
      customerId: ids,
      mainChannel: channels,
      grossRevenue: fromCents(gross),
      returnsValue: fromCents(returns),
      netRevenue: fromCents(net),
      productCost: fromCents(product),
      grossMargin: fromCents(margin),
      marginPct,
      costToServe: fromCents(cts),
      profit: fromCents(profit),
      orders: pick(b.f64.orders!),
      orderLines: pick(b.f64.order_lines!),
      units: pick(b.f64.units!),
      returnOrders: pick(b.f64.return_orders!),
      volume,
      poolCost,
    },
    totals,
    reconciliation,
    activities,
    customersNotInLog: outside,
    warnings,
  };
}
