import { checkPositiveParams } from '../shared/validate-params.js';
import { createRng } from '../../math/random/rng.js';
import { sampleGamma } from '../../math/random/sample-gamma.js';
import type { SpendData } from '../shared/model-types.js';
import { type GammaGammaParams, GAMMA_GAMMA_PARAMS } from './likelihood.js';

/**
 * Simulate spend: per customer ν ~ Gamma(q, rate γ), then x transaction values ~ Gamma(p, rate ν),
 * reported as their mean mx (0 when x = 0). Deterministic for a seed.
 *
 * @param params - p, q, γ
 * @param n - number of customers
 * @param x - transactions per customer (a number for all, or an array of n)
 * @param seed - PRNG seed
 * @returns x and mx
 * @throws {InputError} invalid parameters
 * @example
 * simulateGammaGamma({ p: 6.25, q: 3.74, gamma: 15.4 }, 1000, 3, 1).mx.length; // => 1000
 */
export function simulateGammaGamma(params: GammaGammaParams, n: number, x: number | Float64Array, seed: number): SpendData {
  checkPositiveParams(params, 'simulateGammaGamma', GAMMA_GAMMA_PARAMS);
  const rng = createRng(seed);
  const X = new Float64Array(n),
    MX = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const xi = typeof x === 'number' ? x : x[i];
    X[i] = xi;
    const nu = sampleGamma(rng, params.q, params.gamma);
    let s = 0;
    for (let j = 0; j < xi; j++) s += sampleGamma(rng, params.p, nu);
    MX[i] = xi > 0 ? s / xi : 0;
  }
  return { x: X, mx: MX };
}
