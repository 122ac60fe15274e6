import { COUNT_MODEL_REGISTRY, type CountModelName } from '../../models/count-models.js';
import type { RfmData } from '../../models/shared/model-types.js';
import { PERIODS_PER_YEAR } from '../clv.js';
import type { Prediction, PredictOptions } from '../predict.js';
import { countModelIntervals, type ForecastIntervals, type IntervalOptions } from './customer-intervals.js';

/**
 * Intervals for the scores of a {@link Prediction} (from predictCustomers with the same data and
 * options): every customer's P(alive), expected purchases and CLV, and the totals, by
 * {@link countModelIntervals} (parameter draws from the asymptotic normal of the log-parameters).
 *
 * @param prediction - the point prediction (its count-model fit and expected spend are reused)
 * @param data - the same per-customer x, tx, T (and weights) the prediction was made on
 * @param options - the prediction's options (model, horizon, period, discount, margin)
 * @param intervals - level (default 0.9), draws (default 200), seed
 * @returns per-customer bands and total intervals
 * @throws {InputError} `no_covariance` when the fit has no usable covariance; `invalid_level`
 * @example
 * predictionIntervals(p, data, opts, { level: 0.9 }).clv.lo; // CLV lower ends, one per customer
 */
export function predictionIntervals(
  prediction: Prediction,
  data: RfmData,
  options: PredictOptions,
  intervals: IntervalOptions = {},
): ForecastIntervals {
  return countModelIntervals(
    COUNT_MODEL_REGISTRY[options.model as CountModelName],
    prediction.fit,
    data,
    {
      horizon: options.horizon,
      annualDiscountRate: options.annualDiscountRate,
      periodsPerYear: PERIODS_PER_YEAR[options.period],
      spend: prediction.expectedSpend,
      margin: options.margin,
    },
    intervals,
  );
}
