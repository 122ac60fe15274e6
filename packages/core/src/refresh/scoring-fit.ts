import { COUNT_MODEL_REGISTRY, type CountModelName } from '../models/count-models.js';
import { gammaGammaExpectedSpend } from '../models/gamma-gamma/index.js';
import type { ModelScores, ModelsReport } from '../pipeline-models.js';
import { PERIODS_PER_YEAR, scoreCountModel } from '../scores/clv.js';
import type { CustomerSummary, Period } from '../summary/summary.js';

/**
 * Everything needed to score customers without fitting again (issue 16, scheduled re-fits): the
 * count model and its parameters, the spend model (Gamma-Gamma's p, q, γ, or the repeat buyers'
 * mean spend that the historic spend model gives one-time buyers), the CLV settings, and which data
 * the parameters were fitted on (`dataVersion`, `fittedAt`, `calibrationEnd`, `customers`).
 */
export interface ScoringFit {
  model: CountModelName;
  params: Record<string, number>;
  spend: { model: 'gamma-gamma'; params: { p: number; q: number; gamma: number } } | { model: 'historic'; mean: number };
  period: Period;
  /** CLV horizon in periods, annual discount rate, margin (fraction of spend). */
  horizon: number;
  annualDiscountRate: number;
  margin: number;
  /** The fits' doubts in plain words: they go with every score made with these parameters. */
  warnings: string[];
  /** Data version (newest ingest, see `readDataVersion`) and time of the fit, and the summary it was fitted on. */
  dataVersion: number;
  fittedAt: string;
  calibrationEnd: string;
  customers: number;
}

/**
 * The scoring fit of a models run on `summary` (see `runModelsWithScores`): its chosen count model,
 * spend model and CLV settings. `margin` is the run's margin (the main job's default is 1).
 * @example
 * const fit = scoringFitOf(report, scores, summary, { dataVersion: 3, fittedAt: new Date().toISOString() });
 */
export function scoringFitOf(
  report: ModelsReport,
  scores: ModelScores,
  summary: CustomerSummary,
  o: { dataVersion: number; fittedAt: string; margin?: number },
): ScoringFit | null {
  if (report.model === null || report.params === null) return null;
  let spend: ScoringFit['spend'];
  if (report.spendModel === 'gamma-gamma' && report.spendParams) {
    const { p, q, gamma } = report.spendParams as { p: number; q: number; gamma: number };
    spend = { model: 'gamma-gamma', params: { p, q, gamma } };
  } else {
    let sum = 0,
      count = 0;
    for (let i = 0; i < summary.length; i++)
      if (summary.frequency[i]! > 0) {
        sum += summary.monetaryValue[i]!;
        count++;
      }
    spend = { model: 'historic', mean: count ? sum / count : 0 };
  }
  return {
    model: report.model,
    params: { ...report.params },
    spend,
    period: summary.period,
    horizon: Math.round(scores.horizonYears * PERIODS_PER_YEAR[summary.period] * 1e6) / 1e6,
    annualDiscountRate: scores.annualDiscountRate,
    margin: o.margin ?? 1,
    warnings: [...scores.warnings],
    dataVersion: o.dataVersion,
    fittedAt: o.fittedAt,
    calibrationEnd: summary.calibrationEnd,
    customers: summary.length,
  };
}

/** P(alive), expected purchases over the horizon, expected spend per purchase and discounted CLV. */
export interface FitScores {
  pAlive: Float64Array;
  expectedPurchases: Float64Array;
  expectedSpend: Float64Array;
  clv: Float64Array;
}

/**
 * Scores customers with a fit's parameters, without fitting: the same functions the models stage
 * scores with (`scoreCountModel` per customer and per distinct (x, T) pattern, Gamma-Gamma's
 * conditional mean E(M | x, m̄ₓ) of Fader, Hardie & Lee 2005 eq. 5), so a customer's scores equal
 * those of a full run with the same parameters. Time in the summary's period.
 * @example
 * scoreWithFit(fit, summary).clv[0]; // discounted CLV of the first customer, currency
 */
export function scoreWithFit(fit: ScoringFit, summary: Pick<CustomerSummary, 'frequency' | 'recency' | 'T' | 'monetaryValue'>): FitScores {
  const x = summary.frequency,
    mx = summary.monetaryValue;
  const expectedSpend =
    fit.spend.model === 'gamma-gamma'
      ? gammaGammaExpectedSpend(fit.spend.params, x, mx)
      : Float64Array.from(x, (v, i) => (v > 0 ? mx[i]! : (fit.spend as { mean: number }).mean));
  const s = scoreCountModel(
    COUNT_MODEL_REGISTRY[fit.model],
    fit.params,
    { x, tx: summary.recency, T: summary.T },
    {
      horizon: fit.horizon,
      annualDiscountRate: fit.annualDiscountRate,
      periodsPerYear: PERIODS_PER_YEAR[fit.period],
      spend: expectedSpend,
      margin: fit.margin,
    },
  );
  return { pAlive: s.pAlive, expectedPurchases: s.expectedPurchases, expectedSpend, clv: s.clv };
}

/**
 * The fit as model-based answers cite it (issue 16): model, data version, time, and a sentence.
 * @example
 * fitStamp(fit).rule; // 'Parameters of mbg-nbd fitted at data version 1 on 2,357 customers up to 1998-06-30; …'
 */
export function fitStamp(fit: ScoringFit): {
  model: string;
  dataVersion: number;
  fittedAt: string;
  calibrationEnd: string;
  customers: number;
  rule: string;
} {
  return {
    model: fit.model,
    dataVersion: fit.dataVersion,
    fittedAt: fit.fittedAt,
    calibrationEnd: fit.calibrationEnd,
    customers: fit.customers,
    rule: `Parameters of ${fit.model} fitted at data version ${fit.dataVersion} on ${fit.customers.toLocaleString('en-US')} customers up to ${fit.calibrationEnd}; data ingested since is scored with these parameters until the next re-fit.`,
  };
}
