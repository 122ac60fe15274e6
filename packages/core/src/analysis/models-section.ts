import { defineTable, type ReportTable } from '../report/report-table.js';
import type { ReportSection } from '../report/report-section.js';
import type { ModelsReport } from '../pipeline.js';
import { periodsText, validationSection } from '../validation/validation-tables.js';

type Top = ModelsReport['top'][number];

/** The customers with the highest predicted CLV (horizon and discount in the title). */
export const topCustomersTable = defineTable<Top>('models.top_customers', 'Top customers by CLV', [
  { key: 'customer_id', label: 'Customer', kind: 'id', value: (r) => r.customerId },
  {
    key: 'p_alive',
    label: 'P(alive)',
    kind: 'probability',
    description: 'probability the customer is still active, under the fitted model',
    value: (r) => r.pAlive,
  },
  { key: 'expected_purchases', label: 'Expected purchases', kind: 'number', value: (r) => r.expectedPurchases },
  { key: 'expected_spend', label: 'Expected spend', kind: 'money', unit: 'per purchase', value: (r) => r.expectedSpend },
  { key: 'clv', label: 'CLV', kind: 'money', description: 'discounted expected margin over the horizon', value: (r) => r.clv },
]);

/** The customers with the highest historic net revenue, shown when no model can be trusted. */
export const topHistoricTable = defineTable<ModelsReport['topHistoric'][number]>(
  'models.top_historic',
  'Top customers by historic net revenue (no trustworthy model: this is past value, not a forecast)',
  [
    { key: 'customer_id', label: 'Customer', kind: 'id', value: (r) => r.customerId },
    { key: 'net_revenue', label: 'Net revenue', kind: 'money', value: (r) => r.netRevenue },
  ],
);

/**
 * The top customers as the report shows them: by predicted CLV (the horizon and discount as the
 * units of expected purchases and CLV), or by historic net revenue when no model can be trusted.
 * `cvm report` and GET /api/models (`top`, drawn by the Model fit page) render this one table.
 * @example
 * topCustomersOf(report).id; // 'models.top_customers' (or 'models.top_historic' on the fallback)
 */
export function topCustomersOf(m: ModelsReport): ReportTable {
  if (m.fallback) return topHistoricTable(m.topHistoric);
  const t = topCustomersTable(m.top, {
    title: `Top customers by CLV (${m.units!.horizon})`,
    notes: m.warnings.length ? [`doubtful fit: ${m.warnings.length} warning${m.warnings.length === 1 ? '' : 's'} above`] : [],
  });
  const units: Record<string, string> = { expected_purchases: m.units!.horizon, clv: m.units!.discount };
  return { ...t, columns: t.columns.map((c) => (units[c.key] === undefined ? c : { ...c, unit: units[c.key] })) };
}

/** The main report's models section: the holdout validation, the scoring model and the top customers. */
export function modelsSection(m: ModelsReport): ReportSection[] {
  // one section today; a list so that later parts (intervals, covariates) can follow it
  const out: ReportSection[] = [];
  const lines: string[] = [];
  if (m.validation) {
    lines.push(
      `Holdout validation: calibration to ${m.validation.calibrationEnd}, holdout to ${m.validation.holdoutEnd} (${periodsText(m.validation.holdoutPeriods)} ${m.validation.period}s)`,
    );
  } else {
    lines.push(`Holdout validation skipped: ${m.validationSkipped}`);
  }
  const v = m.validation ? validationSection(m.validation) : null;
  if (m.fallback) {
    out.push({
      id: 'models',
      title: 'Customer lifetime value',
      lines: [...lines, ...(v?.lines ?? [])],
      warnings: [...(v?.warnings ?? []), `NO CLV FORECAST: ${m.fallback.reason}`],
      tables: [...(v ? [v.tables[0]!] : []), topCustomersOf(m)],
    });
    return out;
  }
  const fmt = (p: Record<string, number> | null): string =>
    Object.entries(p ?? {})
      .map(([k, x]) => `${k} ${x.toPrecision(4)}`)
      .join(', ');
  const scored = [
    `Scored with ${m.model} (${fmt(m.params)}) and ${m.spendModel === 'gamma-gamma' ? `Gamma-Gamma spend (${fmt(m.spendParams)})` : 'historic spend (own mean repeat spend)'} on the whole log`,
    ...m.notes.map((n) => `Note: ${n}`),
    `Total CLV ${m.totalClv!.toLocaleString('en-US', { maximumFractionDigits: 0 })}: ${m.units!.horizon}, ${m.units!.discount}, ${m.units!.margin}`,
  ];
  out.push({
    id: 'models',
    title: 'Customer lifetime value',
    lines: [...lines, ...(v?.lines ?? []), ...scored],
    warnings: [...(v?.warnings ?? []), ...m.warnings.map((w) => `${w} (applies to every CLV and P(alive) below)`)],
    tables: [...(v ? [v.tables[0]!] : []), topCustomersOf(m)],
  });
  return out;
}
