import { createRng } from '../../src/math/random/rng.js';
import { sampleBeta } from '../../src/math/random/sample-beta.js';
import { sampleExponential } from '../../src/math/random/sample-exponential.js';
import { sampleGamma } from '../../src/math/random/sample-gamma.js';
import type { RfmData } from '../../src/models/shared/model-types.js';

/** A simulated cohort with its tracking series: calibration summary, births and repeat purchases per period. */
export interface TrackedCohort extends RfmData {
  /** Σ ln(inter-purchase time) over each customer's calibration repeat purchases (what MBG/CNBD-k's fit reads). */
  litt: Float64Array;
  /** First purchase of each customer, in periods after the cohort start (whole days: multiples of 1/7). */
  birth: Float64Array;
  /** Repeat purchases in period k (index k − 1), k = 1 … calEnd + holdout; period k covers [k − 1, k). */
  perPeriod: Float64Array;
}

/**
 * Test-only generator written from the models' stories (FHL 2005 §2 for BG/NBD; SMC 1987 for
 * Pareto/NBD), independent of the library: customer i is born on a whole day bᵢ of the first `births`
 * weeks, buys at Poisson(λ) times, λ ~ Gamma(r, α), and leaves after a purchase with probability
 * p ~ Beta(a, b) (BG/NBD) or at an Exp(μ) time, μ ~ Gamma(s, β) (Pareto/NBD); MBG/CNBD-k (Reutterer,
 * Platzer & Schröder 2021): gaps are Erlang-k (k exponentials of rate λ) and the p-coin is also tossed
 * right after the first purchase. Calibration to week
 * `calEnd`, then a `holdout`; `rateInHoldout` multiplies λ after calEnd (≠ 1: the model is wrong).
 */
export function simulateTracking(opts: {
  model: 'bg-nbd' | 'pareto-nbd' | 'mbg-cnbd-k';
  params: Record<string, number>;
  n: number;
  births: number;
  calEnd: number;
  holdout: number;
  seed: number;
  rateInHoldout?: number;
}): TrackedCohort {
  const rng = createRng(opts.seed);
  const { n, calEnd, holdout, params: p } = opts;
  const K = calEnd + holdout;
  const x = new Float64Array(n),
    tx = new Float64Array(n),
    T = new Float64Array(n),
    birth = new Float64Array(n),
    litt = new Float64Array(n);
  const perPeriod = new Float64Array(K);
  const slow = opts.rateInHoldout ?? 1;
  for (let i = 0; i < n; i++) {
    const b = Math.floor(rng() * opts.births * 7) / 7;
    birth[i] = b;
    T[i] = calEnd - b;
    const lambda = sampleGamma(rng, p.r!, p.alpha!);
    const death = opts.model === 'pareto-nbd' ? b + sampleExponential(rng, sampleGamma(rng, p.s!, p.beta!)) : Infinity;
    const coin = opts.model === 'pareto-nbd' ? 0 : sampleBeta(rng, p.a!, p.b!);
    const k = opts.model === 'mbg-cnbd-k' ? p.k! : 1;
    if (opts.model === 'mbg-cnbd-k' && rng() < coin) continue;
    let t = b;
    for (;;) {
      const from = t;
      for (let j = 0; j < k; j++) t += sampleExponential(rng, t >= calEnd ? lambda * slow : lambda);
      if (t > death || t >= K) break;
      perPeriod[Math.floor(t)]++;
      if (t <= calEnd) {
        x[i]++;
        tx[i] = t - b;
        litt[i] += Math.log(t - from);
      }
      if (rng() < coin) break;
    }
  }
  return { x, tx, T, birth, perPeriod, litt };
}
