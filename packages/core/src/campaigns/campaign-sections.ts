import type { ReportSection } from '../report/report-section.js';
import { formatMoney, formatPoints } from '../report/format-value.js';
import type { CampaignPreview } from './campaign-preview.js';
import type { CampaignResults } from './campaign-results.js';
import type { CampaignListRow, CustomerCampaign } from './campaign-store.js';
import { defineTable } from '../report/report-table.js';
import { campaignListTable, campaignPowerTable, campaignTables } from './campaign-tables.js';
import { upliftModelTable } from './experiment-report.js';

/**
 * The report sections of campaigns (issue 14), written once here and shown by the CLI
 * (`cvm campaign create|results|list`), the API (`/api/campaigns…`) and the dashboard's Campaigns page.
 */

const count = (n: number): string => n.toLocaleString('en-US');

/** Below this many control customers an interval is too wide to say much. */
const SMALL_CONTROL = 100;

/**
 * The plan of a campaign: audience, split and power before launch (the minimum detectable effects at
 * 80% power and 5% significance, see `campaignPower`). `stored` says whether it was created.
 * @example
 * campaignPlanSection(await previewCampaign(engine, c), false).lines[0]; // => 'Spring voucher (not created yet): …'
 */
export function campaignPlanSection(p: CampaignPreview, stored: boolean): ReportSection {
  const c = p.campaign;
  const rate = p.power.rows.find((r) => r.metric === 'response rate')!;
  const rev = p.power.rows.find((r) => r.metric === 'revenue per customer')!;
  const lines = [
    `${c.name} (${stored ? `created as "${c.id}"` : 'not created yet'}): ${c.action}; sent ${c.sendDate}, ${c.windowDays}-day response window.`,
    `Audience: ${count(p.audience.ids.length)} customers (${p.audience.source}): ${count(p.counts.target)} in the target group, ${count(p.counts.control)} in the control group (${(100 * c.controlShare).toFixed(1)}%)${p.counts.holdout ? `, ${count(p.counts.holdout)} in the global holdout` : ''}; assignment seed "${c.salt}".`,
    `With this split the test detects (80% power, 5% two-sided) a lift of ${formatPoints(rate.mde)} in the response rate (base ${(100 * rate.base).toFixed(2)}%) and ${formatMoney(rev.mde)} more revenue per customer (base ${formatMoney(rev.base)}); smaller true effects will likely read as "not distinguishable from no effect".`,
  ];
  const warnings: string[] = [];
  if (p.counts.control < SMALL_CONTROL)
    warnings.push(
      `Only ${count(p.counts.control)} customers in the control group: the intervals will be wide. Raise the control share or widen the audience.`,
    );
  if (rate.base > 0 && rate.mdeRelative > 0.5)
    warnings.push(
      `The smallest detectable lift in the response rate is ${Math.round(100 * rate.mdeRelative)}% of the base rate: only a very large effect would show. Consider a larger audience or control share.`,
    );
  return {
    id: 'campaign.plan',
    title: stored ? 'Campaign created' : 'Campaign plan (preview)',
    lines,
    warnings,
    tables: [campaignPowerTable(p.power)],
  };
}

/**
 * The results of a campaign: the verdict in words first, the warnings (sample ratio mismatch first,
 * provisional windows, overlaps, multiple comparisons), then every table of `campaignTables`.
 * @example
 * campaignResultsSection(await campaignResults(engine, 'spring-voucher')).lines[1]; // => 'target: a lift of …'
 */
export function campaignResultsSection(r: CampaignResults): ReportSection {
  const c = r.campaign;
  const lines = [
    `${c.name}: ${c.action}; sent ${c.sendDate}, ${c.windowDays}-day window; status ${r.status}; responses from the ${r.source}.`,
    ...r.analysis.verdicts.map((v) => `${v.arm} against ${v.control}: ${v.text}`),
  ];
  return { id: 'campaign.results', title: `Results of ${c.name}`, lines, warnings: [...r.warnings], tables: campaignTables(r) };
}

/**
 * The uplift model of a campaign's results (whom to target next time): the Qini table with the
 * coefficients as notes. A result without a model gives a section that says so.
 */
export function campaignUpliftSection(r: CampaignResults): ReportSection {
  const m = r.uplift;
  if (!m) return { id: 'campaign.uplift', title: 'Uplift model', lines: ['No uplift model was fitted.'], warnings: [], tables: [] };
  const verdict = m.beatsRandom
    ? `Ranking customers by the uplift model finds more incremental responders than random targeting (Qini ${m.qini.model.toPrecision(3)} against a random band up to ${m.qini.randomUpper.toPrecision(3)}).`
    : 'The uplift model ranks customers no better than random targeting: do not use it to choose whom to target.';
  return {
    id: 'campaign.uplift',
    title: 'Whom to target next time (uplift model)',
    lines: [verdict],
    warnings: [...m.warnings],
    tables: [upliftModelTable(m)],
  };
}

/** The campaigns of a workspace with their status. */
export function campaignListSection(rows: readonly CampaignListRow[]): ReportSection {
  const lines =
    rows.length === 0
      ? ['No campaign is defined yet: create one with cvm campaign create (or on the Campaigns page).']
      : [`${count(rows.length)} campaign${rows.length === 1 ? '' : 's'}.`];
  return { id: 'campaign.list', title: 'Campaigns', lines, warnings: [], tables: [campaignListTable(rows)] };
}

/** `campaign.customer`: the campaigns one customer was in and the arm (for the customer drill-down). */
export const customerCampaignTable = defineTable<CustomerCampaign>('campaign.customer', 'Campaigns this customer was in', [
  { key: 'campaign_id', label: 'Campaign', kind: 'id', value: (r) => r.id },
  { key: 'name', label: 'Name', kind: 'text', value: (r) => r.name },
  { key: 'send_date', label: 'Sent', kind: 'date', value: (r) => r.sendDate },
  { key: 'window_end', label: 'Window ends', kind: 'date', description: 'first day after the response window', value: (r) => r.windowEnd },
  {
    key: 'arm',
    label: 'Group',
    kind: 'text',
    description: 'target (received the action), control (kept from it) or holdout (global holdout, kept out of every campaign)',
    value: (r) => r.arm,
  },
]);
