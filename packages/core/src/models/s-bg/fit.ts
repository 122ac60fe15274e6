import { fitMle } from '../shared/fit-mle.js';
import type { FitOptions, FitResult } from '../shared/model-types.js';
import { SBG_PARAMS, type SbgParam, type SbgParams, sbgLogLikGradient, validateActiveCounts } from './likelihood.js';

/**
 * Fit the sBG model to one cohort's active counts by maximum likelihood (analytic gradient, BFGS in
 * log-parameters via {@link fitMle}). Fader & Hardie (2007), §3.
 *
 * @param active - customers active at periods 0 … k (k ≥ 1)
 * @param options - {@link FitOptions}
 * @returns {@link FitResult} with params alpha, beta; nObs is the cohort size
 * @throws {InputError} on invalid counts
 * @throws {ConvergenceError} when the optimiser fails (e.g. nobody churns: β → ∞)
 * @example
 * fitSbg(Float64Array.of(1000, 631, 468, 382, 326, 289, 262, 241)).params; // => { alpha: 0.704, beta: 1.182 }
 */
export function fitSbg(active: Float64Array, options: FitOptions<SbgParam> = {}): FitResult<SbgParam> {
  validateActiveCounts(active, 'fitSbg');
  const p: SbgParams = { alpha: 1, beta: 1 };
  const g = new Float64Array(2);
  const starts: Float64Array[] = [];
  if (options.start) starts.push(Float64Array.of(Math.log(options.start.alpha ?? 1), Math.log(options.start.beta ?? 1)));
  starts.push(new Float64Array(2));
  // a second start (Beta(0.5, 2): low, dispersed churn), to see whether the peak is unique
  starts.push(Float64Array.of(Math.log(0.5), Math.log(2)));
  return fitMle<SbgParam>(
    {
      model: 's-bg',
      paramNames: SBG_PARAMS,
      nObs: active[0],
      starts,
      negLogLik: (t) => {
        p.alpha = Math.exp(t[0]);
        p.beta = Math.exp(t[1]);
        const ll = sbgLogLikGradient(p, active, null);
        return ll === ll ? -ll : Infinity;
      },
      gradient: (t, out) => {
        p.alpha = Math.exp(t[0]);
        p.beta = Math.exp(t[1]);
        const ll = sbgLogLikGradient(p, active, g);
        out[0] = -g[0] * p.alpha;
        out[1] = -g[1] * p.beta;
        return ll === ll ? -ll : Infinity;
      },
    },
    options,
  );
}
