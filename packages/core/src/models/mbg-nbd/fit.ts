import { fitBgFamily } from '../bg-nbd/fit.js';
import type { BgNbdParamName } from '../bg-nbd/likelihood.js';
import type { FitOptions, FitResult, RfmData } from '../shared/model-types.js';
import { MBG_NBD_MODEL } from './likelihood.js';

/**
 * Fit MBG/NBD by maximum likelihood on compressed (x, tx, T) patterns with an analytic gradient, via
 * {@link fitMle} (BFGS in log parameters, 2 deterministic starts).
 *
 * @param data - x, tx, T in one time unit, optional weights
 * @param options - iteration cap, tolerance, user start (natural parameters)
 * @returns FitResult with params r, alpha, a, b
 * @throws {InputError} `no_repeat_purchases` when nobody has x > 0, or invalid data
 * @throws {ConvergenceError} when the optimiser fails (context.lastState)
 * @example
 * fitMbgNbd(cdnowSample).params; // => ≈ { r: 0.5248, alpha: 6.1830, a: 0.8914, b: 1.6140 } (weeks), LL −9582.13
 */
export function fitMbgNbd(data: RfmData, options: FitOptions<BgNbdParamName> = {}): FitResult<BgNbdParamName> {
  return fitBgFamily(data, options, 1, MBG_NBD_MODEL, 'fitMbgNbd');
}
