import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gammaIncUpper } from '../../../src/math/special/gamma-inc-upper.js';
import { chiSquareSf } from '../../../src/math/stats/chi-square-sf.js';
import { normalCdf, normalQuantile } from '../../../src/math/stats/normal-cdf.js';
import { cholesky } from '../../../src/math/stats/cholesky.js';
import { quantileSorted } from '../../../src/math/stats/quantile-sorted.js';
import { quantileSelect, selectOrder } from '../../../src/math/stats/select-order.js';
import { createRng } from '../../../src/math/random/rng.js';
import { sampleMultivariateNormal } from '../../../src/math/random/sample-mvnormal.js';
import { assertClose } from '../../helpers/assert-close.js';

test('gammaIncUpper: closed forms Q(1, x) = e^−x and Q(1/2, x) = erfc(√x), both branches', () => {
  for (const x of [0.01, 0.5, 1.9, 2.5, 10, 50, 200]) {
    assertClose(gammaIncUpper(1, x), Math.exp(-x), 1e-13, `Q(1, ${x}) = e^-x`, true);
  }
  // Q(n, x) = e^−x Σ_{k<n} x^k/k! for integer n (A&S 6.5.13)
  for (const [nn, x] of [[3, 0.7], [3, 8], [7, 4], [7, 30]] as const) {
    let s = 0, term = 1;
    for (let k = 0; k < nn; k++) { s += term; term *= x / (k + 1); }
    assertClose(gammaIncUpper(nn, x), Math.exp(-x) * s, 1e-13, `Q(${nn}, ${x}) finite sum`, true);
  }
  assert.equal(gammaIncUpper(2, 0), 1);
  assert.ok(Number.isNaN(gammaIncUpper(0, 1)) && Number.isNaN(gammaIncUpper(1, -1)));
});

test('chiSquareSf: table values and the p-value CLVTools prints for its apparel lrtest', () => {
  assertClose(chiSquareSf(3.841458820694124, 1), 0.05, 1e-12, 'chi2(1) 95% point', true);
  assertClose(chiSquareSf(5.991464547107979, 2), 0.05, 1e-12, 'chi2(2) 95% point (= e^(−q/2))', true);
  assertClose(chiSquareSf(9.487729036781154, 4), 0.05, 1e-12, 'chi2(4) 95% point', true);
  // Meierer et al. (2025), CLVTools "advanced techniques" vignette §4: Chisq 10.943 on 1 df, Pr 0.0009396
  assertClose(chiSquareSf(10.943, 1), 0.0009396, 5e-8, 'CLVTools lrtest p-value (printed to 4 significant digits)');
});

test('normalCdf / normalQuantile: known quantiles and symmetry', () => {
  assertClose(normalCdf(-1.959963984540054), 0.025, 1e-14, 'Φ(−1.96)', true);
  assertClose(normalCdf(0), 0.5, 1e-15, 'Φ(0)');
  assertClose(normalCdf(-10), 7.61985302416047e-24, 1e-10, 'Φ(−10) deep tail', true);
  assertClose(normalQuantile(0.95), 1.6448536269514722, 1e-12, 'Φ⁻¹(0.95)');
  assertClose(normalQuantile(0.05), -1.6448536269514722, 1e-12, 'Φ⁻¹(0.05)');
});

test('quantileSelect equals quantileSorted of a full sort (type 7), on random data with ties', () => {
  const rng = createRng(3);
  for (let rep = 0; rep < 50; rep++) {
    const n = 1 + Math.floor(rng() * 60);
    const v = Float64Array.from({ length: n }, () => Math.floor(rng() * 10));
    const sorted = Float64Array.from(v).sort();
    for (const p of [0, 0.05, 0.5, 0.95, 1]) {
      assert.equal(quantileSelect(Float64Array.from(v), 0, n, p), quantileSorted(sorted, p), `n ${n} p ${p}`);
    }
    const k = Math.floor(rng() * n);
    assert.equal(selectOrder(Float64Array.from(v), 0, n - 1, k), sorted[k]);
  }
  assert.equal(quantileSorted(Float64Array.of(1, 2, 3, 4), 0.5), 2.5);
});

test('sampleMultivariateNormal: sample mean and covariance match (Cholesky factor of a 2×2)', () => {
  const cov = Float64Array.of(4, 1.2, 1.2, 1);
  const L = cholesky(cov, 2)!;
  const D = 40_000;
  const s = sampleMultivariateNormal(createRng(11), Float64Array.of(1, -2), L, D);
  let m0 = 0, m1 = 0;
  for (let d = 0; d < D; d++) { m0 += s[2 * d]! / D; m1 += s[2 * d + 1]! / D; }
  let c00 = 0, c01 = 0, c11 = 0;
  for (let d = 0; d < D; d++) {
    const a = s[2 * d]! - m0, b = s[2 * d + 1]! - m1;
    c00 += (a * a) / D; c01 += (a * b) / D; c11 += (b * b) / D;
  }
  // tolerances: ~4 standard errors of the sample moments at D = 40,000
  assertClose(m0, 1, 0.04, 'mean 0'); assertClose(m1, -2, 0.02, 'mean 1');
  assertClose(c00, 4, 0.12, 'var 0'); assertClose(c01, 1.2, 0.05, 'cov'); assertClose(c11, 1, 0.03, 'var 1');
  assert.equal(cholesky(Float64Array.of(1, 2, 2, 1), 2), null, 'not positive definite');
});
