import { loadCostModel, type ModelsReport, type OverviewReport } from '@cvm/core';
import { formatOf, ingestOptionsOf, LOG_OPTIONS, parse, stringOf, SUMMARY_OPTIONS, summaryOptionsOf, WORKSPACE_OPTION } from '../args.js';
import type { Context } from '../context.js';
import type { Output } from '../output.js';
import { openSource } from '../source.js';
import { ingestLines } from './ingest-output.js';
import { periodsText, validationOutput } from './validate.js';
import { mainReport } from './main-report.js';

/** The models section: validation summary, recommendation, the scoring fit and its doubts, and the top customers by CLV (or by historic net revenue when no model can be trusted). */
export function modelsOutput(m: ModelsReport): Output {
  const text = ['', 'Customer lifetime value'];
  const tables: Output['tables'] = [];
  if (m.validation) {
    const v = validationOutput(m.validation);
    text.push(`Holdout validation: calibration to ${m.validation.calibrationEnd}, holdout to ${m.validation.holdoutEnd} (${periodsText(m.validation.holdoutPeriods)} ${m.validation.period}s)`);
    text.push(...(v.text ?? []));
    tables.push(v.tables[0]!);
  } else {
    text.push(`Holdout validation skipped: ${m.validationSkipped}`);
  }
  if (m.fallback) {
    text.push(`NO CLV FORECAST: ${m.fallback.reason}`);
    tables.push({
      title: 'Top customers by historic net revenue (no trustworthy model: this is past value, not a forecast)',
      columns: ['customer_id', 'net_revenue'],
      rows: m.topHistoric.map((t) => [t.customerId, t.netRevenue]),
    });
    return { text, tables, json: m };
  }
  const fmt = (p: Record<string, number> | null): string => Object.entries(p ?? {}).map(([k, v]) => `${k} ${v.toPrecision(4)}`).join(', ');
  text.push(`Scored with ${m.model} (${fmt(m.params)}) and ${m.spendModel === 'gamma-gamma' ? `Gamma-Gamma spend (${fmt(m.spendParams)})` : 'historic spend (own mean repeat spend)'} on the whole log`);
  for (const w of m.warnings) text.push(`WARNING (applies to every CLV and P(alive) below): ${w}`);
  for (const n of m.notes) text.push(`Note: ${n}`);
  text.push(`Total CLV ${m.totalClv!.toLocaleString('en-US', { maximumFractionDigits: 0 })}: ${m.units!.horizon}, ${m.units!.discount}, ${m.units!.margin}`);
  tables.push({
    title: `Top customers by CLV (${m.units!.horizon})`,
    columns: ['customer_id', 'p_alive', 'expected_purchases', 'expected_spend', 'clv'],
    rows: m.top.map((t) => [t.customerId, t.pAlive, t.expectedPurchases, t.expectedSpend, t.clv]),
    notes: m.warnings.length ? [`doubtful fit: ${m.warnings.length} warning${m.warnings.length === 1 ? '' : 's'} above`] : [],
  });
  return { text, tables, json: m };
}

const money = (v: number): string => v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const int = (v: number): string => v.toLocaleString('en-US');
const pct = (v: number): string => `${(100 * v).toFixed(1)}%`;

/** The overview as text, key figures (CSV payload) and JSON. */
export function overviewOutput(r: OverviewReport): Output {
  const figures: [string, string | number, string][] = [
    ['customers', r.customers, 'customers with a purchase on or before the calibration end (purchases wholly returned or cancelled do not count)'],
    ['customers_all_returned', r.customersAllReturned, 'customers whose every purchase was returned or cancelled (not customers above)'],
    ['transactions', r.transactions, 'purchase rows (returns excluded)'],
    ['purchase_days', r.purchaseDays, 'customer-days with a purchase (same-day rows merged, days cancelled by returns left out)'],
    ['gross_revenue', r.grossRevenue, 'sum of purchases'],
    ['returns_value', r.returnsValue, 'sum of returns and cancellations'],
    ['net_revenue', r.netRevenue, 'gross revenue - returns'],
    ['repeat_buyers', r.repeatBuyers, 'customers with at least one repeat purchase day'],
    ['repeat_buyer_share', r.repeatBuyerShare, 'repeat buyers / customers'],
    ['first_date', r.dateRange.first ?? '', 'first transaction day in the log'],
    ['last_date', r.dateRange.last ?? '', 'last transaction day in the log'],
    ['calibration_end', r.calibrationEnd, 'summary computed as of this day'],
  ];
  const text = [
    'cvm overview',
    ...r.ingest.flatMap(ingestLines),
    '',
    `Customers            ${int(r.customers)}${r.customersAllReturned ? ` (and ${int(r.customersAllReturned)} whose purchases were all returned or cancelled)` : ''}`,
    `Transactions         ${int(r.transactions)} purchase rows on ${int(r.purchaseDays)} customer-days`,
    `Revenue              ${money(r.grossRevenue)} gross, ${money(r.returnsValue)} returned, ${money(r.netRevenue)} net`,
    `Repeat buyers        ${int(r.repeatBuyers)} (${pct(r.repeatBuyerShare)} of customers bought again)`,
    `Date range           ${r.dateRange.first} .. ${r.dateRange.last} (summary as of ${r.calibrationEnd}, time unit: ${r.period}s)`,
    `Quarantined rows     ${r.quarantine.length === 0 ? 'none' : r.quarantine.map((q) => `${int(q.rows)} ${q.reason}`).join(', ')}`,
  ];
  return {
    text,
    tables: r.quarantine.length ? [{ title: 'Quarantined rows by reason (cvm quarantine --workspace DIR lists them)', columns: ['reason', 'rows', 'meaning'], rows: r.quarantine.map((q) => [q.reason, q.rows, q.meaning]) }] : [],
    json: r,
    csvTable: { columns: ['metric', 'value', 'meaning'], rows: figures },
  } as Output & { csvTable: unknown };
}

/** Options of the main job shared by `cvm report` and `cvm serve`. */
export const REPORT_OPTIONS = {
  'validate-at': { type: 'string' },
  'no-models': { type: 'boolean' },
  costs: { type: 'string' },
} as const;

export async function reportCommand(argv: string[], ctx: Context): Promise<number> {
  const { values, positionals } = parse(argv, LOG_OPTIONS, SUMMARY_OPTIONS, WORKSPACE_OPTION, REPORT_OPTIONS);
  if (values.help) return ctx.help('report');
  const format = formatOf(values, ctx.stdoutIsTTY);
  const progress = ctx.progress(format === 'table');
  const costs = stringOf(values.costs);
  const costModel = costs === undefined ? null : await loadCostModel(costs); // a bad cost model fails before the log is read
  const { engine, ingest } = await openSource(values, positionals, ingestOptionsOf(values), progress);
  try {
    const out = await mainReport(engine, {
      summary: summaryOptionsOf(values), ingest, progress,
      validateAt: stringOf(values['validate-at']), noModels: Boolean(values['no-models']), costModel,
    });
    if (format === 'csv' || format === 'ndjson') out.tables = [out.csvTable];
    ctx.print(out, format);
  } finally {
    await engine.close();
  }
  return 0;
}
