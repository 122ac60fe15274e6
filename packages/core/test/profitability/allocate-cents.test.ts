// Largest-remainder allocation: hand-checked splits and the exact-sum property.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allocateCents, fromCents, sumCents, toCents, toCentsInPlace } from '../../src/profitability/allocate-cents.js';
import { kthLargest } from '../../src/math/stats/kth-largest.js';
import { createRng } from '../../src/math/random/rng.js';

test('100 cents over three equal volumes: 34, 33, 33 (tie goes to the first)', () => {
  const r = allocateCents(100, Float64Array.of(1, 1, 1));
  assert.deepEqual(Array.from(r.cents), [34, 33, 33]);
  assert.equal(r.unassignedCents, 0);
});

test('1,001 cents over volumes 3, 3, 4: quotas 300.3, 300.3, 400.4 → 300, 300, 401', () => {
  assert.deepEqual(Array.from(allocateCents(1001, Float64Array.of(3, 3, 4)).cents), [300, 300, 401]);
});

test('outside volume is one more claimant: 1,200 cents over 2, 1 and 1 outside → 600, 300, 300 unassigned', () => {
  const r = allocateCents(1200, Float64Array.of(2, 1), 1);
  assert.deepEqual([...r.cents, r.unassignedCents], [600, 300, 300]);
});

test('zero total volume: the whole pool is unassigned', () => {
  const r = allocateCents(500, Float64Array.of(0, 0));
  assert.deepEqual([...r.cents, r.unassignedCents], [0, 0, 500]);
});

test('a zero-volume customer never gets a cent', () => {
  const r = allocateCents(7, Float64Array.of(0, 1, 0, 1, 1, 0));
  assert.deepEqual(Array.from(r.cents), [0, 3, 0, 2, 2, 0]);
});

test('random volumes: sums are exact and nobody is a cent or more from their quota', () => {
  const rng = createRng(42);
  for (let trial = 0; trial < 50; trial++) {
    const n = 1 + Math.floor(rng() * 500);
    const v = Float64Array.from({ length: n }, () => (rng() < 0.2 ? 0 : Math.floor(rng() * 50) + rng()));
    const pool = Math.floor(rng() * 1e7);
    const outside = rng() < 0.5 ? 0 : rng() * 10;
    const { cents, unassignedCents } = allocateCents(pool, v, outside);
    const total = v.reduce((s, x) => s + x, 0) + outside;
    let sum = unassignedCents;
    for (let i = 0; i < n; i++) {
      sum += cents[i]!;
      assert.ok(Number.isInteger(cents[i]!));
      assert.ok(
        Math.abs(cents[i]! - (pool * v[i]!) / total) < 1,
        `trial ${trial} claimant ${i}: ${cents[i]} vs quota ${(pool * v[i]!) / total}`,
      );
    }
    assert.equal(sum, pool, `trial ${trial}`);
  }
});

test('toCents clears binary noise: 12.345 → 1235, 0.1 + 0.2 → 30, −2.675 → −268', () => {
  assert.deepEqual([toCents(12.345), toCents(0.1 + 0.2), toCents(-2.675), toCents(0)], [1235, 30, -268, 0]);
});

test('kthLargest matches a sort', () => {
  const rng = createRng(7);
  const a = Float64Array.from({ length: 1001 }, () => Math.floor(rng() * 100) / 10);
  const sorted = Array.from(a).sort((x, y) => y - x);
  for (const k of [1, 2, 10, 500, 1000, 1001]) assert.equal(kthLargest(a.slice(), k), sorted[k - 1], `k=${k}`);
  assert.ok(Number.isNaN(kthLargest(a.slice(), 0)));
});

test('cent helpers: sum, round in place (half away from zero, as toCents), back to currency', () => {
  assert.equal(sumCents(Float64Array.of(34, 33, 33)), 100);
  assert.equal(sumCents(new Float64Array(0)), 0);
  const a = Float64Array.of(1.005, -2.5, 0.125, -0.125, 19.99);
  const same = toCentsInPlace(a);
  assert.equal(same, a); // in place
  assert.deepEqual(Array.from(a), [101, -250, 13, -13, 1999]);
  const back = fromCents(a);
  assert.notEqual(back, a); // a new array
  assert.deepEqual(Array.from(back), [1.01, -2.5, 0.13, -0.13, 19.99]);
  // brute force: every cent amount from −10,000 to 10,000 survives currency → cents → currency
  const cents = Float64Array.from({ length: 20_001 }, (_, i) => i - 10_000);
  assert.deepEqual(Array.from(toCentsInPlace(fromCents(cents))), Array.from(cents));
});
