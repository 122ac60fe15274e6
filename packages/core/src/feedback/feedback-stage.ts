import type { Engine } from '../engine/engine.js';
import { CvmError } from '../errors.js';
import { customerDimension, type CustomerDimension } from '../inputs/dimension.js';
import type { ModelsStage } from '../analysis/analysis.js';
import type { CustomerColumn } from '../customers/customer-table.js';
import { npsClass } from '../math/stats/nps-interval.js';
import { requireScores } from '../pipeline-models.js';
import type { Segmentation } from '../segments/segmentation.js';
import { dayToIso, type CustomerSummary } from '../summary/summary.js';
import { feedbackReport, hasSurveyTable, NO_SURVEYS, type FeedbackOptions, type FeedbackResult } from './feedback.js';
import type { LatestAnswers } from './feedback-types.js';

/** The feedback stage of an analysis: the report, or why it is not computed (no survey file, …). */
export type FeedbackStage = ({ status: 'ok' } & FeedbackResult) | { status: 'not_computed'; code: string; reason: string };

/**
 * Runs the feedback report for an analysis (the `Analysis.feedback()` stage): the acquisition channel
 * when the customers file or the log has one, the models' CLV and P(alive) when they ran; a CvmError
 * (no surveys, …) becomes `not_computed` with its message.
 */
export async function runFeedbackStage(
  engine: Engine,
  o: { summary: CustomerSummary; segmentation: Segmentation; models: ModelsStage; currency?: string; options?: FeedbackOptions },
): Promise<FeedbackStage> {
  try {
    if (!(await hasSurveyResponses(engine))) return { status: 'not_computed', code: 'no_surveys', reason: NO_SURVEYS };
    let acquisitionChannel: CustomerDimension | null = null;
    try {
      const d = await customerDimension(engine, o.summary.customerId, 'channel');
      if (d.levels.some((l) => l !== 'unknown')) acquisitionChannel = d;
    } catch (error) {
      if (!(error instanceof CvmError)) throw error;
    }
    const fitted = o.models.status === 'ok' ? requireScores(o.models, 'The feedback report (CLV of detractors)') : null;
    const r = await feedbackReport(
      engine,
      {
        summary: o.summary,
        segmentation: o.segmentation,
        scores: fitted?.scores ?? null,
        clvUnit: fitted?.report.units.horizon ?? null,
        acquisitionChannel,
        currency: o.currency,
      },
      o.options,
    );
    return { status: 'ok', ...r };
  } catch (error) {
    if (!(error instanceof CvmError)) throw error;
    return { status: 'not_computed', code: error.code, reason: error.message };
  }
}

/** True when the workspace holds at least one survey response. */
async function hasSurveyResponses(engine: Engine): Promise<boolean> {
  if (!(await hasSurveyTable(engine))) return false;
  const [r] = await engine.rows<{ n: number }>('SELECT count(*) AS n FROM (SELECT 1 FROM survey_responses LIMIT 1) s');
  return Number(r?.n ?? 0) > 0;
}

const NPS_CLASS_NAMES: readonly string[] = ['detractor', 'passive', 'promoter'];

/** Each customer's latest NPS answer, its class and date, and latest CSAT as customer-table columns. */
export function feedbackColumns(l: LatestAnswers, ids: readonly string[]): CustomerColumn[] {
  const same = l.customerId === ids;
  const at = same ? null : new Map(l.customerId.map((id, i) => [id, i] as const));
  const pick = (col: Float64Array): Float64Array =>
    same
      ? col
      : Float64Array.from(ids, (id) => {
          const i = at!.get(id);
          return i === undefined ? NaN : col[i]!;
        });
  const nps = pick(l.nps),
    day = pick(l.day),
    csat = pick(l.csat);
  return [
    {
      key: 'nps',
      label: 'NPS answer',
      kind: 'number',
      unit: '0 to 10',
      description: "the customer's latest NPS answer (empty: none)",
      values: nps,
    },
    {
      key: 'nps_class',
      label: 'NPS class',
      kind: 'text',
      description: 'detractor (0–6), passive (7–8) or promoter (9–10), from the latest answer',
      values: Array.from(nps, (v) => {
        const k = npsClass(v);
        return k < 0 ? '' : NPS_CLASS_NAMES[k]!;
      }),
    },
    {
      key: 'nps_date',
      label: 'NPS answered',
      kind: 'date',
      description: 'date of the latest NPS answer',
      values: Array.from(day, (d) => (Number.isFinite(d) ? dayToIso(d) : '')),
    },
    {
      key: 'csat',
      label: 'CSAT answer',
      kind: 'number',
      unit: '1 to 5',
      description: "the customer's latest CSAT answer (empty: none)",
      values: csat,
    },
  ];
}
