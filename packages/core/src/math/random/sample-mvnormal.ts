import type { Rng } from './rng.js';
import { sampleStandardNormal } from './sample-normal.js';

/**
 * Draws from the multivariate normal N(mean, LLᵀ): x = mean + L z with z standard normal
 * (Gentle 2003, §5.3.1), deterministic for the generator's seed.
 *
 * @param rng - seeded generator (see createRng)
 * @param mean - mean vector, length k
 * @param L - lower Cholesky factor of the covariance (k × k, row-major; see cholesky)
 * @param draws - number of draws
 * @returns draws × k values, row-major (draw d is entries d·k … d·k + k − 1)
 * @example
 * sampleMultivariateNormal(createRng(1), Float64Array.of(0, 0), Float64Array.of(1, 0, 0, 1), 3).length; // => 6
 */
export function sampleMultivariateNormal(rng: Rng, mean: Float64Array, L: Float64Array, draws: number): Float64Array {
  const k = mean.length;
  const out = new Float64Array(draws * k);
  const z = new Float64Array(k);
  for (let d = 0; d < draws; d++) {
    for (let i = 0; i < k; i++) z[i] = sampleStandardNormal(rng);
    for (let i = 0; i < k; i++) {
      let v = mean[i]!;
      for (let j = 0; j <= i; j++) v += L[i * k + j]! * z[j]!;
      out[d * k + i] = v;
    }
  }
  return out;
}
