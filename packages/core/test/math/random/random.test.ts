import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../../../src/math/random/rng.js';
import { sampleBeta } from '../../../src/math/random/sample-beta.js';
import { sampleExponential } from '../../../src/math/random/sample-exponential.js';
import { sampleGamma } from '../../../src/math/random/sample-gamma.js';
import { sampleStandardNormal } from '../../../src/math/random/sample-normal.js';
import { samplePoisson } from '../../../src/math/random/sample-poisson.js';
import { assertClose } from '../../helpers/assert-close.js';

const N = 200_000;
/** Sample mean and variance of n draws. */
function moments(draw: () => number, n = N): [number, number] {
  let s = 0,
    s2 = 0;
  for (let i = 0; i < n; i++) {
    const v = draw();
    s += v;
    s2 += v * v;
  }
  const m = s / n;
  return [m, s2 / n - m * m];
}
// Tolerances: 5 standard errors of the sample mean (sd/√n) so a correct sampler fails with p < 1e-6.

test('createRng is deterministic, in (0, 1), and uniform in mean/variance', () => {
  const a = createRng(42),
    b = createRng(42),
    c = createRng(43);
  const va = [a(), a(), a()],
    vb = [b(), b(), b()];
  assert.deepEqual(va, vb);
  assert.notEqual(va[0], c());
  const u = createRng(1);
  const [m, v] = moments(() => {
    const x = u();
    assert.ok(x > 0 && x < 1);
    return x;
  });
  assertClose(m, 0.5, 5 * Math.sqrt(1 / 12 / N), 'uniform mean 1/2');
  assertClose(v, 1 / 12, 0.002, 'uniform variance 1/12');
});

test('normal, exponential, gamma, beta, poisson match their first two moments', () => {
  const rng = createRng(2024);
  let [m, v] = moments(() => sampleStandardNormal(rng));
  assertClose(m, 0, 5 / Math.sqrt(N), 'N(0,1) mean');
  assertClose(v, 1, 0.02, 'N(0,1) variance');
  [m, v] = moments(() => sampleExponential(rng, 2));
  assertClose(m, 0.5, (5 * 0.5) / Math.sqrt(N), 'Exp(2) mean 1/2');
  for (const [k, rate] of [
    [0.2426, 4.4135],
    [6.249, 1],
    [150, 3],
  ] as const) {
    [m, v] = moments(() => sampleGamma(rng, k, rate));
    const sd = Math.sqrt(k) / rate;
    assertClose(m, k / rate, (5 * sd) / Math.sqrt(N), `Gamma(${k}, rate ${rate}) mean k/β`);
    assertClose(v, k / (rate * rate), ((0.05 * k) / (rate * rate)) * (k < 1 ? 3 : 1), `Gamma(${k}, rate ${rate}) variance k/β²`);
  }
  for (const [a, b] of [
    [0.7929, 2.4258],
    [0.05, 0.08],
    [20, 30],
  ] as const) {
    [m, v] = moments(() => sampleBeta(rng, a, b));
    const mean = a / (a + b),
      variance = (a * b) / ((a + b) ** 2 * (a + b + 1));
    assertClose(m, mean, (5 * Math.sqrt(variance)) / Math.sqrt(N), `Beta(${a}, ${b}) mean`);
    assertClose(v, variance, 0.03 * variance, `Beta(${a}, ${b}) variance`);
  }
  for (const lam of [0.3, 4.5, 9.99, 10, 37.5, 2500]) {
    [m, v] = moments(() => samplePoisson(rng, lam));
    assertClose(m, lam, (5 * Math.sqrt(lam)) / Math.sqrt(N), `Poisson(${lam}) mean`);
    assertClose(v, lam, 0.03 * lam, `Poisson(${lam}) variance`);
  }
});

test('samplers return NaN for invalid parameters and integers for Poisson', () => {
  const rng = createRng(9);
  assert.ok(Number.isNaN(sampleGamma(rng, 0, 1)));
  assert.ok(Number.isNaN(sampleGamma(rng, 1, -1)));
  assert.ok(Number.isNaN(sampleBeta(rng, -1, 1)));
  assert.ok(Number.isNaN(samplePoisson(rng, -1)));
  assert.equal(samplePoisson(rng, 0), 0);
  for (let i = 0; i < 1000; i++) assert.ok(Number.isInteger(samplePoisson(rng, 55.5)));
  // tiny shapes stay finite and inside [0, 1]
  for (let i = 0; i < 1000; i++) {
    const b = sampleBeta(rng, 1e-3, 1e-3);
    assert.ok(b >= 0 && b <= 1);
  }
});
