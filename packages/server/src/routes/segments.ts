import { z } from 'zod';
import {
  LIFECYCLE_STAGES,
  SEGMENT_TABLE_NAMES,
  segmentTablesByName,
  microSegmentsOf,
  RFM_SEGMENT_RULES,
  microTable,
  rfmStageConflict,
  segmentRuleTables,
  withMix,
  rfmCutPointsTable,
  tierLifecycleTables,
  type Segmentation,
} from '@cvm/core';
import type { WorkspaceState } from '../workspace-state.js';
import { customerScores } from '../scores.js';
import { reportTableCsv } from '../report-csv.js';
import { oa, parseQuery, queryParams, type RouteModule } from './route-module.js';
import type { ApiMicroSegments, ApiSegments } from '@cvm/core/api';

/**
 * The core's segmentation as of the summary day, cached per data version: value tiers by predicted
 * CLV and lifecycle rules with P(alive) from the models report's fit (as in `cvm report`); by
 * historic net revenue when the models cannot be fitted (the models page says why).
 */
export function segmentation(state: WorkspaceState): Promise<Segmentation> {
  return state.segmentation();
}

/** Customers in the lifecycle stages counted as active (new, active, reactivated) over all customers. */
export function activeShare(seg: Segmentation): { value: number; customers: number; rule: string; asOf: string; computedAt: string } {
  const counted = new Set(['new', 'active', 'reactivated'].map((s) => LIFECYCLE_STAGES.indexOf(s as never)));
  let n = 0;
  for (let i = 0; i < seg.length; i++) if (counted.has(seg.lifecycle.stage[i]!)) n++;
  return {
    value: seg.length ? n / seg.length : 0,
    customers: n,
    rule: 'lifecycle stage new, active or reactivated (see Segments for the stage rules)',
    asOf: seg.asOf,
    computedAt: seg.computedAt,
  };
}

/** The JSON form of a segmentation: every count with its rule, no per-customer arrays. */
export function segmentationJson(seg: Segmentation) {
  const n = seg.length;
  const segCounts = new Array<number>(seg.rfm.segmentNames.length).fill(0);
  const rfGrid = Array.from({ length: seg.rfm.bins }, () => new Array<number>(seg.rfm.bins).fill(0));
  for (let i = 0; i < n; i++) {
    const s = seg.rfm.segment[i]!;
    if (s >= 0) segCounts[s]!++;
    const r = seg.rfm.r[i]!,
      f = seg.rfm.f[i]!;
    if (r > 0 && f > 0) rfGrid[r - 1]![f - 1]!++;
  }
  const stageCounts = new Array<number>(LIFECYCLE_STAGES.length).fill(0);
  for (let i = 0; i < n; i++) stageCounts[seg.lifecycle.stage[i]!]!++;
  const grid = tierLifecycleTables(seg);
  return {
    status: 'ok' as const,
    asOf: seg.asOf,
    computedAt: seg.computedAt,
    customers: n,
    valueKind: seg.valueKind,
    rfm: {
      bins: seg.rfm.bins,
      methods: seg.rfm.methods,
      cutPoints: seg.rfm.cutPoints,
      segments: seg.rfm.segmentNames.map((name, k) => ({
        name,
        count: segCounts[k]!,
        share: n ? segCounts[k]! / n : 0,
        meaning: RFM_SEGMENT_RULES.find((r) => r.name === name)?.meaning ?? '',
        cells: RFM_SEGMENT_RULES.filter((r) => r.name === name).map((r) => `R ${r.r[0]}–${r.r[1]}, FM ${r.fm[0]}–${r.fm[1]}`),
      })),
      /** Customers by recency score (rows, 1..bins) × frequency score (columns, 1..bins). */
      recencyByFrequency: rfGrid,
    },
    tiers: seg.tiers.tiers,
    totalValue: seg.tiers.totalValue,
    pareto: seg.pareto,
    lifecycle: {
      stages: LIFECYCLE_STAGES.map((name, k) => ({ name, count: stageCounts[k]!, share: n ? stageCounts[k]! / n : 0 })),
      rules: seg.lifecycle.rules,
      baseRhythmDays: seg.lifecycle.baseRhythmDays,
    },
    tierByLifecycle: seg.grid,
    microSegments: { status: 'ok' as const, route: '/api/segments/micro' },
    // the tables `cvm segment` prints, as the core declares them
    tables: {
      ...segmentRuleTables(seg),
      rfmCutPoints: rfmCutPointsTable(seg),
      tierLifecycle: grid.customers,
      tierLifecycleValue: grid.valueShare,
    },
  };
}

/** Where one customer sits in the segmentation, with a sentence saying why. */
export function customerSegment(seg: Segmentation, index: number) {
  const rfmName = seg.rfm.segment[index]! >= 0 ? seg.rfm.segmentNames[seg.rfm.segment[index]!]! : 'unscored';
  const stage = LIFECYCLE_STAGES[seg.lifecycle.stage[index]!]!;
  const tier = seg.tiers.names[seg.tiers.tier[index]!]!;
  const r = seg.rfm.r[index]!,
    f = seg.rfm.f[index]!,
    m = seg.rfm.m[index]!;
  const rule = RFM_SEGMENT_RULES.find((x) => x.name === rfmName);
  const days = seg.recencyDays[index]!,
    purchases = seg.purchaseDays[index]!,
    rhythm = seg.lifecycle.rhythmDays[index]!;
  const tierRule = seg.tiers.tiers[seg.tiers.tier[index]!]?.rule ?? '';
  const gap =
    purchases > 1
      ? `${(days / rhythm).toFixed(1)}× their usual ${Math.round(rhythm)}-day gap`
      : `one purchase day so far, against the base rhythm of ${Math.round(rhythm)} days (${(days / rhythm).toFixed(1)}×)`;
  return {
    asOf: seg.asOf,
    computedAt: seg.computedAt,
    rfmSegment: rfmName,
    r,
    f,
    m,
    lifecycleStage: stage,
    valueTier: tier,
    tierRule,
    recencyDays: days,
    rhythmDays: rhythm,
    purchaseDays: purchases,
    // issue 20: the RFM label against the lifecycle stage (null when they agree)
    rfmConflict: rfmStageConflict(rfmName, stage),
    why: `${tier}: ${tierRule}${seg.valueKind === 'historic' ? ' (value = net revenue to date)' : seg.valueKind === 'clv' ? ' (value = predicted CLV)' : ' (value = profit)'}; ${stage.replaceAll('_', ' ')}: ${days} day${days === 1 ? '' : 's'} since last purchase, ${gap}; RFM R${r} F${f} M${m} = "${rfmName}"${rule ? ` (${rule.meaning})` : ''}. As of ${seg.asOf}.`,
  };
}

/** Micro-segment profiles within each lifecycle stage (k-means on behaviour features, seeded), cached per data version. */
export function microSegmentation(state: WorkspaceState) {
  return state.cached('micro', async () => {
    // the analysis's segmentation leaves out the product and channel mix: read it for the micro-segments
    const seg = await withMix(state.engine, await segmentation(state), (await state.overview()).summary);
    const micro = microSegmentsOf(seg);
    return { seg, micro, computedAt: new Date().toISOString() };
  });
}

/** The JSON form of the micro-segments: profiles, choice of k per stage, the rule. */
export function microJson(seg: Segmentation, micro: ReturnType<typeof microSegmentsOf>, computedAt: string) {
  return {
    status: 'ok' as const,
    asOf: seg.asOf,
    computedAt,
    customers: seg.length,
    valueKind: seg.valueKind,
    rule: `k-means (seed ${micro.seed}) within each lifecycle stage on ${micro.features.join(', ')} (counts and money on log(1 + x), standardised); k per stage chosen by the best silhouette. Labels are stage:rank, rank 1 = largest value share in the stage. The typical customer is the per-feature median.`,
    features: micro.features,
    choices: micro.choices,
    segments: micro.segments,
    // the profiles as the core declares the table (`cvm segment` prints it)
    table: microTable(micro),
  };
}

export const segmentsQuerySchema = z.object({
  format: z.enum(['json', 'csv']).default('json'),
  table: z.enum(SEGMENT_TABLE_NAMES).default('rfm'),
});
export const microQuerySchema = z.object({ format: z.enum(['json', 'csv']).default('json') });

/**
 * GET /api/segments: RFM grid and segments, value tiers, lifecycle stages, tier × lifecycle; with
 * `format=csv&table=NAME` one of the tables as `cvm segment --view NAME --format csv` writes it.
 */
export const segmentRoutes: RouteModule = {
  register(app, { state }) {
    app.get('/api/segments', async (c) => {
      const q = parseQuery(c, segmentsQuerySchema);
      const seg = await segmentation(state);
      if (q.format === 'csv') return reportTableCsv(segmentTablesByName(seg)[q.table], `segments-${seg.asOf}-${q.table}.csv`);
      // tiers by predicted CLV carry the fit's doubts (plain words), as in `cvm report`
      const valueWarnings = seg.valueKind === 'clv' ? (await customerScores(state)).warnings : [];
      return c.json({ ...segmentationJson(seg), valueWarnings } satisfies ApiSegments);
    });
    app.get('/api/segments/micro', async (c) => {
      const q = parseQuery(c, microQuerySchema);
      const { seg, micro, computedAt } = await microSegmentation(state);
      if (q.format === 'csv') return reportTableCsv(microTable(micro), `segments-${seg.asOf}-micro.csv`);
      return c.json(microJson(seg, micro, computedAt) satisfies ApiMicroSegments);
    });
  },
  paths: {
    '/api/segments': {
      get: {
        summary:
          'Segments as of the last purchase day: RFM, value tiers, lifecycle, tier × lifecycle; each with its rule and computedAt. format=csv&table=NAME: one table as cvm segment --view NAME --format csv writes it',
        parameters: queryParams(segmentsQuerySchema, {
          format: 'json (default) or csv',
          table: 'with format=csv: the table to write (the names of cvm segment --view)',
        }),
        responses: { 200: oa.json('Segmentation'), 400: oa.error },
      },
    },
    '/api/segments/micro': {
      get: {
        summary:
          'Micro-segment profiles within each lifecycle stage: size, share of the stage, value share, description in words, typical customer (per-feature median); with the rule and computedAt. format=csv: the profiles as cvm segment --view micro --format csv writes them',
        parameters: queryParams(microQuerySchema, { format: 'json (default) or csv' }),
        responses: { 200: oa.json('Micro-segments'), 400: oa.error },
      },
    },
  },
};
