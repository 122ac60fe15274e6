import { test } from 'node:test';
import assert from 'node:assert/strict';
import { markovCustomerValue } from '../../src/segments/markov-value.js';
import { markovView } from '../../src/segments/migration.js';
import { LOST } from '../../src/segments/migration-sql.js';
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
  const q = 1 / 1.2,
    a = 1 - 0.5 * q,
    b = 0.3 * q,
    c = 0.2 * q;
  const det = a * a - b * c;
  const v0 = (50 * a + b * 20) / det,
    v1 = (a * 20 + c * 50) / det;
  const v = markovCustomerValue(Float64Array.of(0.5, 0.3, 0.2, 0.2, 0.5, 0.3, 0, 0, 1), Float64Array.of(50, 20, 0), { discountRate: 0.2 });
  assertClose(v[0]!, v0, 1e-10, 'V0 vs Cramer');
  assertClose(v[1]!, v1, 1e-10, 'V1 vs Cramer');
  // finite horizon converges to the infinite one
  const far = markovCustomerValue(Float64Array.of(0.5, 0.3, 0.2, 0.2, 0.5, 0.3, 0, 0, 1), Float64Array.of(50, 20, 0), {
    discountRate: 0.2,
    horizon: 400,
  });
  assertClose(far[0]!, v0, 1e-9, 'V^400 → V^∞');
});

test('no discount and an infinite horizon is undefined: NaN', () => {
  const v = markovCustomerValue(P, R, { discountRate: 0 });
  if (!Number.isNaN(v[0]!)) throw new Error(`expected NaN, got ${v[0]}`);
});

// Issue 21, item 9: an absorbing lost state, a finite horizon, discounting, and a check against history.
test('absorbing lost state, 3 periods, d = 10%: V = R + qPR + q²P²R by hand', () => {
  // states A, B, lost; P = [[.7,.2,.1],[.3,.5,.2],[0,0,1]], R = [100, 40, 0]
  // PR = [78, 50, 0]; P²R = P·PR = [.7·78 + .2·50, .3·78 + .5·50, 0] = [64.6, 48.4, 0]
  const v = markovCustomerValue(Float64Array.of(0.7, 0.2, 0.1, 0.3, 0.5, 0.2, 0, 0, 1), Float64Array.of(100, 40, 0), {
    discountRate: 0.1,
    horizon: 2,
  });
  assertClose(v[0]!, 100 + 78 / 1.1 + 64.6 / 1.21, 1e-10, 'V(A), hand computation');
  assertClose(v[1]!, 40 + 50 / 1.1 + 48.4 / 1.21, 1e-10, 'V(B), hand computation');
  assertClose(v[2]!, 0, 0, 'V(lost)');
});

const CELLS = [
  { from_state: 'Gold', to_state: 'Gold', customers: 7 },
  { from_state: 'Gold', to_state: 'Bronze', customers: 2 },
  { from_state: 'Gold', to_state: LOST, customers: 1 },
  { from_state: 'Bronze', to_state: 'Gold', customers: 3 },
  { from_state: 'Bronze', to_state: 'Bronze', customers: 5 },
  { from_state: 'Bronze', to_state: LOST, customers: 2 },
  { from_state: LOST, to_state: LOST, customers: 4 },
  { from_state: LOST, to_state: 'Bronze', customers: 1 },
];

test('markovView: lost is absorbing and earns nothing (returns from it reported, not used); 2 quarters at 10% a year; no warning when history supports the value', () => {
  const revenue = [
    { state: 'Gold', customers: 10, revenue: 1000, past: 2000 },
    { state: 'Bronze', customers: 10, revenue: 400, past: 1000 },
    { state: LOST, customers: 5, revenue: 50, past: 10 },
  ];
  const m = markovView(CELLS, revenue, ['Gold', 'Bronze'], { periodDays: 91, annualRate: 0.1, horizonYears: 0.5, historicSpanDays: 182 });
  assert.deepEqual(m.states, ['Gold', 'Bronze', LOST]);
  assert.equal(m.periods, 2, 'round(0.5 × 365.25 / 91) = 2 quarters');
  assert.deepEqual(m.transition, [
    [0.7, 0.2, 0.1],
    [0.3, 0.5, 0.2],
    [0, 0, 1],
  ]);
  assert.deepEqual(m.reward, [100, 40, 0]);
  assertClose(m.lostReturnShare, 0.2, 1e-15, '1 of the 5 lost customers came back (ignored by the chain)');
  const q = 1 / Math.pow(1.1, 91 / 365.25);
  assertClose(m.value[0]!, 100 + q * 78, 1e-10, 'V(Gold) = R + qPR');
  assertClose(m.value[1]!, 40 + q * 50, 1e-10, 'V(Bronze) = R + qPR');
  assert.equal(m.value[2], 0);
  assert.deepEqual(m.historic.slice(0, 2), [200, 100]);
  assert.deepEqual(m.warnings, []);
});

test("markovView: a value above 3× the state's history over the same span is flagged in plain words; a short history is scaled", () => {
  const revenue = [
    { state: 'Gold', customers: 10, revenue: 1000, past: 2000 },
    { state: 'Bronze', customers: 10, revenue: 400, past: 100 },
  ];
  const m = markovView(CELLS, revenue, ['Gold', 'Bronze'], { periodDays: 91, annualRate: 0.1, horizonYears: 0.5, historicSpanDays: 91 });
  assert.deepEqual(m.historic.slice(0, 2), [400, 20], 'history of one quarter scaled to the two of the horizon');
  assert.equal(m.warnings.length, 1);
  assert.match(
    m.warnings[0]!,
    /^Bronze: a customer is valued at 8\d\.\d+ over the next 0\.50 years, more than 3× what the state's customers brought in over the 0\.50 years before \(20, scaled from 91 days\)/,
  );
});
