import { InputError } from '../../errors.js';
import { compressRfm } from '../shared/compress.js';
import { fitMle } from '../shared/fit-mle.js';
import type { FitOptions, FitResult, RfmData } from '../shared/model-types.js';
import { validateRfm } from '../shared/validate-rfm.js';
import {
  PARETO_NBD_PARAMS,
  type ParetoNbdParam,
  type ParetoNbdParams,
  paretoNbdLogLikPrepared,
  paretoNbdLogLikelihood,
  prepareParetoNbd,
} from './likelihood.js';

/**
 * Fit the Pareto/NBD model by maximum likelihood on the distinct (x, tx, T) patterns.
 *
 * Schmittlein, Morrison & Colombo (1987); likelihood as {@link paretoNbdLogLikelihood}, analytic
 * gradient, BFGS in log-parameters via {@link fitMle}. The likelihood is often very flat in β (and s)
 * when few customers are seen to drop out; `fitMle` then warns and the standard error of β is large.
 * Time unit: α and β come out per unit of tx and T.
 *
 * @param data - RFM summary; weights optional
 * @param options - {@link FitOptions}: start, maxIterations, tolerance, standardErrors
 * @returns {@link FitResult} with params r, alpha, s, beta
 * @throws {InputError} on malformed data or when no customer repeats
 * @throws {ConvergenceError} when the optimiser fails (see {@link fitMle})
 * @example
 * fitParetoNbd(cdnowWeeks).params; // => { r: 0.5533, alpha: 10.578, s: 0.6062, beta: 11.668 } (LL −9594.97)
 */
export function fitParetoNbd(data: RfmData, options: FitOptions<ParetoNbdParam> = {}): FitResult<ParetoNbdParam> {
  const { customers, repeaters } = validateRfm(data, 'fitParetoNbd');
  if (repeaters === 0) {
    throw new InputError(
      'no_repeat_purchases',
      `fitParetoNbd needs at least one customer with a repeat purchase; got 0 of ${customers.toLocaleString('en-US')}. Check the customer id column and the calibration period.`,
      { customers },
    );
  }
  const c = compressRfm(data);
  let sx = 0,
    sT = 0;
  for (let i = 0; i < c.size; i++) {
    sx += c.weights[i] * c.x[i];
    sT += c.weights[i] * c.T[i];
  }
  const d = prepareParetoNbd(c.x, c.tx, c.T, c.weights);
  const meanT = sT / c.totalWeight;
  // Start: r = s = 1 with α matching the mean purchase rate and β the mean age (scale-aware).
  const starts: Float64Array[] = [];
  if (options.start) {
    const st = options.start;
    starts.push(Float64Array.of(Math.log(st.r ?? 1), Math.log(st.alpha ?? sT / sx), Math.log(st.s ?? 1), Math.log(st.beta ?? meanT)));
  }
  starts.push(Float64Array.of(0, Math.log(sT / sx), 0, Math.log(meanT)));
  // a second start with more heterogeneity in both rates (same mean purchase rate), to see whether the peak is unique
  starts.push(Float64Array.of(Math.log(0.5), Math.log((0.5 * sT) / sx), Math.log(0.5), Math.log(2 * meanT)));
  const p: ParetoNbdParams = { r: 1, alpha: 1, s: 1, beta: 1 };
  const g = new Float64Array(4);
  const setP = (t: Float64Array): void => {
    p.r = Math.exp(t[0]);
    p.alpha = Math.exp(t[1]);
    p.s = Math.exp(t[2]);
    p.beta = Math.exp(t[3]);
  };
  const fit = fitMle<ParetoNbdParam>(
    {
      model: 'pareto-nbd',
      paramNames: PARETO_NBD_PARAMS,
      nObs: c.totalWeight,
      starts,
      negLogLik: (t) => {
        setP(t);
        const ll = paretoNbdLogLikPrepared(p, d, null);
        return ll === ll ? -ll : Infinity;
      },
      gradient: (t, out) => {
        setP(t);
        const ll = paretoNbdLogLikPrepared(p, d, g);
        out[0] = -g[0] * p.r;
        out[1] = -g[1] * p.alpha;
        out[2] = -g[2] * p.s;
        out[3] = -g[3] * p.beta;
        return ll === ll ? -ll : Infinity;
      },
    },
    options,
  );
  fit.diagnostics.patterns = c.size;
  return fit;
}
