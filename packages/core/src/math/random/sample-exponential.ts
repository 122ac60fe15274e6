import type { Rng } from './rng.js';

/**
 * Exponential variate with the given rate (mean 1/rate) by inversion: −ln U / rate.
 *
 * Returns NaN for rate < 0 and +Infinity for rate = 0. Never throws.
 *
 * @param rng - uniform generator
 * @param rate - rate > 0
 * @returns an Exp(rate) draw
 * @example
 * sampleExponential(createRng(5), 2); // => a draw with mean 0.5 over many calls
 */
export function sampleExponential(rng: Rng, rate: number): number {
  if (!(rate >= 0)) return NaN;
  return -Math.log(rng()) / rate;
}
