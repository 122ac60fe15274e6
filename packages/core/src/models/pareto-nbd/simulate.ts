import { checkPositiveParams, checkWholeNumber } from '../shared/validate-params.js';
import { InputError } from '../../errors.js';
import { createRng } from '../../math/random/rng.js';
import { sampleExponential } from '../../math/random/sample-exponential.js';
import { sampleGamma } from '../../math/random/sample-gamma.js';
import { samplePoisson } from '../../math/random/sample-poisson.js';
import type { RfmData } from '../shared/model-types.js';
import type { ParetoNbdParams } from './likelihood.js';

/**
 * Simulate n customers from the Pareto/NBD model (Schmittlein, Morrison & Colombo 1987, §2),
 * deterministic for a seed: λ ~ Gamma(r, rate α), μ ~ Gamma(s, rate β), an exponential lifetime
 * τ ~ Exp(μ), and Poisson(λ) repeat purchases while alive, observed over (0, T].
 *
 * ## Method
 * O(1) per customer: with L = min(τ, T), the count is N ~ Poisson(λL), and given N the purchase times
 * are N uniform points on (0, L), so the last one is tₓ = L·U^(1/N) (the maximum of N uniforms).
 *
 * @param params - r, α, s, β (α, β per time unit of T)
 * @param n - number of customers (integer ≥ 0)
 * @param T - observation length: one number for all, or an array of n
 * @param seed - PRNG seed (xoshiro128**, see `createRng`)
 * @returns x, tx, T (one row per customer)
 * @throws {InputError} on invalid parameters, n or T
 * @example
 * simulateParetoNbd({ r: 0.55, alpha: 10.58, s: 0.61, beta: 11.67 }, 1000, 39, 7).x.length; // => 1000
 */
export function simulateParetoNbd(params: ParetoNbdParams, n: number, T: number | Float64Array, seed: number): RfmData {
  const { r, alpha, s, beta } = params;
  checkPositiveParams(params, 'simulateParetoNbd');
  checkWholeNumber(n, 'n', 'simulateParetoNbd');
  if (typeof T !== 'number' && T.length !== n)
    throw new InputError('rfm_length_mismatch', `simulateParetoNbd: T has ${T.length} entries for n = ${n} customers.`, { n, T: T.length });
  const rng = createRng(seed);
  const X = new Float64Array(n),
    TX = new Float64Array(n),
    TT = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const Ti = typeof T === 'number' ? T : T[i];
    if (!(Ti > 0 && Ti < Infinity))
      throw new InputError('bad_horizon', `simulateParetoNbd: T must be finite and > 0; got ${Ti} for customer ${i}.`, { row: i, T: Ti });
    TT[i] = Ti;
    const lambda = sampleGamma(rng, r, alpha);
    const mu = sampleGamma(rng, s, beta);
    const L = Math.min(sampleExponential(rng, mu), Ti);
    const k = samplePoisson(rng, lambda * L);
    X[i] = k;
    TX[i] = k > 0 ? L * Math.pow(rng(), 1 / k) : 0;
  }
  return { x: X, tx: TX, T: TT };
}
