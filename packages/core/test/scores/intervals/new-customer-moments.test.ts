import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../../../src/math/random/rng.js';
import { sampleBeta } from '../../../src/math/random/sample-beta.js';
import { sampleExponential } from '../../../src/math/random/sample-exponential.js';
import { sampleGamma } from '../../../src/math/random/sample-gamma.js';
import { COUNT_MODEL_REGISTRY, type CountModelName } from '../../../src/models/count-models.js';
import { newCustomerIncrementMoments } from '../../../src/scores/intervals/new-customer-moments.js';
import { conditionalMoments } from '../../../src/scores/intervals/process-variance.js';
import { assertClose } from '../../helpers/assert-close.js';

// CDNOW fits (weeks): BG/NBD FHL 2005 Table 1-like, MBG/NBD and Pareto/NBD as fitted by cvm
const fits: Record<CountModelName, Record<string, number>> = {
  'bg-nbd': { r: 0.2426, alpha: 4.4135, a: 0.7929, b: 2.4258 },
  'mbg-nbd': { r: 0.5248, alpha: 6.183, a: 0.8914, b: 1.614 },
  'pareto-nbd': { r: 0.5533, alpha: 10.578, s: 0.6062, beta: 11.669 },
};
const MODELS = ['bg-nbd', 'mbg-nbd', 'pareto-nbd'] as const;
const zero = { x: new Float64Array(1), tx: new Float64Array(1), T: new Float64Array(1) };

test("from acquisition, the product-density moments equal the model's E[X(t)] (FHL eq. 9) and conditionalMoments at x = tx = T = 0", () => {
  // two derivations: product densities integrated by quadrature vs the series of P(N ≥ n) in process-variance.ts
  for (const name of MODELS) {
    for (const t of [0.5, 5, 39, 78]) {
      const m = newCustomerIncrementMoments(name, fits[name], 0, t);
      assertClose(m.mean, COUNT_MODEL_REGISTRY[name].expectedPurchasesNew(fits[name], t), 1e-7, `${name} E[X(${t})]`, true);
      assertClose(m.variance, conditionalMoments(name, fits[name], t, zero).variance[0]!, 1e-7, `${name} Var[X(${t})]`, true);
    }
  }
});

/** Purchases in (t1, t2] of customers just acquired, simulated from the models' stories (independent of the library). */
function monteCarlo(
  name: CountModelName,
  p: Record<string, number>,
  t1: number,
  t2: number,
  N: number,
  seed: number,
): { mean: number; variance: number } {
  const rng = createRng(seed);
  let s1 = 0,
    s2 = 0;
  for (let k = 0; k < N; k++) {
    const lambda = sampleGamma(rng, p.r!, p.alpha!);
    let c = 0;
    if (name === 'pareto-nbd') {
      const death = sampleExponential(rng, sampleGamma(rng, p.s!, p.beta!));
      for (let t = sampleExponential(rng, lambda); t <= Math.min(t2, death); t += sampleExponential(rng, lambda)) if (t > t1) c++;
    } else {
      const q = sampleBeta(rng, p.a!, p.b!);
      if (name === 'mbg-nbd' && rng() < q) continue; // MBG/NBD: may drop at acquisition
      for (let t = sampleExponential(rng, lambda); t <= t2; t += sampleExponential(rng, lambda)) {
        if (t > t1) c++;
        if (rng() < q) break;
      }
    }
    s1 += c;
    s2 += c * c;
  }
  const mean = s1 / N;
  return { mean, variance: s2 / N - mean * mean };
}

test("the moments of one period of a customer's life agree with a Monte Carlo of the model (200,000 customers)", () => {
  // Monte Carlo standard error of the variance ≈ √(E[(N−μ)⁴]/N): about 1% here; 7% is > 5 SE
  for (const name of MODELS) {
    for (const [t1, t2] of [
      [10, 11],
      [0, 1],
    ] as const) {
      const m = newCustomerIncrementMoments(name, fits[name], t1, t2);
      const mc = monteCarlo(name, fits[name], t1, t2, 200_000, 7);
      assertClose(m.mean, mc.mean, 0.04, `${name} mean purchases in (${t1}, ${t2}] vs MC ${mc.mean}`, true);
      assertClose(m.variance, mc.variance, 0.07, `${name} variance in (${t1}, ${t2}] vs MC ${mc.variance}`, true);
      // heterogeneity makes a period's count over-dispersed: variance above the Poisson's
      assert.ok(m.variance > m.mean, `${name} (${t1}, ${t2}]: variance ${m.variance} should exceed the mean ${m.mean}`);
    }
  }
});

test('edge cases: an empty interval has no purchases, a reversed or negative one is NaN', () => {
  assert.deepEqual(newCustomerIncrementMoments('bg-nbd', fits['bg-nbd'], 3, 3), { mean: 0, variance: 0 });
  assert.ok(Number.isNaN(newCustomerIncrementMoments('bg-nbd', fits['bg-nbd'], 4, 3).mean));
  assert.ok(Number.isNaN(newCustomerIncrementMoments('pareto-nbd', fits['pareto-nbd'], -1, 3).variance));
});
