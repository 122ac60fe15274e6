import type { Engine } from './engine/engine.js';
import { InputError } from './errors.js';
import { logDates, summarize, type CustomerSummary } from './summary/summary.js';
import { loadHistory, reusableSummary, segmentAsOf } from './segments/segment-as-of.js';
import { segmentSummary, type Segmentation, type ValueKind } from './segments/segmentation.js';
import { LIFECYCLE_STAGES } from './segments/lifecycle.js';
import { quarterEnds } from './segments/quarter-ends.js';
import type { TierRow } from './segments/value-tiers.js';
import type { ParetoPoint } from './segments/pareto.js';
import { ensureSnapshot } from './segments/ensure-snapshot.js';
import { migrateSnapshots } from './segments/migration.js';
import type { TransitionMatrix } from './segments/transition-matrix.js';
import type { ModelScores } from './pipeline.js';

/** One step of the main job's migration summary: value tiers at `from` against `to`. */
export interface MigrationStep {
  from: string;
  to: string;
  /** Customers in a tier at both dates, by direction of the move (tier order Platinum → Bronze). */
  stayed: number;
  movedUp: number;
  movedDown: number;
  /** Customers whose first purchase falls between the dates. */
  acquired: number;
  /** Customers who moved down a tier or into at-risk (`migrateSnapshots` downgrades), and their value at `from`. */
  downgrades: number;
  downgradeValue: number;
  matrix: TransitionMatrix;
}

/** The segments part of the main job (`npm start`, `cvm report`). */
export interface SegmentsReport {
  asOf: string;
  computedAt: string;
  /** What the tiers rank: predicted CLV when models ran, else historic net revenue. */
  valueKind: ValueKind;
  /** Doubts about the fit behind a CLV ranking, in plain words (the models' warnings); [] otherwise. */
  valueWarnings: string[];
  tiers: TierRow[];
  pareto: ParetoPoint[];
  lifecycle: { stage: string; customers: number; share: number }[];
  lifecycleRules: string[];
  /** Tier migration over the log's last two complete quarters (historic net revenue tiers at each quarter end), or why not. */
  migration: { basis: string; steps: MigrationStep[] } | null;
  migrationSkipped: string | null;
}

/** Model scores keyed by customer id (any order): what value tiers and lifecycle stages use when present. */
export interface ScoresById {
  customerId: readonly string[];
  clv: Float64Array;
  pAlive: Float64Array;
  /** Doubts about the fit that made the scores (`ModelScores.warnings`), carried into the segments' reports. */
  warnings?: readonly string[];
}

/**
 * Segments the customers as of `asOf` (default the log's last day) with predicted CLV as the tier
 * value and P(alive) in the lifecycle rules when `scores` are given (matched by customer id), else
 * historic net revenue (see `segmentAsOf`).
 *
 * With `summary` (computed as of the same day, in any period and without a holdout: segments read
 * only its period-free columns), it is not computed again; scores made on that summary (the same
 * `customerId` array) are taken by position instead of by id. The result is the same either way.
 * The product and channel mix is not read (`history.mixDeferred`): micro-segments of this
 * segmentation read it first with `withMix`.
 * @throws InputError `scores_mismatch` when a customer of the segmentation has no score (score the
 *   summary as of the same day)
 */
export async function segmentWithScores(
  engine: Engine,
  options: { asOf?: string; scores?: ScoresById; summary?: CustomerSummary } = {},
): Promise<Segmentation> {
  const { scores } = options;
  const given = reusableSummary(options.summary, options.asOf);
  // no product and channel mix: only micro-segments read it (withMix), so a 10M-row query is not run for them here
  if (!scores) return segmentAsOf(engine, { asOf: options.asOf, mix: false, ...(given ? { summary: given } : {}) });
  const summary = given ?? (await summarize(engine, { period: 'day', calibrationEnd: options.asOf, previousPurchase: true }));
  const history = await loadHistory(engine, summary.calibrationEnd, summary, { mix: false });
  if (scores.customerId === summary.customerId) return segmentSummary(summary, history, { clv: scores.clv, pAlive: scores.pAlive });
  const at = new Map<string, number>();
  scores.customerId.forEach((id, i) => at.set(id, i));
  const clv = new Float64Array(summary.length),
    pAlive = new Float64Array(summary.length);
  for (let i = 0; i < summary.length; i++) {
    const j = at.get(summary.customerId[i]!);
    if (j === undefined)
      throw new InputError(
        'scores_mismatch',
        `Customer ${summary.customerId[i]} has no model score; score the summary as of ${summary.calibrationEnd}, the segments' as-of day`,
        {},
      );
    clv[i] = scores.clv[j]!;
    pAlive[i] = scores.pAlive[j]!;
  }
  return segmentSummary(summary, history, { clv, pAlive });
}

/**
 * Segments as of `asOf` (default the log's last day; tiers by predicted CLV when `scores` are given,
 * with the fit's doubts in `valueWarnings`, else by historic net revenue: {@link segmentWithScores}),
 * the lifecycle counts, and the value-tier
 * migration over the last two complete quarters. The migration snapshots are stored in the workspace
 * (tiers by historic net revenue at each date, so past snapshots use only what was known then) and
 * reused while fresh ({@link ensureSnapshot}). A `segmentation` already computed for the same day and
 * scores is used as is.
 */
export async function runSegmentsReport(
  engine: Engine,
  options: { asOf?: string; scores?: ModelScores | null; segmentation?: Segmentation } = {},
): Promise<SegmentsReport> {
  const seg = options.segmentation ?? (await segmentWithScores(engine, { asOf: options.asOf, scores: options.scores ?? undefined }));
  const counts = new Float64Array(LIFECYCLE_STAGES.length);
  for (const s of seg.lifecycle.stage) counts[s]!++;
  const report: SegmentsReport = {
    asOf: seg.asOf,
    computedAt: seg.computedAt,
    valueKind: seg.valueKind,
    valueWarnings: seg.valueKind === 'clv' ? [...(options.scores?.warnings ?? [])] : [],
    tiers: seg.tiers.tiers,
    pareto: seg.pareto,
    lifecycle: LIFECYCLE_STAGES.map((stage, i) => ({ stage, customers: counts[i]!, share: seg.length ? counts[i]! / seg.length : 0 })),
    lifecycleRules: seg.lifecycle.rules,
    migration: null,
    migrationSkipped: null,
  };
  const range = await logDates(engine);
  const dates = quarterEnds(range.firstDate!, range.lastDate!).slice(-3);
  if (dates.length < 3) {
    report.migrationSkipped = `the log (${range.firstDate} .. ${range.lastDate}) holds ${dates.length} quarter end${dates.length === 1 ? '' : 's'}; the migration over the last two quarters needs three`;
    return report;
  }
  for (const date of dates) await ensureSnapshot(engine, date);
  // tier order (best first) as stored, so that snapshots made with custom tiers compare correctly
  const ranks = await engine.rows<{ tier: string }>(
    `SELECT value_tier AS tier FROM segment_snapshots WHERE as_of = CAST($d AS DATE) GROUP BY value_tier ORDER BY min(tier_rank)`,
    { d: dates[0]! },
  );
  const tierNames = ranks.map((r) => r.tier);
  const steps: MigrationStep[] = [];
  for (let i = 1; i < dates.length; i++) {
    const m = await migrateSnapshots(engine, { from: dates[i - 1]!, to: dates[i]!, dimension: 'value_tier' });
    const x = m.matrix;
    const step: MigrationStep = {
      from: m.from,
      to: m.to,
      stayed: 0,
      movedUp: 0,
      movedDown: 0,
      acquired: 0,
      downgrades: m.downgrades.length,
      downgradeValue: 0,
      matrix: x,
    };
    for (const d of m.downgrades) step.downgradeValue += d.valueFrom;
    x.fromStates.forEach((f, r) =>
      x.toStates.forEach((t, c) => {
        const n = x.counts[r]![c]!;
        const a = tierNames.indexOf(f),
          b = tierNames.indexOf(t);
        if (a < 0 && b >= 0) step.acquired += n;
        else if (a >= 0 && b >= 0) {
          if (a === b) step.stayed += n;
          else if (b < a) step.movedUp += n;
          else step.movedDown += n;
        }
      }),
    );
    steps.push(step);
  }
  report.migration = { basis: 'tiers by historic net revenue, each quarter end using only purchases up to that day', steps };
  return report;
}
