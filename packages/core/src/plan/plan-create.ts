import { alignById } from './plan-discover.js';
import { isGap, type PlanContext } from './plan-context.js';
import { HOW } from './plan-links.js';
import type { PlanFigure, PlanMissing, PlanStep, ProposedCampaign } from './plan-types.js';
import { sizeProposal } from './proposal.js';

/** Assumed effects until a campaign of the business measures them (shares of the value worked on). */
export const DEFAULT_ASSUMED = { retain: 0.1, winBack: 0.05, grow: 0.1, acquire: 0.02 } as const;

/** Mean of `x` over the customers where `keep` holds (null when none). */
function meanWhere(x: Float64Array, keep: (i: number) => boolean): number | null {
  let s = 0,
    n = 0;
  for (let i = 0; i < x.length; i++)
    if (keep(i) && Number.isFinite(x[i]!)) {
      s += x[i]!;
      n++;
    }
  return n > 0 ? s / n : null;
}

/** The cost of one contact: the option, else the newest stored campaign's (when above 0), else null. */
export function contactCostOf(ctx: PlanContext): { cost: number | null; source: string } {
  if (ctx.options.contactCost !== undefined) return { cost: ctx.options.contactCost, source: 'as given (--contact-cost)' };
  const c = [...ctx.campaigns].sort((a, b) => b.row.sendDate.localeCompare(a.row.sendDate)).find((x) => x.costPerContact > 0);
  return c ? { cost: c.costPerContact, source: `the cost per contact of campaign "${c.row.name}"` } : { cost: null, source: 'unknown' };
}

/** Create: campaigns proposed from the retention, win-back, cross-sell and look-alike reports, sized with a control group. */
export function createStep(ctx: PlanContext): { step: PlanStep; campaigns: ProposedCampaign[] } {
  const figures: PlanFigure[] = [],
    missing: PlanMissing[] = [],
    lines: string[] = [];
  const campaigns: ProposedCampaign[] = [];
  const assumed = { ...DEFAULT_ASSUMED, ...ctx.options.assumed };
  const contact = contactCostOf(ctx);
  const common = {
    contactCost: contact.cost,
    detectableLift: ctx.options.detectableLift ?? 0.02,
    minControlShare: ctx.options.minControlShare ?? 0.1,
  };
  const own = 'an assumption until a campaign with a control group measures it';
  const add = (c: Omit<ProposedCampaign, keyof ReturnType<typeof sizeProposal>>, baseRate: number | null): void => {
    campaigns.push({
      ...c,
      ...sizeProposal({ customers: c.customers, baseRate, valueBase: c.valueBase, assumedRate: c.assumedRate, ...common }),
    });
  };
  if (isGap(ctx.retention)) {
    missing.push({ part: 'Retention and win-back campaigns', reason: ctx.retention.reason, how: HOW.models });
  } else {
    const r = ctx.retention,
      list = r.scores.list,
      unit = r.report.valueUnit;
    add(
      {
        name: 'Keep the valuable customers at risk',
        goal: 'retain',
        audience: `the at-risk list: valuable customers whose chance of returning fell (value at risk, ${unit})`,
        filters: ['retention_list:eq:at_risk'],
        customers: r.report.lists.atRisk.customers,
        valueBase: r.report.lists.atRisk.valueAtRisk,
        assumedRate: assumed.retain,
        assumption: `saves ${Math.round(100 * assumed.retain)}% of the value at risk (${own})`,
        link: '#/retention',
      },
      meanWhere(r.scores.pReturn, (i) => list[i] === 1),
    );
    add(
      {
        name: 'Win back lapsed customers',
        goal: 'win back',
        audience: `the win-back list: lapsed and churned customers worth winning back (${unit})`,
        filters: ['retention_list:eq:win_back'],
        customers: r.report.lists.winBack.customers,
        valueBase: r.report.lists.winBack.value,
        assumedRate: assumed.winBack,
        assumption: `wins back ${Math.round(100 * assumed.winBack)}% of their value (${own})`,
        link: '#/retention',
      },
      meanWhere(r.scores.pReturn, (i) => list[i] === 2),
    );
  }
  if (ctx.headroom.status === 'ok') {
    const h = ctx.headroom.report,
      t = h.result.total;
    const pReturn = isGap(ctx.retention) ? null : alignById(ctx.summary.customerId, ctx.retention.scores.pReturn, h.customers);
    add(
      {
        name: 'Cross-sell and up-sell to customers with headroom',
        goal: 'grow',
        audience: `customers who spend below the upper quartile of their value tier (${h.from} to ${h.asOf}), weighted by P(alive)`,
        filters: h.breadthBasis === null ? [] : ['headroom:gt:0'],
        customers: t.customers,
        valueBase: t.expectedHeadroom,
        assumedRate: assumed.grow,
        assumption: `closes ${Math.round(100 * assumed.grow)}% of the expected headroom (${own})`,
        link: '#/expansion',
      },
      pReturn ? meanWhere(pReturn, (i) => h.result.spendGap[i]! > 0) : null,
    );
    if (h.breadthBasis === null)
      missing.push({ part: 'Next best offers for the cross-sell campaign', reason: 'the log has no product ids', how: HOW.products });
  } else {
    missing.push({ part: 'Cross-sell and up-sell campaign', reason: ctx.headroom.reason, how: HOW.products });
  }
  if (ctx.lookalikes.status === 'ok') {
    const p = ctx.lookalikes.report.prospects,
      v = ctx.lookalikes.report.validation;
    const k = Math.ceil(0.1 * p.ids.length);
    let value = 0;
    for (let j = 0; j < k; j++) value += p.expectedClv[p.order[j]!]!;
    add(
      {
        name: 'Acquire look-alikes of the top tier',
        goal: 'acquire look-alikes',
        audience: `the top 10% of ${p.ids.length.toLocaleString('en-US')} prospects by their likeness to the top-value customers (${v.verdict})`,
        filters: [],
        customers: k,
        valueBase: value,
        assumedRate: assumed.acquire,
        assumption: `${Math.round(100 * assumed.acquire)}% of them become customers worth their expected CLV (${own})`,
        link: '#/prospects',
      },
      null,
    );
    if (!v.signal)
      lines.push(
        `The look-alike model does not beat chance on held-out customers (${v.verdict}): treat the acquisition campaign as a test.`,
      );
  } else {
    missing.push({ part: 'Look-alike acquisition campaign', reason: ctx.lookalikes.reason, how: HOW.prospects });
  }
  if (ctx.acquisition.status === 'ok') {
    const best = ctx.acquisition.report.levels.find((l) => l.ltvToCac !== null);
    if (best)
      figures.push({
        label: `Best acquisition channel by LTV:CAC: ${best.level}`,
        value: best.ltvToCac,
        kind: 'ratio',
        link: '#/acquisition',
      });
    const worst = [...ctx.acquisition.report.levels].reverse().find((l) => l.ltvToCac !== null);
    if (worst && worst !== best)
      figures.push({
        label: `Weakest acquisition channel by LTV:CAC: ${worst.level}`,
        value: worst.ltvToCac,
        kind: 'ratio',
        link: '#/acquisition',
      });
  } else {
    missing.push({ part: 'Where to spend on acquisition (CAC, LTV:CAC by channel)', reason: ctx.acquisition.reason, how: HOW.spend });
  }
  if (contact.cost === null)
    missing.push({ part: 'Cost of the proposed campaigns', reason: 'the cost of one contact is not known', how: HOW.contactCost });
  else lines.push(`Costs use ${contact.cost.toLocaleString('en-US')} per contact, ${contact.source}.`);
  for (const c of campaigns) {
    figures.push({ label: `${c.name}: expected incremental value`, value: c.expectedIncremental, kind: 'money', link: c.link });
  }
  lines.push(
    'Expected incremental value = the assumed share × the value the campaign works on × the share in the target group; every proposal keeps a control group so its result can be measured.',
  );
  return { step: { id: 'create', title: 'Create: campaigns to run', lines, figures, missing }, campaigns };
}
