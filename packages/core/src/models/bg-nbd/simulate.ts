import { checkPositiveParams } from '../shared/validate-params.js';
import { BG_PARAM_NAMES } from './likelihood.js';
import type { RfmData } from '../shared/model-types.js';
import type { BgNbdParams } from './likelihood.js';
import { createRng } from '../../math/random/rng.js';
import { sampleBeta } from '../../math/random/sample-beta.js';
import { sampleExponential } from '../../math/random/sample-exponential.js';
import { sampleGamma } from '../../math/random/sample-gamma.js';
import type { BgVariant } from './likelihood.js';

/**
 * Simulate n customers from the BG/NBD family: λ ~ Gamma(r, rate α), p ~ Beta(a, b); with d = 1 the
 * customer first drops out with probability p at time 0; then purchases follow a Poisson(λ) process
 * and after each one the customer drops out with probability p. Observed over (0, T_i].
 */
export function bgSimulate(
  r: number,
  alpha: number,
  a: number,
  b: number,
  d: BgVariant,
  n: number,
  T: number | Float64Array,
  seed: number,
): RfmData {
  const rng = createRng(seed);
  const X = new Float64Array(n),
    TX = new Float64Array(n),
    TT = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const Ti = typeof T === 'number' ? T : T[i];
    TT[i] = Ti;
    const lambda = sampleGamma(rng, r, alpha);
    const p = sampleBeta(rng, a, b);
    if (d === 1 && rng() < p) continue;
    let t = 0,
      x = 0,
      last = 0;
    for (;;) {
      t += sampleExponential(rng, lambda);
      if (!(t <= Ti)) break;
      x++;
      last = t;
      if (rng() < p) break;
    }
    X[i] = x;
    TX[i] = last;
  }
  return { x: X, tx: TX, T: TT };
}

/**
 * Simulate n customers from BG/NBD (the generative story of FHL 2005 §2), deterministic for a seed.
 *
 * @param params - r, α, a, b
 * @param n - number of customers
 * @param T - observation length per customer (a number for all, or an array of n), time unit of α
 * @param seed - PRNG seed (xoshiro128**, see createRng)
 * @returns x, tx, T
 * @throws {InputError} invalid parameters
 * @example
 * simulateBgNbd({ r: 0.24, alpha: 4.4, a: 0.79, b: 2.4 }, 1000, 39, 7).x.length; // => 1000
 */
export function simulateBgNbd(params: BgNbdParams, n: number, T: number | Float64Array, seed: number): RfmData {
  checkPositiveParams(params, 'simulateBgNbd', BG_PARAM_NAMES);
  return bgSimulate(params.r, params.alpha, params.a, params.b, 0, n, T, seed);
}
