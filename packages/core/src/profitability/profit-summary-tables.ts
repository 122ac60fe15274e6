/**
 * The profitability report's summary tables, declared once (issue 19): the cost pools, the margin ×
 * cost-to-serve matrix and profit by a grouping (value tier, main channel, segment). `cvm profit
 * --view pools|matrix|tier|channel|segment`, GET /api/profitability (JSON `tables`, `format=csv&table=…`)
 * and the dashboard's Profitability page render these, so the three surfaces show the same columns.
 * Amounts are in the cost model's currency for the cost period (the titles name both).
 */
import { defineTable, type ColumnSpec, type ReportTable, type TableSpec } from '../report/report-table.js';
import type { MarginMatrix } from './margin-matrix.js';
import type { GroupProfit } from './profit-by-group.js';
import type { ProfitabilityResult } from './profitability.js';
import type { PoolResult } from './profitability-types.js';

/** The rule of the pools' allocation, shown under the pools table. */
export const POOLS_RULE =
  'rate = pool cost / total driver volume; each customer gets volume × rate, split in whole cents by the largest-remainder method so that assigned + unassigned = cost exactly';

/** The cost pools of the cost model, one row per pool: its driver, volume, rate and what was assigned. */
export const costPoolsTable = defineTable<PoolResult>('profit.pools', 'Cost pools', [
  {
    key: 'pool',
    label: 'Pool',
    kind: 'text',
    value: (p) => p.name + (p.channel ? ` (channel ${p.channel})` : ''),
    description: 'the cost pool of the cost model (a delivery pool names the order channel it ships)',
  },
  { key: 'driver', label: 'Driver', kind: 'text', value: (p) => p.driver, description: 'what the pool is spread over customers by' },
  { key: 'cost', label: 'Cost', kind: 'money', value: (p) => p.cost, description: "the pool's cost for the period" },
  {
    key: 'volume',
    label: 'Driver volume',
    kind: 'number',
    value: (p) => Number(p.totalVolume.toFixed(4)),
    description: 'the total driver volume, in the unit of the next column (customers in the log and activity of customers not in it)',
  },
  { key: 'unit', label: 'Unit', kind: 'text', value: (p) => p.unit, description: 'the unit of the driver volume' },
  {
    key: 'rate_per_unit',
    label: 'Rate',
    kind: 'number',
    unit: 'currency per driver unit',
    decimals: 2,
    value: (p) => (Number.isFinite(p.rate) ? p.rate : null),
    description: 'pool cost / total driver volume, unrounded (empty without volume)',
  },
  {
    key: 'assigned',
    label: 'Assigned',
    kind: 'money',
    value: (p) => p.assigned,
    description: 'cost assigned to customers, in whole cents',
  },
  {
    key: 'unassigned',
    label: 'Unassigned',
    kind: 'money',
    value: (p) => p.unassigned,
    description: 'cost no customer can carry (no driver volume, activity of unknown customers, no activity file)',
  },
  {
    key: 'unassigned_reason',
    label: 'Why unassigned',
    kind: 'text',
    value: (p) => p.unassignedReason ?? '',
    description: 'the reason code of the unassigned cost (empty when everything was assigned)',
  },
]);

/**
 * The cost pools of a result as a table, titled with the currency and period, the rule under it.
 * @example
 * poolsTable(result).rows[0]![0]; // 'order processing'
 */
export function poolsTable(r: ProfitabilityResult): ReportTable {
  const cur = r.model.currency;
  const t = costPoolsTable(r.pools, { title: `Cost pools (${cur} for ${r.period.start} .. ${r.period.end})`, notes: [POOLS_RULE] });
  // the rate is a plain number (4 decimals for people, a fraction of a cent matters): its unit names the currency
  return { ...t, columns: t.columns.map((c) => (c.key === 'rate_per_unit' ? { ...c, unit: `${cur} per driver unit` } : c)) };
}

const money = (key: string, label: string, value: (q: MarginMatrix['quadrants'][number]) => number, description: string) =>
  ({ key, label, kind: 'money', value, description }) satisfies ColumnSpec<MarginMatrix['quadrants'][number]>;

/** The margin × cost-to-serve matrix, one row per quadrant (Shapiro et al. 1987) with its rule, sums and suggested action. */
export const marginMatrixTable = defineTable<MarginMatrix['quadrants'][number]>('profit.matrix', 'Margin × cost-to-serve matrix', [
  { key: 'quadrant', label: 'Quadrant', kind: 'text', value: (q) => q.label },
  { key: 'rule', label: 'Rule', kind: 'text', value: (q) => q.rule, description: 'high or low against the median cut points' },
  { key: 'customers', label: 'Customers', kind: 'count', value: (q) => q.customers },
  money('net_revenue', 'Net revenue', (q) => q.netRevenue, 'gross revenue − returns, summed over the quadrant'),
  money('gross_margin', 'Gross margin', (q) => q.grossMargin, 'net revenue − product cost, summed over the quadrant'),
  money('cost_to_serve', 'Cost-to-serve', (q) => q.costToServe, 'the cost pools assigned to the quadrant’s customers'),
  money('profit', 'Profit', (q) => q.profit, 'gross margin − cost-to-serve'),
  { key: 'suggested_action', label: 'Suggested action', kind: 'text', value: (q) => q.action },
]);

/**
 * The margin × cost-to-serve matrix as a table, titled with the currency and its median cut points
 * (when given: the main report's summary keeps the quadrants without them); its notes and the rule
 * for net revenue ≤ 0 under it. `cvm profit --view matrix`, the API and the main report render it.
 * @example
 * profitMatrixTable(report.matrix, 'USD').rows[0]![0]; // 'Passive'
 */
export function profitMatrixTable(
  m: Pick<MarginMatrix, 'quadrants' | 'notes'> & Partial<Pick<MarginMatrix, 'marginCutPct' | 'costToServeCutPct'>>,
  currency: string,
): ReportTable {
  const cuts =
    m.marginCutPct === undefined || m.costToServeCutPct === undefined
      ? ''
      : `; cuts: margin ${m.marginCutPct.toFixed(2)}% and cost-to-serve ${m.costToServeCutPct.toFixed(2)}% of net revenue (medians)`;
  return marginMatrixTable(m.quadrants, {
    title: `Margin × cost-to-serve matrix (${currency})${cuts}`,
    notes: [...m.notes, 'net revenue ≤ 0 counts as low margin, high cost-to-serve'],
  });
}

/** A percentage to 2 decimals, null where net revenue ≤ 0 leaves it undefined. */
const pct2 = (v: number): number | null => (Number.isFinite(v) ? Math.round(v * 100) / 100 : null);

/** The columns of profit by group after the group's own column. */
const GROUP_COLUMNS: readonly ColumnSpec<GroupProfit>[] = [
  { key: 'customers', label: 'Customers', kind: 'count', value: (g) => g.customers },
  { key: 'net_revenue', label: 'Net revenue', kind: 'money', value: (g) => g.netRevenue, description: 'gross revenue − returns' },
  { key: 'product_cost', label: 'Product cost', kind: 'money', value: (g) => g.productCost },
  { key: 'cost_to_serve', label: 'Cost-to-serve', kind: 'money', value: (g) => g.costToServe },
  { key: 'profit', label: 'Profit', kind: 'money', value: (g) => g.profit, description: 'net revenue − product cost − cost-to-serve' },
  {
    key: 'profit_per_customer',
    label: 'Profit per customer',
    kind: 'money',
    value: (g) => g.profitPerCustomer,
    description: 'profit / customers, in whole cents',
  },
  {
    key: 'margin_pct',
    label: 'Gross margin',
    kind: 'number',
    unit: '% of net revenue',
    value: (g) => pct2(g.marginPct),
    description: '(net revenue − product cost) / net revenue, to 2 decimals (empty when net revenue ≤ 0)',
  },
  {
    key: 'cost_to_serve_pct',
    label: 'Cost-to-serve',
    kind: 'number',
    unit: '% of net revenue',
    value: (g) => pct2(g.costToServePct),
    description: 'cost-to-serve / net revenue, to 2 decimals (empty when net revenue ≤ 0)',
  },
  {
    key: 'unprofitable_share',
    label: 'Unprofitable',
    kind: 'share',
    unit: 'share of customers',
    value: (g) => g.unprofitableShare,
    description: 'share of the group’s customers with profit < 0',
  },
];

const groupSpec = (id: string, title: string, key: string, label: string, description: string): TableSpec<GroupProfit> =>
  defineTable<GroupProfit>(id, title, [{ key, label, kind: 'text', value: (g) => g.group, description }, ...GROUP_COLUMNS]);

/** Profit by value tier (tiers by net revenue in the period). */
export const profitByTierTable = groupSpec(
  'profit.by_tier',
  'Profit by value tier',
  'value_tier',
  'Value tier',
  'tier by net revenue in the period: Platinum top 1%, Gold top 5%, Silver top 20%, Bronze the rest',
);
/** Profit by main channel (the channel with the most purchase revenue of each customer). */
export const profitByChannelTable = groupSpec(
  'profit.by_channel',
  'Profit by main channel',
  'channel',
  'Main channel',
  'the channel with the most purchase revenue of the customer',
);
/** Profit by segment (`cvm profit --segments FILE`). */
export const profitBySegmentTable = groupSpec(
  'profit.by_segment',
  'Profit by segment',
  'segment',
  'Segment',
  'the segment of the --segments file',
);

/**
 * The three group tables titled with the currency (the CLI's and the API's titles).
 * @example
 * profitGroupTables('USD').tier(report.byTier).columns[0]!.key; // 'value_tier'
 */
export function profitGroupTables(currency: string) {
  return {
    tier: (g: readonly GroupProfit[]) => profitByTierTable(g, { title: `Profit by value tier (net revenue rank; ${currency})` }),
    channel: (g: readonly GroupProfit[]) => profitByChannelTable(g, { title: `Profit by main channel (${currency})` }),
    segment: (g: readonly GroupProfit[]) => profitBySegmentTable(g, { title: `Profit by segment (${currency})` }),
  };
}
