import { checkPositiveParams } from '../shared/validate-params.js';
import { BG_PARAM_NAMES } from '../bg-nbd/likelihood.js';
import { bgSimulate } from '../bg-nbd/simulate.js';
import type { RfmData } from '../shared/model-types.js';
import type { MbgNbdParams } from './likelihood.js';

/**
 * Simulate n customers from MBG/NBD, deterministic for a seed: as BG/NBD, plus a dropout with
 * probability p at time 0.
 *
 * @param params - r, α, a, b
 * @param n - number of customers
 * @param T - observation length (number, or array of n), time unit of α
 * @param seed - PRNG seed
 * @returns x, tx, T
 * @throws {InputError} invalid parameters
 * @example
 * simulateMbgNbd({ r: 0.52, alpha: 6.2, a: 0.89, b: 1.6 }, 1000, 39, 7).x.length; // => 1000
 */
export function simulateMbgNbd(params: MbgNbdParams, n: number, T: number | Float64Array, seed: number): RfmData {
  checkPositiveParams(params, 'simulateMbgNbd', BG_PARAM_NAMES);
  return bgSimulate(params.r, params.alpha, params.a, params.b, 1, n, T, seed);
}
