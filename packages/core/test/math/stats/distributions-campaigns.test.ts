import { test } from 'node:test';
import { normalCdf, normalQuantile, normalSf } from '../../../src/math/stats/normal-distribution.js';
import { studentTCdf, studentTQuantile, studentTTwoSided } from '../../../src/math/stats/student-t.js';
import { chiSquareSf } from '../../../src/math/stats/chi-square.js';
import { assertClose } from '../../helpers/assert-close.js';
import { readFixture } from '../../helpers/read-csv.js';
import assert from 'node:assert/strict';

interface Ref {
  normal_cdf: { z: number; p: number }[];
  normal_quantile: { p: number; z: number }[];
  t_two_sided: { t: number; nu: number; p: number }[];
  t_quantile: { p: number; nu: number; t: number }[];
  chi_square_sf: { x: number; k: number; p: number }[];
  regularized_beta: { a: number; b: number; x: number; I: number }[];
  regularized_gamma_p: { a: number; x: number; P: number }[];
}
// Reference: mpmath at 40 digits (fixtures/stats-reference.py → stats-mpmath.json).
const ref = readFixture<Ref>('stats-mpmath.json');

test('normal cdf and quantile match mpmath to 1e-14 relative (1e-12 beyond |z| = 10), deep into the tails', () => {
  // beyond |z| = 10 the tail is e^(−z²/2) with an exponent of hundreds: its last bits are lost in exp()
  for (const r of ref.normal_cdf) assertClose(normalCdf(r.z), r.p, Math.abs(r.z) > 10 ? 1e-12 : 1e-14, `normalCdf(${r.z}) vs mpmath`, true);
  for (const r of ref.normal_quantile) {
    if (Math.abs(r.z) < 1e-30) assert.equal(normalQuantile(r.p), 0);
    else assertClose(normalQuantile(r.p), r.z, 1e-14, `normalQuantile(${r.p}) vs mpmath`, true);
  }
  assertClose(normalSf(8), 6.22096057427178e-16, 1e-14, 'normalSf(8): upper tail without cancellation', true);
});

test('Student t two-sided tail and quantile match mpmath (fractional and huge ν)', () => {
  for (const r of ref.t_two_sided)
    assertClose(studentTTwoSided(r.t, r.nu), r.p, 1e-12, `studentTTwoSided(${r.t}, ${r.nu}) vs mpmath`, true);
  for (const r of ref.t_quantile) assertClose(studentTQuantile(r.p, r.nu), r.t, 1e-12, `studentTQuantile(${r.p}, ${r.nu}) vs mpmath`, true);
  assertClose(studentTCdf(studentTQuantile(0.3, 7.5), 7.5), 0.3, 1e-14, 'cdf(quantile(p)) = p');
  assert.ok(Number.isNaN(studentTTwoSided(1, 0)) && Number.isNaN(studentTQuantile(1.2, 5)));
});

test('chi-square upper tail matches mpmath, also read as the incomplete gamma Q(a, x) = P(χ²_2a > 2x)', () => {
  for (const r of ref.chi_square_sf) assertClose(chiSquareSf(r.x, r.k), r.p, 1e-12, `chiSquareSf(${r.x}, ${r.k}) vs mpmath`, true);
  // the regularised gamma rows of the fixture (mpmath's P(a, x)) checked through the same function
  for (const r of ref.regularized_gamma_p)
    assertClose(chiSquareSf(2 * r.x, 2 * r.a), 1 - r.P, 1e-12, `Q(${r.a}, ${r.x}) = 1 − P vs mpmath`, true);
  assert.equal(chiSquareSf(0, 3), 1);
});
