import type { CountModel } from '../models/count-models.js';
import { compressRfm } from '../models/shared/compress.js';
import { assessCountFit, type FitAssessment } from '../models/shared/fit-assessment.js';
import type { FitResult, RfmData } from '../models/shared/model-types.js';
import { trackingBand, type TrackingBand, type TrackingHoldout } from './tracking-band.js';
import { lazyTrackingBand } from './lazy-tracking-band.js';

/** Calibration frequency buckets 0, 1, …, 6, "7+". */
export const FREQUENCY_BUCKETS = ['0', '1', '2', '3', '4', '5', '6', '7+'] as const;

export interface FrequencyRow {
  frequency: (typeof FREQUENCY_BUCKETS)[number];
  customers: number;
  /** Mean holdout repeat purchases, actual and predicted. */
  actual: number;
  predicted: number;
}

export interface TrackingCurve {
  /** Period index since the cohort start (1-based). */
  period: number[];
  actualCumulative: number[];
  predictedCumulative: number[];
  /** Last calibration period (the boundary in the chart). */
  calibrationPeriods: number;
  /** Actual repeat purchases in each period. */
  actualIncremental?: number[];
  /** Prediction band over the holdout (see {@link trackingBand}), made when first read; null when the model has none (`bandNote` says why). */
  band?: TrackingBand | null;
  bandNote?: string;
}

export interface ModelValidation {
  model: string;
  label: string;
  fit: FitResult<string>;
  byFrequency: FrequencyRow[];
  /** Per-customer errors of holdout repeat purchases. */
  mae: number;
  rmse: number;
  /** Aggregate holdout repeat purchases and the relative error (predicted − actual) / actual. */
  aggregate: { actual: number; predicted: number; relativeError: number };
  tracking: TrackingCurve;
  /** Mean absolute percentage error of the cumulative tracking curve over the holdout periods. */
  trackingMape: number;
  verdict: 'good' | 'fair' | 'poor';
  verdictReason: string;
  /** How far the calibration fit can be trusted (see `assessCountFit`); `unreliable` is never recommended. */
  assessment: FitAssessment;
}

/**
 * Holdout validation of a fitted count model: predicted vs actual holdout purchases per customer and by
 * calibration frequency, and the cumulative tracking curve Σᵢ E[X(τ − sᵢ)] (sᵢ = customer i's first
 * purchase, in periods after the cohort start) against the actual repeat purchases per period.
 *
 * Verdict: `poor` when the aggregate holdout error or the tracking MAPE exceeds 20%, `fair` above 10%,
 * else `good`.
 */
export function validateCountModel(args: {
  model: CountModel;
  fit: FitResult<string>;
  data: RfmData;
  /** Actual holdout repeat purchases per customer. */
  holdout: Float64Array;
  /** Holdout length in periods. */
  duration: number;
  /** First purchase of each customer, in periods after the cohort start. */
  birth: Float64Array;
  /** Actual repeat purchases per period (index 0 = period 1). */
  actualPerPeriod: Float64Array;
  calibrationPeriods: number;
  /** The fit's assessment, when already made (default: {@link assessCountFit} on `data`). */
  assessment?: FitAssessment;
  /** Where the holdout starts, for the tracking curve's prediction band (none when absent), and its level (default 0.9). */
  band?: TrackingHoldout & { level?: number };
}): ModelValidation {
  const { model, fit, data, holdout, duration, birth, actualPerPeriod, calibrationPeriods } = args;
  const assessment = args.assessment ?? assessCountFit(model, fit, data);
  const n = data.x.length;
  const predicted = perPattern(model, fit.params, duration, data);
  const sums = FREQUENCY_BUCKETS.map(() => ({ n: 0, a: 0, p: 0 }));
  let absErr = 0,
    sqErr = 0,
    totalA = 0,
    totalP = 0;
  for (let i = 0; i < n; i++) {
    const b = sums[Math.min(7, data.x[i]!)]!;
    b.n++;
    b.a += holdout[i]!;
    b.p += predicted[i]!;
    const e = predicted[i]! - holdout[i]!;
    absErr += Math.abs(e);
    sqErr += e * e;
    totalA += holdout[i]!;
    totalP += predicted[i]!;
  }
  const tracking = trackingCurve(model, fit.params, birth, actualPerPeriod, calibrationPeriods);
  // made when first read (issue 12: ranking the models, as the retention lists do, never reads it)
  const holdoutBand = args.band;
  if (holdoutBand)
    lazyTrackingBand(tracking, () => trackingBand(model, fit, data, actualPerPeriod.length, holdoutBand, { level: holdoutBand.level }));
  let mape = 0,
    count = 0;
  for (let k = calibrationPeriods; k < tracking.period.length; k++) {
    const a = tracking.actualCumulative[k]!;
    if (a > 0) {
      mape += Math.abs(tracking.predictedCumulative[k]! - a) / a;
      count++;
    }
  }
  const trackingMape = count ? mape / count : 0;
  const relativeError = totalA > 0 ? (totalP - totalA) / totalA : Number.NaN;
  const worst = Math.max(Math.abs(relativeError), trackingMape);
  const verdict = worst > 0.2 ? 'poor' : worst > 0.1 ? 'fair' : 'good';
  const pct = (v: number): string => `${(100 * v).toFixed(1)}%`;
  const verdictReason =
    verdict === 'poor'
      ? `${model.label} predicts the holdout badly: ${pct(relativeError)} aggregate error and ${pct(trackingMape)} tracking error; do not use its forecasts without checking the data (time unit, calibration period, customer id)`
      : `${model.label}: aggregate holdout error ${pct(relativeError)}, tracking error ${pct(trackingMape)}`;
  return {
    model: model.name,
    label: model.label,
    fit,
    byFrequency: sums.map((s, k) => ({
      frequency: FREQUENCY_BUCKETS[k]!,
      customers: s.n,
      actual: s.n ? s.a / s.n : 0,
      predicted: s.n ? s.p / s.n : 0,
    })),
    mae: absErr / n,
    rmse: Math.sqrt(sqErr / n),
    aggregate: { actual: totalA, predicted: totalP, relativeError },
    tracking,
    trackingMape,
    verdict,
    verdictReason,
    assessment,
  };
}

/**
 * The model's conditional expected holdout purchases per customer, evaluated once per distinct
 * (x, t_x, T) pattern and spread back by position (issue 18: ~3× fewer evaluations at 1M customers).
 * Each customer's value is a function of its own pattern only, so the result is the same to the bit.
 */
function perPattern(model: CountModel, params: Record<string, number>, duration: number, data: RfmData): Float64Array {
  const c = compressRfm(data);
  const byPattern = model.expectedPurchases(params, duration, { x: c.x, tx: c.tx, T: c.T });
  const out = new Float64Array(data.x.length);
  for (let i = 0; i < out.length; i++) out[i] = byPattern[c.rowPattern[i]!]!;
  return out;
}

/**
 * Expected cumulative repeat purchases of the cohort at the end of each period: Σ_d n_d · E[X(τ − s_d)]
 * over the distinct birth times s_d (n_d customers each), τ = period index.
 */
export function trackingCurve(
  model: CountModel,
  params: Record<string, number>,
  birth: Float64Array,
  actualPerPeriod: Float64Array,
  calibrationPeriods: number,
): TrackingCurve {
  const births = new Map<number, number>();
  for (const b of birth) births.set(b, (births.get(b) ?? 0) + 1);
  const period: number[] = [],
    actualCumulative: number[] = [],
    predictedCumulative: number[] = [];
  let cum = 0;
  for (let k = 1; k <= actualPerPeriod.length; k++) {
    cum += actualPerPeriod[k - 1]!;
    let expected = 0;
    for (const [s, count] of births) if (k > s) expected += count * model.expectedPurchasesNew(params, k - s);
    period.push(k);
    actualCumulative.push(cum);
    predictedCumulative.push(expected);
  }
  return { period, actualCumulative, predictedCumulative, calibrationPeriods, actualIncremental: Array.from(actualPerPeriod) };
}

export interface ModelComparison {
  rows: {
    model: string;
    label: string;
    logLikelihood: number;
    aic: number;
    bic: number;
    mae: number;
    rmse: number;
    aggregateError: number;
    trackingMape: number;
    converged: boolean;
    verdict: string;
    trust: FitAssessment['trust'];
    doubts: string;
  }[];
  recommended: string | null;
  reason: string;
}

/**
 * Compares validated models and recommends one: the lowest per-customer holdout MAE among the converged
 * models whose verdict is not `poor` and whose fit is not `unreliable` (a parameter at a bound, no
 * dropout seen, a flat likelihood: see `assessCountFit`); a model whose fit is only to be read with
 * caution (weakly identified) is recommended only when no other qualifies. Ties within 1% are broken
 * by BIC. Says why in words, naming the models left out and why.
 */
export function compareModels(validations: ModelValidation[]): ModelComparison {
  const rows = validations.map((v) => ({
    model: v.model,
    label: v.label,
    logLikelihood: v.fit.logLikelihood,
    aic: v.fit.aic,
    bic: v.fit.bic,
    mae: v.mae,
    rmse: v.rmse,
    aggregateError: v.aggregate.relativeError,
    trackingMape: v.trackingMape,
    converged: v.fit.converged,
    verdict: v.verdict,
    trust: v.assessment.trust,
    doubts: v.assessment.issues
      .map((i) => i.plain)
      .filter((x, k, a) => a.indexOf(x) === k)
      .join('; '),
  }));
  const unreliable = validations.filter((v) => v.assessment.trust === 'unreliable');
  // models left out, grouped by the same plain-words reasons
  const why = new Map<string, string[]>();
  for (const v of unreliable) {
    const words = v.assessment.issues
      .filter((i) => i.severity === 'unreliable')
      .map((i) => i.plain)
      .filter((x, k, a) => a.indexOf(x) === k)
      .join('; ');
    why.set(words, [...(why.get(words) ?? []), v.label]);
  }
  const left = why.size ? ` Not considered: ${[...why].map(([words, labels]) => `${labels.join(', ')} (${words})`).join('; ')}.` : '';
  const candidates = validations.filter((v) => v.fit.converged && v.verdict !== 'poor' && v.assessment.trust !== 'unreliable');
  const clean = candidates.filter((v) => v.assessment.trust === 'ok');
  const usable = clean.length ? clean : candidates;
  if (usable.length === 0) {
    return {
      rows,
      recommended: null,
      reason: `No model can be trusted on this data: each one shows a warning sign in its fit, misses the holdout by more than 20% or did not converge.${left} Check the customer id, the time unit and the calibration period; until then the value shown is historic net revenue, not a forecast.`,
    };
  }
  const best = [...usable].sort((a, b) =>
    Math.abs(a.mae - b.mae) <= 0.01 * Math.min(a.mae, b.mae) ? a.fit.bic - b.fit.bic : a.mae - b.mae,
  )[0]!;
  const others = usable
    .filter((v) => v !== best)
    .map((v) => `${v.label} ${v.mae.toFixed(4)}`)
    .join(', ');
  const caution =
    best.assessment.trust === 'caution'
      ? ` Read its forecasts with caution: ${best.assessment.issues
          .map((i) => i.plain)
          .filter((x, k, a) => a.indexOf(x) === k)
          .join('; ')}.`
      : '';
  const skipped = candidates.filter((v) => v.assessment.trust === 'caution' && !usable.includes(v));
  const weak = skipped.length ? ` Passed over for weakly identified parameters: ${skipped.map((v) => v.label).join(', ')}.` : '';
  const reason = `${best.label} predicts the holdout best per customer (MAE ${best.mae.toFixed(4)} purchases${others ? ` vs ${others}` : ''}), with aggregate error ${(100 * best.aggregate.relativeError).toFixed(1)}% and BIC ${best.fit.bic.toFixed(1)}.${caution}${weak}${left}`;
  return { rows, recommended: best.model, reason };
}
