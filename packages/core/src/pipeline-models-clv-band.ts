import { CvmError } from './errors.js';
import type { ModelScores } from './pipeline-models-types.js';
import type { predictCustomers, Prediction } from './scores/predict.js';
import { predictionIntervals } from './scores/intervals/prediction-intervals.js';

/** Level of the CLV intervals the models stage puts beside every customer's CLV (90%). */
export const CLV_BAND_LEVEL = 0.9;

/**
 * The chosen prediction's per-customer CLV band at {@link CLV_BAND_LEVEL} (issue 17: parameter draws,
 * `predictionIntervals`), computed once on first call and kept; null when the fit has no usable
 * covariance (a CvmError from the draws; any other error is thrown).
 * @example
 * const band = lazyClvBand(p, { x, tx, T }, options);
 * band()?.lo[0]; // the first customer's CLV, 5% quantile; a second call returns the same arrays
 */
export function lazyClvBand(
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
