import { test } from 'node:test';
import { createRng } from '../../../src/math/random/rng.js';
import { sampleBeta } from '../../../src/math/random/sample-beta.js';
import { sampleExponential } from '../../../src/math/random/sample-exponential.js';
import { sampleGamma } from '../../../src/math/random/sample-gamma.js';
import { samplePoisson } from '../../../src/math/random/sample-poisson.js';
import { COUNT_MODEL_REGISTRY, type CountModelName } from '../../../src/models/count-models.js';
import { conditionalMoments } from '../../../src/scores/intervals/process-variance.js';
import { assertClose } from '../../helpers/assert-close.js';

const rows = { x: Float64Array.of(0, 2, 7, 1), tx: Float64Array.of(0, 30.43, 35, 5), T: Float64Array.of(38.86, 38.86, 36, 30) };
const fits: Record<CountModelName, Record<string, number>> = {
  'bg-nbd': { r: 0.2426, alpha: 4.4135, a: 0.7929, b: 2.4258 },
  'mbg-nbd': { r: 0.5248, alpha: 6.183, a: 0.8914, b: 1.614 },
  'pareto-nbd': { r: 0.5533, alpha: 10.578, s: 0.6062, beta: 11.669 },
};

test("conditionalMoments: the mean is the model's conditional expectation (FHL 2005 eq. 10; SMC 1987 eq. 22)", () => {
  for (const name of ['bg-nbd', 'mbg-nbd', 'pareto-nbd'] as const) {
    const m = conditionalMoments(name, fits[name], 39, rows);
    const e = COUNT_MODEL_REGISTRY[name].expectedPurchases(fits[name], 39, rows);
    for (let i = 0; i < 4; i++) assertClose(m.mean[i]!, e[i]!, 1e-9, `${name} row ${i} mean vs model expectation`, true);
  }
});

/**
 * Independent route: Monte Carlo from the posterior (alive with P(alive); then λ, p or μ from their
 * posteriors and the purchases simulated from the model's story). 200,000 draws: the variance's
 * Monte Carlo standard error is below 2% for these rows, so 6% relative is ~3 standard errors.
 */
test('conditionalMoments: the variance agrees with a Monte Carlo of the posterior predictive', () => {
  const N = 200_000;
  for (const name of ['bg-nbd', 'mbg-nbd', 'pareto-nbd'] as const) {
    const p = fits[name];
    const m = conditionalMoments(name, p, 39, rows);
    const pa = COUNT_MODEL_REGISTRY[name].pAlive(p, rows);
    for (let i = 0; i < 4; i++) {
      const rng = createRng(100 + i);
      const x = rows.x[i]!,
        T = rows.T[i]!;
      let s1 = 0,
        s2 = 0;
      for (let k = 0; k < N; k++) {
        let c = 0;
        if (rng() < pa[i]!) {
          const lambda = sampleGamma(rng, p.r! + x, p.alpha! + T);
          if (name === 'pareto-nbd') {
            const life = sampleExponential(rng, sampleGamma(rng, p.s!, p.beta! + T));
            c = samplePoisson(rng, lambda * Math.min(life, 39));
          } else {
            const q = sampleBeta(rng, p.a!, p.b! + x + (name === 'mbg-nbd' ? 1 : 0));
            let t = 0;
            for (;;) {
              t += sampleExponential(rng, lambda);
              if (t > 39) break;
              c++;
              if (rng() < q) break;
            }
          }
        }
        s1 += c;
        s2 += c * c;
      }
      const mean = s1 / N,
        v = s2 / N - mean * mean;
      assertClose(m.mean[i]!, mean, 0.03 * Math.max(mean, 0.05), `${name} row ${i} mean vs MC`);
      assertClose(m.variance[i]!, v, 0.06, `${name} row ${i} variance vs MC (${v.toFixed(4)})`, true);
    }
  }
});
