import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kmeans } from '../../src/math/cluster/kmeans.js';
import { silhouette } from '../../src/math/cluster/silhouette.js';
import { microSegments } from '../../src/segments/micro-segments.js';
import { createRng } from '../../src/math/random/rng.js';
import { assertClose } from '../helpers/assert-close.js';

test('silhouette of two tight pairs (by hand: (10.5−1)/10.5, (9.5−1)/9.5, …)', () => {
  const s = silhouette(Float64Array.of(0, 1, 10, 11), 4, 1, Int32Array.of(0, 0, 1, 1), 2);
  assertClose(s, (9.5 / 10.5 + 8.5 / 9.5) / 2, 1e-15, 'mean silhouette');
  assert.ok(Number.isNaN(silhouette(Float64Array.of(0, 1), 2, 1, Int32Array.of(0, 0), 2)));
});

test('k-means separates two obvious groups and is deterministic for a seed', () => {
  const x = Float64Array.of(0, 0, 0.1, 0.2, 0.2, 0.1, 9, 9, 9.1, 9.2, 9.2, 8.9);
  const a = kmeans(x, 6, 2, 2, createRng(3));
  const b = kmeans(x, 6, 2, 2, createRng(3));
  assert.deepEqual(a.assignment, b.assignment);
  assert.equal(new Set(a.assignment.slice(0, 3)).size, 1);
  assert.equal(new Set(a.assignment.slice(3)).size, 1);
  assert.notEqual(a.assignment[0], a.assignment[3]);
});

test('k-means with fewer distinct points than k leaves extra centres empty', () => {
  const r = kmeans(Float64Array.of(1, 1, 1), 3, 1, 2, createRng(1));
  assert.deepEqual(Array.from(r.assignment), [0, 0, 0]);
  assert.equal(r.inertia, 0);
});

/** Three well-separated behaviour groups inside one stage, plus a tiny second stage. */
function synthetic(seed: number): { freq: Float64Array; spend: Float64Array; stage: Uint8Array; value: Float64Array } {
  const u = createRng(seed);
  const n = 600;
  const freq = new Float64Array(n),
    spend = new Float64Array(n),
    stage = new Uint8Array(n),
    value = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const g = i % 3;
    freq[i] = [1, 5, 20][g]! + u();
    spend[i] = [10, 200, 30][g]! * (1 + 0.1 * u());
    value[i] = freq[i]! * spend[i]!;
    stage[i] = i < 590 ? 0 : 1;
  }
  return { freq, spend, stage, value };
}

test('micro-segments: k = 3 found by silhouette on three planted groups; same seed, same segments', () => {
  const s = synthetic(11);
  const features = [
    { name: 'purchase days', unit: 'days', values: s.freq, log: true },
    { name: 'spend', unit: 'USD', values: s.spend, log: true },
  ];
  const a = microSegments(features, s.stage, ['active', 'lapsed'], s.value, { seed: 5 });
  const b = microSegments(features, s.stage, ['active', 'lapsed'], s.value, { seed: 5 });
  assert.deepEqual(a.segment, b.segment);
  assert.equal(a.choices[0]!.k, 3);
  assert.equal(a.choices[1]!.k, 1, 'a stage of 10 customers is one segment');
  assert.deepEqual(
    a.segments.map((x) => x.label),
    ['active:1', 'active:2', 'active:3', 'lapsed:1'],
  );
  // planted groups are recovered exactly
  for (let g = 0; g < 3; g++) {
    const labels = new Set<number>();
    for (let i = g; i < 590; i += 3) labels.add(a.segment[i]!);
    assert.equal(labels.size, 1, `group ${g} split across segments`);
  }
  // active:1 has the largest value share: the 5-purchase, 200-USD group; described in original units
  assert.ok(a.segments[0]!.profile[1]!.median > 190, a.segments[0]!.description);
  assert.match(a.segments[0]!.description, /high spend \(median \d+/);
  const shares = a.segments.reduce((t, x) => t + x.valueShare, 0);
  assertClose(shares, 1, 1e-12, 'value shares over all micro-segments');
});

test('micro-segments: all customers equal → one segment per stage, "typical" description', () => {
  const v = new Float64Array(100).fill(3);
  const r = microSegments([{ name: 'f', unit: 'x', values: v }], new Uint8Array(100), ['active'], v);
  assert.equal(r.segments.length, 1);
  assert.equal(r.segments[0]!.description, 'typical active customers');
});

test('micro-segments on the CDNOW sample: every customer labelled within its stage, deterministic', async () => {
  const { logWorkspace } = await import('../cohorts/log-workspace.js');
  const { readFileSync } = await import('node:fs');
  const { dataPath } = await import('../helpers/read-csv.js');
  const { segmentAsOf } = await import('../../src/segments/segment-as-of.js');
  const { microSegmentsOf } = await import('../../src/segments/behaviour-features.js');
  const lines = readFileSync(dataPath('cdnow/cdnow_sample_elog.csv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => {
      const [, id, d, , sales] = l.split(',');
      return `${id},${d!.slice(0, 4)}-${d!.slice(4, 6)}-${d!.slice(6, 8)},${sales}`;
    });
  const engine = await logWorkspace(lines);
  try {
    const seg = await segmentAsOf(engine, { asOf: '1997-12-31' });
    const a = microSegmentsOf(seg, { seed: 7 });
    const b = microSegmentsOf(seg, { seed: 7 });
    assert.deepEqual(a.segment, b.segment);
    for (let i = 0; i < seg.length; i++) {
      const s = a.segments[a.segment[i]!]!;
      assert.equal(s.stage, seg.stageNames[seg.lifecycle.stage[i]!], `customer ${seg.customerId[i]}`);
    }
    assert.equal(
      a.segments.reduce((t, s) => t + s.size, 0),
      2357,
    );
    for (const c of a.choices) if (c.k > 1) assert.ok(c.k >= 2 && c.k <= 6);
  } finally {
    await engine.close();
  }
});
