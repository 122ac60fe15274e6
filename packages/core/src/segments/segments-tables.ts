import { matrixTable } from '../report/matrix-table.js';
import { defineTable } from '../report/report-table.js';
import type { ReportSection } from '../report/report-section.js';
import { formatPercent } from '../report/format-value.js';
import type { SegmentsReport } from '../pipeline-segments.js';
import type { TierRow } from './value-tiers.js';
import type { ValueKind } from './segmentation.js';
import { LIFECYCLE_STAGE_WORDS } from './lifecycle.js';

/** What the value tiers rank, in words. */
export function valueBasisText(kind: ValueKind): string {
  return kind === 'clv' ? 'predicted CLV' : kind === 'profit' ? 'profit' : 'historic net revenue';
}

/** Value tiers with their share of customers and of value, and the rule behind each. */
export const valueTiersTable = defineTable<TierRow>('segments.tiers', 'Value tiers', [
  { key: 'tier', label: 'Tier', kind: 'text', value: (r) => r.name },
  { key: 'customers', label: 'Customers', kind: 'count', value: (r) => r.count },
  { key: 'share_of_customers', label: 'Share of customers', kind: 'share', value: (r) => r.customerShare },
  { key: 'value', label: 'Value', kind: 'money', value: (r) => r.value },
  { key: 'share_of_value', label: 'Share of value', kind: 'share', value: (r) => r.valueShare },
  { key: 'rule', label: 'Rule', kind: 'text', value: (r) => r.rule },
]);

/** Customers per lifecycle stage. */
export const lifecycleTable = defineTable<SegmentsReport['lifecycle'][number]>('segments.lifecycle', 'Lifecycle stages', [
  { key: 'stage', label: 'Stage', kind: 'text', value: (r) => r.stage, codes: LIFECYCLE_STAGE_WORDS },
  { key: 'customers', label: 'Customers', kind: 'count', value: (r) => r.customers },
  { key: 'share', label: 'Share', kind: 'share', value: (r) => r.share },
]);

const money = (v: number): string => v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const int = (v: number): string => v.toLocaleString('en-US');

/** The main report's segments section: concentration, tiers, lifecycle with its rules. */
export function segmentsSection(s: SegmentsReport): ReportSection {
  const basis = valueBasisText(s.valueKind);
  return {
    id: 'segments',
    title: `Segments as of ${s.asOf} (computed ${s.computedAt})`,
    lines: [
      `Value concentration: ${s.pareto.map((p) => `top ${formatPercent(p.topShare)} hold ${formatPercent(p.valueShare)}`).join(', ')} of ${basis}`,
    ],
    warnings: s.valueWarnings.map((w) => `${w} (the tiers rank predicted CLV from a doubtful fit)`),
    tables: [valueTiersTable(s.tiers, { title: `Value tiers by ${basis}` }), lifecycleTable(s.lifecycle, { notes: s.lifecycleRules })],
  };
}

/** The main report's migration section: moves over the last two quarters and the last transition matrix. */
export function migrationSection(s: SegmentsReport): ReportSection {
  if (!s.migration)
    return { id: 'migration', title: 'Tier migration', lines: [`Tier migration skipped: ${s.migrationSkipped}`], warnings: [], tables: [] };
  const lines = s.migration.steps.map(
    (m) =>
      `  ${m.from} -> ${m.to}: ${int(m.stayed)} stayed, ${int(m.movedUp)} moved up, ${int(m.movedDown)} moved down a tier, ${int(m.acquired)} new; ${int(m.downgrades)} moved down or into at risk (value ${money(m.downgradeValue)} at ${m.from})`,
  );
  const last = s.migration.steps[s.migration.steps.length - 1]!;
  const x = last.matrix;
  return {
    id: 'migration',
    title: `Tier migration over the last two quarters (${s.migration.basis}):`,
    lines,
    warnings: [],
    tables: [
      matrixTable(
        'migration.transitions',
        `Tier transitions ${last.from} -> ${last.to} (customers; rows = tier on ${last.from})`,
        'from \\ to',
        x.fromStates,
        x.toStates,
        x.counts,
        'count',
        ['cvm migrate --from DATE --to DATE --workspace DIR shows row %, value moved and the Markov value per tier'],
      ),
    ],
  };
}
