import type { Engine } from './engine/engine.js';
import { CvmError, DataQualityError, InputError } from './errors.js';
import { COUNT_MODEL_REGISTRY, COUNT_MODELS, type CountModelName } from './models/count-models.js';
import type { FitAssessment } from './models/shared/fit-assessment.js';
import { checkNumber } from './numeric-limits.js';
import { PERIODS_PER_YEAR } from './scores/clv.js';
import { predictCustomers, type Prediction } from './scores/predict.js';
import { predictionIntervals } from './scores/intervals/prediction-intervals.js';
import { MS_PER_DAY, logRange, type CustomerSummary, type Period } from './summary/summary.js';
import { validateOnHoldout, type ValidationReport } from './validation/validate.js';

/** Fewer customers than this (or fewer repeat buyers than {@link MIN_REPEAT_BUYERS}) and the main job does not fit CLV models. */
export const MIN_MODEL_CUSTOMERS = 100;
/** Repeat buyers the main job needs before it fits the models (they carry all the information on dropout and spend). */
export const MIN_REPEAT_BUYERS = 20;

export interface ModelsReportOptions {
  period: Period;
  /** Calibration end for the holdout validation (default: the middle of the log's date range). */
  validateAt?: string;
  /** CLV horizon in periods (default 52 weeks or 365 days). */
  horizon?: number;
  annualDiscountRate?: number;
  margin?: number;
  top?: number;
}

/** The models part of the main job: validation, the model that scored the customers (or why none could), and the top customers. */
export interface ModelsReport {
  validation: ValidationReport | null;
  validationSkipped: string | null;
  /** The count model that scored every customer, or null when none can be trusted (see `fallback`). */
  model: CountModelName | null;
  params: Record<string, number> | null;
  /** The verdict on the scoring fit (on the whole log), and on the spend fit. */
  assessment: FitAssessment | null;
  spendModel: 'gamma-gamma' | 'historic' | null;
  spendParams: Record<string, number> | null;
  spendAssessment: FitAssessment | null;
  /** Doubts, in plain words, that go with every number built on these scores (show them wherever CLV or P(alive) appears). */
  warnings: string[];
  /** How some customers were scored (e.g. left out of the spend fit, by id): shown with the models' output. */
  notes: string[];
  /** When no count model can be trusted: the value shown instead (historic net revenue) and why. */
  fallback: { value: 'historic_net_revenue'; reason: string } | null;
  units: Prediction['units'] | null;
  totalClv: number | null;
  /** Top customers by CLV (empty in a fallback). */
  top: { customerId: string; pAlive: number; expectedPurchases: number; expectedSpend: number; clv: number }[];
  /** Top customers by historic net revenue up to the summary day (only in a fallback). */
  topHistoric: { customerId: string; netRevenue: number }[];
}

/** Per-customer scores behind a {@link ModelsReport}, in the summary's order. */
export interface ModelScores {
  customerId: string[];
  pAlive: Float64Array;
  /** Expected purchases over the horizon and discounted CLV (currency), see `ModelsReport.units`. */
  expectedPurchases: Float64Array;
  /** Expected spend per purchase (currency). */
  expectedSpend: Float64Array;
  clv: Float64Array;
  /** The horizon of `expectedPurchases` and `clv` in years; the annual discount rate used for `clv`. */
  horizonYears: number;
  annualDiscountRate: number;
  /** The model that made them and its doubts in plain words (`ModelsReport.warnings`): every output built on the scores repeats them. */
  model: CountModelName;
  warnings: string[];
  /**
   * Every customer's CLV interval at `level` (issue 17: parameter draws, `predictionIntervals`), computed
   * on first call and kept (about as long as the fit at 1M customers, so only the customer table pays
   * for it); null when the fit has no usable covariance. Absent for scores made elsewhere.
   */
  clvBand?: () => { lo: Float64Array; hi: Float64Array; level: number } | null;
}

/** Level of the CLV intervals the models stage puts beside every customer's CLV (90%). */
export const CLV_BAND_LEVEL = 0.9;

/** The chosen prediction's per-customer CLV band, computed once on first call; null when the fit has no usable covariance. */
function lazyClvBand(
  p: Prediction,
  data: { x: Float64Array; tx: Float64Array; T: Float64Array },
  options: Parameters<typeof predictCustomers>[1],
): NonNullable<ModelScores['clvBand']> {
  let band: ReturnType<NonNullable<ModelScores['clvBand']>> | undefined;
  return () => {
    if (band !== undefined) return band;
    try {
      const iv = predictionIntervals(p, data, options, { level: CLV_BAND_LEVEL });
      band = { lo: iv.clv.lo, hi: iv.clv.hi, level: iv.level };
    } catch (error) {
      if (!(error instanceof CvmError)) throw error;
      band = null;
    }
    return band;
  };
}

/**
 * The models report of {@link runModelsWithScores} alone.
 * @example
 * (await runModels(engine, summary, { period: 'week' })).model; // 'mbg-nbd' on the CDNOW master
 */
export async function runModels(engine: Engine, summary: CustomerSummary, options: ModelsReportOptions): Promise<ModelsReport> {
  return (await runModelsWithScores(engine, summary, options)).report;
}

/**
 * Validates the count models on a calibration/holdout split of the log, then scores every customer
 * with a model that can be trusted, refitted on the whole log with a spend model:
 * 1. candidates: the recommended model of the validation, then the other acceptable ones by holdout
 *    error; no candidate when the validation recommends none; BG/NBD, Pareto/NBD, MBG/NBD when the
 *    validation could not run;
 * 2. the first candidate whose whole-log fit is not `unreliable` (see `assessCountFit`) scores, one
 *    with an `ok` fit before one to read with caution;
 * 3. spend: Gamma-Gamma, or each customer's historic mean when the Gamma-Gamma fit is unreliable;
 * 4. no candidate left: no CLV (`scores` null, `fallback` says why in plain words); value = historic
 *    net revenue, labelled as such, and the top customers by it.
 * Every doubt about the fits used is in `warnings` and in the scores, so that segments, profitability,
 * the server and the dashboard show it next to the numbers.
 *
 * @throws InputError `too_few_customers_for_models` below {@link MIN_MODEL_CUSTOMERS} customers or
 *   {@link MIN_REPEAT_BUYERS} repeat buyers (the caller reports everything else; see `mainReport`);
 *   `bad_horizon`, `bad_discount_rate`, `bad_margin`, `bad_top`
 * @example
 * const { report, scores } = await runModelsWithScores(engine, summary, { period: 'week', validateAt: '1997-09-30' });
 * report.fallback; // null on CDNOW; { value: 'historic_net_revenue', reason: 'No model can be trusted…' } when nobody ever leaves
 */
export async function runModelsWithScores(
  engine: Engine,
  summary: CustomerSummary,
  options: ModelsReportOptions,
): Promise<{ report: ModelsReport; scores: ModelScores | null }> {
  let repeaters = 0;
  for (const x of summary.frequency) if (x > 0) repeaters++;
  if (summary.length < MIN_MODEL_CUSTOMERS || repeaters < MIN_REPEAT_BUYERS) {
    throw new InputError(
      'too_few_customers_for_models',
      `The CLV models need at least ${MIN_MODEL_CUSTOMERS} customers, ${MIN_REPEAT_BUYERS} of them with a repeat purchase; this log has ${summary.length.toLocaleString('en-US')} customer${summary.length === 1 ? '' : 's'} (${repeaters.toLocaleString('en-US')} repeat buyer${repeaters === 1 ? '' : 's'}) up to ${summary.calibrationEnd}. With fewer, the fitted parameters are mostly noise.`,
      { customers: summary.length, repeatBuyers: repeaters, minCustomers: MIN_MODEL_CUSTOMERS, minRepeatBuyers: MIN_REPEAT_BUYERS },
    );
  }
  const perYear = PERIODS_PER_YEAR[options.period];
  const horizon = options.horizon ?? (options.period === 'week' ? 52 : 365);
  checkNumber(options.period === 'week' ? 'horizonWeeks' : 'horizonDays', horizon, 'horizon');
  const annualDiscountRate = checkNumber('discountRate', options.annualDiscountRate, 'annualDiscountRate', 0.1);
  const margin = checkNumber('margin', options.margin, 'margin', 1);
  const top = checkNumber('top', options.top, 'top', 10);

  const range = await logRange(engine);
  let validation: ValidationReport | null = null;
  let validationSkipped: string | null = null;
  const first = Date.parse(range.firstDate!),
    last = Date.parse(range.lastDate!);
  const validateAt =
    options.validateAt ?? new Date(first + Math.floor((last - first) / 2 / MS_PER_DAY) * MS_PER_DAY).toISOString().slice(0, 10);
  try {
    validation = await validateOnHoldout(engine, { period: options.period, calibrationEnd: validateAt, holdoutEnd: range.lastDate! });
  } catch (error) {
    if (!(error instanceof CvmError)) throw error;
    validationSkipped = error.message;
  }
  let candidates: CountModelName[];
  if (validation) {
    const rec = validation.comparison.recommended as CountModelName | null;
    const acceptable = validation.models
      .filter((v) => v.fit.converged && v.verdict !== 'poor' && v.assessment.trust !== 'unreliable')
      .sort((a, b) => a.mae - b.mae)
      .map((v) => v.model as CountModelName);
    candidates = rec === null ? [] : [rec, ...acceptable.filter((m) => m !== rec)];
  } else {
    candidates = [...COUNT_MODELS];
  }
  const data = { x: summary.frequency, tx: summary.recency, T: summary.T, mx: summary.monetaryValue, customerId: summary.customerId };
  const predictOptionsOf = (m: CountModelName): Parameters<typeof predictCustomers>[1] => ({
    model: m,
    spendModel: 'auto',
    period: options.period,
    horizon,
    annualDiscountRate,
    margin,
  });
  const tried: string[] = [];
  let chosen: Prediction | null = null,
    name: CountModelName | null = null;
  for (const m of candidates) {
    let p: Prediction;
    try {
      p = predictCustomers(data, predictOptionsOf(m));
    } catch (error) {
      if (!(error instanceof CvmError)) throw error;
      tried.push(`${COUNT_MODEL_REGISTRY[m].label} on the whole log: ${error.message}`);
      continue;
    }
    if (p.assessment.trust === 'unreliable') {
      tried.push(p.assessment.summary);
      continue;
    }
    if (chosen === null || (chosen.assessment.trust === 'caution' && p.assessment.trust === 'ok')) {
      chosen = p;
      name = m;
    }
    if (p.assessment.trust === 'ok') break;
  }

  const base = { validation, validationSkipped, topHistoric: [] as ModelsReport['topHistoric'] };
  if (chosen === null || name === null) {
    const why =
      validation && validation.comparison.recommended === null
        ? validation.comparison.reason
        : `No count model can be trusted on this data: ${tried.join(' ')}`;
    const order = Array.from(summary.customerId.keys())
      .sort((a, b) => summary.netRevenue[b]! - summary.netRevenue[a]!)
      .slice(0, top);
    const report: ModelsReport = {
      ...base,
      model: null,
      params: null,
      assessment: null,
      spendModel: null,
      spendParams: null,
      spendAssessment: null,
      warnings: [why],
      notes: [],
      fallback: {
        value: 'historic_net_revenue',
        reason: `${why.replace(/; until then the value shown is historic net revenue, not a forecast\.$/, '.')} The value shown is historic net revenue up to ${summary.calibrationEnd}, not a forecast.`,
      },
      units: null,
      totalClv: null,
      top: [],
      topHistoric: order.map((i) => ({ customerId: summary.customerId[i]!, netRevenue: summary.netRevenue[i]! })),
    };
    return { report, scores: null };
  }
  const p = chosen;
  const order = Array.from(summary.customerId.keys())
    .sort((a, b) => p.clv[b]! - p.clv[a]!)
    .slice(0, top);
  let totalClv = 0;
  for (const v of p.clv) totalClv += v;
  const report: ModelsReport = {
    ...base,
    model: name,
    params: p.fit.params,
    assessment: p.assessment,
    spendModel: p.spendFit ? 'gamma-gamma' : 'historic',
    spendParams: p.spendFit?.params ?? null,
    spendAssessment: p.spendAssessment,
    warnings: p.warnings,
    notes: p.notes,
    fallback: null,
    units: p.units,
    totalClv,
    top: order.map((i) => ({
      customerId: summary.customerId[i]!,
      pAlive: p.pAlive[i]!,
      expectedPurchases: p.expectedPurchases[i]!,
      expectedSpend: p.expectedSpend[i]!,
      clv: p.clv[i]!,
    })),
  };
  const clvBand = lazyClvBand(p, data, predictOptionsOf(name));
  return {
    report,
    scores: {
      customerId: summary.customerId,
      pAlive: p.pAlive,
      expectedPurchases: p.expectedPurchases,
      expectedSpend: p.expectedSpend,
      clv: p.clv,
      horizonYears: horizon / perYear,
      annualDiscountRate,
      model: name,
      warnings: p.warnings,
      clvBand,
    },
  };
}

/**
 * The scores of a models run, for a report that cannot do without a forecast (acquisition's
 * predicted CLV, look-alikes' top tier): the trustworthy scores and the model's parameters, or a
 * DataQualityError that repeats, in plain words, why no model can be trusted on this data.
 * @throws DataQualityError `no_trustworthy_model`
 */
export function requireScores(
  models: { report: ModelsReport; scores: ModelScores | null },
  forWhat: string,
): {
  report: ModelsReport & { model: CountModelName; params: Record<string, number>; units: NonNullable<ModelsReport['units']> };
  scores: ModelScores;
} {
  const { report, scores } = models;
  if (scores === null || report.model === null || report.params === null || report.units === null) {
    throw new DataQualityError(
      'no_trustworthy_model',
      `${forWhat} needs a CLV forecast, and no count model can be trusted on this data: ${report.fallback?.reason ?? 'see cvm validate'}`,
      {},
    );
  }
  return {
    report: report as ModelsReport & { model: CountModelName; params: Record<string, number>; units: NonNullable<ModelsReport['units']> },
    scores,
  };
}
