/**
 * The micro-segment profiles, declared once (issue 19): `cvm segment` (table format), GET
 * /api/segments/micro (`table`) and the dashboard's Segments page render this table.
 */
import { formatNumber } from '../report/format-value.js';
import { defineTable, type ReportTable } from '../report/report-table.js';
import type { MicroResult, MicroSegment } from './micro-segments.js';
import { LIFECYCLE_STAGE_WORDS, type LifecycleStage } from './lifecycle.js';

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

/** A stage code's words ("at risk"); a name that is not a stage as it is. */
const stageWords = (stage: string): string =>
  Object.hasOwn(LIFECYCLE_STAGE_WORDS, stage) ? LIFECYCLE_STAGE_WORDS[stage as LifecycleStage] : stage;

/**
 * The micro-segments with the clustering's seed in the title and the features and k per stage under
 * it; the segment column shows each label with its stage in words ("at risk:1"), machine formats and
 * filters keep the label (`at_risk:1`).
 * @example
 * microTable(micro).columns[0]!.key; // 'micro_segment'
 */
export function microTable(micro: MicroResult): ReportTable {
  const t = microSegmentsTable(micro.segments, {
    title: `Micro-segments (k-means++ within each stage, seed ${micro.seed}; k by silhouette)`,
    notes: [`features: ${micro.features.join(', ')}; k per stage: ${micro.choices.map((c) => `${stageWords(c.stage)} ${c.k}`).join(', ')}`],
  });
  const codes = Object.fromEntries(micro.segments.map((m) => [m.label, stageWords(m.stage) + m.label.slice(m.stage.length)]));
  return { ...t, columns: t.columns.map((c) => (c.key === 'micro_segment' ? { ...c, codes } : c)) };
}
