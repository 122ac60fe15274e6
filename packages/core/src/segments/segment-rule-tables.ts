/**
 * The segmentation's tables with their rules, declared once (issue 19): RFM segments, value tiers,
 * lifecycle stages, the RFM cut points and the tier × lifecycle grid. `cvm segment` (table format,
 * `--view`), GET /api/segments (JSON `tables`) and the dashboard's Segments page render these (the
 * main report's tiers and stages use the same specs).
 */
import { defineTable, type ReportTable } from '../report/report-table.js';
import { lifecycleTable, valueBasisText, valueTiersTable } from './segments-tables.js';
import { matrixTable } from '../report/matrix-table.js';
import { LIFECYCLE_STAGES, LIFECYCLE_STAGE_WORDS } from './lifecycle.js';
import type { ScoreBand } from './rfm-score.js';
import type { GridCell } from './segment-grid.js';
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

/** One score of the RFM cut points: its band on each of the three columns. */
interface CutPointRow {
  score: number;
  r: ScoreBand;
  f: ScoreBand;
  m: ScoreBand;
}

/** The values behind each RFM score: smallest and largest value with that score, and its customers. */
export const rfmCutPointsSpec = defineTable<CutPointRow>('segments.rfm_cut_points', 'RFM cut points', [
  { key: 'score', label: 'Score', kind: 'number', value: (x) => x.score },
  {
    key: 'recency_min',
    label: 'R from',
    kind: 'number',
    unit: 'days',
    value: (x) => x.r.min,
    description: 'fewest days since the last purchase with this R score (empty: no customer has it)',
  },
  { key: 'recency_max', label: 'R to', kind: 'number', unit: 'days', value: (x) => x.r.max, description: 'most days with this R score' },
  { key: 'customers_r', label: 'R customers', kind: 'count', value: (x) => x.r.count, description: 'customers with this R score' },
  {
    key: 'frequency_min',
    label: 'F from',
    kind: 'number',
    unit: 'purchase days',
    value: (x) => x.f.min,
    description: 'fewest purchase days with this F score (empty: no customer has it)',
  },
  { key: 'frequency_max', label: 'F to', kind: 'number', unit: 'purchase days', value: (x) => x.f.max },
  { key: 'customers_f', label: 'F customers', kind: 'count', value: (x) => x.f.count, description: 'customers with this F score' },
  {
    key: 'monetary_min',
    label: 'M from',
    kind: 'money',
    unit: 'net revenue',
    value: (x) => x.m.min,
    description: 'least net revenue with this M score (empty: no customer has it)',
  },
  { key: 'monetary_max', label: 'M to', kind: 'money', unit: 'net revenue', value: (x) => x.m.max },
  { key: 'customers_m', label: 'M customers', kind: 'count', value: (x) => x.m.count, description: 'customers with this M score' },
]);

/**
 * The RFM cut points of a segmentation, titled with the number of scores and the method, the tie
 * rule under them.
 * @example
 * rfmCutPointsTable(seg).rows.length === seg.rfm.bins; // true
 */
export function rfmCutPointsTable(seg: Segmentation): ReportTable {
  const cp = seg.rfm.cutPoints;
  return rfmCutPointsSpec(
    cp.recency.map((r, i) => ({ score: r.score, r, f: cp.frequency[i]!, m: cp.monetary[i]! })),
    {
      title: `RFM cut points (${seg.rfm.bins} scores; ${seg.rfm.methods.recency === 'percentile' ? 'percentile ranks' : 'custom thresholds'})`,
      notes: [
        'tie rule: score = 1 + floor(bins × share of customers strictly worse); equal values always get equal scores, so some scores can be empty',
      ],
    },
  );
}

/**
 * The value tier × lifecycle stage grid as two cross tables: customers per cell, and each cell's
 * share of all value (rows: tiers, top first; columns: stages, then the tier's total).
 * @example
 * tierLifecycleTables(seg).customers.columns.map((c) => c.key); // ['tier', 'new', 'active', …, 'reactivated', 'total']
 */
export function tierLifecycleTables(seg: Segmentation): { customers: ReportTable; valueShare: ReportTable } {
  const cell = (t: string, s: string) => seg.grid.find((g) => g.row === t && g.column === s);
  const of = (f: (c: GridCell) => number) => seg.tiers.names.map((t) => LIFECYCLE_STAGES.map((s) => f(cell(t, s) ?? EMPTY)));
  const corner = TIER_NAMES[seg.valueKind];
  const options = { cornerKey: 'tier', labels: LIFECYCLE_STAGE_WORDS };
  return {
    customers: matrixTable(
      'segments.tier_lifecycle',
      `${corner} × lifecycle stage (customers)`,
      corner,
      seg.tiers.names,
      LIFECYCLE_STAGES,
      of((c) => c.count),
      'count',
      [],
      options,
    ),
    valueShare: matrixTable(
      'segments.tier_lifecycle_value',
      `${corner} × lifecycle stage (share of ${valueBasisText(seg.valueKind)})`,
      corner,
      seg.tiers.names,
      LIFECYCLE_STAGES,
      of((c) => c.valueShare),
      'share',
      [],
      options,
    ),
  };
}

const EMPTY: GridCell = { row: '', column: '', count: 0, value: 0, customerShare: 0, valueShare: 0 };

/** The names of a segmentation's tables (`cvm segment --view NAME`, `GET /api/segments?format=csv&table=NAME`). */
export const SEGMENT_TABLE_NAMES = ['rfm_cut_points', 'rfm', 'tiers', 'lifecycle', 'tier_lifecycle', 'tier_lifecycle_value'] as const;
export type SegmentTableName = (typeof SEGMENT_TABLE_NAMES)[number];

/**
 * A segmentation's tables by name, declared once for the CLI's `--view` and the API's `table=`.
 * @example
 * segmentTablesByName(seg).tiers.columns[0].key; // 'tier'
 */
export function segmentTablesByName(seg: Segmentation): Record<SegmentTableName, ReportTable> {
  const rules = segmentRuleTables(seg);
  const grid = tierLifecycleTables(seg);
  return {
    rfm_cut_points: rfmCutPointsTable(seg),
    rfm: rules.rfm,
    tiers: rules.tiers,
    lifecycle: rules.lifecycle,
    tier_lifecycle: grid.customers,
    tier_lifecycle_value: grid.valueShare,
  };
}
