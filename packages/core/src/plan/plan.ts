import type { Analysis } from '../analysis/analysis.js';
import { goalRuleText } from './goal-rule.js';
import { assessStep, pastCampaigns } from './plan-assess.js';
import { isGap, planContext, type PlanContext, type PlanOptions } from './plan-context.js';
import { createStep } from './plan-create.js';
import { commitStep, discoverStep, planSegments, valueBasis } from './plan-discover.js';
import { improveStep } from './plan-improve.js';
import type { PlanReport } from './plan-types.js';

/** Doubts of the stages the plan builds on, each once: a flagged fit's warning goes with the plan. */
function planWarnings(ctx: PlanContext): string[] {
  const w = [
    ...(ctx.models.status === 'ok'
      ? ctx.models.report.warnings
      : ctx.models.status === 'fallback'
        ? [`No count model can be trusted (${ctx.models.reason}): values are historic net revenue, no forecast`]
        : []),
    ...ctx.segments.valueWarnings,
    ...(isGap(ctx.retention) ? [] : ctx.retention.report.warnings),
    ...(ctx.profit?.summary.warnings ?? []),
    ...(ctx.feedback.status === 'ok' ? ctx.feedback.report.warnings : []),
  ];
  return [...new Set(w)];
}

/** The plan from a gathered context (pure over the context; see {@link buildPlan}). */
export function planFromContext(ctx: PlanContext): PlanReport {
  const rule = goalRuleText(ctx.options);
  const segments = planSegments(ctx);
  const past = pastCampaigns(ctx);
  const create = createStep(ctx);
  const improve = improveStep(ctx, segments, past);
  return {
    asOf: ctx.asOf,
    computedAt: new Date().toISOString(),
    valueBasis: valueBasis(ctx),
    goalRule: rule,
    segments,
    campaigns: create.campaigns,
    pastCampaigns: past,
    previous: ctx.previous ? { asOf: ctx.previous.asOf, savedAt: ctx.previous.savedAt } : null,
    goalChecks: improve.checks,
    steps: [discoverStep(ctx), commitStep(ctx, segments), create.step, assessStep(ctx, past), improve.step],
    warnings: planWarnings(ctx),
  };
}

/**
 * The customer value plan: the five steps of customer value management on the workspace's current
 * data. Discover (value now: CLV, profit, concentration; tiers and how they moved), Commit (a goal per
 * value tier × lifecycle stage by the stated rule of `goalRuleText`), Create (campaigns proposed from
 * the retention, win-back, headroom and look-alike reports, with control groups sized for power,
 * expected incremental value and cost), Assess (stored campaigns' uplift; NPS and the
 * satisfaction-profit chain), Improve (the previous stored plan's goals met or not; campaigns to
 * stop or scale). Every number carries the dashboard route it comes from; a part without its data
 * says what is missing and which flag or file adds it.
 *
 * Expected values rest on stated assumptions (`DEFAULT_ASSUMED`) until the business's own campaigns
 * measure them: they are planning figures, not forecasts.
 * @example
 * const plan = await buildPlan(new Analysis(engine, { costModel }));
 * plan.steps.map((s) => s.id); // → ['discover', 'commit', 'create', 'assess', 'improve']
 */
export async function buildPlan(a: Analysis, options: PlanOptions = {}): Promise<PlanReport> {
  return planFromContext(await planContext(a, options));
}
