// AUC with the DeLong interval (math/stats/auc-delong.ts, shared with the look-alikes): the published Hanley & McNeil (1982) example and
// brute-force pairwise computations of the statistic and of DeLong's structural components.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { aucDeLong } from '../../../src/math/stats/auc-delong.js';
import { createRng } from '../../../src/math/random/rng.js';
import { assertClose } from '../../helpers/assert-close.js';

/** AUC and DeLong SE by the definitions, O(m·n). */
function brute(score: Float64Array, pos: Uint8Array): { auc: number; se: number } {
  const P: number[] = [],
    N: number[] = [];
  score.forEach((s, i) => (pos[i] ? P : N).push(s));
  const psi = (a: number, b: number): number => (a > b ? 1 : a === b ? 0.5 : 0);
  const v10 = P.map((a) => N.reduce((s, b) => s + psi(a, b), 0) / N.length);
  const v01 = N.map((b) => P.reduce((s, a) => s + psi(a, b), 0) / P.length);
  const auc = v10.reduce((a, b) => a + b, 0) / P.length;
  const v = (xs: number[]) => xs.reduce((s, x) => s + (x - auc) ** 2, 0) / (xs.length - 1);
  return { auc, se: Math.sqrt(v(v10) / P.length + v(v01) / N.length) };
}

test('Hanley & McNeil (1982) CT ratings: AUC 0.893 as published (Radiology 143:29, Table 2)', () => {
  // 58 normal and 51 abnormal images rated 1 (definitely normal) .. 5 (definitely abnormal)
  const normal = [33, 6, 6, 11, 2],
    abnormal = [3, 2, 2, 11, 33];
  const score: number[] = [],
    pos: number[] = [];
  normal.forEach((c, r) => {
    for (let k = 0; k < c; k++) {
      score.push(r + 1);
      pos.push(0);
    }
  });
  abnormal.forEach((c, r) => {
    for (let k = 0; k < c; k++) {
      score.push(r + 1);
      pos.push(1);
    }
  });
  const a = aucDeLong(Float64Array.from(score), Uint8Array.from(pos));
  assertClose(a.auc, 0.893, 5e-4, 'published area (3 digits)');
  const b = brute(Float64Array.from(score), Uint8Array.from(pos));
  assertClose(a.auc, b.auc, 1e-14, 'pairwise AUC');
  assertClose(a.se, b.se, 1e-14, 'DeLong SE by the definition');
  // the published SE 0.032 is Hanley-McNeil's approximation; DeLong's differs but not by much
  assert.ok(Math.abs(a.se - 0.032) < 0.005, `DeLong SE ${a.se} near the published 0.032`);
  assert.equal(a.positives, 51);
  assert.equal(a.negatives, 58);
});

test('aucDeLong equals the brute force on seeded data with many ties, and the interval brackets it', () => {
  const rng = createRng(12);
  for (const n of [7, 60, 400]) {
    const score = Float64Array.from({ length: n }, () => Math.floor(rng() * 6));
    const pos = Uint8Array.from(score, (s) => (rng() < 0.2 + 0.1 * s ? 1 : 0));
    pos[0] = 1;
    pos[1] = 0;
    const a = aucDeLong(score, pos),
      b = brute(score, pos);
    assertClose(a.auc, b.auc, 1e-12, `n ${n} AUC`);
    assertClose(a.se, b.se, 1e-12, `n ${n} SE`);
    assert.ok(a.low <= a.auc && a.auc <= a.high && a.low >= 0 && a.high <= 1);
  }
});

test('aucDeLong: perfect, reversed and degenerate inputs', () => {
  assert.equal(aucDeLong(Float64Array.of(1, 2, 3, 4), Uint8Array.of(0, 0, 1, 1)).auc, 1);
  assert.equal(aucDeLong(Float64Array.of(1, 2, 3, 4), Uint8Array.of(1, 1, 0, 0)).auc, 0);
  assert.equal(aucDeLong(Float64Array.of(5, 5, 5, 5), Uint8Array.of(1, 0, 1, 0)).auc, 0.5);
  assert.ok(Number.isNaN(aucDeLong(Float64Array.of(1, 2), Uint8Array.of(1, 1)).auc), 'one class only: NaN');
});
