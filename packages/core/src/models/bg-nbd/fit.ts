import type { BgNbdParamName } from './likelihood.js';
import type { FitOptions, FitResult, RfmData } from '../shared/model-types.js';
import { BG_NBD_MODEL } from './likelihood.js';
import { InputError } from '../../errors.js';
import { compressRfm } from '../shared/compress.js';
import { fitMle } from '../shared/fit-mle.js';
import { validateRfm } from '../shared/validate-rfm.js';
import { BG_PARAM_NAMES, type BgVariant, bgNegLogLik, prepareBg } from './likelihood.js';

/**
 * Fit a BG/NBD-family model (d = 0 BG/NBD, d = 1 MBG/NBD) with {@link fitMle}: validate, compress to
 * distinct (x, tx, T), group by x, then BFGS on the analytic gradient from 2 deterministic starts
 * (r/α matched to the mean purchase rate Σx/ΣT), plus the user's start first when given.
 */
export function fitBgFamily(
  data: RfmData,
  options: FitOptions<BgNbdParamName>,
  d: BgVariant,
  model: string,
  fn: string,
): FitResult<BgNbdParamName> {
  const { customers, repeaters } = validateRfm(data, fn);
  if (!(repeaters > 0)) {
    throw new InputError(
      'no_repeat_purchases',
      `${fn} needs at least one customer with a repeat purchase; got 0 of ${customers.toLocaleString('en-US')}. ` +
        'Check the customer id column (every row a new customer?) and that x counts repeat transactions.',
      { customers, repeaters },
    );
  }
  const c = compressRfm(data);
  const prep = prepareBg(c, d);
  let sx = 0,
    sT = 0;
  for (let i = 0; i < c.size; i++) {
    sx += c.weights[i] * c.x[i];
    sT += c.weights[i] * c.T[i];
  }
  const rate = sx / sT;
  const starts: Float64Array[] = [];
  const s = options.start;
  if (s) {
    starts.push(Float64Array.of(Math.log(s.r ?? 1), Math.log(s.alpha ?? (s.r ?? 1) / rate), Math.log(s.a ?? 1), Math.log(s.b ?? 1)));
  }
  starts.push(Float64Array.of(0, Math.log(1 / rate), 0, 0));
  starts.push(Float64Array.of(Math.log(0.5), Math.log(0.5 / rate), Math.log(0.5), Math.log(2)));
  return fitMle<BgNbdParamName>(
    {
      model,
      paramNames: BG_PARAM_NAMES,
      nObs: c.totalWeight,
      starts,
      negLogLik: (t) => bgNegLogLik(prep, t),
      gradient: (t, out) => bgNegLogLik(prep, t, out),
    },
    options,
  );
}

/**
 * Fit BG/NBD by maximum likelihood (FHL 2005 §3) on compressed (x, tx, T) patterns with an analytic
 * gradient, via the shared harness {@link fitMle} (BFGS in log parameters, 2 deterministic starts).
 *
 * @param data - x, tx, T in one time unit (days or weeks; α comes out per that unit), optional weights
 * @param options - iteration cap, tolerance, user start (natural parameters), see FitOptions
 * @returns FitResult with params r, alpha, a, b, LL, AIC/BIC, SEs, 95% intervals, warnings
 * @throws {InputError} `no_repeat_purchases` when nobody has x > 0 (message gives the count), or invalid data
 * @throws {ConvergenceError} when the optimiser fails (context.lastState has the last parameters)
 * @example
 * fitBgNbd(cdnowSample).params; // => { r: 0.2426, alpha: 4.4135, a: 0.7929, b: 2.4258 } (weeks; FHL 2005 §4), LL −9582.43
 */
export function fitBgNbd(data: RfmData, options: FitOptions<BgNbdParamName> = {}): FitResult<BgNbdParamName> {
  return fitBgFamily(data, options, 0, BG_NBD_MODEL, 'fitBgNbd');
}
