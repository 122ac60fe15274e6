import { test } from 'node:test';
import assert from 'node:assert/strict';
import { logHyperU } from '../../../src/math/hypergeometric/log-hyperu.js';
import { assertClose } from '../../helpers/assert-close.js';
import { readFixture } from '../../helpers/read-csv.js';

const ref = readFixture<{ rows: [number, number, number, string][] }>('log-hyperu-mpmath.json');

test('ln U(a, b, z) matches mpmath.hyperu on a 252-point grid (a 0.01–50, b −5–5, z 1e-6–1e4)', () => {
  assert.equal(ref.rows.length, 252);
  for (const [a, b, z, e] of ref.rows) {
    const expected = Number(e);
    // 3e-12 relative to max(1, |ln U|): the exp-sinh rule at h = 1/32 (worst case a = 0.01, z = 1e-6)
    assertClose(logHyperU(a, b, z), expected, 3e-12 * Math.max(1, Math.abs(expected)), `ln U(${a}, ${b}, ${z}) vs mpmath`);
  }
});

test('closed forms: U(1, 1, z) = eᶻE₁(z), U(a, a+1, z) = z^(−a)', () => {
  assertClose(Math.exp(logHyperU(1, 1, 1)), 0.596347362323194, 1e-14, 'U(1,1,1) = e·E₁(1) (A&S 5.1)', true);
  for (const [a, z] of [
    [0.5, 0.1],
    [3, 20],
    [0.05, 1e-4],
  ]) {
    assertClose(
      logHyperU(a, a + 1, z),
      -a * Math.log(z),
      1e-12 * Math.max(1, Math.abs(a * Math.log(z))),
      `ln U(${a}, ${a}+1, ${z}) = −a ln z (DLMF 13.6.4)`,
    );
  }
});

test('out-of-domain input returns NaN', () => {
  assert.ok(Number.isNaN(logHyperU(0, 1, 1)));
  assert.ok(Number.isNaN(logHyperU(1, 1, 0)));
  assert.ok(Number.isNaN(logHyperU(1, NaN, 1)));
});
