/**
 * The segmentation's tables with their rules, declared once (issue 19): RFM segments, value tiers
 * and lifecycle stages. `cvm segment` (table format), GET /api/segments (JSON `tables`) and the
 * dashboard's Segments page render these (the main report's tiers and stages use the same specs).
 */
import { defineTable, type ReportTable } from '../report/report-table.js';
import { lifecycleTable, valueBasisText, valueTiersTable } from './segments-tables.js';
import { LIFECYCLE_STAGES } from './lifecycle.js';
import type { Segmentation } from './segmentation.js';

/** One named RFM segment: its size, share, grid rule and meaning. */
interface RfmSegmentRow {
  name: string;
  customers: number;
  share: number;
  rule: string;
  meaning: string;
}

/** The named RFM segments of the R × FM grid. */
export const rfmSegmentsTable = defineTable<RfmSegmentRow>(
  'segments.rfm',
  'RFM segments (R × FM grid, FM = floor((F + M + 1) / 2), scores mapped to 1–5)',
  [
    { key: 'segment', label: 'Segment', kind: 'text', value: (r) => r.name },
    { key: 'customers', label: 'Customers', kind: 'count', value: (r) => r.customers },
    { key: 'share', label: 'Share', kind: 'share', value: (r) => r.share, description: 'share of all customers' },
    { key: 'rule', label: 'Rule', kind: 'text', value: (r) => r.rule, description: 'the R and FM score ranges of the segment' },
    { key: 'meaning', label: 'Meaning', kind: 'text', value: (r) => r.meaning },
  ],
);

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;

/** The tier column says which tiers these are: CLV tiers rank predicted CLV, revenue tiers historic net revenue (issue 20). */
const TIER_NAMES: Record<Segmentation['valueKind'], string> = { clv: 'CLV tier', profit: 'Profit tier', historic: 'Revenue tier' };
const tierNamed = (kind: Segmentation['valueKind'], t: ReportTable): ReportTable => ({
  ...t,
  columns: t.columns.map((c) => (c.key === 'tier' ? { ...c, label: TIER_NAMES[kind] } : c)),
});

/**
 * The RFM segments, value tiers and lifecycle stages of a segmentation, with their rules and notes.
 * @example
 * segmentRuleTables(seg).tiers.columns[0]!.key; // 'tier'
 */
export function segmentRuleTables(seg: Segmentation): { rfm: ReportTable; tiers: ReportTable; lifecycle: ReportTable } {
  const n = seg.length;
  const segCount = new Array<number>(seg.rfm.segmentNames.length).fill(0);
  for (const s of seg.rfm.segment) if (s >= 0) segCount[s]!++;
  const stageCount = new Array<number>(LIFECYCLE_STAGES.length).fill(0);
  for (const s of seg.lifecycle.stage) stageCount[s]!++;
  const basis = valueBasisText(seg.valueKind);
  return {
    rfm: rfmSegmentsTable(
      seg.rfm.segmentNames.map((name, j) => ({
        name,
        customers: segCount[j]!,
        share: n ? segCount[j]! / n : 0,
        rule: seg.rfm.rules
          .filter((r) => r.name === name)
          .map((r) => `R ${r.r[0]}–${r.r[1]}; FM ${r.fm[0]}–${r.fm[1]}`)
          .join(' or '),
        meaning: seg.rfm.rules.find((r) => r.name === name)!.meaning,
      })),
    ),
    tiers: tierNamed(
      seg.valueKind,
      valueTiersTable(seg.tiers.tiers, {
        title: `Value tiers by ${basis} (currency, as of ${seg.asOf})`,
        notes: [
          `Pareto: ${seg.pareto.map((p) => `top ${+(100 * p.topShare).toFixed(2)}% (${p.customers.toLocaleString('en-US')} customers) hold ${pct(p.valueShare)}`).join('; ')} of ${basis}`,
        ],
      }),
    ),
    lifecycle: lifecycleTable(
      LIFECYCLE_STAGES.map((stage, j) => ({ stage, customers: stageCount[j]!, share: n ? stageCount[j]! / n : 0 })),
      { notes: seg.lifecycle.rules },
    ),
  };
}
