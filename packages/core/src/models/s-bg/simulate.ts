import { checkPositiveParams, checkWholeNumber } from '../shared/validate-params.js';
import { InputError } from '../../errors.js';
import { createRng } from '../../math/random/rng.js';
import { sampleBeta } from '../../math/random/sample-beta.js';
import type { SbgParams } from './likelihood.js';

/**
 * Simulate a cohort of n customers from the sBG model (Fader & Hardie 2007, §2), deterministic for a
 * seed: θ ~ Beta(α, β) per customer, and at every renewal point the customer churns with probability θ.
 *
 * ## Method
 * The churn period is geometric, so it is drawn by inversion in O(1): T = ⌊ln U / ln(1−θ)⌋ + 1
 * (θ = 1 gives T = 1). Counts are then accumulated per period.
 *
 * @param params - α, β
 * @param n - cohort size (integer ≥ 0)
 * @param periods - last period k (integer ≥ 1)
 * @param seed - PRNG seed (xoshiro128**, see `createRng`)
 * @returns active customers at periods 0 … k (n at period 0), the input of `fitSbg`
 * @throws {InputError} on invalid parameters, n or periods
 * @example
 * simulateSbg({ alpha: 0.704, beta: 1.182 }, 1000, 7, 1)[0]; // => 1000
 */
export function simulateSbg(params: SbgParams, n: number, periods: number, seed: number): Float64Array {
  const { alpha, beta } = params;
  checkPositiveParams(params, 'simulateSbg');
  checkWholeNumber(n, 'n', 'simulateSbg');
  if (!(Number.isInteger(periods) && periods >= 1))
    throw new InputError('bad_horizon', `simulateSbg: periods must be an integer ≥ 1; got ${periods}.`, { periods });
  const rng = createRng(seed);
  const churnAt = new Float64Array(periods + 2); // churnAt[t]: customers whose last period is t (t > periods pooled)
  for (let i = 0; i < n; i++) {
    const theta = sampleBeta(rng, alpha, beta);
    const lq = Math.log1p(-theta);
    const T = lq === -Infinity ? 1 : Math.floor(Math.log(rng()) / lq) + 1;
    churnAt[Math.min(T, periods + 1)]++;
  }
  const active = new Float64Array(periods + 1);
  active[0] = n;
  for (let t = 1; t <= periods; t++) active[t] = active[t - 1] - churnAt[t];
  return active;
}
