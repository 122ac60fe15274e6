import {
  InputError,
  profitMatrixTable,
  pnlTable,
  poolsTable,
  profitGroupTables,
  type ProfitabilityReport,
  type ProfitabilityResult,
  unprofitableTable,
  whaleTable,
} from '@cvm/core';
import { fromReportTable, type Format, type Output, type Table } from '../output.js';

export const PROFIT_VIEWS = ['pnl', 'pools', 'whale', 'matrix', 'channel', 'tier', 'segment', 'unprofitable'] as const;
export type ProfitView = (typeof PROFIT_VIEWS)[number];

const money = (v: number): string => v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const pct = (v: number): string => (Number.isFinite(v) ? `${v.toFixed(1)}%` : 'n/a');
const int = (v: number): string => v.toLocaleString('en-US');

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
  const keys = t.columns.map((c) => c.key);
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
    customers: t.rows.map((row) => Object.fromEntries(keys.map((c, j) => [c, row[j]]))),
  };
}

/** The `cvm profit` output: key figures and all tables for people (`table`); one view as CSV/NDJSON; everything as JSON. */
export function profitOutput(r: ProfitabilityResult, rep: ProfitabilityReport, view: ProfitView, format: Format): Output {
  const cur = r.model.currency;
  const machine = format !== 'table';
  const group = profitGroupTables(cur);
  const tables: Record<ProfitView, () => Table | null> = {
    pnl: () => fromReportTable(pnlTable(r, rep)),
    pools: () => fromReportTable(poolsTable(r)),
    whale: () =>
      fromReportTable(
        machine
          ? whaleTable(rep.whale, cur)
          : whaleTable(rep.whale, cur, { every: 10, notes: ['every 10th point shown; --view whale --format csv gives all'] }),
      ),
    matrix: () => fromReportTable(profitMatrixTable(rep.matrix, cur)),
    channel: () => (rep.byChannel ? fromReportTable(group.channel(rep.byChannel)) : null),
    tier: () => fromReportTable(group.tier(rep.byTier)),
    segment: () => (rep.bySegment ? fromReportTable(group.segment(rep.bySegment)) : null),
    unprofitable: () => fromReportTable(unprofitableTable(rep.unprofitable, cur, { limitHint: ' (--limit N)' })),
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
