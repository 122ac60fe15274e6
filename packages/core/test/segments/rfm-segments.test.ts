import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RFM_SEGMENT_RULES, RFM_SEGMENTS, rfmSegmentIndex, toGrid } from '../../src/segments/rfm-segments.js';
import { computeRfm } from '../../src/segments/rfm.js';

test('the rule table covers every cell of the 5 × 5 grid exactly once', () => {
  for (let r = 1; r <= 5; r++) {
    for (let fm = 1; fm <= 5; fm++) {
      const hits = RFM_SEGMENT_RULES.filter((x) => r >= x.r[0] && r <= x.r[1] && fm >= x.fm[0] && fm <= x.fm[1]);
      assert.equal(hits.length, 1, `cell R${r} FM${fm} matched ${hits.length} rules`);
    }
  }
  assert.equal(RFM_SEGMENTS.length, 11);
});

test('named cells (hand-read from the documented grid)', () => {
  const name = (r: number, f: number, m: number): string =>
    RFM_SEGMENTS[rfmSegmentIndex(Uint8Array.of(r), Uint8Array.of(f), Uint8Array.of(m), 5)[0]!]!;
  assert.equal(name(5, 5, 5), 'Champions');
  assert.equal(name(5, 4, 3), 'Champions'); // FM = floor((4+3+1)/2) = 4
  assert.equal(name(5, 1, 1), 'New');
  assert.equal(name(4, 1, 1), 'Promising');
  assert.equal(name(3, 3, 3), 'Need attention');
  assert.equal(name(1, 5, 5), "Can't lose them");
  assert.equal(name(2, 3, 4), 'At risk'); // FM = 4
  assert.equal(name(2, 1, 2), 'Hibernating'); // FM = 2
  assert.equal(name(1, 1, 1), 'Lost');
  assert.equal(rfmSegmentIndex(Uint8Array.of(0), Uint8Array.of(3), Uint8Array.of(3), 5)[0], -1);
});

test('other bin counts map to the grid by bin centre', () => {
  assert.deepEqual(
    [1, 2, 3].map((s) => toGrid(s, 3)),
    [1, 3, 5],
  );
  assert.deepEqual(
    [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((s) => toGrid(s, 10)),
    [1, 1, 2, 2, 3, 3, 4, 4, 5, 5],
  );
});

test('computeRfm: recency scored on days (fewer is better), F on purchase days, M on net revenue', () => {
  const res = computeRfm({
    recencyDays: Float64Array.of(0, 10, 20, 30, 40),
    purchaseDays: Float64Array.of(5, 4, 3, 2, 1),
    monetary: Float64Array.of(500, 400, 300, 200, 100),
  });
  assert.deepEqual(Array.from(res.r), [5, 4, 3, 2, 1]);
  assert.deepEqual(Array.from(res.f), [5, 4, 3, 2, 1]);
  assert.deepEqual(
    Array.from(res.segment, (i) => res.segmentNames[i]),
    ['Champions', 'Loyal', 'Need attention', 'Hibernating', 'Lost'],
  );
});

test('computeRfm: one customer is Lost (every score 1 by the tie rule)', () => {
  const res = computeRfm({ recencyDays: Float64Array.of(3), purchaseDays: Float64Array.of(9), monetary: Float64Array.of(900) });
  assert.deepEqual([res.r[0], res.f[0], res.m[0]], [1, 1, 1]);
  assert.equal(res.segmentNames[res.segment[0]!], 'Lost');
});
