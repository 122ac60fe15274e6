import { defineTable } from '../report/report-table.js';
import type { ReportSection } from '../report/report-section.js';
import { formatMoney, formatPercent } from '../report/format-value.js';
import { LIFECYCLE_STAGE_WORDS, LIFECYCLE_STAGES } from '../segments/lifecycle.js';
import { matrixTable } from '../report/matrix-table.js';
import type { ReportTable } from '../report/report-table.js';
import type { RetentionReport, RiskGroup } from './retention-stage.js';
import type { LifecycleTrends, TrendMonth } from './trends.js';

type RiskRow = RetentionReport['risk'][number];

/** Customers and value at risk by churn-risk label. */
export const riskLabelsTable = defineTable<RiskRow>('retention.risk', 'Churn risk', [
  { key: 'risk', label: 'Churn risk', kind: 'text', value: (r) => r.label },
  { key: 'customers', label: 'Customers', kind: 'count', value: (r) => r.customers },
  { key: 'share', label: 'Share of customers', kind: 'share', value: (r) => r.share },
  {
    key: 'value_at_risk',
    label: 'Value at risk',
    kind: 'money',
    description: '(1 − P(alive)) × value if alive, summed',
    value: (r) => r.valueAtRisk,
  },
]);

/** Value at risk by value tier and lifecycle stage, now and at the earlier day. */
export const valueAtRiskTable = defineTable<RiskGroup>('retention.value_at_risk', 'Value at risk by tier and stage', [
  { key: 'value_tier', label: 'Value tier', kind: 'text', value: (r) => r.tier },
  { key: 'lifecycle_stage', label: 'Lifecycle stage', kind: 'text', value: (r) => r.stage },
  { key: 'customers', label: 'Customers', kind: 'count', value: (r) => r.customers },
  { key: 'value_at_risk', label: 'Value at risk', kind: 'money', value: (r) => r.valueAtRisk },
  {
    key: 'value_at_risk_before',
    label: 'Value at risk before',
    kind: 'money',
    description: "the same customers' value at risk at the earlier day (today's model, history known then)",
    value: (r) => r.valueAtRiskBefore,
  },
]);

/** The base's movement per calendar month. */
export const trendsTable = defineTable<TrendMonth>('retention.trends', 'Customers by lifecycle flow and revenue per month', [
  { key: 'month', label: 'Month', kind: 'text', value: (r) => r.month },
  { key: 'new', label: 'New', kind: 'count', value: (r) => r.new },
  { key: 'returning', label: 'Returning', kind: 'count', value: (r) => r.returning },
  { key: 'reactivated', label: 'Reactivated', kind: 'count', value: (r) => r.reactivated },
  { key: 'lapsed', label: 'Lapsed', kind: 'count', value: (r) => r.lapsed },
  { key: 'active', label: 'Buying customers', kind: 'count', value: (r) => r.active },
  { key: 'gross', label: 'Purchases', kind: 'money', value: (r) => r.gross },
  { key: 'net', label: 'Net revenue', kind: 'money', description: 'purchases − returns', value: (r) => r.net },
]);

/** "CLV tier", "profit tier", "revenue tier" for a title; "value tier" for a report made before the label existed. */
const tierWords = (label: string | undefined): string =>
  label === undefined ? 'value tier' : label === 'CLV tier' ? label : label.toLowerCase();

/**
 * Value at risk now as a cross table: value tiers (rows, best first) × lifecycle stages (columns, in
 * the stages' order, only those with customers; keyed by the stage code, headed by its words), plus a
 * total column; the table alternative of the dashboard's heat map (whose axes it names) and the
 * compact form for a terminal.
 * @example
 * valueAtRiskMatrix(report).columns.map((c) => c.key); // → ['from', 'active', 'at_risk', …, 'total']
 */
export function valueAtRiskMatrix(r: Pick<RetentionReport, 'byTierStage' | 'valueUnit' | 'asOf'> & { tierLabel?: string }): ReportTable {
  const tiers = [...new Set(r.byTierStage.map((c) => c.tier))];
  const stages = LIFECYCLE_STAGES.filter((s) => r.byTierStage.some((c) => c.stage === s));
  const values = tiers.map((t) => stages.map((s) => r.byTierStage.find((c) => c.tier === t && c.stage === s)?.valueAtRisk ?? 0));
  const t = matrixTable(
    'retention.value_at_risk_matrix',
    `Value at risk by ${tierWords(r.tierLabel)} (rows) and lifecycle stage (columns), ${r.valueUnit}`,
    'tier \\ stage',
    tiers,
    stages,
    values,
    'money',
    [`  value at risk = (1 − P(alive)) × value if alive, as of ${r.asOf}`],
  );
  // the stage columns keep the code as key (the customers filter) and show the stage's words
  const words: Readonly<Record<string, string>> = LIFECYCLE_STAGE_WORDS;
  return { ...t, columns: t.columns.map((c) => (Object.hasOwn(words, c.key) ? { ...c, label: words[c.key]! } : c)) };
}

/**
 * The retention report as a section, the one form the CLI prints (`cvm at-risk`, `cvm win-back`),
 * the API serves (GET /api/retention) and the dashboard renders: as-of day, model and value basis,
 * value at risk now against the earlier day, the two lists' sizes (lines); warnings; the churn-risk
 * labels with the rules as notes and value at risk by tier × stage as a cross table (tables
 * `retention.risk`, `retention.value_at_risk_matrix`; the long form with the earlier day's value is
 * {@link valueAtRiskTable}).
 * @example
 * retentionSection((await analysis.retention()).report).tables.map((t) => t.id);
 * // → ['retention.risk', 'retention.value_at_risk_matrix']
 */
export function retentionSection(r: RetentionReport): ReportSection {
  const change =
    r.valueAtRisk.before > 0
      ? ` (${r.valueAtRisk.now >= r.valueAtRisk.before ? '+' : ''}${formatPercent(r.valueAtRisk.now / r.valueAtRisk.before - 1)})`
      : '';
  return {
    id: 'retention',
    title: `Retention as of ${r.asOf}`,
    lines: [
      `Model ${r.model}; values are ${r.valueUnit}; days are calendar days; P(return) over the next ${r.options.horizonDays} days`,
      `Value at risk ${formatMoney(r.valueAtRisk.now)} now against ${formatMoney(r.valueAtRisk.before)} on ${r.before}${change}`,
      `At-risk list: ${r.lists.atRisk.customers.toLocaleString('en-US')} customers, ${formatMoney(r.lists.atRisk.valueAtRisk)} at risk; win-back list: ${r.lists.winBack.customers.toLocaleString('en-US')} customers worth ${formatMoney(r.lists.winBack.value)} if won back`,
    ],
    warnings: r.warnings,
    tables: [riskLabelsTable(r.risk, { notes: r.rules.map((x) => `  ${x}`) }), valueAtRiskMatrix(r)],
  };
}

/** The monthly trends as a section (rule as a note). */
export function trendsSection(t: LifecycleTrends): ReportSection {
  return {
    id: 'retention.trends',
    title: `Lifecycle trends to ${t.asOf}`,
    lines: [],
    warnings: [],
    tables: [trendsTable(t.months, { notes: [t.rule] })],
  };
}
