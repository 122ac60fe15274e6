import { defineTable, type ReportTable } from '../report/report-table.js';
import { ARMS, type Assignment } from './assignment.js';
import type { CampaignPower, PowerRow } from './campaign-power.js';
import type { CampaignOverlap, CampaignResults } from './campaign-results.js';
import type { CampaignListRow } from './campaign-store.js';
import type { Comparison } from './compare-arms.js';
import { experimentTables } from './experiment-report.js';

/** The report tables of campaigns, declared once (see `report/report-table.ts`). */

export const campaignListTable = defineTable<CampaignListRow>('campaign.list', 'Campaigns', [
  { key: 'campaign_id', label: 'Campaign', kind: 'id', value: (r) => r.id },
  { key: 'name', label: 'Name', kind: 'text', value: (r) => r.name },
  { key: 'send_date', label: 'Sent', kind: 'date', value: (r) => r.sendDate },
  { key: 'window_days', label: 'Window', kind: 'duration', unit: 'days', value: (r) => r.windowDays },
  { key: 'window_end', label: 'Window ends', kind: 'date', description: 'first day after the response window', value: (r) => r.windowEnd },
  {
    key: 'status',
    label: 'Status',
    kind: 'text',
    description: 'defined, assigned, in window (data end inside the window: provisional) or complete',
    value: (r) => r.status,
  },
  { key: 'customers', label: 'Customers', kind: 'count', value: (r) => r.customers },
  { key: 'control_share', label: 'Control share', kind: 'share', value: (r) => r.controlShare },
  { key: 'holdout_share', label: 'Global holdout share', kind: 'share', value: (r) => r.holdoutShare },
]);

type AssignmentRow = { id: string; arm: string; u: number };
/** `campaign.assignments`: one row per customer with the arm and the hash number (the target and control lists). */
export const assignmentTable = defineTable<AssignmentRow>('campaign.assignments', 'Target and control lists', [
  { key: 'customer_id', label: 'Customer', kind: 'id', value: (r) => r.id },
  {
    key: 'arm',
    label: 'Arm',
    kind: 'text',
    description: 'target (receives the action), control (does not) or holdout (global holdout, kept out of every campaign)',
    value: (r) => r.arm,
  },
  {
    key: 'u',
    label: 'Hash number',
    kind: 'number',
    description:
      'first 52 bits of SHA-256(salt:customer_id) / 2^52; control when below the control share (empty in the global holdout, decided by its own salt)',
    value: (r) => r.u,
  },
]);

/** The assignment as a report table (customers in audience order), for the CSV lists. */
export function assignmentListTable(a: Assignment, notes: readonly string[] = []): ReportTable {
  const rows: AssignmentRow[] = new Array(a.ids.length);
  for (let i = 0; i < a.ids.length; i++) rows[i] = { id: a.ids[i]!, arm: ARMS[a.arm[i]!], u: a.u[i]! };
  return assignmentTable(rows, { notes });
}

/** `campaign.power`: minimum detectable effects and the control share needed, per metric. */
export const powerTable = defineTable<PowerRow>('campaign.power', 'Power before launch', [
  { key: 'metric', label: 'Metric', kind: 'text', value: (r) => r.metric },
  {
    key: 'base',
    label: 'Base',
    kind: 'number',
    description: 'rate (fraction) or revenue per customer in the window before the send date',
    value: (r) => r.base,
  },
  { key: 'sd', label: 'SD per customer', kind: 'number', value: (r) => r.sd },
  { key: 'customers_target', label: 'Target', kind: 'count', value: (r) => r.nTarget },
  { key: 'customers_control', label: 'Control', kind: 'count', value: (r) => r.nControl },
  {
    key: 'mde',
    label: 'Minimum detectable effect',
    kind: 'number',
    description: 'absolute: points as a fraction for the rate, currency per customer for revenue; 80% power, 5% two-sided',
    value: (r) => r.mde,
  },
  { key: 'mde_relative', label: 'MDE relative', kind: 'share', value: (r) => r.mdeRelative },
  { key: 'effect', label: 'Effect asked for', kind: 'number', value: (r) => r.effect },
  {
    key: 'share_needed',
    label: 'Control share needed',
    kind: 'share',
    description: 'smallest control share that detects the effect asked for (empty: not asked, or unreachable even at 50%)',
    value: (r) => r.shareNeeded,
  },
]);

/** The power table with its notes. */
export function campaignPowerTable(p: CampaignPower): ReportTable {
  return powerTable(p.rows, { notes: p.notes });
}

/** `campaign.overlaps`: customers also in another campaign with an overlapping window, by the two arms. */
export const overlapTable = defineTable<CampaignOverlap>('campaign.overlaps', 'Customers also in overlapping campaigns', [
  { key: 'other_campaign', label: 'Other campaign', kind: 'id', value: (r) => r.otherCampaign },
  { key: 'other_name', label: 'Name', kind: 'text', value: (r) => r.otherName },
  { key: 'other_send_date', label: 'Sent', kind: 'date', value: (r) => r.otherSendDate },
  { key: 'arm', label: 'Arm here', kind: 'text', value: (r) => r.arm },
  { key: 'other_arm', label: 'Arm there', kind: 'text', value: (r) => r.otherArm },
  { key: 'customers', label: 'Customers', kind: 'count', value: (r) => r.customers },
]);

/** `campaign.incremental`: incremental revenue, margin and CLV of the target group in total, with intervals. */
export const incrementalTable = defineTable<Comparison>('campaign.incremental', 'What the campaign added (target group, in total)', [
  { key: 'measure', label: 'Measure', kind: 'text', value: (r) => r.label },
  { key: 'per_customer', label: 'Per customer', kind: 'money', value: (r) => r.difference },
  {
    key: 'total',
    label: 'Total',
    kind: 'money',
    description: 'difference per customer × customers in the target group',
    value: (r) => r.incremental,
  },
  { key: 'lower', label: 'Lower 95%', kind: 'money', value: (r) => r.incrementalLower },
  { key: 'upper', label: 'Upper 95%', kind: 'money', value: (r) => r.incrementalUpper },
  { key: 'clear', label: 'Clear effect', kind: 'text', value: (r) => r.significant },
]);

/** Every table of a campaign's results (verdict, incremental totals, arms, uplift, split, segments, model, overlaps). */
export function campaignTables(r: CampaignResults): ReportTable[] {
  const c = r.campaign;
  const head = `${c.name}: ${c.action}; sent ${c.sendDate}, ${c.windowDays}-day window (status ${r.status}; responses from ${r.source}); margin: ${r.margin.method}.`;
  const tables = experimentTables(r.analysis, { segments: r.segments, uplift: r.uplift });
  tables[0] = { ...tables[0]!, notes: [head, ...r.warnings] };
  const money = r.analysis.comparisons.filter((x) => x.money && x.arm === 'target');
  tables.splice(
    1,
    0,
    incrementalTable(money, {
      notes: [
        'Incremental = (target − control) per customer × target customers; 95% Welch intervals. Incremental CLV: the difference in predicted CLV after the window.',
      ],
    }),
  );
  if (r.overlaps.length > 0) tables.push(overlapTable(r.overlaps));
  return tables;
}
