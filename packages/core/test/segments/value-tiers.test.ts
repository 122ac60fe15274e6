import { test } from 'node:test';
import assert from 'node:assert/strict';
import { valueTiers } from '../../src/segments/value-tiers.js';
import { paretoShares } from '../../src/segments/pareto.js';
import { assertClose } from '../helpers/assert-close.js';

test('default tiers on 100 distinct values: 1 / 4 / 15 / 80 customers', () => {
  const v = Float64Array.from({ length: 100 }, (_, i) => 100 - i); // 100, 99, …, 1; total 5050
  const r = valueTiers(v);
  assert.deepEqual(
    r.tiers.map((t) => t.count),
    [1, 4, 15, 80],
  );
  assert.deepEqual(
    r.tiers.map((t) => t.cutoff),
    [100, 96, 81, null],
  );
  // Platinum holds 100 / 5050; Gold 99+98+97+96 = 390
  assertClose(r.tiers[0]!.valueShare, 100 / 5050, 1e-15, 'Platinum value share');
  assertClose(r.tiers[1]!.valueShare, 390 / 5050, 1e-15, 'Gold value share');
  assertClose(
    r.tiers.reduce((s, t) => s + t.customerShare, 0),
    1,
    1e-15,
    'customer shares sum',
  );
});

test('ties at a cut-off join the better tier', () => {
  // top 25% of 4 = 1 customer, but two share the top value: both are "Top"
  const r = valueTiers(Float64Array.of(9, 9, 5, 1), [{ name: 'Top', topShare: 0.25 }, { name: 'Rest' }]);
  assert.deepEqual(Array.from(r.tier), [0, 0, 1, 1]);
});

test('all customers equal: everyone is in the best tier', () => {
  const r = valueTiers(Float64Array.of(3, 3, 3));
  assert.deepEqual(Array.from(r.tier), [0, 0, 0]);
});

test('one customer is Platinum; empty base has empty tiers', () => {
  assert.deepEqual(Array.from(valueTiers(Float64Array.of(10)).tier), [0]);
  const e = valueTiers(new Float64Array(0));
  assert.deepEqual(
    e.tiers.map((t) => t.count),
    [0, 0, 0, 0],
  );
});

test('tiers by value cut-offs, custom names', () => {
  const r = valueTiers(Float64Array.of(1000, 500, 499, 10), [{ name: 'A', minValue: 500 }, { name: 'B', minValue: 100 }, { name: 'C' }]);
  assert.deepEqual(Array.from(r.tier), [0, 0, 1, 2]);
  assert.equal(r.tiers[1]!.rule, '100 ≤ value < 500');
  assert.throws(
    () => valueTiers(Float64Array.of(1), [{ name: 'A', minValue: 1 }, { name: 'B', topShare: 0.5 }, { name: 'C' }]),
    RangeError,
  );
});

test('Pareto shares: top ceil(q·n) customers', () => {
  const p = paretoShares(Float64Array.of(5, 60, 10, 20, 5), [0.2, 0.5, 1]);
  assert.deepEqual(
    p.map((x) => x.customers),
    [1, 3, 5],
  );
  assertClose(p[0]!.valueShare, 0.6, 1e-15, 'top 20%');
  assertClose(p[1]!.valueShare, 0.9, 1e-15, 'top 50% (3 of 5)');
  assertClose(p[2]!.valueShare, 1, 1e-15, 'everyone');
});
