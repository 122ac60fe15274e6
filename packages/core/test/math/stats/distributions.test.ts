import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chiSquareSf } from '../../../src/math/stats/chi-square.js';
import { normalCdf, normalQuantile } from '../../../src/math/stats/normal-distribution.js';
import { cholesky } from '../../../src/math/stats/cholesky.js';
import { quantileSorted } from '../../../src/math/stats/quantile-sorted.js';
import { quantileSelect, selectOrder } from '../../../src/math/stats/select-order.js';
import { quantilePairSelect } from '../../../src/math/stats/quantile-pair-select.js';
import { createRng } from '../../../src/math/random/rng.js';
import { sampleMultivariateNormal } from '../../../src/math/random/sample-mvnormal.js';
import { assertClose } from '../../helpers/assert-close.js';

test('chiSquareSf: closed forms for even degrees of freedom, Q(n, x/2) = e^(−x/2) Σ_(k<n) (x/2)^k/k!', () => {
  // A&S 6.5.13 with 26.4.19; 2 degrees of freedom: e^(−x/2); both sides of the series/fraction switch
  for (const x of [0.02, 1, 3.8, 5, 20, 100, 400]) assertClose(chiSquareSf(x, 2), Math.exp(-x / 2), 1e-13, `chi2(2) tail at ${x}`, true);
  for (const [nn, x] of [
    [3, 1.4],
    [3, 16],
    [7, 8],
    [7, 60],
  ] as const) {
    let s = 0,
      term = 1;
    for (let k = 0; k < nn; k++) {
      s += term;
      term *= x / 2 / (k + 1);
    }
    assertClose(chiSquareSf(x, 2 * nn), Math.exp(-x / 2) * s, 1e-13, `chi2(${2 * nn}) tail at ${x}: finite sum`, true);
  }
  assert.equal(chiSquareSf(0, 4), 1);
  assert.ok(Number.isNaN(chiSquareSf(1, 0)) && Number.isNaN(chiSquareSf(Number.NaN, 1)));
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

test('quantilePairSelect gives both quantiles of a full sort (type 7) in one partial sort, ties and short slices included', () => {
  const rng = createRng(5);
  const q = new Float64Array(2);
  for (let rep = 0; rep < 200; rep++) {
    const n = 1 + Math.floor(rng() * 250),
      off = Math.floor(rng() * 5);
    const v = Float64Array.from({ length: n }, () => (rep % 2 ? Math.floor(rng() * 10) : rng()));
    const sorted = Float64Array.from(v).sort();
    for (const [lo, hi] of [
      [0.05, 0.95],
      [0.025, 0.975],
      [0, 1],
      [0.5, 0.5],
      [0.3, 0.31],
      [0.1, 0.1 + 1e-9],
    ]) {
      const buf = new Float64Array(off + n + 3).fill(-7);
      buf.set(v, off);
      quantilePairSelect(buf, off, n, lo!, hi!, q);
      assert.equal(q[0], quantileSorted(sorted, lo!), `n ${n} p ${lo}`);
      assert.equal(q[1], quantileSorted(sorted, hi!), `n ${n} p ${hi}`);
      assert.equal(buf[off + n], -7, 'nothing written past the slice');
    }
  }
  quantilePairSelect(new Float64Array(0), 0, 0, 0.05, 0.95, q);
  assert.ok(Number.isNaN(q[0]) && Number.isNaN(q[1]));
});

test('sampleMultivariateNormal: sample mean and covariance match (Cholesky factor of a 2×2)', () => {
  const cov = Float64Array.of(4, 1.2, 1.2, 1);
  const L = cholesky(cov, 2)!;
  const D = 40_000;
  const s = sampleMultivariateNormal(createRng(11), Float64Array.of(1, -2), L, D);
  let m0 = 0,
    m1 = 0;
  for (let d = 0; d < D; d++) {
    m0 += s[2 * d]! / D;
    m1 += s[2 * d + 1]! / D;
  }
  let c00 = 0,
    c01 = 0,
    c11 = 0;
  for (let d = 0; d < D; d++) {
    const a = s[2 * d]! - m0,
      b = s[2 * d + 1]! - m1;
    c00 += (a * a) / D;
    c01 += (a * b) / D;
    c11 += (b * b) / D;
  }
  // tolerances: ~4 standard errors of the sample moments at D = 40,000
  assertClose(m0, 1, 0.04, 'mean 0');
  assertClose(m1, -2, 0.02, 'mean 1');
  assertClose(c00, 4, 0.12, 'var 0');
  assertClose(c01, 1.2, 0.05, 'cov');
  assertClose(c11, 1, 0.03, 'var 1');
  assert.equal(cholesky(Float64Array.of(1, 2, 2, 1), 2), null, 'not positive definite');
});
