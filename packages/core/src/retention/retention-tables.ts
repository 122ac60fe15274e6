import { defineTable } from '../report/report-table.js';
import type { ReportSection } from '../report/report-section.js';
import { formatMoney, formatPercent } from '../report/format-value.js';
import type { RetentionReport, RiskGroup } from './retention-stage.js';
import type { LifecycleTrends, TrendMonth } from './trends.js';

type RiskRow = RetentionReport['risk'][number];

/** Customers and value at risk by churn-risk label. */
export const riskLabelsTable = defineTable<RiskRow>('retention.risk', 'Churn risk', [
  { key: 'risk', label: 'Churn risk', kind: 'text', value: (r) => r.label },
  { key: 'customers', label: 'Customers', kind: 'count', value: (r) => r.customers },
  { key: 'share', label: 'Share of customers', kind: 'share', value: (r) => r.share },
  { key: 'value_at_risk', label: 'Value at risk', kind: 'money', description: '(1 − P(alive)) × value if alive, summed', value: (r) => r.valueAtRisk },
]);

/** Value at risk by value tier and lifecycle stage, now and at the earlier day. */
export const valueAtRiskTable = defineTable<RiskGroup>('retention.value_at_risk', 'Value at risk by tier and stage', [
  { key: 'value_tier', label: 'Value tier', kind: 'text', value: (r) => r.tier },
  { key: 'lifecycle_stage', label: 'Lifecycle stage', kind: 'text', value: (r) => r.stage },
  { key: 'customers', label: 'Customers', kind: 'count', value: (r) => r.customers },
  { key: 'value_at_risk', label: 'Value at risk', kind: 'money', value: (r) => r.valueAtRisk },
  { key: 'value_at_risk_before', label: 'Value at risk before', kind: 'money', description: 'the same customers\' value at risk at the earlier day (today\'s model, history known then)', value: (r) => r.valueAtRiskBefore },
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

/**
 * The retention section printed above a list: as-of day, model and value basis, value at risk now
 * against the earlier day, the two lists' sizes, the risk labels; the rules as notes; warnings.
 */
export function retentionSection(r: RetentionReport): ReportSection {
  const change = r.valueAtRisk.before > 0 ? ` (${r.valueAtRisk.now >= r.valueAtRisk.before ? '+' : ''}${formatPercent(r.valueAtRisk.now / r.valueAtRisk.before - 1)})` : '';
  return {
    id: 'retention',
    title: `Retention as of ${r.asOf}`,
    lines: [
      `Model ${r.model}; values are ${r.valueUnit}; days are calendar days; P(return) over the next ${r.options.horizonDays} days`,
      `Value at risk ${formatMoney(r.valueAtRisk.now)} now against ${formatMoney(r.valueAtRisk.before)} on ${r.before}${change}`,
      `At-risk list: ${r.lists.atRisk.customers.toLocaleString('en-US')} customers, ${formatMoney(r.lists.atRisk.valueAtRisk)} at risk; win-back list: ${r.lists.winBack.customers.toLocaleString('en-US')} customers worth ${formatMoney(r.lists.winBack.value)} if won back`,
    ],
    warnings: r.warnings,
    tables: [riskLabelsTable(r.risk, { notes: r.rules.map((x) => `  ${x}`) })],
  };
}

/** The monthly trends as a section (rule as a note). */
export function trendsSection(t: LifecycleTrends): ReportSection {
  return { id: 'retention.trends', title: `Lifecycle trends to ${t.asOf}`, lines: [], warnings: [], tables: [trendsTable(t.months, { notes: [t.rule] })] };
}
