// NPS and its adjusted-Wald interval (Rocks 2016), checked against an independent derivation: the
// interval written as the mean ± z·SE of the per-answer scores +1/0/−1 on the augmented sample
// (¾ promoter, 1½ passives, ¾ detractor added), computed here by weighted moments; and a seeded
// coverage simulation (Rocks reports coverage near the nominal 95% for this interval).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { npsClass, npsInterval } from '../../../src/math/stats/nps-interval.js';
import { createRng } from '../../../src/math/random/rng.js';
import { assertClose } from '../../helpers/assert-close.js';

/** Adjusted-Wald NPS interval from weighted moments of the scores +1 / 0 / −1. */
function byMoments(p: number, pa: number, d: number, z: number): [number, number] {
  const w = [p + 0.75, pa + 1.5, d + 0.75],
    x = [1, 0, -1];
  const n = w[0]! + w[1]! + w[2]!;
  const mean = (w[0]! * x[0]! + w[2]! * x[2]!) / n;
  const second = (w[0]! + w[2]!) / n;
  const se = Math.sqrt((second - mean * mean) / n);
  return [100 * Math.max(-1, mean - z * se), 100 * Math.min(1, mean + z * se)];
}

test('npsInterval equals the weighted-moments derivation on the augmented sample', () => {
  const z = 1.959963984540054;
  for (const [p, pa, d] of [
    [50, 30, 20],
    [0, 0, 5],
    [12, 0, 0],
    [1, 1, 1],
    [700, 200, 100],
    [3, 40, 2],
  ] as const) {
    const r = npsInterval(p, pa, d);
    const [lo, hi] = byMoments(p, pa, d, z);
    assertClose(r.nps, (100 * (p - d)) / (p + pa + d), 1e-12, `nps ${p}/${pa}/${d}`);
    assertClose(r.lower, lo, 1e-9, `lower ${p}/${pa}/${d} (weighted moments)`);
    assertClose(r.upper, hi, 1e-9, `upper ${p}/${pa}/${d} (weighted moments)`);
    assert.equal(r.answers, p + pa + d);
  }
  // the JSDoc example, by hand: ñ = 103, p̃ = 50.75/103, d̃ = 20.75/103
  const r = npsInterval(50, 30, 20);
  const pp = 50.75 / 103,
    pd = 20.75 / 103,
    se = Math.sqrt((pp + pd - (pp - pd) ** 2) / 103);
  assertClose(r.lower, 100 * (pp - pd - z * se), 1e-9, 'lower 50/30/20 by hand');
  assertClose(r.upper, 100 * (pp - pd + z * se), 1e-9, 'upper 50/30/20 by hand');
});

test('no answers: NaN and the whole range; a wider level gives a wider interval', () => {
  const r = npsInterval(0, 0, 0);
  assert.ok(Number.isNaN(r.nps));
  assert.deepEqual([r.lower, r.upper], [-100, 100]);
  const a = npsInterval(30, 10, 10, 0.9),
    b = npsInterval(30, 10, 10, 0.99);
  assert.ok(b.lower < a.lower && b.upper > a.upper);
});

test('coverage of the 95% interval is near 95% (seeded simulation, n = 40, p = 0.45/0.30/0.25)', () => {
  const rng = createRng(20261206);
  const truth = 100 * (0.45 - 0.25);
  let covered = 0;
  const reps = 4000;
  for (let k = 0; k < reps; k++) {
    let p = 0,
      pa = 0,
      d = 0;
    for (let i = 0; i < 40; i++) {
      const u = rng();
      if (u < 0.45) p++;
      else if (u < 0.75) pa++;
      else d++;
    }
    const r = npsInterval(p, pa, d);
    if (r.lower <= truth && truth <= r.upper) covered++;
  }
  // binomial SE of a 95% coverage over 4000 draws is 0.0034: ±0.015 is over 4 SE
  assertClose(covered / reps, 0.95, 0.015, 'coverage (Rocks 2016 reports near-nominal coverage)');
});

test('npsClass: 0–6 detractor, 7–8 passive, 9–10 promoter; anything else −1', () => {
  assert.deepEqual([0, 6, 7, 8, 9, 10].map(npsClass), [0, 0, 1, 1, 2, 2]);
  assert.deepEqual([-1, 11, 6.5, Number.NaN].map(npsClass), [-1, -1, -1, -1]);
});
