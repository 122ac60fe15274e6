// Ranking metrics (retention/backtest-metrics.ts) against brute force: precision at a cut with tied
// scores equals the average over every order of the ties; calibration bins and the Brier score by hand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { brierScore, calibrationBins, gainsCurve } from '../../src/retention/backtest-metrics.js';
import { assertClose } from '../helpers/assert-close.js';

/** Every permutation of 0..k−1. */
function permutations(k: number): number[][] {
  if (k <= 1) return [[...Array(k).keys()]];
  return permutations(k - 1).flatMap((p) => Array.from({ length: k }, (_, i) => [...p.slice(0, i), k - 1, ...p.slice(i)]));
}

test('gainsCurve: events in the first share of the list = the average over all orders of the tied scores', () => {
  const score = Float64Array.of(0.3, 0.1, 0.3, 0.3, 0.9, 0.1, 0.3, 0.5);
  const event = Uint8Array.of(1, 0, 0, 1, 0, 1, 1, 0);
  const n = score.length;
  for (const direction of ['lowest', 'highest'] as const) {
    for (const take of [1, 2, 3, 4, 5, 6]) {
      // brute force: break ties in every possible way, take the first `take` customers, average
      const sign = direction === 'lowest' ? 1 : -1;
      const values = [...new Set(score)].sort((a, b) => sign * (a - b));
      let total = 0,
        count = 0;
      const groups = values.map((v) => [...score.keys()].filter((i) => score[i] === v));
      const orders = groups.map((g) => permutations(g.length).map((p) => p.map((j) => g[j]!)));
      const walk = (gi: number, prefix: number[]): void => {
        if (gi === groups.length) {
          total += prefix.slice(0, take).reduce((s, i) => s + event[i]!, 0);
          count++;
          return;
        }
        for (const o of orders[gi]!) walk(gi + 1, [...prefix, ...o]);
      };
      walk(0, []);
      const [g] = gainsCurve(score, event, [take / n], direction);
      assertClose(g!.events, total / count, 1e-12, `${direction} ${take}: expected events over tie orders`);
      assertClose(g!.customers, take, 1e-12, 'customers taken');
      assertClose(g!.lift, total / count / take / (4 / 8), 1e-12, 'lift over the base rate 4/8');
    }
  }
});

test('calibrationBins and brierScore by hand', () => {
  const p = Float64Array.of(0.1, 0.2, 0.8, 0.9);
  const y = Uint8Array.of(0, 1, 1, 1);
  const bins = calibrationBins(p, y, 2, { predicted: Float64Array.of(1, 2, 3, 4), actual: Float64Array.of(0, 1, 5, 2) });
  assert.deepEqual(
    bins.map((b) => [b.customers, b.observed, b.actualCount]),
    [
      [2, 0.5, 0.5],
      [2, 1, 3.5],
    ],
  );
  assertClose(bins[0]!.predicted, 0.15, 1e-15, 'bin 1 mean prediction');
  const b = brierScore(p, y);
  assertClose(b.brier, (0.01 + 0.64 + 0.04 + 0.01) / 4, 1e-15, 'Brier');
  assertClose(b.baseline, 0.75 * 0.25, 1e-15, 'base-rate Brier');
});
