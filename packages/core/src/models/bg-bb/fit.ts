import { compressRows } from '../shared/compress.js';
import { fitMle } from '../shared/fit-mle.js';
import type { FitOptions, FitResult } from '../shared/model-types.js';
import {
  BG_BB_PARAMS,
  type BgBbData,
  type BgBbParam,
  type BgBbParams,
  bgBbLogLikelihood,
  bgBbLogLikRows,
  validateBgBb,
} from './likelihood.js';

/**
 * Fit the BG/BB model by maximum likelihood on the distinct (x, tx, n) patterns.
 *
 * Fader, Hardie & Shang (2010); likelihood as {@link bgBbLogLikelihood}, analytic gradient, BFGS in
 * log-parameters via {@link fitMle}. Start α = β = γ = δ = 1.
 *
 * @param data - x, tx, n (opportunities), optional weights
 * @param options - {@link FitOptions}
 * @returns {@link FitResult} with params alpha, beta, gamma, delta
 * @throws {InputError} on malformed data
 * @throws {ConvergenceError} when the optimiser fails
 * @example
 * fitBgBb(donations).params; // => { alpha: 1.204, beta: 0.750, gamma: 0.657, delta: 2.783 }
 */
export function fitBgBb(data: BgBbData, options: FitOptions<BgBbParam> = {}): FitResult<BgBbParam> {
  const total = validateBgBb(data, 'fitBgBb');
  const c = compressRows([data.x, data.tx, data.n], data.weights);
  const [x, tx, n] = c.columns;
  const w = c.weights;
  const p: BgBbParams = { alpha: 1, beta: 1, gamma: 1, delta: 1 };
  const setP = (t: Float64Array): void => {
    p.alpha = Math.exp(t[0]);
    p.beta = Math.exp(t[1]);
    p.gamma = Math.exp(t[2]);
    p.delta = Math.exp(t[3]);
  };
  const g = new Float64Array(4);
  const starts: Float64Array[] = [];
  const st = options.start;
  if (st) starts.push(Float64Array.of(Math.log(st.alpha ?? 1), Math.log(st.beta ?? 1), Math.log(st.gamma ?? 1), Math.log(st.delta ?? 1)));
  starts.push(new Float64Array(4));
  // a second start with more heterogeneity (Beta(0.5, 0.5) transactions, Beta(0.5, 2) dropout), to see whether the peak is unique
  starts.push(Float64Array.of(Math.log(0.5), Math.log(0.5), Math.log(0.5), Math.log(2)));
  const fit = fitMle<BgBbParam>(
    {
      model: 'bg-bb',
      paramNames: BG_BB_PARAMS,
      nObs: total,
      starts,
      negLogLik: (t) => {
        setP(t);
        const ll = bgBbLogLikRows(p, x, tx, n, w, null);
        return ll === ll ? -ll : Infinity;
      },
      gradient: (t, out) => {
        setP(t);
        const ll = bgBbLogLikRows(p, x, tx, n, w, g);
        out[0] = -g[0] * p.alpha;
        out[1] = -g[1] * p.beta;
        out[2] = -g[2] * p.gamma;
        out[3] = -g[3] * p.delta;
        return ll === ll ? -ll : Infinity;
      },
    },
    options,
  );
  fit.diagnostics.patterns = c.size;
  return fit;
}
