// mergeSummary's edge cases on hand-made summaries (the CDNOW test checks it against full recomputes).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mergeSummary } from '../../src/refresh/merge-summary.js';
import { parseDuration } from '../../src/refresh/duration.js';
import type { CustomerSummary } from '../../src/summary/summary.js';
import { isoToDay } from '../../src/summary/summary.js';

/** A summary of customers given as [id, first purchase ISO day, frequency], T measured to `end` in days. */
function summaryOf(end: string, rows: [string, string, number][]): CustomerSummary {
  const f = (xs: number[]) => Float64Array.from(xs);
  const first = rows.map((r) => isoToDay(r[1]));
  return {
    period: 'day',
    calibrationEnd: end,
    holdoutEnd: null,
    length: rows.length,
    customerId: rows.map((r) => r[0]),
    frequency: f(rows.map((r) => r[2])),
    recency: f(rows.map(() => 0)),
    T: f(first.map((d) => isoToDay(end) - d)),
    monetaryValue: f(rows.map(() => 0)),
    firstPurchase: f(first),
    lastPurchase: f(first),
    transactions: f(rows.map((r) => r[2] + 1)),
    totalRevenue: f(rows.map(() => 10)),
    returns: f(rows.map(() => 0)),
    returnsValue: f(rows.map(() => 0)),
    netRevenue: f(rows.map(() => 10)),
    frequencyHoldout: null,
    monetaryValueHoldout: null,
    durationHoldout: null,
    hasReturns: false,
  };
}

test('a new customer goes to its place in the id order; a touched customer without a row leaves; untouched rows stay', () => {
  const prev = summaryOf('2024-01-10', [
    ['2', '2024-01-01', 0],
    ['10', '2024-01-02', 1],
    ['a', '2024-01-03', 2],
  ]);
  const fresh = summaryOf('2024-01-10', [
    ['3', '2024-01-09', 0],
    ['a', '2024-01-03', 3],
  ]);
  const m = mergeSummary(prev, fresh, new Set(['3', 'a', '10']));
  assert.deepEqual(m.summary.customerId, ['2', '3', 'a']);
  assert.deepEqual([...m.summary.frequency], [0, 0, 3]);
  assert.deepEqual([...m.source], [0, -1, -2]);
  assert.deepEqual([m.added, m.removed], [1, 1]);
});

test('when the calibration end moves, every untouched customer is a day older (T to the new end)', () => {
  const prev = summaryOf('2024-01-10', [
    ['1', '2024-01-01', 0],
    ['2', '2024-01-05', 1],
  ]);
  const fresh = summaryOf('2024-01-12', [['2', '2024-01-05', 2]]);
  const m = mergeSummary(prev, fresh, new Set(['2']));
  assert.deepEqual([...m.summary.T], [11, 7]);
  assert.equal(m.summary.calibrationEnd, '2024-01-12');
});

test('an empty batch leaves the summary as it was', () => {
  const prev = summaryOf('2024-01-10', [['1', '2024-01-01', 0]]);
  const m = mergeSummary(prev, summaryOf('2024-01-10', []), new Set());
  assert.deepEqual(m.summary.customerId, ['1']);
  assert.deepEqual([m.added, m.removed], [0, 0]);
});

test('parseDuration reads 90s, 15m, 6h, 1d and off; anything else is a typed error saying the forms', () => {
  assert.deepEqual(
    ['90s', '15m', '6h', '1d', 'off', '0'].map((d) => parseDuration(d, '--refit-every')),
    [90_000, 900_000, 21_600_000, 86_400_000, 0, 0],
  );
  assert.throws(
    () => parseDuration('5x', '--refit-every'),
    /--refit-every must be a duration like 90s, 15m, 6h or 1d \(or off\); got "5x"/,
  );
  assert.throws(() => parseDuration('0h', '--refit-every'), { code: 'bad_duration' } as object);
});
