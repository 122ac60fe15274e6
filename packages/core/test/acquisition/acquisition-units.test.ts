// Acquisition rows built from units, on a hand-made example whose CAC, LTV, cumulative margin and
// payback month are worked out by hand in the comments.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildUnits } from '../../src/acquisition/acquisition-units.js';
import { aggregateRow, monthLabel, quarterLabel } from '../../src/acquisition/acquisition-rows.js';
import { createRng } from '../../src/math/random/rng.js';
import { assertClose } from '../helpers/assert-close.js';

// channel a: two customers acquired in month 100 (realised 30 and 10, predicted 5 each, margin per
// expected purchase 1), one in month 101 (realised 20, nothing predicted); spend a/100 = 30,
// a/101 = 30; channel b: spend 50 in month 100 and no customer. Report month 102.
const units = () =>
  buildUnits({
    levels: ['a', 'b'],
    level: Int32Array.of(0, 0, 0),
    month: Int32Array.of(100, 100, 101),
    realised: Float64Array.of(30, 10, 20),
    predicted: Float64Array.of(5, 5, 0),
    weight: Float64Array.of(1, 1, 0),
    pattern: Int32Array.of(0, 0, 0),
    curve: Float64Array.of(1, 1.5, 2, 2.5), // cumulative expected purchases 1 … 4 months after the report day
    revenue: [
      { level: 0, month: 100, k: 0, revenue: 100 },
      { level: 0, month: 100, k: 2, revenue: 100 },
      { level: 0, month: 101, k: 0, revenue: 50 },
    ],
    spend: [
      { level: 0, month: 100, amount: 30 },
      { level: 0, month: 101, amount: 30 },
      { level: 1, month: 100, amount: 50 },
    ],
    reportMonth: 102,
    K: 4,
    B: 200,
    rng: createRng(3),
  });

test('units: cumulative margin realised (spread by revenue) then projected after the age', () => {
  const u = units();
  assert.equal(u.firstMonth, 100);
  assert.equal(u.months, 3);
  // unit a/100: margin rate 40/200 = 0.2 → 20, 20, 40 (age 2), then 40 + 2 × curve: 42, 43
  assert.deepEqual([...u.cumulative.subarray(0, 5)], [20, 20, 40, 42, 43]);
  // unit a/101: rate 20/50 → 20 (age 1), then nothing projected (weight 0)
  assert.deepEqual([...u.cumulative.subarray(5, 10)], [20, 20, 20, 20, 20]);
  assert.ok(Number.isNaN(u.spend[2]!), 'a/102: no spend row');
});

test('rows: CAC, LTV:CAC, payback observed or projected, spend without customers', () => {
  const u = units();
  const cohort100 = aggregateRow(u, [0], 'a', '2008-05', true);
  assert.equal(cohort100.newCustomers, 2);
  assert.equal(cohort100.cac, 15);
  assert.equal(cohort100.ltvPerCustomer, 25);
  assertClose(cohort100.ltvToCac!, 25 / 15, 1e-12, 'LTV:CAC');
  assert.equal(cohort100.paybackMonths, 2, '10, 10, 20 per customer ≥ 15 at k = 2');
  assert.equal(cohort100.paybackProjected, false, 'the cohort has lived 2 months');
  assert.ok(
    cohort100.ltvToCacLow! >= 15 / 15 && cohort100.ltvToCacHigh! <= 35 / 15 && cohort100.ltvToCacLow! <= cohort100.ltvToCac!,
    'interval within the resampling range',
  );
  const channel = aggregateRow(u, [0, 1, 2], 'a', null, true);
  assert.equal(channel.cac, 20, '60 / 3');
  assert.equal(channel.paybackMonths, 2, '(40 + 20) / 3 = 20 at k = 2');
  assert.equal(channel.paybackProjected, true, 'the month-101 customer has lived only 1 month');
  const cohort101 = aggregateRow(u, [1], 'a', '2008-06', true);
  assert.equal(cohort101.paybackMonths, null, 'stays at 20 < 30 through 4 months');
  const b = aggregateRow(u, [3], 'b', '2008-05', true);
  assert.equal(b.newCustomers, 0);
  assert.equal(b.cac, null);
  assert.equal(b.spend, 50);
  assert.equal(b.note, 'spend without new customers: CAC not computed');
  // nothing to divide by: null like CAC (not NaN, which JSON would turn into null anyway), so the type says so
  assert.deepEqual([b.realisedPerCustomer, b.predictedPerCustomer, b.ltvPerCustomer, b.ltvToCac], [null, null, null, null]);
  const noSpend = aggregateRow(u, [2], 'a', '2008-07', true);
  assert.equal(noSpend.spend, null);
});

test('month and quarter labels', () => {
  assert.equal(monthLabel(0), '1970-01');
  assert.equal(monthLabel(54 * 12 + 11), '2024-12');
  assert.equal(quarterLabel(54 * 12 + 4), '2024-Q2');
});
