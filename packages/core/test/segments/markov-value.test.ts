import { test } from 'node:test';
import { markovCustomerValue } from '../../src/segments/markov-value.js';
import { assertClose } from '../helpers/assert-close.js';

// Two states: active (reward 100 per period) stays active w.p. 0.6, else lost for good (reward 0); d = 10%.
const P = Float64Array.of(0.6, 0.4, 0, 1);
const R = Float64Array.of(100, 0);

test('infinite horizon: V = 100 / (1 − 0.6 / 1.1) = 220 (by hand)', () => {
  const v = markovCustomerValue(P, R, { discountRate: 0.1 });
  assertClose(v[0]!, 220, 1e-10, 'V(active), Pfeifer & Carraway 2000 V^∞');
  assertClose(v[1]!, 0, 1e-12, 'V(lost)');
});

test('finite horizon T = 2: 100 + 100·0.6/1.1 + 100·0.36/1.21 (by hand)', () => {
  const v = markovCustomerValue(P, R, { discountRate: 0.1, horizon: 2 });
  assertClose(v[0]!, 100 + 60 / 1.1 + 36 / 1.21, 1e-10, 'V^2(active)');
});

test('three states with a return path (migration model) match the linear solve by hand', () => {
  // P = [[.5,.3,.2],[.2,.5,.3],[0,0,1]], R = [50, 20, 0], d = 0.2, q = 1/1.2
  // (I − qP) v = R: v0 = 50 + q(.5 v0 + .3 v1), v1 = 20 + q(.2 v0 + .5 v1)
  // → v0(1 − .5q) − .3q v1 = 50; −.2q v0 + (1 − .5q) v1 = 20
  const q = 1 / 1.2, a = 1 - 0.5 * q, b = 0.3 * q, c = 0.2 * q;
  const det = a * a - b * c;
  const v0 = (50 * a + b * 20) / det, v1 = (a * 20 + c * 50) / det;
  const v = markovCustomerValue(Float64Array.of(0.5, 0.3, 0.2, 0.2, 0.5, 0.3, 0, 0, 1), Float64Array.of(50, 20, 0), { discountRate: 0.2 });
  assertClose(v[0]!, v0, 1e-10, 'V0 vs Cramer');
  assertClose(v[1]!, v1, 1e-10, 'V1 vs Cramer');
  // finite horizon converges to the infinite one
  const far = markovCustomerValue(Float64Array.of(0.5, 0.3, 0.2, 0.2, 0.5, 0.3, 0, 0, 1), Float64Array.of(50, 20, 0), { discountRate: 0.2, horizon: 400 });
  assertClose(far[0]!, v0, 1e-9, 'V^400 → V^∞');
});

test('no discount and an infinite horizon is undefined: NaN', () => {
  const v = markovCustomerValue(P, R, { discountRate: 0 });
  if (!Number.isNaN(v[0]!)) throw new Error(`expected NaN, got ${v[0]}`);
});
