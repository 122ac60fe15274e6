import { createRng, type Rng } from '../../src/math/random/rng.js';
import { sampleBeta } from '../../src/math/random/sample-beta.js';
import { sampleExponential } from '../../src/math/random/sample-exponential.js';
import { sampleGamma } from '../../src/math/random/sample-gamma.js';
import type { RfmData } from '../../src/models/shared/model-types.js';

/** A simulated cohort: calibration summary and each customer's purchases in the holdout. */
export interface SimulatedCohort extends RfmData {
  holdout: Float64Array;
}

/**
 * Test-only generator written from the models' stories (FHL 2005 §2 for BG/NBD; Pareto/NBD: SMC 1987),
 * independent of the library simulators: customer i is born at bᵢ ~ U(0, births), observed to `calEnd`
 * (T = calEnd − bᵢ) and then over a holdout of length `holdout`. `rateInHoldout` multiplies every
 * purchase rate after calEnd (1 = the model is true; 0.5 = a downturn the model cannot know about);
 * `erlang` > 1 makes inter-purchase times Erlang-k with the same mean (regular buyers).
 */
export function simulateCohort(opts: {
  model: 'bg-nbd' | 'pareto-nbd';
  params: Record<string, number>;
  n: number;
  births: number;
  calEnd: number;
  holdout: number;
  seed: number;
  rateInHoldout?: number;
  erlang?: number;
}): SimulatedCohort {
  const rng = createRng(opts.seed);
  const { n, calEnd, holdout } = opts;
  const k = opts.erlang ?? 1;
  const x = new Float64Array(n),
    tx = new Float64Array(n),
    T = new Float64Array(n),
    h = new Float64Array(n);
  const p = opts.params;
  for (let i = 0; i < n; i++) {
    const birth = rng() * opts.births;
    T[i] = calEnd - birth;
    const lambda = sampleGamma(rng, p.r!, p.alpha!);
    const gap = (factor: number): number => erlangGap(rng, lambda * factor, k);
    let death = Infinity,
      coin = 0;
    if (opts.model === 'pareto-nbd') death = sampleExponential(rng, sampleGamma(rng, p.s!, p.beta!));
    else coin = sampleBeta(rng, p.a!, p.b!);
    let t = 0;
    for (;;) {
      const inHoldout = t >= T[i]!;
      t += gap(inHoldout ? (opts.rateInHoldout ?? 1) : 1);
      if (t > death || t > T[i]! + holdout) break;
      if (t <= T[i]!) {
        x[i]++;
        tx[i] = t;
      } else h[i]++;
      if (opts.model === 'bg-nbd' && rng() < coin) break;
    }
  }
  return { x, tx, T, holdout: h };
}

function erlangGap(rng: Rng, rate: number, k: number): number {
  let s = 0;
  for (let j = 0; j < k; j++) s += sampleExponential(rng, rate * k);
  return s;
}
