/**
 * The micro-segment profiles, declared once (issue 19): `cvm segment` (table format), GET
 * /api/segments/micro (`table`) and the dashboard's Segments page render this table.
 */
import { formatNumber } from '../report/format-value.js';
import { defineTable, type ReportTable } from '../report/report-table.js';
import type { MicroResult, MicroSegment } from './micro-segments.js';

/** The typical customer of a micro-segment in words: each feature's median with its unit. */
const typical = (m: MicroSegment): string => m.profile.map((p) => `${p.feature} ${formatNumber(p.median)} ${p.unit}`).join(', ');

/** One row per micro-segment: its size, shares, words and typical customer. */
export const microSegmentsTable = defineTable<MicroSegment>('segments.micro', 'Micro-segments', [
  { key: 'micro_segment', label: 'Segment', kind: 'text', value: (m) => m.label, description: 'stage:rank, rank 1 = largest value share' },
  { key: 'customers', label: 'Customers', kind: 'count', value: (m) => m.size },
  {
    key: 'share_of_stage',
    label: 'Share of stage',
    kind: 'share',
    value: (m) => m.stageShare,
    description: "share of the stage's customers",
  },
  {
    key: 'share_of_value',
    label: 'Share of value',
    kind: 'share',
    value: (m) => m.valueShare,
    description: 'share of all customers’ value',
  },
  { key: 'description', label: 'In words', kind: 'text', value: (m) => m.description },
  {
    key: 'typical',
    label: 'Typical customer',
    kind: 'text',
    unit: 'per-feature median',
    value: typical,
    description: 'the median of each feature over the segment',
  },
]);

/**
 * The micro-segments with the clustering's seed in the title and the features and k per stage under it.
 * @example
 * microTable(micro).columns[0]!.key; // 'micro_segment'
 */
export function microTable(micro: MicroResult): ReportTable {
  return microSegmentsTable(micro.segments, {
    title: `Micro-segments (k-means++ within each stage, seed ${micro.seed}; k by silhouette)`,
    notes: [`features: ${micro.features.join(', ')}; k per stage: ${micro.choices.map((c) => `${c.stage} ${c.k}`).join(', ')}`],
  });
}
