import { normalCdf } from '../../math/stats/normal-distribution.js';

/** An interval for a total (see {@link mixtureInterval}). */
export interface TotalInterval {
  /** Point forecast: the total at the fitted parameters. */
  estimate: number;
  /** Mean of the total over the parameter draws. */
  mean: number;
  lo: number;
  hi: number;
  /** The interval from parameter uncertainty alone (quantiles of the per-draw expected totals). */
  parameterOnly: { lo: number; hi: number };
  /** Standard deviation of the process noise (the sum of the customers' conditional variances). */
  processSd: number;
}

/**
 * Central interval of a total whose expectation is uncertain (one expected total μ_d per parameter
 * draw) and whose realisation adds process noise with variance V: the quantiles of the mixture
 * (1/D) Σ_d N(μ_d, V), found by bisection on its distribution function. The law of total variance,
 * Var = Var_θ(E[total | θ]) + E_θ[Var(total | θ)], is respected with E_θ[Var | θ] taken at the point
 * estimate (it changes little across draws: O(1/n) relatively). With V = 0 it is the empirical
 * quantile interval of the μ_d. Never throws; NaN when there are no draws.
 *
 * @param means - expected totals, one per draw
 * @param variance - process-noise variance V ≥ 0
 * @param level - coverage, e.g. 0.9
 * @returns lo and hi of the central interval
 * @example
 * mixtureInterval(Float64Array.of(100, 100), 100, 0.9); // => { lo: ≈83.55, hi: ≈116.45 } (100 ± 1.645·10)
 */
export function mixtureInterval(means: Float64Array, variance: number, level: number): { lo: number; hi: number } {
  const D = means.length;
  if (D === 0) return { lo: NaN, hi: NaN };
  let min = Infinity,
    max = -Infinity;
  for (const m of means) {
    if (m < min) min = m;
    if (m > max) max = m;
  }
  const sd = Math.sqrt(Math.max(0, variance));
  const cdf = (y: number): number => {
    let s = 0;
    if (sd === 0) {
      for (const m of means) s += m <= y ? 1 : 0;
      return s / D;
    }
    for (const m of means) s += normalCdf((y - m) / sd);
    return s / D;
  };
  const solve = (p: number): number => {
    let lo = min - 40 * sd - 1e-9,
      hi = max + 40 * sd + 1e-9;
    for (let i = 0; i < 200 && hi - lo > 1e-10 * Math.max(1, Math.abs(hi)); i++) {
      const mid = 0.5 * (lo + hi);
      if (cdf(mid) < p) lo = mid;
      else hi = mid;
    }
    return 0.5 * (lo + hi);
  };
  const a = (1 - level) / 2;
  return { lo: solve(a), hi: solve(1 - a) };
}
