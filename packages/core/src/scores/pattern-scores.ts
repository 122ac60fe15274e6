import { InputError } from '../errors.js';
import type { CountModel } from '../models/count-models.js';
import { fitGammaGamma } from '../models/gamma-gamma/fit.js';
import type { FitResult, RfmData, SpendData } from '../models/shared/model-types.js';
import { validateSpend } from '../models/shared/validate-spend.js';
import { scoreCountModel, type ClvOptions } from './clv.js';
import { gammaGammaSpendLabel, noteZeroSpend } from './spend.js';

/** Count-model scores of distinct (x, t_x, T) patterns. */
export interface PatternScores {
  pAlive: Float64Array;
  /** Expected repeat purchases over the horizon. */
  expectedPurchases: Float64Array;
  /** Discounted expected purchases over the horizon: the CLV of a customer spending 1 per purchase at margin 1. */
  dert: Float64Array;
}

/**
 * P(alive), expected purchases and discounted expected purchases (DERT) of each (x, t_x, T)
 * pattern, exactly as {@link scoreCountModel} computes them for a customer with that pattern: its
 * CLV with spend 1 and margin 1 (the multiplications by 1 are exact), so a customer's CLV is
 * `dert · spend · margin` in the same order of operations as the per-customer scoring.
 * @throws InputError as {@link scoreCountModel}
 */
export function scorePatterns(
  model: CountModel,
  params: Record<string, number>,
  patterns: RfmData,
  options: Pick<ClvOptions, 'horizon' | 'annualDiscountRate' | 'periodsPerYear' | 'onStep'>,
): PatternScores {
  const ones = new Float64Array(patterns.x.length).fill(1);
  const s = scoreCountModel(model, params, { x: patterns.x, tx: patterns.tx, T: patterns.T }, { ...options, spend: ones, margin: 1 });
  return { pAlive: s.pAlive, expectedPurchases: s.expectedPurchases, dert: s.clv };
}

/** A spend model fitted on (x, m̄ₓ) patterns: what the per-customer SQL needs, and its doubts. */
export interface PatternSpend {
  model: 'gamma-gamma' | 'historic';
  fit: FitResult<string> | null;
  /** Gamma-Gamma's p, q, γ (NaN for historic). */
  p: number;
  q: number;
  gamma: number;
  /** Historic: the mean repeat spend over repeat buyers (NaN for Gamma-Gamma). */
  mean: number;
  zeroSpend: { count: number; customerIds: string[] };
  label: string;
}

/**
 * The historic spend model from the repeat buyers' summed mean repeat spend and their count (summed
 * by the engine): each repeat buyer's own mean, the mean over repeat buyers for one-time buyers.
 * @throws InputError `no_repeat_spend` when nobody has a repeat purchase
 */
export function historicPatternSpend(sum: number, buyers: number): PatternSpend {
  if (!(buyers > 0))
    throw new InputError('no_repeat_spend', 'No customer has a repeat purchase, so no spend per purchase can be estimated', {});
  const label = 'expected spend per purchase = own mean repeat spend (mean over repeat buyers for one-time buyers)';
  return { model: 'historic', fit: null, p: NaN, q: NaN, gamma: NaN, mean: sum / buyers, zeroSpend: { count: 0, customerIds: [] }, label };
}

/**
 * Gamma-Gamma as `estimateSpend` fits it, on the repeat buyers' distinct (x, m̄ₓ) with customer
 * counts (`summarizeSpendPatterns`): the same likelihood, so the same parameters. The customers
 * whose repeat purchases average 0 are left out of the fit, as `estimateSpend` does; `zeroIds`
 * names the first of them (read in customer order by the caller).
 * @throws InputError as `estimateSpend`, and `spend_population_mean_infinite` when q ≤ 1 (the
 *   population mean, the expected spend of one-time buyers, is infinite)
 */
export function fitSpendOnPatterns(data: SpendData & { weights: Float64Array }, zeroIds: string[]): PatternSpend {
  validateSpend(data, 'the Gamma-Gamma spend model', { allowZero: true });
  const n = data.x.length;
  const fitX = Float64Array.from(data.x);
  let zeros = 0;
  for (let i = 0; i < n; i++)
    if (data.x[i]! > 0 && data.mx[i] === 0) {
      fitX[i] = 0;
      zeros += data.weights[i]!;
    }
  const fit = fitGammaGamma({ x: fitX, mx: data.mx, weights: data.weights });
  return gammaGammaPatternSpend(fit, zeros, zeroIds);
}

/**
 * A Gamma-Gamma fit as the {@link PatternSpend} of the scoring: notes the `zeros` customers whose
 * repeat purchases average 0 (left out of the fit; `zeroIds` the first of them).
 * @throws InputError `spend_population_mean_infinite` when q ≤ 1
 */
export function gammaGammaPatternSpend(fit: FitResult<string>, zeros: number, zeroIds: string[]): PatternSpend {
  noteZeroSpend(fit, zeros, zeroIds);
  const { p, q, gamma } = fit.params as { p: number; q: number; gamma: number };
  if (!(q > 1))
    throw new InputError(
      'spend_population_mean_infinite',
      `Gamma-Gamma fitted q = ${q} ≤ 1: its population mean spend, the expected spend of one-time buyers, is infinite. Use --spend-model historic.`,
      { q },
    );
  return {
    model: 'gamma-gamma',
    fit,
    p,
    q,
    gamma,
    mean: NaN,
    zeroSpend: { count: zeros, customerIds: zeroIds },
    label: gammaGammaSpendLabel(zeros),
  };
}
