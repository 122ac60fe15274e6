import type { Engine } from '../engine/engine.js';
import { EngineError, InputError } from '../errors.js';
import { logRange } from '../summary/summary.js';
import { loadActivities, type ActivityReport } from './activities.js';
import { allocateCents, toCents } from './allocate-cents.js';
import type { CostModel } from './cost-model.js';
import { DRIVERS } from './drivers.js';
import {
  channelListSql,
  customerProfitSql,
  logFactsSql,
  MAX_INLINE_CHANNELS,
  uncostedSql,
  type LogFacts,
  type ProfitSqlOptions,
} from './profit-sql.js';
import { plainCustomerProfitSql, plainUncostedSql } from './profit-plain-sql.js';
import { writeProductCosts } from './product-costs.js';
import type { UnassignedReason, PoolResult, Reconciliation, ProfitabilityResult, ProfitabilityOptions } from './profitability-types.js';

export type {
  UnassignedReason,
  PoolResult,
  CustomerPnl,
  Reconciliation,
  ProfitabilityResult,
  ProfitabilityOptions,
} from './profitability-types.js';

const sumCents = (a: Float64Array): number => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]!;
  return s;
};

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
  if (d.name === 'clickhouse' && (model.productCost.products.size > 0 || options.activitiesFile !== undefined)) {
    // both are small tables written by DuckDB's own readers; on a cluster they would have to exist on every shard
    throw new InputError(
      'not_supported_on_engine',
      `Per-product costs and activity files are not supported on ClickHouse yet (cost model has ${model.productCost.products.size} products${options.activitiesFile !== undefined ? ', activity file given' : ''}); use a default product_cost.margin_pct or the log's cost column, or run on DuckDB`,
      {},
    );
  }
  const range = await logRange(engine);
  if (range.lastDate === null)
    throw new InputError(
      'empty_log',
      'The workspace has no accepted transactions; ingest a log first (cvm ingest FILE --workspace DIR)',
      {},
    );
  const period = model.period ?? { start: range.firstDate!, end: range.lastDate };
  const [f] = await engine.rows<{ has_order_ids: boolean; has_channels: boolean; n: number }>(logFactsSql(d, period.start, period.end));
  if (!f || f.n === 0) {
    throw new InputError(
      'empty_period',
      `No accepted transaction falls in the cost period ${period.start} .. ${period.end} (the log runs ${range.firstDate} .. ${range.lastDate}); fix period in the cost model`,
      { period, range },
    );
  }
  const warnings: string[] = [];
  const channelList = f.has_channels
    ? (await engine.rows<{ channel: string }>(channelListSql(d, period.start, period.end))).map((c) => c.channel)
    : [];
  const facts: LogFacts = {
    hasOrderIds: f.has_order_ids,
    hasChannels: f.has_channels,
    hasActivities: false,
    hasProductCosts: model.productCost.products.size > 0,
    channels: channelList.length <= MAX_INLINE_CHANNELS ? channelList : null,
  };
  if (facts.hasProductCosts) await writeProductCosts(engine, model, warnings);

  const activityPools = model.pools.filter((p) => DRIVERS[p.driver].source === 'activity');
  let activities: ActivityReport | null = null;
  const activitiesFile = options.activitiesFile ?? model.activitiesFile ?? undefined;
  if (activitiesFile !== undefined) {
    activities = await loadActivities(engine, activitiesFile, [...new Set(activityPools.map((p) => p.activity!))], period);
    facts.hasActivities = true;
    if (activities.rowsQuarantined > 0) {
      const reasons = Object.entries(activities.quarantineByReason)
        .map(([r, n]) => `${n} ${r}`)
        .join(', ');
      warnings.push(
        `${activities.rowsQuarantined} of ${activities.rowsRead} activity rows were quarantined (${reasons}); they count towards no pool`,
      );
    }
  } else if (activityPools.length > 0) {
    warnings.push(
      `No activity file given: pool${activityPools.length > 1 ? 's' : ''} ${activityPools.map((p) => `"${p.name}"`).join(', ')} (driver ${[...new Set(activityPools.map((p) => p.driver))].join(', ')}) cannot be assigned and ${activityPools.length > 1 ? 'are' : 'is'} reported as unassigned; pass --activities FILE or name it in the cost model (activities: FILE)`,
    );
  }

  const sqlOptions: ProfitSqlOptions = { model, start: period.start, end: period.end, facts };
  if (model.productCost.marginPct === null) {
    const missing = await engine.rows<{ product_id: string; n: number; total: number }>(
      (d.name === 'duckdb' ? uncostedSql : plainUncostedSql)(sqlOptions, d),
    );
    if (missing.length > 0) {
      const list = missing.map((m) => `${m.product_id} (${m.n} rows)`).join(', ');
      throw new InputError(
        'unknown_product',
        `${missing[0]!.total} transaction rows have no product cost: product ${list}${missing.length === 5 ? ', …' : ''}. Add them under product_cost.products or set a default product_cost.margin_pct`,
        { products: missing },
      );
    }
  }

  const kinds: Record<string, 'f64' | 'string'> = { customer_id: 'string', main_channel: 'string' };
  for (const c of ['in_log', 'gross_revenue', 'returns_value', 'product_cost', 'orders', 'order_lines', 'units', 'return_orders'])
    kinds[c] = 'f64';
  model.pools.forEach((_, k) => (kinds[`v${k}`] = 'f64'));
  const b = await engine.columns((d.name === 'duckdb' ? customerProfitSql : plainCustomerProfitSql)(sqlOptions, d), kinds);

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
  centsOf(gross);
  centsOf(returns);
  centsOf(product);
  const cts = new Float64Array(n);
  const pools: PoolResult[] = [];
  const volume: Float64Array[] = [];
  const poolCost: Float64Array[] = [];
  const recon: Reconciliation['pools'] = [];
  model.pools.forEach((p, k) => {
    const all = b.f64[`v${k}`]!;
    let outsideVolume = 0;
    if (keep !== null) for (let i = 0; i < b.length; i++) if (inLog[i] === 0) outsideVolume += all[i]!;
    const v = pick(all);
    const poolCents = toCents(p.cost);
    const { cents, unassignedCents } = allocateCents(poolCents, v, outsideVolume);
    const customersCents = sumCents(cents);
    let customerVolume = 0;
    for (let i = 0; i < n; i++) {
      cts[i]! += cents[i]!;
      customerVolume += v[i]!;
    }
    const totalVolume = customerVolume + outsideVolume;
    const reason: UnassignedReason | null =
      unassignedCents === 0
        ? null
        : totalVolume === 0
          ? DRIVERS[p.driver].source === 'activity' && activities === null
            ? 'no_activity_file'
            : 'no_driver_volume'
          : 'customers_not_in_log';
    if (reason === 'no_driver_volume')
      warnings.push(
        `Pool "${p.name}" (${p.cost} ${model.currency}) has no ${DRIVERS[p.driver].unit} in the period${p.channel ? ` for channel "${p.channel}"` : ''}; its whole cost is unassigned`,
      );
    pools.push({
      name: p.name,
      driver: p.driver,
      unit: DRIVERS[p.driver].unit,
      channel: p.channel,
      activity: p.activity,
      cost: poolCents / 100,
      totalVolume,
      outsideVolume,
      rate: totalVolume > 0 ? p.cost / totalVolume : Number.NaN,
      assigned: customersCents / 100,
      unassigned: unassignedCents / 100,
      unassignedReason: reason,
    });
    recon.push({ name: p.name, poolCents, customersCents, unassignedCents, differenceCents: poolCents - customersCents - unassignedCents });
    volume.push(v);
    poolCost.push(scaled(cents));
  });
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
      grossRevenue: scaled(gross),
      returnsValue: scaled(returns),
      netRevenue: scaled(net),
      productCost: scaled(product),
      grossMargin: scaled(margin),
      marginPct,
      costToServe: scaled(cts),
      profit: scaled(profit),
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

/** Whole cents of each amount (in place). */
function centsOf(a: Float64Array): Float64Array {
  for (let i = 0; i < a.length; i++) a[i] = toCents(a[i]!);
  return a;
}

/** Cents → currency (a new array; each value is an exact number of cents up to double rounding of /100). */
function scaled(cents: Float64Array): Float64Array {
  const out = new Float64Array(cents.length);
  for (let i = 0; i < cents.length; i++) out[i] = cents[i]! / 100;
  return out;
}
