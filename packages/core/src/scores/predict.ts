import { InputError } from '../errors.js';
import { COUNT_MODEL_REGISTRY, type CountModelName } from '../models/count-models.js';
import { assessCountFit, assessFit, type FitAssessment } from '../models/shared/fit-assessment.js';
import type { FitResult, RfmData } from '../models/shared/model-types.js';
import { PERIODS_PER_YEAR, scoreCountModel, type CountScores } from './clv.js';
import { estimateSpend, type SpendEstimate } from './spend.js';

export interface PredictOptions {
  model: CountModelName;
  /**
   * `gamma-gamma` (default), `historic` (own mean spend; mean over repeat buyers for one-time buyers),
   * or `auto`: Gamma-Gamma unless its fit is `unreliable` (see `assessFit`), then historic, with the
   * reason in `warnings`.
   */
  spendModel?: 'gamma-gamma' | 'historic' | 'auto';
  /** Horizon in periods of `period`. */
  horizon: number;
  period: 'day' | 'week';
  annualDiscountRate: number;
  /** Margin as a fraction of spend, for everyone or per customer. */
  margin: number | Float64Array;
  /** Called after each step of the scoring grid (see `ClvOptions.onStep`). */
  onStep?: (done: number, total: number) => void;
}

export interface Prediction extends CountScores {
  fit: FitResult<string>;
  spendFit: FitResult<string> | null;
  /** Expected value per future purchase (currency). */
  expectedSpend: Float64Array;
  /** Customers left out of the spend fit because their repeat purchases average 0 (see `estimateSpend`). */
  zeroSpend: SpendEstimate['zeroSpend'];
  /** How far the count and spend fits can be trusted (see `assessCountFit`, `assessFit`). */
  assessment: FitAssessment;
  spendAssessment: FitAssessment | null;
  /**
   * Every doubt about the fits that goes with these numbers, plain words first (the assessments'
   * summaries; the spend model replaced). Show them with every output built on the prediction.
   */
  warnings: string[];
  /** Facts about how some customers were scored (e.g. left out of the spend fit, named); shown with the scores. */
  notes: string[];
  /** What the numbers mean, in words with units. */
  units: { horizon: string; discount: string; margin: string; spend: string };
}

/**
 * Fits the count model and the spend model, then scores every customer: P(alive), expected purchases
 * over the horizon, expected spend per purchase and discounted CLV (see {@link scoreCountModel} and
 * {@link estimateSpend}). `mx` is the mean repeat-purchase value (the summary's monetary_value).
 * Nothing is refused for being doubtful: a fit at a bound, weakly identified or not converged is
 * used as asked and its verdict travels in `assessment` and `warnings`.
 *
 * @param data - x, tx, T (periods of `options.period`), mx (currency), optional weights and
 *   `customerId` (names customers in warnings and errors)
 * @throws InputError `unknown_model`, `bad_horizon`, `bad_discount_rate`, and those of the fits
 * @example
 * const p = predictCustomers({ x, tx, T, mx, customerId }, { model: 'bg-nbd', horizon: 52, period: 'week', annualDiscountRate: 0.1, margin: 1 });
 * p.assessment.trust; // 'ok' on CDNOW
 */
export function predictCustomers(
  data: RfmData & { mx: Float64Array; customerId?: readonly string[] },
  options: PredictOptions,
): Prediction {
  const model = COUNT_MODEL_REGISTRY[options.model];
  if (!model) throw new InputError('unknown_model', `Unknown model "${options.model}"`, {});
  const fit = model.fit(data);
  const asked = options.spendModel ?? 'gamma-gamma';
  const spendData = { x: data.x, mx: data.mx, weights: data.weights };
  let spend = estimateSpend(spendData, data.customerId, asked === 'historic' ? 'historic' : 'gamma-gamma');
  let spendAssessment = spend.fit ? assessFit(spend.fit) : null;
  let replaced = '';
  if (asked === 'auto' && spendAssessment?.trust === 'unreliable') {
    replaced = `${spendAssessment.summary}. Expected spend is therefore each customer's own mean repeat spend (historic), not the Gamma-Gamma forecast.`;
    spend = estimateSpend(spendData, data.customerId, 'historic');
    spendAssessment = null;
  }
  const scores = scoreCountModel(model, fit.params, data, {
    horizon: options.horizon,
    annualDiscountRate: options.annualDiscountRate,
    periodsPerYear: PERIODS_PER_YEAR[options.period],
    spend: spend.expectedSpend,
    margin: options.margin,
    onStep: options.onStep,
  });
  // the scores' P(alive) is the one the check needs (same parameters, same customers): not computed twice
  const assessment = assessCountFit(model, fit, data, scores.pAlive);
  const warnings = [assessment.summary, spendAssessment?.summary ?? '', replaced].filter((w) => w !== '');
  const notes = spend.zeroSpend.count > 0 && spend.fit ? [spend.fit.warnings[spend.fit.warnings.length - 1]!] : [];
  return {
    ...scores,
    fit,
    spendFit: spend.fit,
    expectedSpend: spend.expectedSpend,
    zeroSpend: spend.zeroSpend,
    assessment,
    spendAssessment,
    warnings,
    notes,
    units: predictionUnits(options, spend.label),
  };
}

/** What a prediction's numbers mean, in words with units (see {@link Prediction.units}). */
export function predictionUnits(
  options: Pick<PredictOptions, 'horizon' | 'period' | 'annualDiscountRate' | 'margin'>,
  spendLabel: string,
): Prediction['units'] {
  const m = options.margin;
  return {
    horizon: `next ${options.horizon} ${options.period}s`,
    discount: `annual discount ${(100 * options.annualDiscountRate).toFixed(1)}% (${options.period === 'week' ? 'weekly' : 'daily'} rate ${(100 * (Math.pow(1 + options.annualDiscountRate, 1 / PERIODS_PER_YEAR[options.period]) - 1)).toFixed(4)}%)`,
    margin: typeof m === 'number' ? `margin ${(100 * m).toFixed(1)}% of spend` : 'margin per customer',
    spend: spendLabel,
  };
}
