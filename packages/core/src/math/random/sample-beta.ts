import type { Rng } from './rng.js';
import { sampleLogGamma } from './sample-gamma.js';

/**
 * Beta(a, b) variate as X/(X + Y) with X ~ Gamma(a), Y ~ Gamma(b) (e.g. Devroye 1986, §IX.3),
 * computed from the log-gammas as 1 / (1 + e^(ln Y − ln X)) so small shapes (a, b < 1, where both
 * gammas may underflow) still give a value in [0, 1].
 *
 * Returns NaN for a ≤ 0 or b ≤ 0. Never throws.
 *
 * @param rng - uniform generator
 * @param a - first shape > 0
 * @param b - second shape > 0
 * @returns a Beta(a, b) draw
 * @example
 * sampleBeta(createRng(3), 0.79, 2.43); // => a draw with mean 0.79/3.22 over many calls
 */
export function sampleBeta(rng: Rng, a: number, b: number): number {
  const lx = sampleLogGamma(rng, a);
  const ly = sampleLogGamma(rng, b);
  return 1 / (1 + Math.exp(ly - lx));
}
