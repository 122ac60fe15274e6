// AUC and its DeLong variance against a brute-force O(m·n) computation of the placement values
// (DeLong, DeLong & Clarke-Pearson 1988, eqs. for V10, V01, S10, S01), on data with many ties.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { aucDeLong } from '../../../src/math/stats/auc-delong.js';
import { createRng } from '../../../src/math/random/rng.js';
import { assertClose } from '../../helpers/assert-close.js';

function bruteForce(scores: Float64Array, labels: Uint8Array): { auc: number; se: number } {
  const x: number[] = [],
    y: number[] = [];
  scores.forEach((s, i) => (labels[i] ? x.push(s) : y.push(s)));
  const psi = (a: number, b: number): number => (a > b ? 1 : a === b ? 0.5 : 0);
  const v10 = x.map((a) => y.reduce((s, b) => s + psi(a, b), 0) / y.length);
  const v01 = y.map((b) => x.reduce((s, a) => s + psi(a, b), 0) / x.length);
  const auc = v10.reduce((s, v) => s + v, 0) / x.length;
  const variance = (v: number[]): number => {
    const m = v.reduce((s, u) => s + u, 0) / v.length;
    return v.reduce((s, u) => s + (u - m) ** 2, 0) / (v.length - 1);
  };
  return { auc, se: Math.sqrt(variance(v10) / x.length + variance(v01) / y.length) };
}

test('AUC and DeLong SE equal a brute-force pairwise computation (ties included)', () => {
  const rng = createRng(5);
  for (const [n, levels] of [
    [60, 5],
    [300, 40],
    [500, 1000],
  ] as const) {
    const labels = Uint8Array.from({ length: n }, () => (rng() < 0.3 ? 1 : 0));
    const scores = Float64Array.from(labels, (l) => Math.floor((rng() + 0.3 * l) * levels) / levels);
    const got = aucDeLong(scores, labels);
    const want = bruteForce(scores, labels);
    assertClose(got.auc, want.auc, 1e-12, `AUC n=${n}, ${levels} score levels`);
    assertClose(got.se, want.se, 1e-12, `DeLong SE n=${n}`);
    assertClose(got.low, Math.max(0, want.auc - 1.96 * want.se), 1e-12, 'interval low');
  }
});

test('AUC edge cases: perfect, reversed, all tied, one class', () => {
  assert.equal(aucDeLong(Float64Array.of(3, 4, 1, 2), Uint8Array.of(1, 1, 0, 0)).auc, 1);
  assert.equal(aucDeLong(Float64Array.of(1, 2, 3, 4), Uint8Array.of(1, 1, 0, 0)).auc, 0);
  assert.equal(aucDeLong(Float64Array.of(5, 5, 5, 5), Uint8Array.of(1, 0, 1, 0)).auc, 0.5);
  assert.ok(Number.isNaN(aucDeLong(Float64Array.of(1, 2), Uint8Array.of(1, 1)).auc));
});
