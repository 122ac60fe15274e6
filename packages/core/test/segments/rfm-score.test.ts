import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scoreColumn } from '../../src/segments/rfm-score.js';

const scores = (r: { scores: Uint8Array }): number[] => Array.from(r.scores);

test('percentile scores, no ties: 10 values in 5 bins give two per score', () => {
  // L(x) = 0..9, score = 1 + floor(5·L/10) → 1,1,2,2,3,3,4,4,5,5
  const r = scoreColumn(Float64Array.of(10, 20, 30, 40, 50, 60, 70, 80, 90, 100));
  assert.deepEqual(scores(r), [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
  assert.deepEqual(
    r.bands.map((b) => b.threshold),
    [null, 30, 50, 70, 90],
  );
  assert.deepEqual(
    r.bands.map((b) => b.count),
    [2, 2, 2, 2, 2],
  );
});

test('ties: equal values always get equal scores and the skipped bin is empty', () => {
  // sorted 1,2,2,3,5: L = 0,1,1,3,4 → scores 1,2,2,4,5; score 3 is empty (hand-checked)
  const r = scoreColumn(Float64Array.of(5, 2, 1, 2, 3));
  assert.deepEqual(scores(r), [5, 2, 1, 2, 4]);
  assert.equal(r.bands[2]!.count, 0);
  assert.equal(r.bands[2]!.min, null);
  assert.deepEqual(
    r.bands.map((b) => b.threshold),
    [null, 2, 3, 3, 5],
  );
});

test('a large tie group (one-time buyers) all score 1', () => {
  // 6 of 10 have frequency 1: L(1) = 0; L(2) = 6 → 1 + floor(3) = 4; L(3) = 8 → 5
  const r = scoreColumn(Float64Array.of(1, 1, 1, 1, 1, 1, 2, 2, 3, 3));
  assert.deepEqual(scores(r), [1, 1, 1, 1, 1, 1, 4, 4, 5, 5]);
  assert.deepEqual(
    r.bands.map((b) => b.count),
    [6, 0, 0, 2, 2],
  );
});

test('all customers equal: everyone scores 1, no thresholds reached', () => {
  const r = scoreColumn(Float64Array.of(7, 7, 7, 7));
  assert.deepEqual(scores(r), [1, 1, 1, 1]);
  assert.deepEqual(
    r.bands.map((b) => b.threshold),
    [null, null, null, null, null],
  );
});

test('one customer scores 1; empty input scores nothing', () => {
  assert.deepEqual(scores(scoreColumn(Float64Array.of(42))), [1]);
  const e = scoreColumn(new Float64Array(0));
  assert.equal(e.scores.length, 0);
  assert.deepEqual(
    e.bands.map((b) => b.count),
    [0, 0, 0, 0, 0],
  );
});

test('lower is better (recency days): fewest days score highest', () => {
  // days 0, 10, 20, 30, 40: worst-first order 40..0 → L = 4,3,2,1,0
  const r = scoreColumn(Float64Array.of(0, 10, 20, 30, 40), { higherIsBetter: false });
  assert.deepEqual(scores(r), [5, 4, 3, 2, 1]);
  assert.deepEqual(
    r.bands.map((b) => b.threshold),
    [null, 30, 20, 10, 0],
  );
});

test('bins 3 and 10', () => {
  const v = Float64Array.from({ length: 10 }, (_, i) => i);
  // 3 bins: 1 + floor(3·L/10): L 0..3 → 1, 4..6 → 2, 7..9 → 3
  assert.deepEqual(scores(scoreColumn(v, { bins: 3 })), [1, 1, 1, 1, 2, 2, 2, 3, 3, 3]);
  assert.deepEqual(scores(scoreColumn(v, { bins: 10 })), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  assert.throws(() => scoreColumn(v, { bins: 2 }), RangeError);
  assert.throws(() => scoreColumn(v, { bins: 11 }), RangeError);
});

test('custom thresholds are inclusive on the good side', () => {
  const f = scoreColumn(Float64Array.of(1, 2, 3, 5, 9), { bins: 3, thresholds: [2, 5] });
  assert.deepEqual(scores(f), [1, 2, 2, 3, 3]);
  const rec = scoreColumn(Float64Array.of(10, 30, 31, 90, 91, 400), { thresholds: [30, 90, 180, 365], higherIsBetter: false });
  assert.deepEqual(scores(rec), [5, 5, 4, 4, 3, 1]);
  assert.equal(rec.method, 'thresholds');
  assert.throws(() => scoreColumn(Float64Array.of(1), { bins: 3, thresholds: [5, 2] }), RangeError);
});

test('NaN values score 0 and do not count in the ranks', () => {
  assert.deepEqual(scores(scoreColumn(Float64Array.of(Number.NaN, 1, 2, 3, 4, 5))), [0, 1, 2, 3, 4, 5]);
});
