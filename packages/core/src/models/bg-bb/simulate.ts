import { checkPositiveParams, checkWholeNumber } from '../shared/validate-params.js';
import { InputError } from '../../errors.js';
import { createRng } from '../../math/random/rng.js';
import { sampleBeta } from '../../math/random/sample-beta.js';
import type { BgBbData, BgBbParams } from './likelihood.js';

/**
 * Simulate n customers from the BG/BB model (Fader, Hardie & Shang 2010, §2), deterministic for a
 * seed: p ~ Beta(α, β), θ ~ Beta(γ, δ); at each opportunity 1 … periods a customer still alive first
 * dies with probability θ and, if alive, transacts with probability p.
 *
 * @param params - α, β, γ, δ
 * @param n - number of customers (integer ≥ 0)
 * @param periods - transaction opportunities observed (integer ≥ 1)
 * @param seed - PRNG seed (xoshiro128**, see `createRng`)
 * @returns x, tx, n per customer
 * @throws {InputError} on invalid parameters, n or periods
 * @example
 * simulateBgBb({ alpha: 1.2, beta: 0.75, gamma: 0.66, delta: 2.8 }, 1000, 6, 7).x.length; // => 1000
 */
export function simulateBgBb(params: BgBbParams, n: number, periods: number, seed: number): BgBbData {
  const { alpha, beta, gamma, delta } = params;
  checkPositiveParams(params, 'simulateBgBb');
  checkWholeNumber(n, 'n', 'simulateBgBb');
  if (!(Number.isInteger(periods) && periods >= 1))
    throw new InputError('bad_horizon', `simulateBgBb: periods must be an integer ≥ 1; got ${periods}.`, { periods });
  const rng = createRng(seed);
  const X = new Float64Array(n),
    TX = new Float64Array(n),
    N = new Float64Array(n).fill(periods);
  for (let i = 0; i < n; i++) {
    const p = sampleBeta(rng, alpha, beta);
    const theta = sampleBeta(rng, gamma, delta);
    let x = 0,
      tx = 0;
    for (let t = 1; t <= periods; t++) {
      if (rng() < theta) break;
      if (rng() < p) {
        x++;
        tx = t;
      }
    }
    X[i] = x;
    TX[i] = tx;
  }
  return { x: X, tx: TX, n: N };
}
