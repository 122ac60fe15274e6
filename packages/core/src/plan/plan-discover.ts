import { alignValues } from '../customers/id-index.js';
import { LIFECYCLE_STAGES } from '../segments/lifecycle.js';
import { chooseGoals, PLAN_GOALS, type GoalInputs } from './goal-rule.js';
import { isGap, type PlanContext } from './plan-context.js';
import { customersRoute, HOW } from './plan-links.js';
import type { PlanFigure, PlanMissing, PlanSegment, PlanStep } from './plan-types.js';

/** `values` (in `ids` order) in the order of `target` ids; NaN for ids not found (see `alignValues`: the index is found once per pair of id lists). */
export function alignById(ids: readonly string[], values: Float64Array, target: readonly string[]): Float64Array {
  return alignValues(ids, values, target);
}

const pct = (v: number): string => `${(100 * v).toFixed(1)}%`;

/** The value basis of the tiers, in words. */
export function valueBasis(ctx: PlanContext): string {
  return ctx.models.status === 'ok'
    ? `predicted CLV, ${ctx.models.report.units!.horizon}`
    : 'historic net revenue (the models did not give a forecast)';
}

/** Discover: value now (CLV, profit, concentration), the tiers and how they moved since the last period. */
export function discoverStep(ctx: PlanContext): PlanStep {
  const figures: PlanFigure[] = [],
    missing: PlanMissing[] = [],
    lines: string[] = [];
  const o = ctx.overview;
  figures.push({ label: 'Customers', value: o.customers, kind: 'count', unit: `as of ${ctx.asOf}`, link: '#/overview' });
  figures.push({
    label: 'Net revenue to date',
    value: o.netRevenue,
    kind: 'money',
    unit: `${o.dateRange.first} to ${ctx.asOf}`,
    link: '#/overview',
  });
  if (ctx.models.status === 'ok') {
    const unit = ctx.models.report.units!.horizon;
    figures.push({ label: 'Predicted CLV of the base', value: ctx.models.report.totalClv, kind: 'money', unit, link: '#/value' });
    lines.push(
      `The ${o.customers.toLocaleString('en-US')} customers are expected to bring ${Math.round(ctx.models.report.totalClv ?? 0).toLocaleString('en-US')} (${unit}, discounted) under the ${ctx.models.report.model} model.`,
    );
  } else {
    missing.push({ part: 'Predicted CLV', reason: ctx.models.reason, how: HOW.models });
  }
  if (ctx.profit) {
    const t = ctx.profit.result.totals;
    figures.push({
      label: 'Profit (gross margin − cost to serve)',
      value: t.profit,
      kind: 'money',
      unit: `${ctx.profit.result.period.start} to ${ctx.profit.result.period.end}`,
      link: '#/profitability',
    });
    if (ctx.profit.summary.profitClv)
      figures.push({
        label: 'Profit-based CLV',
        value: ctx.profit.summary.profitClv.total,
        kind: 'money',
        unit: `next ${Number(ctx.profit.summary.profitClv.horizonYears.toFixed(2))} years`,
        link: '#/profitability',
      });
    const unprofitable = ctx.profit.result.customers.profit.reduce((n, v) => n + (v < 0 ? 1 : 0), 0);
    figures.push({
      label: 'Customers who cost more than they bring',
      value: unprofitable,
      kind: 'count',
      link: customersRoute(['profit:lt:0']),
    });
  } else {
    missing.push({ part: 'Profit and cost to serve', reason: 'no cost model was given', how: HOW.costs });
  }
  const top20 = ctx.segments.pareto.find((p) => Math.abs(p.topShare - 0.2) < 1e-9);
  if (top20) {
    figures.push({
      label: 'Share of value held by the top 20% of customers',
      value: top20.valueShare,
      kind: 'share',
      unit: ctx.segments.valueKind === 'clv' ? 'of predicted CLV' : 'of historic net revenue',
      link: '#/segments',
    });
    lines.push(
      `Value is concentrated: the top 20% of customers (${top20.customers.toLocaleString('en-US')}) hold ${pct(top20.valueShare)} of it.`,
    );
  }
  for (const t of ctx.segments.tiers) {
    figures.push({
      label: `${t.name}: customers (${t.rule})`,
      value: t.count,
      kind: 'count',
      link: customersRoute([`value_tier:eq:${t.name}`]),
    });
  }
  const m = ctx.segments.migration;
  if (m && m.steps.length > 0) {
    const s = m.steps[m.steps.length - 1]!;
    figures.push({ label: `Moved up a tier, ${s.from} to ${s.to}`, value: s.movedUp, kind: 'count', link: '#/migration' });
    figures.push({ label: `Moved down a tier, ${s.from} to ${s.to}`, value: s.movedDown, kind: 'count', link: '#/migration' });
    figures.push({
      label: `Value of the downgraded customers (at ${s.from})`,
      value: s.downgradeValue,
      kind: 'money',
      link: '#/migration',
    });
    figures.push({ label: `New customers, ${s.from} to ${s.to}`, value: s.acquired, kind: 'count', link: '#/migration' });
    lines.push(
      `Since ${s.from}: ${s.movedUp.toLocaleString('en-US')} customers moved up a tier, ${s.movedDown.toLocaleString('en-US')} moved down, ${s.acquired.toLocaleString('en-US')} are new (${m.basis}).`,
    );
  } else {
    missing.push({
      part: 'How segments moved since last period',
      reason: ctx.segments.migrationSkipped ?? 'no two complete quarters in the log',
      how: HOW.moreHistory,
    });
  }
  return { id: 'discover', title: 'Discover: what customers are worth now', lines, figures, missing };
}

/** The goal rule's inputs from the context, in the segmentation's customer order. */
export function goalInputs(ctx: PlanContext): GoalInputs {
  const seg = ctx.seg,
    ids = seg.customerId;
  const r = isGap(ctx.retention) ? null : ctx.retention;
  return {
    tierNames: seg.tiers.names,
    stageNames: LIFECYCLE_STAGES,
    tier: seg.tiers.tier,
    stage: seg.lifecycle.stage,
    value: seg.value,
    historic: seg.monetary,
    valueAtRisk: r ? alignById(ctx.summary.customerId, r.scores.valueAtRisk, ids) : null,
    valueIfAlive: r ? alignById(ctx.summary.customerId, r.scores.valueIfAlive, ids) : null,
    profit: ctx.profit ? alignById(ctx.profit.result.customers.customerId, ctx.profit.result.customers.profit, ids) : null,
  };
}

/** Commit: a goal per segment by the stated rule, with the customers and value behind each goal. */
export function commitStep(ctx: PlanContext, segments: PlanSegment[]): PlanStep {
  const figures: PlanFigure[] = [],
    missing: PlanMissing[] = [];
  for (const goal of PLAN_GOALS) {
    const s = segments.filter((x) => x.goal === goal);
    if (s.length === 0) continue;
    const customers = s.reduce((n, x) => n + x.customers, 0);
    figures.push({
      label: `${goal}: customers in ${s.length} segment${s.length === 1 ? '' : 's'}`,
      value: customers,
      kind: 'count',
      link: '#/segments',
    });
  }
  if (isGap(ctx.retention)) missing.push({ part: 'Risk in the goal rule (value at risk)', reason: ctx.retention.reason, how: HOW.models });
  if (!ctx.profit)
    missing.push({ part: 'Profitability in the goal rule (serve cheaper)', reason: 'no cost model was given', how: HOW.costs });
  const lines = [
    `${segments.length} segments (value tier × lifecycle stage) by ${valueBasis(ctx)}; the rule that chose each goal is under the table.`,
  ];
  return { id: 'commit', title: 'Commit: a goal for each segment', lines, figures, missing };
}

/** Every segment's goal with the link to its customers. */
export function planSegments(ctx: PlanContext): PlanSegment[] {
  return chooseGoals(goalInputs(ctx), ctx.options).map((g) => ({
    ...g,
    link: customersRoute([`value_tier:eq:${g.tier}`, `lifecycle_stage:eq:${g.stage}`]),
  }));
}
