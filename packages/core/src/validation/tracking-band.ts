import { InputError } from '../errors.js';
import { COUNT_MODELS, type CountModel, type CountModelName } from '../models/count-models.js';
import type { FitResult } from '../models/model-types.js';
import { mixtureInterval } from '../scores/intervals/aggregate-interval.js';
import { newCustomerIncrementMoments } from '../scores/intervals/new-customer-moments.js';
import { drawParameters } from '../scores/intervals/parameter-draws.js';
import { conditionalMoments } from '../scores/intervals/process-variance.js';

/** Options of {@link trackingBand}. */
export interface TrackingBandOptions {
  /** Central coverage (default 0.9). */
  level?: number;
  /** Parameter draws (default 200). */
  draws?: number;
  /** PRNG seed of the draws (default 1). */
  seed?: number;
}

/** Prediction band of the tracking curve, per period (index 0 = period 1); see {@link trackingBand}. */
export interface TrackingBand {
  level: number;
  /** Parameter draws used (those giving a finite curve). */
  draws: number;
  /** What the band carries: both the fitted parameters' uncertainty and the purchase-count noise. */
  uncertainty: 'parameters and purchase noise';
  cumulativeLo: number[];
  cumulativeHi: number[];
  /** Expected repeat purchases in each period at the fitted parameters. */
  predictedIncremental: number[];
  incrementalLo: number[];
  incrementalHi: number[];
  /** How the band was made, in words. */
  method: string;
}

const key = (t: number): number => Math.round(t * 1e9);

/**
 * A prediction band for the cohort's tracking curve: for every period k, an interval for the realised
 * cumulative repeat purchases Σᵢ Xᵢ(k − sᵢ) and for the period's own purchases, at `level`.
 *
 * ## Method
 * Actual counts are compared against the band, so it is a prediction interval, not one for the mean:
 * per period, the interval of the mixture (1/D) Σ_d N(μ_d(k), V(k)) ({@link mixtureInterval}, as the
 * aggregate forecast interval of `countModelIntervals`). μ_d(k) = Σ_s n_s E[X(k − s) | θ_d] is the
 * expected curve under each of D parameter draws θ_d from the asymptotic normal of the log-parameters
 * ({@link drawParameters}); V(k) = Σ_s n_s Var[X(k − s) | θ̂] is the purchase-count noise, customers
 * being independent given θ (law of total variance, the conditional variance taken at θ̂). Cumulative
 * variances come from {@link conditionalMoments} at x = tₓ = T = 0 (a customer just acquired), the
 * per-period ones from {@link newCustomerIncrementMoments} (product densities). A variance formula was
 * chosen over a simulation per draw: it is exact, deterministic and costs O(distinct offsets k − s)
 * instead of O(customers × draws); the normal shape is the central limit of a sum over many customers
 * (for a cohort of a few dozen customers the band is approximate). Births s are the customers' first
 * purchases in periods after the cohort start, n_s customers each; everything is evaluated per distinct
 * offset k − s, so the cost grows with (distinct births × periods), not customers.
 *
 * @param model - BG/NBD, MBG/NBD or Pareto/NBD (their purchase-noise moments are known)
 * @param fit - the model's calibration fit (with its covariance)
 * @param birth - first purchase per customer, in periods after the cohort start
 * @param periods - number of periods K (calibration and holdout)
 * @param options - level (default 0.9), draws (default 200), seed (default 1)
 * @returns the band, per period
 * @throws {InputError} `no_band_model` for a model without a purchase-noise formula (MBG/CNBD-k);
 *   `no_covariance` when the fit has no usable covariance; `invalid_level`
 * @example
 * trackingBand(COUNT_MODEL_REGISTRY['bg-nbd'], fit, birth, 78, { level: 0.9 }).cumulativeHi[77];
 * // => upper end of the 90% band for cumulative repeat purchases at week 78
 */
export function trackingBand(model: CountModel, fit: FitResult<string>, birth: Float64Array, periods: number, options: TrackingBandOptions = {}): TrackingBand {
  const level = options.level ?? 0.9;
  if (!(level > 0 && level < 1)) throw new InputError('invalid_level', `The interval level must be between 0 and 1 (e.g. 0.9 for 90%); got ${level}.`, { level });
  if (!(COUNT_MODELS as readonly string[]).includes(model.name)) {
    throw new InputError('no_band_model', `${model.label}: no formula for the purchase-count noise of this model yet, so its tracking curve has no band.`, { model: model.name });
  }
  const name = model.name as CountModelName;
  const draws = drawParameters(fit, options.draws ?? 200, options.seed ?? 1);
  const births = new Map<number, number>();
  for (const b of birth) births.set(b, (births.get(b) ?? 0) + 1);
  const bs = [...births.keys()], ns = bs.map((b) => births.get(b)!);
  // distinct offsets t = k − s (cumulative, end of period k) with their index
  const at = new Map<number, number>(), offsets: number[] = [];
  const pairs: number[][] = [];
  for (let k = 1; k <= periods; k++) {
    const row: number[] = [];
    for (const s of bs) {
      if (k <= s) { row.push(-1); continue; }
      const t = k - s, id = key(t);
      let o = at.get(id);
      if (o === undefined) { o = offsets.length; at.set(id, o); offsets.push(t); }
      row.push(o);
    }
    pairs.push(row);
  }
  const O = offsets.length;
  // purchase noise at the fitted parameters, per offset: cumulative, and of the period ending there
  const zero = { x: new Float64Array(1), tx: new Float64Array(1), T: new Float64Array(1) };
  const varCum = new Float64Array(O), varInc = new Float64Array(O);
  offsets.forEach((t, o) => {
    varCum[o] = conditionalMoments(name, fit.params, t, zero).variance[0]!;
    varInc[o] = newCustomerIncrementMoments(name, fit.params, Math.max(0, t - 1), t).variance;
  });
  // expected cumulative purchases per offset under each draw (rows of draws with a NaN are dropped)
  const D = draws.count;
  const curves: Float64Array[] = [];
  for (let d = 0; d < D; d++) {
    const p = draws.params(d);
    const e = Float64Array.from(offsets, (t) => model.expectedPurchasesNew(p, t));
    if (e.every(Number.isFinite)) curves.push(e);
  }
  const point = Float64Array.from(offsets, (t) => model.expectedPurchasesNew(fit.params, t));
  const out: TrackingBand = {
    level, draws: curves.length, uncertainty: 'parameters and purchase noise',
    cumulativeLo: [], cumulativeHi: [], predictedIncremental: [], incrementalLo: [], incrementalHi: [], method: '',
  };
  const mu = new Float64Array(curves.length), prev = new Float64Array(curves.length), inc = new Float64Array(curves.length);
  let prevPoint = 0;
  for (let k = 0; k < periods; k++) {
    const row = pairs[k]!;
    let vc = 0, vi = 0, pc = 0;
    mu.fill(0);
    row.forEach((o, j) => {
      if (o < 0) return;
      const n = ns[j]!;
      vc += n * varCum[o]!;
      vi += n * varInc[o]!;
      pc += n * point[o]!;
      for (let d = 0; d < curves.length; d++) mu[d] += n * curves[d]![o]!;
    });
    for (let d = 0; d < curves.length; d++) inc[d] = mu[d]! - prev[d]!;
    prev.set(mu);
    const c = mixtureInterval(mu, vc, level), i = mixtureInterval(inc, vi, level);
    out.cumulativeLo.push(Math.max(0, c.lo));
    out.cumulativeHi.push(c.hi);
    out.predictedIncremental.push(pc - prevPoint);
    out.incrementalLo.push(Math.max(0, i.lo));
    out.incrementalHi.push(i.hi);
    prevPoint = pc;
  }
  out.method = `${Math.round(level * 100)}% prediction band from ${curves.length} draws of the ${fit.model} parameters (asymptotic normal of the log-parameters) plus the purchase-count noise of the customers given the parameters (normal approximation of the sum; exact variances)`;
  return out;
}
