// Import the profitability modules by path until they are exported from @cvm/core's index.
import {
  type GroupProfit,
  InputError,
  MARGIN_MATRIX_COLUMNS,
  marginMatrixRows,
  PROFIT_GROUP_COLUMNS,
  profitGroupRows,
  type ProfitabilityReport,
  type ProfitabilityResult,
  QUADRANT_ORDER,
} from '@cvm/core';
import type { Cell, Format, Output, Table } from '../output.js';

export const PROFIT_VIEWS = ['pnl', 'pools', 'whale', 'matrix', 'channel', 'tier', 'segment', 'unprofitable'] as const;
export type ProfitView = (typeof PROFIT_VIEWS)[number];

const money = (v: number): string => v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const pct = (v: number): string => (Number.isFinite(v) ? `${v.toFixed(1)}%` : 'n/a');
const int = (v: number): string => v.toLocaleString('en-US');

/** Column names for the pools' cost lines: cost_<name as snake case>, made unique. */
export function poolColumns(r: ProfitabilityResult): string[] {
  const seen = new Set<string>();
  return r.pools.map((p, k) => {
    let name = `cost_${
      p.name
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '_')
        .replace(/^_|_$/g, '') || k
    }`;
    if (seen.has(name)) name = `${name}_${k}`;
    seen.add(name);
    return name;
  });
}

function pnlTable(r: ProfitabilityResult, rep: ProfitabilityReport): Table {
  const c = r.customers;
  const hasChannel = rep.byChannel !== null;
  const columns = [
    'customer_id',
    ...(hasChannel ? ['main_channel'] : []),
    'value_tier',
    ...(rep.segment ? ['segment'] : []),
    'orders',
    'units',
    'returns',
    'gross_revenue',
    'returns_value',
    'net_revenue',
    'product_cost',
    'gross_margin',
    ...poolColumns(r),
    'cost_to_serve',
    'profit',
    'quadrant',
  ];
  const rows: Cell[][] = new Array(c.length);
  for (let i = 0; i < c.length; i++) {
    rows[i] = [
      c.customerId[i]!,
      ...(hasChannel ? [c.mainChannel[i]!] : []),
      rep.tier[i]!,
      ...(rep.segment ? [rep.segment[i]!] : []),
      c.orders[i]!,
      c.units[i]!,
      c.returnOrders[i]!,
      c.grossRevenue[i]!,
      c.returnsValue[i]!,
      c.netRevenue[i]!,
      c.productCost[i]!,
      c.grossMargin[i]!,
      ...c.poolCost.map((p) => p[i]!),
      c.costToServe[i]!,
      c.profit[i]!,
      QUADRANT_ORDER[rep.matrix.assignment[i]!]!,
    ];
  }
  return {
    title: `Per-customer P&L (${r.model.currency}, ${r.period.start} .. ${r.period.end})`,
    columns,
    rows,
    notes: [
      'net_revenue = gross_revenue − returns_value; gross_margin = net_revenue − product_cost; cost_to_serve = Σ cost_<pool>; profit = gross_margin − cost_to_serve',
    ],
  };
}

function poolsTable(r: ProfitabilityResult): Table {
  return {
    title: `Cost pools (${r.model.currency} for ${r.period.start} .. ${r.period.end})`,
    columns: ['pool', 'driver', 'cost', 'volume', 'unit', 'rate_per_unit', 'assigned', 'unassigned', 'unassigned_reason'],
    rows: r.pools.map((p) => [
      p.name + (p.channel ? ` (channel ${p.channel})` : ''),
      p.driver,
      p.cost,
      Number(p.totalVolume.toFixed(4)),
      p.unit,
      Number.isFinite(p.rate) ? p.rate : null,
      p.assigned,
      p.unassigned,
      p.unassignedReason ?? '',
    ]),
    notes: [
      `rate = pool cost / total driver volume; each customer gets volume × rate, split in whole cents by the largest-remainder method so that assigned + unassigned = cost exactly`,
    ],
  };
}

function whaleTable(rep: ProfitabilityReport, currency: string): Table {
  return {
    title: `Whale curve: cumulative profit (${currency}) by customers ranked from most to least profitable`,
    columns: ['customer_share', 'customers', 'cumulative_profit', 'pct_of_total_profit'],
    rows: rep.whale.curve
      .filter((_, k) => k % 10 === 0 || rep.whale.curve.length <= 21)
      .map((p) => [p.customerShare, p.customers, p.cumulativeProfit, Number.isFinite(p.pctOfTotal) ? p.pctOfTotal : null]),
  };
}

function wholeWhaleTable(rep: ProfitabilityReport, currency: string): Table {
  return {
    ...whaleTable(rep, currency),
    rows: rep.whale.curve.map((p) => [
      p.customerShare,
      p.customers,
      p.cumulativeProfit,
      Number.isFinite(p.pctOfTotal) ? p.pctOfTotal : null,
    ]),
  };
}

function matrixTable(rep: ProfitabilityReport, currency: string): Table {
  const m = rep.matrix;
  return {
    title: `Margin × cost-to-serve matrix (${currency}); cuts: margin ${m.marginCutPct.toFixed(2)}% and cost-to-serve ${m.costToServeCutPct.toFixed(2)}% of net revenue (medians)`,
    columns: [...MARGIN_MATRIX_COLUMNS],
    rows: marginMatrixRows(m),
    notes: [...m.notes, 'net revenue ≤ 0 counts as low margin, high cost-to-serve'],
  };
}

function groupTable(title: string, key: string, groups: GroupProfit[]): Table {
  return { title, columns: [key, ...PROFIT_GROUP_COLUMNS], rows: profitGroupRows(groups) };
}

function unprofitableTable(rep: ProfitabilityReport, currency: string): Table {
  const u = rep.unprofitable;
  return {
    title: `Unprofitable customers, most loss-making first (${currency})`,
    columns: [
      'customer_id',
      'net_revenue',
      'gross_margin',
      'cost_to_serve',
      'profit',
      'orders',
      'average_order_value',
      'top_driver',
      'second_driver',
      'remedy',
      'detail',
    ],
    rows: u.customers.map((c) => [
      c.customerId,
      c.netRevenue,
      c.grossMargin,
      c.costToServe,
      c.profit,
      c.orders,
      Number.isFinite(c.averageOrderValue) ? c.averageOrderValue : null,
      c.topDrivers[0] ? `${c.topDrivers[0].pool} ${(100 * c.topDrivers[0].share).toFixed(0)}%` : '',
      c.topDrivers[1] ? `${c.topDrivers[1].pool} ${(100 * c.topDrivers[1].share).toFixed(0)}%` : '',
      c.remedy,
      c.detail,
    ]),
    notes: [
      `${int(u.count)} unprofitable customers destroy ${money(u.profitDestroyed)} ${currency}; remedies: ${int(u.byRemedy.minimum_order)} minimum order, ${int(u.byRemedy.channel_shift)} channel shift, ${int(u.byRemedy.re_pricing)} re-pricing, ${int(u.byRemedy.review_returns)} returns review${u.customers.length < u.count ? `; ${int(u.customers.length)} listed (--limit N)` : ''}`,
    ],
  };
}

/** Key figures as text lines (table format). */
export function profitText(r: ProfitabilityResult, rep: ProfitabilityReport): string[] {
  const t = r.totals,
    w = rep.whale,
    cur = r.model.currency;
  const lines = [
    `cvm profit: ${r.model.name}${r.model.illustrative ? ' (ILLUSTRATIVE cost model: not real costs)' : ''}`,
    `Period ${r.period.start} .. ${r.period.end}; amounts in ${cur} for the period`,
    '',
    `Customers            ${int(t.customers)}`,
    `Net revenue          ${money(t.netRevenue)} (gross ${money(t.grossRevenue)}, returns ${money(t.returnsValue)})`,
    `Product cost         ${money(t.productCost)}  → gross margin ${money(t.grossMargin)} (${pct(t.netRevenue > 0 ? (100 * t.grossMargin) / t.netRevenue : NaN)})`,
    `Cost-to-serve        ${money(t.costToServe)} assigned to customers, ${money(t.unassignedCost)} unassigned`,
    `Profit               ${money(t.profit)} (customers' profit; unassigned cost not included)`,
    `Reconciliation       pools ${money(r.reconciliation.poolCost)} = assigned ${money(r.reconciliation.assigned)} + unassigned ${money(r.reconciliation.unassigned)} ${r.reconciliation.balanced ? '(to the cent)' : '(DOES NOT BALANCE)'}`,
    `Whale curve          the ${int(w.peakCustomers)} most profitable customers (${pct(100 * w.peakCustomerShare)}) earn ${money(w.peakProfit)} = ${pct(w.peakPctOfTotal)} of total profit`,
    `Unprofitable         ${int(w.unprofitableCustomers)} customers (${pct(100 * w.unprofitableShare)}) destroy ${money(w.profitDestroyed)}`,
  ];
  if (r.activities)
    lines.push(`Activity file        ${int(r.activities.rowsAccepted)} rows accepted, ${int(r.activities.rowsQuarantined)} quarantined`);
  for (const warning of r.warnings) lines.push(`Warning: ${warning}`);
  return lines;
}

/** Everything as one JSON document (customers as objects with the P&L columns). */
export function profitJson(r: ProfitabilityResult, rep: ProfitabilityReport): unknown {
  const t = pnlTable(r, rep);
  return {
    model: r.model,
    period: r.period,
    totals: r.totals,
    reconciliation: r.reconciliation,
    pools: r.pools,
    whale: rep.whale,
    matrix: {
      marginCutPct: rep.matrix.marginCutPct,
      costToServeCutPct: rep.matrix.costToServeCutPct,
      notes: rep.matrix.notes,
      quadrants: rep.matrix.quadrants,
    },
    byChannel: rep.byChannel,
    byTier: rep.byTier,
    bySegment: rep.bySegment,
    unprofitable: rep.unprofitable,
    activities: r.activities,
    customersNotInLog: r.customersNotInLog,
    warnings: r.warnings,
    customers: t.rows.slice().map((row) => Object.fromEntries(t.columns.map((c, j) => [c, row[j]]))),
  };
}

/** The `cvm profit` output: key figures and all tables for people (`table`); one view as CSV/NDJSON; everything as JSON. */
export function profitOutput(r: ProfitabilityResult, rep: ProfitabilityReport, view: ProfitView, format: Format): Output {
  const cur = r.model.currency;
  const machine = format !== 'table';
  const tables: Record<ProfitView, () => Table | null> = {
    pnl: () => pnlTable(r, rep),
    pools: () => poolsTable(r),
    whale: () => (machine ? wholeWhaleTable(rep, cur) : whaleTable(rep, cur)),
    matrix: () => matrixTable(rep, cur),
    channel: () => (rep.byChannel ? groupTable(`Profit by main channel (${cur})`, 'channel', rep.byChannel) : null),
    tier: () => groupTable(`Profit by value tier (net revenue rank; ${cur})`, 'value_tier', rep.byTier),
    segment: () => (rep.bySegment ? groupTable(`Profit by segment (${cur})`, 'segment', rep.bySegment) : null),
    unprofitable: () => unprofitableTable(rep, cur),
  };
  if (format === 'json') return { tables: [], json: profitJson(r, rep) };
  if (machine) {
    const t = tables[view]();
    if (t === null)
      throw new InputError(
        'bad_usage',
        `--view ${view} has no data: ${view === 'channel' ? 'the log has no channel column (--channel-col)' : 'give --segments FILE'}`,
        { view },
      );
    return { tables: [t], json: null };
  }
  const order: ProfitView[] = ['pools', 'whale', 'matrix', 'channel', 'tier', 'segment', 'unprofitable', 'pnl'];
  return {
    text: profitText(r, rep),
    tables: order.map((v) => tables[v]()).filter((t): t is Table => t !== null),
    json: null,
    maxTableRows: 20,
  };
}
