import type { ReportSection } from '../report/report-section.js';
import type { ProfitSummary } from '../pipeline-profit.js';
import { profitMatrixTable } from './profit-summary-tables.js';

const money = (v: number): string => v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const int = (v: number): string => v.toLocaleString('en-US');
const pct = (v: number): string => `${(100 * v).toFixed(1)}%`;

/** The main report's profitability section: profit and its parts, the whale curve figures, the matrix (the one spec of `cvm profit --view matrix`). */
export function profitSection(p: ProfitSummary): ReportSection {
  const w = p.whale,
    t = p.totals;
  const lines = [
    `Profit               ${money(t.profit)} = net revenue ${money(t.netRevenue)} - product cost ${money(t.productCost)} - cost-to-serve ${money(t.costToServe)}${t.unassignedCost ? ` (unassigned cost ${money(t.unassignedCost)})` : ''}; pools ${p.balanced ? 'reconcile to the cent' : 'DO NOT reconcile'}`,
    `Whale curve          peaks at ${w.peakPctOfTotal.toFixed(1)}% of total profit after the ${int(w.peakCustomers)} profitable customers (${pct(w.peakCustomerShare)})`,
    `Unprofitable         ${int(w.unprofitableCustomers)} customers (${pct(w.unprofitableShare)}) destroy ${money(w.profitDestroyed)}`,
  ];
  if (p.profitClv)
    lines.push(
      `Profit-based CLV     ${money(p.profitClv.total)} over the next ${p.profitClv.horizonYears.toFixed(2)} years (discounted); ${int(p.profitClv.negativeCustomers)} customers expected to lose money`,
    );
  return {
    id: 'profitability',
    title: `Profitability (cost model "${p.model.name}"${p.model.illustrative ? ', illustrative numbers' : ''}; ${p.period.start} .. ${p.period.end}, ${p.model.currency})`,
    lines,
    warnings: [...(p.profitClv?.warnings ?? []).map((w) => `profit-based CLV: ${w}`), ...p.warnings],
    tables: [profitMatrixTable({ quadrants: p.quadrants, notes: p.matrixNotes }, p.model.currency)],
  };
}
