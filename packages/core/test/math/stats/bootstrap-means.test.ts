// Bootstrap means of groups and the type-7 quantile (Hyndman & Fan 1996; R's default quantile()).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bootstrapMeans, quantile } from '../../../src/math/stats/bootstrap-means.js';
import { createRng } from '../../../src/math/random/rng.js';
import { assertClose } from '../../helpers/assert-close.js';

test('quantile matches R quantile(type = 7) on 1..10: 0.025 → 1.225, 0.5 → 5.5, 0.975 → 9.775', () => {
  const v = Float64Array.from({ length: 10 }, (_, i) => 10 - i);
  assertClose(quantile(v, 0.025), 1.225, 1e-12, 'q0.025');
  assertClose(quantile(v, 0.5), 5.5, 1e-12, 'median');
  assertClose(quantile(v, 0.975), 9.775, 1e-12, 'q0.975');
  assert.ok(Number.isNaN(quantile(new Float64Array(0), 0.5)));
});

test('bootstrap means: a constant group stays constant, an empty group is NaN, the mean of means is near the mean, same seed same draws', () => {
  const values = Float64Array.of(4, 4, 4, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
  const offsets = Int32Array.of(0, 3, 3, 13);
  const b = bootstrapMeans(values, offsets, 2000, createRng(1));
  for (let k = 0; k < 2000; k++) assert.equal(b[k], 4);
  assert.ok(Number.isNaN(b[2000]!));
  let s = 0,
    s2 = 0;
  for (let k = 0; k < 2000; k++) {
    s += b[4000 + k]!;
    s2 += b[4000 + k]! ** 2;
  }
  const mean = s / 2000,
    sd = Math.sqrt(s2 / 2000 - mean * mean);
  assertClose(mean, 5.5, 0.1, 'mean of bootstrap means ≈ sample mean 5.5 (SE of the check ≈ 0.02)');
  assertClose(sd, Math.sqrt(8.25 / 10), 0.06, 'bootstrap SD ≈ σ/√n with the plug-in σ² = 8.25');
  assert.deepEqual(bootstrapMeans(values, offsets, 50, createRng(7)), bootstrapMeans(values, offsets, 50, createRng(7)));
});

test('large groups draw the resample mean from its normal limit: same mean and spread as resampling value by value', () => {
  const rng = createRng(4);
  const n = 5000;
  const values = Float64Array.from({ length: n }, () => Math.exp(1.2 * (rng() + rng() + rng() - 1.5) * 2)); // skewed, like LTV
  const offsets = Int32Array.of(0, n);
  const exact = bootstrapMeans(values, offsets, 1000, createRng(1), Infinity);
  const normal = bootstrapMeans(values, offsets, 1000, createRng(1), 1000);
  const stats = (b: Float64Array) => {
    let s = 0,
      s2 = 0;
    for (const v of b) {
      s += v;
      s2 += v * v;
    }
    const m = s / b.length;
    return { m, sd: Math.sqrt(s2 / b.length - m * m) };
  };
  const e = stats(exact),
    a = stats(normal);
  assertClose(a.m, e.m, ((3 * e.sd) / Math.sqrt(1000)) * 1.5, 'means agree within Monte Carlo error');
  assertClose(a.sd, e.sd, 0.1 * e.sd, 'spreads agree within 10% (the SD of an SD estimate from 1,000 draws is ~2.2%)');
  assertClose(
    quantile(normal, 0.975) - quantile(normal, 0.025),
    quantile(exact, 0.975) - quantile(exact, 0.025),
    0.12 * (quantile(exact, 0.975) - quantile(exact, 0.025)),
    '95% interval widths agree within 12%',
  );
});
