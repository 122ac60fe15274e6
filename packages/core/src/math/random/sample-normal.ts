import type { Rng } from './rng.js';

/**
 * Standard normal variate by Marsaglia's polar method (Marsaglia & Bray 1964). Uses a pair of
 * uniforms per attempt (acceptance π/4) and returns one of the two variates it produces.
 *
 * @param rng - uniform generator from {@link createRng}
 * @returns a draw from N(0, 1)
 * @example
 * sampleStandardNormal(createRng(1)); // => a deterministic N(0, 1) draw
 */
export function sampleStandardNormal(rng: Rng): number {
  for (;;) {
    const u = 2 * rng() - 1;
    const v = 2 * rng() - 1;
    const s = u * u + v * v;
    if (s > 0 && s < 1) return u * Math.sqrt((-2 * Math.log(s)) / s);
  }
}
