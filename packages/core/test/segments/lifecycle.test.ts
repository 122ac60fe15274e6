import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lifecycleStages, LIFECYCLE_STAGES } from '../../src/segments/lifecycle.js';

const f = (...x: number[]): Float64Array => Float64Array.from(x);
const N = Number.NaN;
const stages = (r: { stage: Uint8Array }): string[] => Array.from(r.stage, (s) => LIFECYCLE_STAGES[s]!);

test('each rule on a hand-built base (as of day 1000)', () => {
  // rhythm of repeat buyers: c1 30, c2 30, c3 30, c4 30, c5 (900-100)/2 = 400 before … see below
  const r = lifecycleStages(
    {
      firstDay: f(950, 880, 700, 600, 100, 0, 500),
      lastDay: f(950, 970, 820, 800, 990, 250, 500),
      prevDay: f(N, 940, 790, 770, 400, 220, N),
      purchaseDays: f(1, 4, 5, 7, 3, 6, 1),
      // c0: first 50 days ago → new
      // c1: age 120, ρ = 90/3 = 30, d = 30 ≤ max(60, 30) → active
      // c2: ρ = 120/4 = 30, d = 180 > max(120, 90) = 120 and ≤ max(240, 180) = 240 → lapsed
      // c3: ρ = 200/6 ≈ 33.3, d = 200 ≤ 266.7 → lapsed? at-risk threshold max(66.7,30)=66.7, lapsed max(133.3, 90) = 133.3, churned max(266.7,180) = 266.7 → lapsed
      // c4: prev 400, last 990: gap 590 > churn threshold of rhythm before (400-100)/1 = 300 → max(2400,180) capped 730? 590 < 730 → not reactivated;
      //     ρ = 890/2 = 445, d = 10 → active
      // c5: ρ = 50, d = 750 > max(400, 180) = 400 → churned
      // c6: one-time buyer 500 days ago, base rhythm = median(30, 30, 33.3, 445, 50) = 33.3 → churned threshold 266.7 → churned
    },
    1000,
  );
  assert.deepEqual(stages(r), ['new', 'active', 'lapsed', 'lapsed', 'active', 'churned', 'churned']);
  assert.ok(Math.abs(r.baseRhythmDays - 200 / 6) < 1e-12, `base rhythm ${r.baseRhythmDays}`);
});

test('at risk: between the at-risk and lapsed thresholds', () => {
  // ρ = 30 (days 0, 30, 60, 90), as of 200: d = 110 > 60, ≤ max(120, 90) = 120 → at_risk
  const r = lifecycleStages({ firstDay: f(0), lastDay: f(90), prevDay: f(60), purchaseDays: f(4) }, 200);
  assert.deepEqual(stages(r), ['at_risk']);
});

test('reactivated: came back after a gap longer than the churn threshold', () => {
  // days 0, 20, 40 (ρ before = 20, churn threshold max(160, 180) = 180), then day 400 (gap 360 > 180); as of 410: d = 10
  const r = lifecycleStages({ firstDay: f(0), lastDay: f(400), prevDay: f(40), purchaseDays: f(4) }, 410);
  assert.deepEqual(stages(r), ['reactivated']);
  // the same customer 300 days later is no longer "reactivated" but classified by days since last purchase
  const later = lifecycleStages({ firstDay: f(0), lastDay: f(400), prevDay: f(40), purchaseDays: f(4) }, 700);
  assert.notEqual(stages(later)[0], 'reactivated');
});

test('P(alive) turns a customer churned or at risk', () => {
  const inputs = {
    firstDay: f(0, 0, 0),
    lastDay: f(90, 90, 90),
    prevDay: f(60, 60, 60),
    purchaseDays: f(4, 4, 4),
    pAlive: f(0.05, 0.3, 0.9),
  };
  // d = 10: by days all active; P 0.05 → churned, 0.3 → at_risk, 0.9 → active
  assert.deepEqual(stages(lifecycleStages(inputs, 100)), ['churned', 'at_risk', 'active']);
});

test('one customer and nobody repeating: base rhythm falls back to 90 days', () => {
  const r = lifecycleStages({ firstDay: f(0), lastDay: f(0), prevDay: f(N), purchaseDays: f(1) }, 200);
  assert.equal(r.baseRhythmDays, 90);
  // d = 200 > max(180, 30), ≤ max(360, 90) → at_risk
  assert.deepEqual(stages(r), ['at_risk']);
});

test('all customers equal get the same stage', () => {
  const r = lifecycleStages({ firstDay: f(0, 0, 0), lastDay: f(50, 50, 50), prevDay: f(25, 25, 25), purchaseDays: f(3, 3, 3) }, 100);
  assert.deepEqual(stages(r), ['active', 'active', 'active']);
});
