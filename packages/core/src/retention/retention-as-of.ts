import type { Engine } from '../engine/engine.js';
import { CvmError, InputError } from '../errors.js';
import { COUNT_MODEL_REGISTRY, COUNT_MODELS, type CountModelName } from '../models/count-models.js';
import { segmentWithScores } from '../pipeline-segments.js';
import { PERIODS_PER_YEAR } from '../scores/clv.js';
import { predictCustomers } from '../scores/predict.js';
import { DAYS_PER_PERIOD, dayToIso, isoToDay, summarize, type CustomerSummary, type Period } from '../summary/summary.js';
import { validateOnHoldout } from '../validation/validate.js';
import { loadRetentionHistory } from './retention-history.js';
import type { RetentionOptions } from './retention-options.js';
import { computeRetention, type CustomerRetention } from './retention-scores.js';

/** Retention scores of every customer as of a day, from a model fitted on the data up to that day only. */
export interface RetentionAsOf {
  summary: CustomerSummary;
  model: CountModelName;
  /** How the model was chosen, in words. */
  modelChoice: string;
  params: Record<string, number>;
  fitWarnings: string[];
  retention: CustomerRetention;
  /** Expected purchases over the horizon (`horizonDays`): the risk order (lower = more at risk). */
  expectedPurchases: Float64Array;
  /** Lifecycle stage index per customer (summary order). */
  stage: Uint8Array;
}

/**
 * Chooses a count model using only the data up to `asOf`: the holdout validation of the main job
 * (calibration to the middle of [first purchase, asOf], holdout to asOf) among the models that score
 * customers (BG/NBD, Pareto/NBD, MBG/NBD); BG/NBD when it cannot run.
 */
async function chooseModel(engine: Engine, summary: CustomerSummary, period: Period): Promise<{ model: CountModelName; choice: string }> {
  let first = Infinity;
  for (const d of summary.firstPurchase) first = Math.min(first, d);
  const end = isoToDay(summary.calibrationEnd);
  const mid = dayToIso(first + Math.floor((end - first) / 2));
  try {
    const v = await validateOnHoldout(engine, { period, calibrationEnd: mid, holdoutEnd: summary.calibrationEnd, models: COUNT_MODELS });
    const rec = v.comparison.recommended;
    if (rec && rec in COUNT_MODEL_REGISTRY)
      return {
        model: rec as CountModelName,
        choice: `recommended by a holdout validation within the data up to ${summary.calibrationEnd} (calibration to ${mid}): ${v.comparison.reason}`,
      };
    return {
      model: 'bg-nbd',
      choice: `BG/NBD: the validation within the data up to ${summary.calibrationEnd} recommended ${rec ?? 'no model'}`,
    };
  } catch (error) {
    if (!(error instanceof CvmError)) throw error;
    return {
      model: 'bg-nbd',
      choice: `BG/NBD: no validation was possible within the data up to ${summary.calibrationEnd} (${error.message})`,
    };
  }
}

/**
 * Fits and scores as of `asOf` reading nothing after that day: the summary, the model choice (unless
 * `model` is given), the fit, the lifecycle stages and the history `lookbackDays` earlier are all
 * computed with the as-of cut, so the result equals that of the log cut at `asOf` (tested). CLV
 * horizon 52 weeks (365 days), 10% annual discount, margin 100%, as in the main report.
 * @throws InputError from `summarize` (bad date, empty log), `unknown_model`, the fits' errors
 * @example
 * const r = await retentionAsOf(engine, { asOf: '1997-09-30', horizonDays: 273 });
 * r.retention.pReturn; // chance of a purchase in the 273 days after 1997-09-30, per customer
 */
export async function retentionAsOf(
  engine: Engine,
  o: { asOf: string; period?: Period; model?: CountModelName; options?: RetentionOptions },
): Promise<RetentionAsOf> {
  const period = o.period ?? 'week';
  // the history as of lookbackDays earlier is read in the same pass (summary.history)
  const summary = await summarize(engine, {
    period,
    calibrationEnd: o.asOf,
    historyLookbackDays: o.options?.lookbackDays ?? 90,
    previousPurchase: true, // the segments' second-to-last purchase day, from the same pass
  });
  if (o.model !== undefined && !(o.model in COUNT_MODEL_REGISTRY))
    throw new InputError('unknown_model', `--model must be one of ${Object.keys(COUNT_MODEL_REGISTRY).join(', ')}; got "${o.model}"`, {
      model: o.model,
    });
  const chosen = o.model ? { model: o.model, choice: `${o.model} as asked` } : await chooseModel(engine, summary, period);
  const horizon = period === 'week' ? 52 : 365;
  const data = { x: summary.frequency, tx: summary.recency, T: summary.T, mx: summary.monetaryValue };
  const p = predictCustomers(data, { model: chosen.model, period, horizon, annualDiscountRate: 0.1, margin: 1 });
  const seg = await segmentWithScores(engine, {
    asOf: summary.calibrationEnd,
    scores: { customerId: summary.customerId, clv: p.clv, pAlive: p.pAlive },
    summary, // as the analysis does: no second summary, no second id array, the scores taken by position
  });
  if (!seg.customerId.every((id, i) => id === summary.customerId[i]))
    throw new InputError(
      'history_mismatch',
      `The segmentation as of ${summary.calibrationEnd} does not line up with the summary; retry on an unchanged log`,
      {},
    );
  const options = o.options ?? {};
  const history = await loadRetentionHistory(engine, summary, options.lookbackDays ?? 90);
  const horizonYears = horizon / PERIODS_PER_YEAR[period];
  const retention = computeRetention({
    summary,
    history,
    model: chosen.model,
    params: p.fit.params,
    options,
    scores: {
      pAlive: p.pAlive,
      expectedPurchases: p.expectedPurchases,
      expectedSpend: p.expectedSpend,
      horizonYears,
      annualDiscountRate: 0.1,
    },
    lifecycle: { stage: seg.lifecycle.stage, rhythmDays: seg.lifecycle.rhythmDays },
  });
  const h = (options.horizonDays ?? 90) / DAYS_PER_PERIOD[period];
  const expectedPurchases = COUNT_MODEL_REGISTRY[chosen.model].expectedPurchases(p.fit.params, h, {
    x: summary.frequency,
    tx: summary.recency,
    T: summary.T,
  });
  return {
    summary,
    model: chosen.model,
    modelChoice: chosen.choice,
    params: p.fit.params,
    fitWarnings: [...p.fit.warnings, ...(p.spendFit?.warnings ?? [])],
    retention,
    expectedPurchases,
    stage: seg.lifecycle.stage,
  };
}
