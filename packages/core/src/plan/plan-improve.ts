import type { PlanGoal } from './goal-rule.js';
import { isGap, type PlanContext } from './plan-context.js';
import { CAMPAIGN_ACTION_RULE } from './plan-assess.js';
import { HOW } from './plan-links.js';
import type { GoalCheck, PastCampaign, PlanFigure, PlanMissing, PlanSegment, PlanStep } from './plan-types.js';

type Measure = { name: string; of: (s: PlanSegment | undefined) => number | null; better: 'higher' | 'lower' };

const customers: Measure['of'] = (s) => s?.customers ?? 0;
const perCustomer: Measure['of'] = (s) => s?.valuePerCustomer ?? null;

/** What each goal moves, and which way is better. */
export function goalMeasure(goal: PlanGoal, before: PlanSegment): Measure {
  switch (goal) {
    case 'retain':
      return before.riskShare !== null
        ? { name: 'value at risk ÷ value if alive', of: (s) => s?.riskShare ?? null, better: 'lower' }
        : { name: 'customers in the segment', of: customers, better: 'lower' };
    case 'win back':
      return { name: 'customers still lapsed or churned in the segment', of: customers, better: 'lower' };
    case 'serve cheaper':
      return before.profitPerCustomer !== null
        ? { name: 'profit per customer', of: (s) => s?.profitPerCustomer ?? null, better: 'higher' }
        : { name: 'value per customer', of: perCustomer, better: 'higher' };
    case 'acquire look-alikes':
      return { name: 'customers in the segment', of: customers, better: 'higher' };
    default:
      return { name: 'value per customer', of: perCustomer, better: 'higher' };
  }
}

/**
 * The previous plan's goals checked against the current segments: each goal's measure then and now,
 * met when it moved the better way (a segment that emptied has 0 customers and no per-customer value).
 */
export function checkGoals(before: readonly PlanSegment[], now: readonly PlanSegment[]): GoalCheck[] {
  const at = new Map(now.map((s) => [`${s.tier}\u0000${s.stage}`, s] as const));
  return before.map((b) => {
    const m = goalMeasure(b.goal, b);
    const n = at.get(`${b.tier}\u0000${b.stage}`);
    const then = m.of(b)!,
      v = m.of(n);
    const met = v === null || then === null ? null : m.better === 'higher' ? v > then : v < then;
    return { tier: b.tier, stage: b.stage, goal: b.goal, measure: m.name, before: then, now: v, met, link: n?.link ?? b.link };
  });
}

/** Improve: the previous stored plan's goals met or not, campaigns to stop or scale, and how value at risk moved. */
export function improveStep(ctx: PlanContext, segments: PlanSegment[], past: PastCampaign[]): { step: PlanStep; checks: GoalCheck[] } {
  const figures: PlanFigure[] = [],
    missing: PlanMissing[] = [],
    lines: string[] = [];
  let checks: GoalCheck[] = [];
  const prev = ctx.previous;
  if (!prev) {
    missing.push({ part: 'Goals met since the last plan', reason: 'no earlier plan is stored in this workspace', how: HOW.previous });
  } else {
    checks = checkGoals(prev.plan.segments, segments);
    const judged = checks.filter((c) => c.met !== null),
      met = judged.filter((c) => c.met).length;
    lines.push(
      `Against the plan of ${prev.asOf} (saved ${prev.savedAt.slice(0, 10)}): ${met} of ${judged.length} segment goals met${prev.asOf === ctx.asOf ? ' (the same data: nothing can have moved yet)' : ''}.`,
    );
    figures.push({
      label: 'Segment goals met since the last plan',
      value: met,
      kind: 'count',
      unit: `of ${judged.length}`,
      link: '#/plan',
    });
    const changed = checks.filter((c) => !segments.some((s) => s.tier === c.tier && s.stage === c.stage && s.goal === c.goal)).length;
    figures.push({ label: 'Segments whose goal changed', value: changed, kind: 'count', link: '#/plan' });
  }
  if (!isGap(ctx.retention)) {
    const v = ctx.retention.report.valueAtRisk,
      r = ctx.retention.report;
    figures.push({
      label: `Value at risk now (${r.valueUnit})`,
      value: v.now,
      kind: 'money',
      unit: `as of ${r.asOf}`,
      link: '#/retention',
    });
    figures.push({
      label: `Value at risk before (${r.valueUnit})`,
      value: v.before,
      kind: 'money',
      unit: `as of ${r.before}`,
      link: '#/retention',
    });
    lines.push(
      `Value at risk ${v.now <= v.before ? 'fell' : 'rose'} from ${Math.round(v.before).toLocaleString('en-US')} on ${r.before} to ${Math.round(v.now).toLocaleString('en-US')} on ${r.asOf}.`,
    );
  }
  for (const action of ['scale', 'stop', 'keep testing'] as const) {
    const cs = past.filter((p) => p.action === action);
    if (cs.length) lines.push(`${action[0]!.toUpperCase()}${action.slice(1)}: ${cs.map((c) => c.name).join(', ')}.`);
  }
  if (past.length) lines.push(CAMPAIGN_ACTION_RULE);
  else missing.push({ part: 'Campaigns to stop or scale', reason: 'no campaign results yet', how: HOW.campaigns });
  return { step: { id: 'improve', title: 'Improve: what changed and what to do next', lines, figures, missing }, checks };
}
