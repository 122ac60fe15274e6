import type { CountModelName } from './models/count-models.js';
import type { FitAssessment } from './models/shared/fit-assessment.js';
import type { Prediction } from './scores/predict.js';
import type { Period } from './summary/summary.js';
import type { ValidationReport } from './validation/validate.js';

/** Options of the models stage (`runModels`): the period unit, the validation day and the CLV's horizon (periods), rate, margin and top list. */
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
