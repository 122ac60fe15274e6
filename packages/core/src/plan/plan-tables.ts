import { formatValue } from '../report/format-value.js';
import type { ReportSection } from '../report/report-section.js';
import { defineTable, type ReportTable } from '../report/report-table.js';
import { CAMPAIGN_ACTION_RULE } from './plan-assess.js';
import type { GoalCheck, PastCampaign, PlanFigure, PlanReport, PlanSegment, PlanStep, ProposedCampaign } from './plan-types.js';

const num = (v: number | null): number => (v === null ? NaN : v);

/** A step's numbers, each with the page it comes from. */
export const figuresTable = (id: string) =>
  defineTable<PlanFigure>(`plan.${id}.figures`, 'Numbers', [
    { key: 'figure', label: 'Figure', kind: 'text', value: (f) => f.label },
    {
      key: 'value',
      label: 'Value',
      kind: 'text',
      description: 'the number as shown (the raw value is in value_raw)',
      value: (f) => (typeof f.value === 'number' ? formatValue(f.value, f.kind) : (f.value ?? '')),
    },
    { key: 'unit', label: 'Unit or period', kind: 'text', value: (f) => f.unit ?? '' },
    { key: 'value_raw', label: 'Raw value', kind: 'number', value: (f) => (typeof f.value === 'number' ? f.value : NaN) },
    { key: 'link', label: 'From', kind: 'text', description: 'the dashboard page the number comes from', value: (f) => f.link },
  ]);

/** Commit: each segment's goal with the figures the rule used. */
export const segmentGoalsTable = defineTable<PlanSegment>('plan.commit.segments', 'Goal per segment', [
  { key: 'value_tier', label: 'Value tier', kind: 'text', value: (s) => s.tier },
  { key: 'lifecycle_stage', label: 'Lifecycle stage', kind: 'text', value: (s) => s.stage },
  { key: 'customers', label: 'Customers', kind: 'count', value: (s) => s.customers },
  {
    key: 'value_per_customer',
    label: 'Value per customer',
    kind: 'money',
    description: 'the tier value (predicted CLV or historic net revenue)',
    value: (s) => s.valuePerCustomer,
  },
  { key: 'risk_share', label: 'Value at risk', kind: 'share', unit: 'of the value if alive', value: (s) => num(s.riskShare) },
  { key: 'profit_per_customer', label: 'Profit per customer', kind: 'money', value: (s) => num(s.profitPerCustomer) },
  { key: 'goal', label: 'Goal', kind: 'text', value: (s) => s.goal },
  { key: 'reason', label: 'Why', kind: 'text', value: (s) => s.reason },
  { key: 'link', label: 'Customers', kind: 'text', description: 'the customers page filtered to the segment', value: (s) => s.link },
]);

/** Create: the proposed campaigns. */
export const proposedCampaignsTable = defineTable<ProposedCampaign>('plan.create.campaigns', 'Proposed campaigns', [
  { key: 'campaign', label: 'Campaign', kind: 'text', value: (c) => c.name },
  { key: 'goal', label: 'Goal', kind: 'text', value: (c) => c.goal },
  { key: 'customers', label: 'Audience', kind: 'count', value: (c) => c.customers },
  { key: 'control_customers', label: 'Control group', kind: 'count', value: (c) => c.controlCustomers },
  { key: 'control_share', label: 'Control share', kind: 'share', value: (c) => c.controlShare },
  { key: 'value_base', label: 'Value worked on', kind: 'money', value: (c) => c.valueBase },
  { key: 'expected_incremental', label: 'Expected incremental value', kind: 'money', value: (c) => c.expectedIncremental },
  { key: 'cost', label: 'Cost', kind: 'money', description: 'cost per contact × the target group', value: (c) => num(c.cost) },
  { key: 'net', label: 'Net', kind: 'money', value: (c) => num(c.net) },
  {
    key: 'audience_filter',
    label: 'Audience filter',
    kind: 'text',
    description: 'customer-table filters (column:op:value) for cvm campaign create --audience',
    value: (c) => c.filters.join(' '),
  },
  { key: 'link', label: 'From', kind: 'text', value: (c) => c.link },
]);

/** Assess: the stored campaigns' results and actions. */
export const pastCampaignsTable = defineTable<PastCampaign>('plan.assess.campaigns', 'Past campaigns', [
  { key: 'campaign', label: 'Campaign', kind: 'text', value: (p) => p.name },
  { key: 'send_date', label: 'Sent', kind: 'date', value: (p) => p.sendDate },
  { key: 'status', label: 'Status', kind: 'text', value: (p) => p.status },
  { key: 'outcome', label: 'Outcome', kind: 'text', value: (p) => p.outcome ?? '' },
  { key: 'uplift', label: 'Uplift per customer', kind: 'money', description: 'target − control', value: (p) => num(p.uplift) },
  { key: 'lower', label: 'From', kind: 'money', unit: '95% CI', value: (p) => num(p.lower) },
  { key: 'upper', label: 'To', kind: 'money', unit: '95% CI', value: (p) => num(p.upper) },
  {
    key: 'incremental',
    label: 'Incremental value',
    kind: 'money',
    description: 'uplift × target customers',
    value: (p) => num(p.incremental),
  },
  { key: 'action', label: 'Action', kind: 'text', value: (p) => p.action },
  { key: 'link', label: 'Results', kind: 'text', value: (p) => p.link },
]);

/** Improve: the previous plan's goals, then and now. */
export const goalChecksTable = defineTable<GoalCheck>('plan.improve.goals', 'Goals of the last plan', [
  { key: 'value_tier', label: 'Value tier', kind: 'text', value: (g) => g.tier },
  { key: 'lifecycle_stage', label: 'Lifecycle stage', kind: 'text', value: (g) => g.stage },
  { key: 'goal', label: 'Goal', kind: 'text', value: (g) => g.goal },
  { key: 'measure', label: 'Measure', kind: 'text', value: (g) => g.measure },
  { key: 'before', label: 'Then', kind: 'number', value: (g) => g.before },
  { key: 'now', label: 'Now', kind: 'number', value: (g) => num(g.now) },
  { key: 'met', label: 'Met', kind: 'text', value: (g) => (g.met === null ? 'n/a' : g.met ? 'yes' : 'no') },
  { key: 'link', label: 'Customers', kind: 'text', value: (g) => g.link },
]);

/** The lines of a step: its sentences, then each missing part with how to add it. */
export function stepLines(s: PlanStep): string[] {
  return [...s.lines, ...s.missing.map((m) => `Missing: ${m.part}: ${m.reason}. To add it: ${m.how}.`)];
}

/**
 * The plan as report sections, one per step (what `cvm plan` prints and the API returns beside the
 * report): the step's sentences and missing parts, its numbers with their pages, and its table.
 */
export function planSections(p: PlanReport): ReportSection[] {
  return p.steps.map((s, i) => {
    const tables = s.figures.length ? [figuresTable(s.id)(s.figures)] : [];
    if (s.id === 'commit') tables.push(segmentGoalsTable(p.segments, { notes: p.goalRule }));
    if (s.id === 'create' && p.campaigns.length)
      tables.push(
        proposedCampaignsTable(p.campaigns, { notes: p.campaigns.map((c) => `${c.name}: ${c.assumption}; control ${c.controlRule}.`) }),
      );
    if (s.id === 'assess' && p.pastCampaigns.length) tables.push(pastCampaignsTable(p.pastCampaigns, { notes: [CAMPAIGN_ACTION_RULE] }));
    if (s.id === 'improve' && p.goalChecks.length) tables.push(goalChecksTable(p.goalChecks));
    return {
      id: `plan.${s.id}`,
      title: s.title,
      lines: i === 0 ? [`Customer value plan as of ${p.asOf} (values: ${p.valueBasis}).`, ...stepLines(s)] : stepLines(s),
      warnings: i === 0 ? p.warnings : [],
      tables,
    };
  });
}

/** Every number of the plan in one table, step by step (what `cvm plan --format csv` writes). */
export function planFiguresTable(p: PlanReport): ReportTable {
  const rows = p.steps.flatMap((s) => s.figures.map((f) => ({ step: s.id, f })));
  const spec = figuresTable('all');
  const t = spec(
    rows.map((r) => r.f),
    { title: `Customer value plan as of ${p.asOf}: every number` },
  );
  return {
    ...t,
    id: 'plan.figures',
    columns: [{ key: 'step', label: 'Step', kind: 'text' }, ...t.columns],
    rows: t.rows.map((r, i) => [rows[i]!.step, ...r]),
  };
}
