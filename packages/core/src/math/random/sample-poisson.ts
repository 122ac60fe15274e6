import { gammaln } from '../special/gammaln.js';
import type { Rng } from './rng.js';

/**
 * Poisson variate with the given mean.
 *
 * ## Method
 * mean < 10: inversion by sequential search (multiply uniforms until the product drops below e^−mean;
 * Knuth, TAOCP vol. 2, §3.4.1). mean ≥ 10: Hörmann (1993), "The transformed rejection method for
 * generating Poisson random variables" (PTRS), O(1) expected time with acceptance ≈ 0.9.
 *
 * Returns NaN for a negative or non-finite mean; 0 for mean 0. Never throws.
 *
 * @param rng - uniform generator
 * @param mean - λ ≥ 0
 * @returns a Poisson(λ) draw (an integer-valued double)
 * @example
 * samplePoisson(createRng(11), 3.5); // => a non-negative integer, mean 3.5 over many calls
 */
export function samplePoisson(rng: Rng, mean: number): number {
  if (!(mean >= 0) || mean === Infinity) return NaN;
  if (mean === 0) return 0;
  if (mean < 10) {
    const limit = Math.exp(-mean);
    let k = 0;
    let p = rng();
    while (p > limit) {
      k++;
      p *= rng();
    }
    return k;
  }
  const slam = Math.sqrt(mean);
  const loglam = Math.log(mean);
  const b = 0.931 + 2.53 * slam;
  const a = -0.059 + 0.02483 * b;
  const invAlpha = 1.1239 + 1.1328 / (b - 3.4);
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const u = rng() - 0.5;
    const v = rng();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + mean + 0.43);
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    if (Math.log(v) + Math.log(invAlpha) - Math.log(a / (us * us) + b) <= -mean + k * loglam - gammaln(k + 1)) return k;
  }
}
