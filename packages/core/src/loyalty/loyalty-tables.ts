import { defineTable } from '../report/report-table.js';
import type { ReportSection } from '../report/report-section.js';
import type { LoyaltyReport, TierOutcomeRow, TierReviewRow } from './loyalty.js';

/** Retention, spend, margin and programme cost per member of each tier. */
export const loyaltyTierTable = defineTable<TierOutcomeRow>('loyalty.by_tier', 'Loyalty tiers: what members did next and what they cost', [
  { key: 'tier', label: 'Tier', kind: 'text', value: (r) => r.tier },
  { key: 'members', label: 'Members', kind: 'count', unit: 'at the outcome review', value: (r) => r.members },
  {
    key: 'retained',
    label: 'Retained',
    kind: 'share',
    value: (r) => r.retained,
    description: 'share with a purchase in the window after the review',
  },
  {
    key: 'retained_lower',
    label: 'Retained low',
    kind: 'share',
    unit: '95% CI',
    value: (r) => r.retainedLower,
    description: 'Wilson interval',
  },
  { key: 'retained_upper', label: 'Retained high', kind: 'share', unit: '95% CI', value: (r) => r.retainedUpper },
  { key: 'spend', label: 'Spend', kind: 'money', unit: 'per member, window', value: (r) => r.spend },
  { key: 'margin', label: 'Margin', kind: 'money', unit: 'per member, window', value: (r) => r.margin },
  { key: 'points_earned', label: 'Points earned', kind: 'number', unit: 'per member, window', value: (r) => r.pointsEarned },
  { key: 'benefit_cost', label: 'Benefit cost', kind: 'money', unit: 'per member, window', value: (r) => r.benefitCost },
  { key: 'points_cost', label: 'Points cost', kind: 'money', unit: 'per member, window', value: (r) => r.pointsCost },
  {
    key: 'net_margin',
    label: 'Net margin',
    kind: 'money',
    unit: 'per member, window',
    value: (r) => r.netMargin,
    description: 'margin − benefit cost − points cost',
  },
  { key: 'current_members', label: 'Members now', kind: 'count', unit: 'last month end', value: (r) => r.currentMembers },
  {
    key: 'clv_per_member',
    label: 'CLV',
    kind: 'money',
    unit: 'per member now',
    value: (r) => r.clvPerMember,
    description: "mean predicted CLV of the tier's members at the last month end (empty without models)",
  },
]);

/** Members per tier at each month end and how they got there. */
export const loyaltyOverTimeTable = defineTable<TierReviewRow>('loyalty.over_time', 'Loyalty tiers at each month end', [
  { key: 'review', label: 'Month end', kind: 'date', value: (r) => r.review },
  { key: 'tier', label: 'Tier', kind: 'text', value: (r) => r.tier },
  { key: 'members', label: 'Members', kind: 'count', value: (r) => r.members },
  { key: 'joined', label: 'Joined', kind: 'count', value: (r) => r.joined, description: 'first purchase since the previous month end' },
  { key: 'moved_up', label: 'Moved up', kind: 'count', value: (r) => r.movedUp },
  { key: 'moved_down', label: 'Moved down', kind: 'count', value: (r) => r.movedDown },
  { key: 'kept', label: 'Kept', kind: 'count', value: (r) => r.kept, description: 'same tier as at the previous month end (requalified)' },
]);

/** One programme's totals, one row per programme (side by side when comparing rule changes). */
export interface ProgramTotalsRow {
  program: string;
  tiers: string;
  members: number;
  spend: number;
  margin: number;
  programCost: number;
  costShareOfMargin: number;
  netMargin: number;
  /** Customers whose tier at the last month end differs from the first programme's (0 for the first). */
  changedTier: number;
}

export const loyaltyTotalsTable = defineTable<ProgramTotalsRow>('loyalty.totals', 'Programme cost against the margin of the members', [
  { key: 'program', label: 'Programme', kind: 'text', value: (r) => r.program },
  { key: 'tiers', label: 'Tiers', kind: 'text', value: (r) => r.tiers },
  { key: 'members', label: 'Members', kind: 'count', value: (r) => r.members },
  { key: 'spend', label: 'Spend', kind: 'money', unit: 'members, window', value: (r) => r.spend },
  { key: 'margin', label: 'Margin', kind: 'money', unit: 'members, window', value: (r) => r.margin },
  {
    key: 'program_cost',
    label: 'Programme cost',
    kind: 'money',
    unit: 'window',
    value: (r) => r.programCost,
    description: 'benefits + points redeemed',
  },
  { key: 'cost_share', label: 'Cost / margin', kind: 'share', value: (r) => r.costShareOfMargin },
  { key: 'net_margin', label: 'Net margin', kind: 'money', unit: 'window', value: (r) => r.netMargin },
  { key: 'changed_tier', label: 'Tier differs', kind: 'count', unit: 'vs first programme, now', value: (r) => r.changedTier },
]);

/** Totals rows of several programmes run on the same data (the first is the reference). */
export function programTotals(reports: readonly LoyaltyReport[]): ProgramTotalsRow[] {
  const ref = reports[0];
  const refTier = ref ? new Map(ref.current.customerId.map((id, i) => [id, ref.current.tier[i]!])) : new Map<string, string>();
  return reports.map((r, n) => {
    let changed = 0;
    if (n > 0)
      r.current.customerId.forEach((id, i) => {
        if ((refTier.get(id) ?? '') !== r.current.tier[i]) changed++;
      });
    return {
      program: `${r.program.name} (${r.program.source})`,
      tiers: r.program.tiers.map((t) => t.name).join(' / '),
      members: r.totals.members,
      spend: r.totals.spend,
      margin: r.totals.margin,
      programCost: r.totals.programCost,
      costShareOfMargin: r.totals.costShareOfMargin,
      netMargin: r.totals.netMargin,
      changedTier: changed,
    };
  });
}

/** The loyalty report(s) as a section: the first programme's tiers, then the totals side by side. */
export function loyaltySection(reports: readonly LoyaltyReport[]): ReportSection {
  const r = reports[0]!;
  const window = r.outcomeReview ? `the ${r.horizonDays} days after ${r.outcomeReview}` : 'no complete window';
  const t = r.totals;
  const lines = [
    `Programme ${r.program.name} (${r.program.source}) on the log to ${r.asOf}; tiers reviewed at ${r.reviews.length} month ends (${r.reviews[0]} .. ${r.reviews[r.reviews.length - 1]})`,
    `Over ${window}: ${t.members.toLocaleString('en-US')} members, programme cost ${t.programCost.toLocaleString('en-US', { maximumFractionDigits: 0 })} against a margin of ${t.margin.toLocaleString('en-US', { maximumFractionDigits: 0 })} (${Number.isFinite(t.costShareOfMargin) ? (100 * t.costShareOfMargin).toFixed(1) : 'n/a'}%)`,
    ...r.rules,
  ];
  const last = r.reviews[r.reviews.length - 1];
  return {
    id: 'loyalty',
    title: 'cvm loyalty',
    lines,
    warnings: reports.flatMap((x, i) => x.warnings.map((w) => (i === 0 ? w : `${x.program.source}: ${w}`))),
    tables: [
      loyaltyTierTable(r.byTier, { notes: [r.rules[1]!] }),
      loyaltyTotalsTable(programTotals(reports), {
        notes:
          reports.length > 1
            ? [
                'Each programme is run on the same log; "Tier differs" counts customers whose tier name at the last month end is not the one the first programme gives.',
              ]
            : [],
      }),
      loyaltyOverTimeTable(
        r.overTime.filter((x) => x.review === last),
        { title: `Loyalty tiers at the last month end (${last}); --format csv --view over-time lists every month`, notes: [r.rules[2]!] },
      ),
    ],
  };
}
