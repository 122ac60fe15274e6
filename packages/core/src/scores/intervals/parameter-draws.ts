import { InputError } from '../../errors.js';
import { createRng } from '../../math/random/rng.js';
import { sampleMultivariateNormal } from '../../math/random/sample-mvnormal.js';
import { cholesky } from '../../math/stats/cholesky.js';
import type { FitResult } from '../../models/shared/model-types.js';

/** Parameter draws from a fit's asymptotic distribution (see {@link drawParameters}). */
export interface ParameterDraws {
  names: string[];
  /** Number of draws D. */
  count: number;
  /** D × k natural (positive) parameters, row-major in the order of `names`. */
  values: Float64Array;
  /** The natural parameters of draw d as a record (a new object each call). */
  params(d: number): Record<string, number>;
}

/**
 * Draws of a fit's parameters from the asymptotic normal distribution of the log-parameters:
 * ln θ ~ N(ln θ̂, Σ_ln), Σ_ln = D⁻¹ Σ D⁻¹ with D = diag(θ̂) and Σ the inverse observed information of
 * the fit (`fit.covariance`), mapped back by θ = e^(ln θ) so every draw stays positive. This is the
 * "direct parameter sampling" approximation to a bootstrap (Cheng & Huang 2010; described for CLVTools
 * in Meierer et al. 2025, "Advanced and very advanced modeling techniques in CLVTools", §7): no refit,
 * so it is cheap, and it is only as good as the normal approximation of the likelihood around its
 * maximum (poor when a parameter is weakly identified or at a bound — the fit's warnings say so).
 * A parameter the covariance does not cover is held at its fitted value in every draw: MBG/CNBD-k's
 * order k, chosen on a grid (`params.k`; its covariance is r, α, a, b's 4 × 4); the covariance's
 * parameters are those of `fit.standardErrors`, in that order.
 *
 * @param fit - a maximum-likelihood fit with a finite covariance
 * @param count - number of draws D (e.g. 200)
 * @param seed - PRNG seed; the same seed gives the same draws
 * @returns the draws
 * @throws {InputError} `no_covariance` when the fit has no usable covariance (flat likelihood:
 *   standard errors NaN), `covariance_mismatch` when the covariance's size fits neither all parameters
 *   nor those with standard errors, `invalid_draws` for a count that is not a positive integer
 * @example
 * drawParameters(fitBgNbd(cdnow), 200, 1).params(0); // => { r: 0.24…, alpha: 4.3…, a: 0.8…, b: 2.5… }
 */
export function drawParameters(fit: FitResult<string>, count: number, seed: number): ParameterDraws {
  if (!(Number.isInteger(count) && count > 0))
    throw new InputError('invalid_draws', `The number of parameter draws must be a positive integer; got ${count}.`, { count });
  const names = Object.keys(fit.params);
  const k = names.length;
  const free = freeParameters(fit);
  const m = free.length;
  const theta = Float64Array.from(free, (p) => fit.params[p]!);
  const cov = new Float64Array(m * m);
  for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) cov[i * m + j] = fit.covariance[i * m + j]! / (theta[i]! * theta[j]!);
  const L = cholesky(cov, m);
  if (L === null) {
    throw new InputError(
      'no_covariance',
      `${fit.model}: the fit has no usable covariance matrix (flat likelihood: standard errors are not available), so parameter uncertainty cannot be propagated into intervals. Fit on more customers or a simpler model; the point predictions are still available.`,
      { model: fit.model },
    );
  }
  const z = sampleMultivariateNormal(createRng(seed), Float64Array.from(theta, Math.log), L, count);
  // D × k in the order of names: the free parameters drawn, the fixed ones (not in the covariance) copied
  const at = names.map((p) => free.indexOf(p));
  const values = new Float64Array(count * k);
  for (let d = 0; d < count; d++)
    for (let i = 0; i < k; i++) values[d * k + i] = at[i]! >= 0 ? Math.exp(z[d * m + at[i]!]!) : fit.params[names[i]!]!;
  return {
    names,
    count,
    values,
    params(d: number) {
      const out: Record<string, number> = {};
      names.forEach((p, i) => {
        out[p] = values[d * k + i]!;
      });
      return out;
    },
  };
}

/**
 * The parameters the fit's covariance covers, in its order: all of `params` when it is k × k for their
 * k, else those of `standardErrors` when it matches them (the others are fixed, e.g. MBG/CNBD-k's k).
 */
function freeParameters(fit: FitResult<string>): string[] {
  const names = Object.keys(fit.params);
  const withSe = Object.keys(fit.standardErrors).filter((p) => p in fit.params);
  const n = fit.covariance.length;
  if (n === names.length * names.length) return names;
  if (n === withSe.length * withSe.length) return withSe;
  throw new InputError(
    'covariance_mismatch',
    `${fit.model}: the fit's covariance has ${n} entries, which fits neither its ${names.length} parameters (${names.join(', ')}) nor the ${withSe.length} with standard errors; parameter draws would mix them up. Refit the model.`,
    { model: fit.model, covariance: n, params: names },
  );
}
