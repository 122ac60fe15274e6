import { LIFECYCLE_STAGES, RFM_SEGMENT_RULES, segmentAsOf, type Segmentation } from '@cvm/core';
import type { WorkspaceState } from '../workspace-state.js';
import { oa, type RouteModule } from './route-module.js';
import { notComputed } from './not-computed.js';

/** The core's segmentation as of the last purchase day, cached per data version. */
export function segmentation(state: WorkspaceState): Promise<Segmentation> {
  return state.cached('segments', () => segmentAsOf(state.engine, {}));
}

/** Customers in the lifecycle stages counted as active (new, active, reactivated) over all customers. */
export function activeShare(seg: Segmentation): { value: number; customers: number; rule: string; asOf: string; computedAt: string } {
  const counted = new Set(['new', 'active', 'reactivated'].map((s) => LIFECYCLE_STAGES.indexOf(s as never)));
  let n = 0;
  for (let i = 0; i < seg.length; i++) if (counted.has(seg.lifecycle.stage[i]!)) n++;
  return { value: seg.length ? n / seg.length : 0, customers: n, rule: 'lifecycle stage new, active or reactivated (see Segments for the stage rules)', asOf: seg.asOf, computedAt: seg.computedAt };
}

/** The JSON form of a segmentation: every count with its rule, no per-customer arrays. */
export function segmentationJson(seg: Segmentation) {
  const n = seg.length;
  const segCounts = new Array<number>(seg.rfm.segmentNames.length).fill(0);
  const rfGrid = Array.from({ length: seg.rfm.bins }, () => new Array<number>(seg.rfm.bins).fill(0));
  for (let i = 0; i < n; i++) {
    const s = seg.rfm.segment[i]!;
    if (s >= 0) segCounts[s]!++;
    const r = seg.rfm.r[i]!, f = seg.rfm.f[i]!;
    if (r > 0 && f > 0) rfGrid[r - 1]![f - 1]!++;
  }
  const stageCounts = new Array<number>(LIFECYCLE_STAGES.length).fill(0);
  for (let i = 0; i < n; i++) stageCounts[seg.lifecycle.stage[i]!]!++;
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
        name, count: segCounts[k]!, share: n ? segCounts[k]! / n : 0,
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
    microSegments: notComputed('micro_segments', 'Micro-segment profiles are not in the core yet.'),
  };
}

/** Where one customer sits in the segmentation, with a sentence saying why. */
export function customerSegment(seg: Segmentation, index: number) {
  const rfmName = seg.rfm.segment[index]! >= 0 ? seg.rfm.segmentNames[seg.rfm.segment[index]!]! : 'unscored';
  const stage = LIFECYCLE_STAGES[seg.lifecycle.stage[index]!]!;
  const tier = seg.tiers.names[seg.tiers.tier[index]!]!;
  const r = seg.rfm.r[index]!, f = seg.rfm.f[index]!, m = seg.rfm.m[index]!;
  const rule = RFM_SEGMENT_RULES.find((x) => x.name === rfmName);
  const days = seg.recencyDays[index]!, purchases = seg.purchaseDays[index]!, rhythm = seg.lifecycle.rhythmDays[index]!;
  return {
    asOf: seg.asOf, computedAt: seg.computedAt, rfmSegment: rfmName, r, f, m, lifecycleStage: stage, valueTier: tier,
    tierRule: seg.tiers.tiers[seg.tiers.tier[index]!]?.rule ?? '',
    why: `As of ${seg.asOf}: last purchase ${days} days ago, ${purchases} purchase day${purchases === 1 ? '' : 's'}, rhythm about ${Math.round(rhythm)} days between purchases, so lifecycle stage "${stage}"; RFM scores R${r} F${f} M${m} put them in "${rfmName}"${rule ? ` (${rule.meaning})` : ''}; value tier ${tier}.`,
  };
}

/** GET /api/segments: RFM grid and segments, value tiers, lifecycle stages, tier × lifecycle. */
export const segmentRoutes: RouteModule = {
  register(app, { state }) {
    app.get('/api/segments', async (c) => c.json(segmentationJson(await segmentation(state))));
  },
  paths: {
    '/api/segments': {
      get: { summary: 'Segments as of the last purchase day: RFM, value tiers, lifecycle, tier × lifecycle; each with its rule and computedAt', responses: { 200: oa.json('Segmentation'), 400: oa.error } },
    },
  },
};
