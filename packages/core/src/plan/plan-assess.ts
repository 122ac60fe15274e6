import { isGap, type PlanContext } from './plan-context.js';
import { HOW } from './plan-links.js';
import type { PastCampaign, PlanFigure, PlanMissing, PlanStep } from './plan-types.js';

/** The rule that turns a campaign's result into an action, in words. */
export const CAMPAIGN_ACTION_RULE =
  'A campaign whose whole interval of incremental margin (revenue without costs) per customer is above 0 is scaled; one whose interval is below 0, or whose estimate is 0 or less, is stopped; an estimate above 0 with an interval that includes 0 is kept testing; a campaign still in its window waits.';

/** The results of the stored campaigns and the action for each (see {@link CAMPAIGN_ACTION_RULE}). */
export function pastCampaigns(ctx: PlanContext): PastCampaign[] {
  return ctx.campaigns.map(({ row, results }) => {
    const base = {
      id: row.id,
      name: row.name,
      sendDate: row.sendDate,
      status: row.status,
      customers: row.customers,
      link: `#/campaigns/${encodeURIComponent(row.id)}`,
    };
    if (results === null)
      return {
        ...base,
        outcome: null,
        uplift: null,
        lower: null,
        upper: null,
        incremental: null,
        verdict: `not assigned or not sent yet (${row.status})`,
        action: 'wait' as const,
      };
    if (isGap(results))
      return {
        ...base,
        outcome: null,
        uplift: null,
        lower: null,
        upper: null,
        incremental: null,
        verdict: results.reason,
        action: 'wait' as const,
      };
    const cs = results.analysis.comparisons.filter((c) => c.control === 'control' && c.arm === 'target');
    const c = cs.find((x) => x.outcome === 'margin') ?? cs.find((x) => x.outcome === 'revenue') ?? null;
    const verdict = results.analysis.verdicts.find((v) => v.arm === 'target')?.text ?? '';
    if (!c) return { ...base, outcome: null, uplift: null, lower: null, upper: null, incremental: null, verdict, action: 'wait' as const };
    const action: PastCampaign['action'] =
      row.status !== 'complete' ? 'wait' : c.lower > 0 ? 'scale' : c.upper < 0 || !(c.difference > 0) ? 'stop' : 'keep testing';
    return {
      ...base,
      outcome: c.label,
      uplift: c.difference,
      lower: c.lower,
      upper: c.upper,
      incremental: c.difference * c.nTest,
      verdict,
      action,
    };
  });
}

/** Assess: what past campaigns did (uplift with intervals, incremental value) and what customers say (NPS, the satisfaction-profit chain). */
export function assessStep(ctx: PlanContext, past: PastCampaign[]): PlanStep {
  const figures: PlanFigure[] = [],
    missing: PlanMissing[] = [],
    lines: string[] = [];
  if (past.length === 0)
    missing.push({ part: 'Results of past campaigns', reason: 'no campaign is stored in this workspace', how: HOW.campaigns });
  for (const p of past) {
    if (p.uplift === null) {
      lines.push(`${p.name} (sent ${p.sendDate}): ${p.verdict}`);
      continue;
    }
    figures.push({
      label: `${p.name}: incremental ${p.outcome} (target − control)`,
      value: p.uplift,
      kind: 'money',
      unit: `95% CI ${p.lower!.toFixed(2)} to ${p.upper!.toFixed(2)}`,
      link: p.link,
    });
    figures.push({ label: `${p.name}: incremental value over the target group`, value: p.incremental, kind: 'money', link: p.link });
    lines.push(`${p.name}: ${p.verdict}`);
  }
  const f = ctx.feedback;
  if (f.status !== 'ok') {
    missing.push({ part: 'Customer feedback (NPS, CSAT, the satisfaction-profit chain)', reason: f.reason, how: HOW.surveys });
  } else {
    const r = f.report,
      o = r.overall;
    figures.push({
      label: 'NPS (promoters − detractors)',
      value: Math.round(o.nps * 10) / 10,
      kind: 'number',
      unit: `${o.npsAnswers.toLocaleString('en-US')} answers, 95% CI ${o.npsLower.toFixed(1)} to ${o.npsUpper.toFixed(1)}`,
      link: '#/feedback',
    });
    figures.push({ label: 'Response rate', value: r.responseRate.rate, kind: 'share', link: '#/feedback' });
    if (r.detractorValue)
      figures.push({
        label: 'Predicted CLV of current detractors',
        value: r.detractorValue.clv,
        kind: 'money',
        unit: r.detractorValue.unit,
        link: '#/feedback',
      });
    if (r.chain.status === 'ok') {
      lines.push(...r.chain.estimate.sentences.slice(0, 2));
      if (r.chain.estimate.asymmetry) lines.push(r.chain.estimate.asymmetry.text);
    } else {
      missing.push({
        part: 'The satisfaction-profit chain',
        reason: r.chain.reason,
        how: 'more survey answers with a full outcome window after them',
      });
    }
    lines.push(r.nonResponse.verdict);
  }
  return { id: 'assess', title: 'Assess: what campaigns did and what customers say', lines, figures, missing };
}
