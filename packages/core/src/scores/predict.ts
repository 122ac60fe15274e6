import { InputError } from '../errors.js';
import { COUNT_MODEL_REGISTRY, type CountModelName } from '../models/count-models.js';
import { fitGammaGamma, gammaGammaExpectedSpend } from '../models/gamma-gamma.js';
import type { FitResult, RfmData } from '../models/model-types.js';
import { PERIODS_PER_YEAR, scoreCountModel, type CountScores } from './clv.js';

export interface PredictOptions {
  model: CountModelName;
  /** `gamma-gamma` (default when spend is known) or `historic` (own mean spend; population mean for one-time buyers). */
  spendModel?: 'gamma-gamma' | 'historic';
  /** Horizon in periods of `period`. */
  horizon: number;
  period: 'day' | 'week';
  annualDiscountRate: number;
  /** Margin as a fraction of spend, for everyone or per customer. */
  margin: number | Float64Array;
}

export interface Prediction extends CountScores {
  fit: FitResult<string>;
  spendFit: FitResult<string> | null;
  /** Expected value per future purchase (currency). */
  expectedSpend: Float64Array;
  /** What the numbers mean, in words with units. */
  units: { horizon: string; discount: string; margin: string; spend: string };
}

/**
 * Fits the count model (and Gamma-Gamma on the repeat buyers), then scores every customer:
 * P(alive), expected purchases over the horizon, expected spend per purchase and discounted CLV
 * (see {@link scoreCountModel}). `mx` is the mean repeat-purchase value (the summary's monetary_value).
 */
export function predictCustomers(data: RfmData & { mx: Float64Array }, options: PredictOptions): Prediction {
  const model = COUNT_MODEL_REGISTRY[options.model];
  if (!model) throw new InputError('unknown_model', `Unknown model "${options.model}"`, {});
  const fit = model.fit(data);
  const n = data.x.length;
  let spendFit: FitResult<string> | null = null;
  let expectedSpend: Float64Array;
  if ((options.spendModel ?? 'gamma-gamma') === 'gamma-gamma') {
    const gg = fitGammaGamma({ x: data.x, mx: data.mx, weights: data.weights });
    spendFit = gg as unknown as FitResult<string>;
    expectedSpend = gammaGammaExpectedSpend(gg.params, data.x, data.mx);
  } else {
    let sum = 0, count = 0;
    for (let i = 0; i < n; i++) if (data.x[i]! > 0) { sum += data.mx[i]!; count++; }
    if (count === 0) throw new InputError('no_repeat_spend', 'No customer has a repeat purchase, so no spend per purchase can be estimated', {});
    const mean = sum / count;
    expectedSpend = Float64Array.from(data.x, (x, i) => (x > 0 ? data.mx[i]! : mean));
  }
  const scores = scoreCountModel(model, fit.params, data, {
    horizon: options.horizon, annualDiscountRate: options.annualDiscountRate,
    periodsPerYear: PERIODS_PER_YEAR[options.period], spend: expectedSpend, margin: options.margin,
  });
  const m = options.margin;
  return {
    ...scores, fit, spendFit, expectedSpend,
    units: {
      horizon: `next ${options.horizon} ${options.period}s`,
      discount: `annual discount ${(100 * options.annualDiscountRate).toFixed(1)}% (${options.period === 'week' ? 'weekly' : 'daily'} rate ${(100 * (Math.pow(1 + options.annualDiscountRate, 1 / PERIODS_PER_YEAR[options.period]) - 1)).toFixed(4)}%)`,
      margin: typeof m === 'number' ? `margin ${(100 * m).toFixed(1)}% of spend` : 'margin per customer',
      spend: spendFit ? 'expected spend per purchase from Gamma-Gamma (Fader & Hardie 2013)' : 'expected spend per purchase = own mean repeat spend (population mean for one-time buyers)',
    },
  };
}
