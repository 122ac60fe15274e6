import { InputError } from '../errors.js';
import { createRng } from '../math/random/rng.js';
import { quantilePairSelect } from '../math/stats/quantile-pair-select.js';
import { compressRows } from '../models/shared/compress.js';
import type { FitResult, RfmData } from '../models/shared/model-types.js';
import { mbgCnbdKParamsOf } from '../models/mbg-cnbd-k/index.js';
import { mbgCnbdKAliveExpectation, mbgCnbdKPAliveRow } from '../models/mbg-cnbd-k/predict.js';
import { simulateMbgCnbdKHoldout } from '../models/mbg-cnbd-k/simulate-holdout.js';
import { drawParameters } from '../scores/intervals/parameter-draws.js';
import {
  anchorIndices,
  holdoutGrid,
  periodWord,
  type TrackingBand,
  type TrackingBandOptions,
  type TrackingHoldout,
} from './tracking-band-parts.js';

/**
 * Most customer simulations (draws × customers) a simulated band runs, about 3.5 CPU-s: above it the
 * draws are reduced to fit, down to {@link MIN_SIMULATED_DRAWS}.
 */
export const SIMULATED_BAND_BUDGET = 4_000_000;
/** Fewest draws a simulated band is made from (its 5% and 95% quantiles then rest on 5 draws each side). */
export const MIN_SIMULATED_DRAWS = 100;
/** Exact conditional expectations (patterns × periods) for the central line; above it, exact at ≤ 9 anchor periods and linear between them. */
const EXACT_MEAN_BUDGET = 400_000;

/**
 * The MBG/CNBD-k tracking band by parametric simulation: for the holdout periods of the tracking
 * curve, quantiles of the simulated cumulative repeat purchases (actual count at the calibration end
 * plus the simulated holdout purchases) and of each period's own purchases. Same contract as
 * {@link trackingBand}, which calls it for MBG/CNBD-k; times in the fit's unit (weeks or days).
 *
 * ## Method
 * No closed form for the variance of MBG/CNBD-k's holdout counts is known to us (Erlang-k timing breaks
 * the product-density formulas the other models' bands use), so the band is simulated. D parameter
 * vectors (r, α, a, b) are drawn from the asymptotic normal of the fitted log-parameters
 * ({@link drawParameters}); k is held at the order the fit chose, so the uncertainty of that choice is
 * not in the band. For each draw every customer's holdout purchases are simulated once from the model's
 * posterior given its history ({@link simulateMbgCnbdKHoldout}), and the cohort's counts per period are
 * summed. The band at each period is the central `level` interval (Hyndman & Fan type 7) of the D
 * totals: their spread carries both the parameter uncertainty and the purchase-count noise. The central
 * line is the conditional expectation at the fitted parameters, Σ P(alive)·E[X | alive] (exact, per
 * distinct (x, tₓ, T); past 400,000 patterns × periods, exact at ≤ 9 anchor periods and linear between).
 * Cost: D × customers simulations, about 0.8 CPU-µs each (bench `tracking-band-mbg-cnbd-k`: 3.3 CPU-s
 * for 10,000 customers × 400 draws, 9× the k-grid fit); D = 400 by default, fewer when that would exceed
 * {@link SIMULATED_BAND_BUDGET} (the method text states the count), and past 40,000 customers
 * (fewer than {@link MIN_SIMULATED_DRAWS} draws) no band but a typed error. With D = 400 the 5% and 95%
 * quantiles rest on the 20 most extreme cohorts on each side. Simulated coverage of the 90% band
 * (k = 3, 60 cohorts of 300, k chosen by the fit's grid; test/validation/tracking-band-simulated.test.ts):
 * 95% for the total at the end, 93.8% for single weeks (small integer counts: an interval whose ends
 * are often whole numbers covers them more often than nominal); 10% and 71% when the purchase rates
 * drop 40% in the holdout.
 *
 * @param fit - the MBG/CNBD-k calibration fit: r, α, a, b with their 4 × 4 covariance, k in `params.k` or `diagnostics.k`
 * @param data - the calibration x, tₓ, T of every customer, in periods (one row per customer)
 * @param periods - number of periods K of the tracking curve
 * @param holdout - calibration end c, actual calibration total, period end offset, holdout end
 * @param options - level (default 0.9), draws (default 400), seed (default 1)
 * @returns the band, per holdout period
 * @throws {InputError} `no_covariance` when the fit has no usable covariance; `invalid_draws`;
 *   `band_too_costly` when even {@link MIN_SIMULATED_DRAWS} draws exceed {@link SIMULATED_BAND_BUDGET} (validate on a sample)
 * @example
 * mbgCnbdKTrackingBand(fit, groceryCbs, 104, { calibrationEnd: 52, calibrationTotal: 5243 }).cumulativeHi.at(-1);
 * // => upper end of the 90% band of cumulative repeat purchases at week 104
 */
export function mbgCnbdKTrackingBand(
  fit: FitResult<string>,
  data: RfmData,
  periods: number,
  holdout: TrackingHoldout,
  options: TrackingBandOptions = {},
): TrackingBand {
  const level = options.level ?? 0.9,
    n = data.x.length,
    D = Math.min(options.draws ?? 400, Math.max(1, Math.floor(SIMULATED_BAND_BUDGET / Math.max(1, n))));
  if (D < Math.min(MIN_SIMULATED_DRAWS, options.draws ?? 400)) {
    const most = Math.floor(SIMULATED_BAND_BUDGET / MIN_SIMULATED_DRAWS);
    throw new InputError(
      'band_too_costly',
      `MBG/CNBD-k's tracking band is simulated (${MIN_SIMULATED_DRAWS} cohorts of every customer at least), which takes too long for ${n.toLocaleString('en-US')} customers (at most ${most.toLocaleString('en-US')}). Validate on a random sample of customers to see its band.`,
      { customers: n, most },
    );
  }
  const p = mbgCnbdKParamsOf(fit);
  const draws = drawParameters(fit, D, options.seed ?? 1);
  const { first, H, tau } = holdoutGrid(periods, holdout);
  const rng = createRng((options.seed ?? 1) + 1);
  // per period h = 1 … H: D simulated cumulative and incremental holdout totals
  const cum = new Float64Array(H * D),
    inc = new Float64Array(H * D),
    counts = new Float64Array(H + 1);
  for (let d = 0; d < D; d++) {
    counts.fill(0);
    const th = draws.params(d);
    simulateMbgCnbdKHoldout({ k: p.k, r: th.r!, alpha: th.alpha!, a: th.a!, b: th.b! }, data, tau, rng, counts);
    let s = counts[0]!;
    for (let h = 1; h <= H; h++) {
      s += counts[h]!;
      cum[(h - 1) * D + d] = s;
      inc[(h - 1) * D + d] = counts[h]!;
    }
  }
  // the central line: conditional expectation at the fit, per distinct (x, tₓ, T)
  const pat = compressRows([data.x, data.tx, data.T]);
  const [px, ptx, pT] = pat.columns as [Float64Array, Float64Array, Float64Array];
  const at = pat.size * (H + 1) <= EXACT_MEAN_BUDGET ? Array.from({ length: H + 1 }, (_, h) => h) : anchorIndices(H);
  const mean = new Float64Array(H + 1);
  for (let j = 0; j < pat.size; j++) {
    const wa = pat.weights[j]! * mbgCnbdKPAliveRow(p, px[j]!, ptx[j]!, pT[j]!);
    if (wa > 0) for (const h of at) mean[h] += wa * mbgCnbdKAliveExpectation(p, tau[h]!, px[j]!, ptx[j]!, pT[j]!);
  }
  for (let m = 0; m + 1 < at.length; m++)
    for (let h = at[m]! + 1; h < at[m + 1]!; h++)
      mean[h] = mean[at[m]!]! + ((tau[h]! - tau[at[m]!]!) / (tau[at[m + 1]!]! - tau[at[m]!]!)) * (mean[at[m + 1]!]! - mean[at[m]!]!);
  const A = holdout.calibrationTotal,
    lo = (1 - level) / 2,
    q = new Float64Array(2);
  const out: TrackingBand = {
    level,
    uncertainty: 'parameters and purchase noise',
    firstPeriod: first,
    cumulative: [],
    cumulativeLo: [],
    cumulativeHi: [],
    incremental: [],
    incrementalLo: [],
    incrementalHi: [],
    method: `${Math.round(level * 100)}% prediction band for the holdout (${periodWord(first, periods)}), given each customer's calibration history: quantiles of ${D.toLocaleString('en-US')} simulated cohorts, each with parameters drawn from the ${fit.model} fit's asymptotic normal (log scale, k held at ${p.k}) and every customer's holdout purchases simulated from the model; cumulative = actual repeat purchases to the calibration end (${A.toLocaleString('en-US')}) + the holdout's`,
  };
  for (let h = 1; h <= H; h++) {
    out.cumulative.push(A + mean[h]!);
    quantilePairSelect(cum, (h - 1) * D, D, lo, 1 - lo, q);
    out.cumulativeLo.push(A + q[0]!);
    out.cumulativeHi.push(A + q[1]!);
    out.incremental.push(mean[h]! - mean[h - 1]!);
    quantilePairSelect(inc, (h - 1) * D, D, lo, 1 - lo, q);
    out.incrementalLo.push(q[0]!);
    out.incrementalHi.push(q[1]!);
  }
  return out;
}
