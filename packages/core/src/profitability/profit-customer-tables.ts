/**
 * The three per-customer profitability tables, declared once (issue 19): the unprofitable customers
 * with their cost drivers and remedy, the whale curve and the per-customer P&L. `cvm profit` (table,
 * json, ndjson, csv), GET /api/profitability (JSON `tables`, `format=csv&table=…`) and the dashboard's
 * Profitability page render these, so the three surfaces show the same columns and numbers.
 * Amounts are in the cost model's currency for the cost period (the tables' titles name both).
 */
import { defineTable, type ColumnSpec, type ReportTable, type TableSpec } from '../report/report-table.js';
import { QUADRANT_ORDER } from './margin-matrix.js';
import type { ProfitabilityReport } from './profit-report.js';
import type { ProfitabilityResult } from './profitability.js';
import { REMEDY_LABELS, type Remedy, type UnprofitableCustomer } from './unprofitable.js';
import type { WhaleCurve } from './whale-curve.js';

/** The remedies in the order the note counts them (that of {@link REMEDY_LABELS}). */
const REMEDY_ORDER = Object.keys(REMEDY_LABELS) as Remedy[];

const money = (v: number): string => v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const int = (v: number): string => v.toLocaleString('en-US');

/** A cost driver of an unprofitable customer as text: the pool and its share of the customer's cost-to-serve, "shipping 45%". */
const driverText = (d: UnprofitableCustomer['topDrivers'][number] | undefined): string =>
  d ? `${d.pool} ${(100 * d.share).toFixed(0)}%` : '';

/** The unprofitable customers, most loss-making first: P&L, order value, the two largest cost pools and the remedy. */
export const unprofitableCustomersTable = defineTable<UnprofitableCustomer>(
  'profit.unprofitable',
  'Unprofitable customers, most loss-making first',
  [
    { key: 'customer_id', label: 'Customer', kind: 'id', value: (c) => c.customerId },
    { key: 'net_revenue', label: 'Net revenue', kind: 'money', value: (c) => c.netRevenue, description: 'gross revenue − returns' },
    {
      key: 'gross_margin',
      label: 'Gross margin',
      kind: 'money',
      value: (c) => c.grossMargin,
      description: 'net revenue − product cost',
    },
    {
      key: 'cost_to_serve',
      label: 'Cost-to-serve',
      kind: 'money',
      value: (c) => c.costToServe,
      description: "the customer's share of every cost pool (driver volume × rate)",
    },
    { key: 'profit', label: 'Profit', kind: 'money', value: (c) => c.profit, description: 'gross margin − cost-to-serve (below 0 here)' },
    { key: 'orders', label: 'Orders', kind: 'count', value: (c) => c.orders, description: 'purchase orders in the period' },
    {
      key: 'average_order_value',
      label: 'Average order value',
      kind: 'money',
      value: (c) => (Number.isFinite(c.averageOrderValue) ? c.averageOrderValue : null),
      description: 'net revenue / orders, in whole cents (empty without orders)',
    },
    {
      key: 'top_driver',
      label: 'Top cost driver',
      kind: 'text',
      value: (c) => driverText(c.topDrivers[0]),
      description: "the largest cost pool of the customer and its share of the customer's cost-to-serve",
    },
    {
      key: 'second_driver',
      label: 'Second cost driver',
      kind: 'text',
      value: (c) => driverText(c.topDrivers[1]),
      description: "the second largest cost pool and its share of the customer's cost-to-serve",
    },
    {
      key: 'remedy',
      label: 'Remedy',
      kind: 'text',
      value: (c) => c.remedy,
      codes: REMEDY_LABELS,
      description: "minimum_order, channel_shift, re_pricing or review_returns (each explained in the API's remedies and the README)",
    },
    { key: 'detail', label: 'In numbers', kind: 'text', value: (c) => c.detail, description: 'the remedy in numbers, one sentence' },
  ],
);

/**
 * The unprofitable customers listed by the report, with the count, the profit they destroy and the
 * customers per remedy in the note. `limitHint` follows "N listed" when not all are listed (the CLI
 * says how to list more: " (--limit N)").
 * @example
 * unprofitableTable(report.unprofitable, 'USD').columns.map((c) => c.key)[7]; // 'top_driver'
 */
export function unprofitableTable(
  u: ProfitabilityReport['unprofitable'],
  currency: string,
  options: { limitHint?: string } = {},
): ReportTable {
  const listed = u.customers.length < u.count ? `; ${int(u.customers.length)} listed${options.limitHint ?? ''}` : '';
  return unprofitableCustomersTable(u.customers, {
    title: `Unprofitable customers, most loss-making first (${currency})`,
    notes: [
      `${int(u.count)} unprofitable customers destroy ${money(u.profitDestroyed)} ${currency}; remedies: ${REMEDY_ORDER.map((k) => `${int(u.byRemedy[k])} ${REMEDY_LABELS[k].toLowerCase()}`).join(', ')}${listed}`,
    ],
  });
}

/** The rule of the whale curve, shown under it and in the API's `rules.whale`. */
export const WHALE_RULE = 'cumulative profit with customers ranked from most to least profitable (Kaplan & Cooper 1998)';

/** The whale curve, one row per sampled point (by default one per percentile of customers, 0 … 100 %). */
export const whaleCurveTable = defineTable<WhaleCurve['curve'][number]>('profit.whale', 'Whale curve', [
  {
    key: 'customer_share',
    label: 'Share of customers',
    kind: 'share',
    value: (p) => p.customerShare,
    description: 'share of all customers, ranked from most to least profitable',
  },
  { key: 'customers', label: 'Customers', kind: 'count', value: (p) => p.customers, description: 'the same point as a head-count' },
  {
    key: 'cumulative_profit',
    label: 'Cumulative profit',
    kind: 'money',
    value: (p) => p.cumulativeProfit,
    description: 'profit of these customers together, summed in whole cents',
  },
  {
    key: 'pct_of_total_profit',
    label: 'Share of total profit',
    kind: 'number',
    unit: '%',
    value: (p) => (Number.isFinite(p.pctOfTotal) ? p.pctOfTotal : null),
    description: 'cumulative profit as a percentage of total profit (peaks above 100; empty when total profit ≤ 0)',
  },
]);

/**
 * The whale curve as a table. `every` keeps every k-th point (the terminal shows every 10th: 0, 10 … 100 %);
 * `notes` are added under the table after the rule.
 * @example
 * whaleTable(report.whale, 'USD', { every: 10 }).rows.length; // 11 of the 101 points
 */
export function whaleTable(w: WhaleCurve, currency: string, options: { every?: number; notes?: readonly string[] } = {}): ReportTable {
  const every = Math.max(1, Math.floor(options.every ?? 1));
  const points = every === 1 || w.curve.length <= 21 ? w.curve : w.curve.filter((_, k) => k % every === 0);
  return whaleCurveTable(points, {
    title: `Whale curve: cumulative profit (${currency}) by customers ranked from most to least profitable`,
    notes: [`Rule: ${WHALE_RULE}.`, ...(options.notes ?? [])],
  });
}

/**
 * Column keys for the pools' cost lines: cost_<pool name in snake case>, made unique with the pool's
 * index (an empty name becomes its index).
 * @example
 * poolColumnKeys([{ name: 'Pick & pack' }, { name: 'pick-pack' }]); // ['cost_pick_pack', 'cost_pick_pack_1']
 */
export function poolColumnKeys(pools: readonly { name: string }[]): string[] {
  const seen = new Set<string>();
  return pools.map((p, k) => {
    let key = `cost_${
      p.name
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '_')
        .replace(/^_|_$/g, '') || k
    }`;
    if (seen.has(key)) key = `${key}_${k}`;
    seen.add(key);
    return key;
  });
}

/** The P&L formula shown under the per-customer P&L. */
export const PNL_RULE =
  'net_revenue = gross_revenue − returns_value; gross_margin = net_revenue − product_cost; cost_to_serve = Σ cost_<pool>; profit = gross_margin − cost_to_serve';

/**
 * The per-customer P&L's declaration for one result (a row is a customer's index). Its columns depend
 * on the data, the same way on every surface: `main_channel` when the log has channels, `segment`
 * when the report has segments (`cvm profit --segments`), one `cost_<pool>` per cost pool.
 */
export function pnlTableSpec(r: ProfitabilityResult, rep: ProfitabilityReport): TableSpec<number> {
  const c = r.customers;
  const segment = rep.segment;
  const keys = poolColumnKeys(r.pools);
  const pools: ColumnSpec<number>[] = r.pools.map((p, k) => ({
    key: keys[k]!,
    label: `Cost: ${p.name}`,
    kind: 'money',
    value: (i) => c.poolCost[k]![i]!,
    description: `the customer's share of the pool "${p.name}" (driver ${p.driver}${p.channel ? `, channel ${p.channel}` : ''}): its ${p.unit} × the pool's rate, in whole cents`,
  }));
  const money = (key: string, label: string, value: (i: number) => number, description: string): ColumnSpec<number> => ({
    key,
    label,
    kind: 'money',
    value,
    description,
  });
  return defineTable<number>('profit.pnl', 'Per-customer P&L', [
    { key: 'customer_id', label: 'Customer', kind: 'id', value: (i) => c.customerId[i]! },
    ...(rep.byChannel !== null
      ? [
          {
            key: 'main_channel',
            label: 'Main channel',
            kind: 'text',
            value: (i: number) => c.mainChannel[i]!,
            description: 'the channel with the most purchase revenue of the customer (ties: the alphabetically last)',
          } satisfies ColumnSpec<number>,
        ]
      : []),
    {
      key: 'value_tier',
      label: 'Value tier',
      kind: 'text',
      value: (i) => rep.tier[i]!,
      description: 'tier by net revenue in the period: Platinum top 1%, Gold top 5%, Silver top 20%, Bronze the rest',
    },
    ...(segment
      ? [{ key: 'segment', label: 'Segment', kind: 'text', value: (i: number) => segment[i]! } satisfies ColumnSpec<number>]
      : []),
    { key: 'orders', label: 'Orders', kind: 'count', value: (i) => c.orders[i]!, description: 'purchase orders in the period' },
    { key: 'units', label: 'Units', kind: 'number', value: (i) => c.units[i]!, description: 'units bought in the period' },
    { key: 'returns', label: 'Return orders', kind: 'count', value: (i) => c.returnOrders[i]!, description: 'return orders in the period' },
    money('gross_revenue', 'Gross revenue', (i) => c.grossRevenue[i]!, 'value of the purchases'),
    money('returns_value', 'Returns value', (i) => c.returnsValue[i]!, 'value of the goods returned'),
    money('net_revenue', 'Net revenue', (i) => c.netRevenue[i]!, 'gross revenue − returns'),
    money('product_cost', 'Product cost', (i) => c.productCost[i]!, 'cost of the goods kept (COGS or the margin % of the cost model)'),
    money('gross_margin', 'Gross margin', (i) => c.grossMargin[i]!, 'net revenue − product cost'),
    ...pools,
    money('cost_to_serve', 'Cost-to-serve', (i) => c.costToServe[i]!, 'the sum of the cost_<pool> columns'),
    money('profit', 'Profit', (i) => c.profit[i]!, 'gross margin − cost-to-serve'),
    {
      key: 'quadrant',
      label: 'Quadrant',
      kind: 'text',
      value: (i) => QUADRANT_ORDER[rep.matrix.assignment[i]!]!,
      description: 'margin × cost-to-serve quadrant: passive, carriage_trade, bargain_basement or aggressive',
    },
  ]);
}

/**
 * The per-customer P&L, one row per customer in the result's order.
 * @example
 * pnlTable(result, report).columns.at(-1)?.key; // 'quadrant'
 */
export function pnlTable(r: ProfitabilityResult, rep: ProfitabilityReport): ReportTable {
  const spec = pnlTableSpec(r, rep);
  return spec(
    Array.from({ length: r.customers.length }, (_, i) => i),
    { title: `Per-customer P&L (${r.model.currency}, ${r.period.start} .. ${r.period.end})`, notes: [PNL_RULE] },
  );
}
