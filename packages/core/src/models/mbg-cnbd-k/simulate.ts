import { createRng } from '../../math/random/rng.js';
import { sampleBeta } from '../../math/random/sample-beta.js';
import { sampleExponential } from '../../math/random/sample-exponential.js';
import { sampleGamma } from '../../math/random/sample-gamma.js';
import type { RegularRfmData } from './fit.js';
import type { MbgCnbdKParams } from './likelihood.js';

/**
 * Simulate n customers from MBG/CNBD-k (its generative story; seeded): λ ~ Gamma(r, α), p ~ Beta(a, b),
 * dropout at 0 with probability p, then Erlang-k inter-purchase times (k exponential sub-events of
 * rate λ each) with a dropout coin after every purchase; observed over (0, T].
 *
 * @param p - k, r, α, a, b
 * @param n - customers
 * @param T - observation length (time unit of α)
 * @param seed - PRNG seed
 * @returns x, tx, T and litt (Σ ln ITT)
 * @example
 * simulateMbgCnbdK({ k: 3, r: 0.85, alpha: 1.45, a: 0.79, b: 2.42 }, 1000, 32, 1).x.length; // => 1000
 */
export function simulateMbgCnbdK(p: MbgCnbdKParams, n: number, T: number, seed: number): RegularRfmData {
  const rng = createRng(seed);
  const x = new Float64Array(n),
    tx = new Float64Array(n),
    TT = new Float64Array(n).fill(T),
    litt = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const lambda = sampleGamma(rng, p.r, p.alpha);
    const q = sampleBeta(rng, p.a, p.b);
    if (rng() < q) continue;
    let t = 0;
    for (;;) {
      let gap = 0;
      for (let j = 0; j < p.k; j++) gap += sampleExponential(rng, lambda);
      if (t + gap > T) break;
      t += gap;
      x[i]++;
      litt[i] += Math.log(gap);
      tx[i] = t;
      if (rng() < q) break;
    }
  }
  return { x, tx, T: TT, litt };
}
