import type { Rng } from './rng.js';
import { sampleBeta } from './sample-beta.js';

/** Below this many trials the draw counts Bernoulli trials directly. */
const DIRECT = 48;

/**
 * Binomial(n, p) variate, exact for any n.
 *
 * ## Method
 * Order-statistic splitting (Knuth, TAOCP vol. 2, §3.4.1, binomial via the beta distribution):
 * the a-th smallest of n uniforms, a = 1 + ⌊n/2⌋, is X ~ Beta(a, n + 1 − a). If X ≥ p, every
 * uniform below p is among the a − 1 smaller ones, uniform on (0, X): recurse on Binomial(a − 1, p/X).
 * Otherwise those a are all below p and the other n − a are uniform on (X, 1): a + Binomial(n − a,
 * (p − X)/(1 − X)). Each step halves n, so a draw costs O(log n) beta variates plus at most 48
 * Bernoulli trials.
 *
 * Returns NaN for a negative or non-integer n or p outside [0, 1]. Never throws.
 *
 * @param rng - uniform generator
 * @param n - trials, a non-negative integer
 * @param p - success probability
 * @returns the number of successes
 * @example
 * sampleBinomial(createRng(5), 1_000_000, 0.1); // => about 100,000 (sd 300)
 */
export function sampleBinomial(rng: Rng, n: number, p: number): number {
  if (!(n >= 0) || !Number.isInteger(n) || !(p >= 0 && p <= 1)) return NaN;
  let k = 0;
  while (n > DIRECT) {
    if (p <= 0) return k;
    if (p >= 1) return k + n;
    const a = 1 + Math.floor(n / 2);
    const b = n + 1 - a;
    const x = sampleBeta(rng, a, b);
    if (x >= p) {
      n = a - 1;
      p /= x;
    } else {
      k += a;
      n = b - 1;
      p = (p - x) / (1 - x);
    }
  }
  for (let i = 0; i < n; i++) if (rng() < p) k++;
  return k;
}
