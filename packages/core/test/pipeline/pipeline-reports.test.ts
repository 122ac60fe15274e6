// The main job's segments and profitability sections on the CDNOW sample, checked against the
// segment and profitability functions called directly (an independent path to the same numbers).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { runSegmentsReport } from '../../src/pipeline-segments.js';
import { quarterEnds } from '../../src/segments/quarter-ends.js';
import { runProfitSummary } from '../../src/pipeline-profit.js';
import { runModelsWithScores, runOverview } from '../../src/pipeline.js';
import { segmentAsOf } from '../../src/segments/segment-as-of.js';
import { LIFECYCLE_STAGES } from '../../src/segments/lifecycle.js';
import { computeProfitability } from '../../src/profitability/profitability.js';
import { parseCostModel } from '../../src/profitability/cost-model.js';
import { dataPath } from '../helpers/read-csv.js';
import { logWorkspace } from '../cohorts/log-workspace.js';

const CDNOW = readFileSync(dataPath('cdnow/cdnow_sample_elog.csv'), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((l) => {
    const [, id, d, , sales] = l.split(',');
    return `${id},${d!.slice(0, 4)}-${d!.slice(4, 6)}-${d!.slice(6, 8)},${sales}`;
  });
const COSTS = dataPath('cdnow/cost-model.example.yaml');

test('quarter ends: calendar quarters inside [first, last], the last one on or before the last day', () => {
  assert.deepEqual(quarterEnds('1997-01-01', '1998-06-30'), [
    '1997-03-31',
    '1997-06-30',
    '1997-09-30',
    '1997-12-31',
    '1998-03-31',
    '1998-06-30',
  ]);
  assert.deepEqual(quarterEnds('1997-01-01', '1998-06-29').slice(-3), ['1997-09-30', '1997-12-31', '1998-03-31']);
  assert.deepEqual(quarterEnds('2023-09-30', '2024-01-15'), ['2023-09-30', '2023-12-31']);
  assert.deepEqual(quarterEnds('2023-10-01', '2023-12-30'), []);
  assert.deepEqual(quarterEnds('1996-02-29', '1996-03-31'), ['1996-03-31']);
});

test('segments report on CDNOW: tiers by CLV, lifecycle counts and a migration that agrees with the snapshots', async () => {
  const engine = await logWorkspace(CDNOW);
  try {
    const { summary } = await runOverview(engine, [], {}, { period: 'week' });
    const { scores } = await runModelsWithScores(engine, summary, { period: 'week', validateAt: '1997-09-30' });
    assert.ok(scores, 'a model can be trusted on CDNOW');
    const r = await runSegmentsReport(engine, { asOf: summary.calibrationEnd, scores });
    assert.equal(r.valueKind, 'clv');
    assert.equal(
      r.tiers.reduce((s, t) => s + t.count, 0),
      2357,
    );
    assert.equal(r.tiers[0]!.count, Math.ceil(0.01 * 2357), 'Platinum = top 1% (no ties in CLV at the cut)');
    let clv = 0;
    for (const v of scores.clv) clv += v;
    assert.ok(Math.abs(r.tiers.reduce((s, t) => s + t.value, 0) - clv) < 1e-6 * clv, 'tier values add up to the total CLV');
    assert.equal(
      r.lifecycle.reduce((s, l) => s + l.customers, 0),
      2357,
    );
    assert.deepEqual(
      r.lifecycle.map((l) => l.stage),
      [...LIFECYCLE_STAGES],
    );
    assert.ok(r.migration, r.migrationSkipped ?? '');
    assert.deepEqual(
      r.migration.steps.map((s) => [s.from, s.to]),
      [
        ['1997-12-31', '1998-03-31'],
        ['1998-03-31', '1998-06-30'],
      ],
    );
    for (const step of r.migration.steps) {
      // independent: tier of each customer at both dates from segmentAsOf, compared by tier index
      const a = await segmentAsOf(engine, { asOf: step.from }),
        b = await segmentAsOf(engine, { asOf: step.to });
      const tierAt = new Map(a.customerId.map((id, i) => [id, a.tiers.tier[i]!]));
      let stayed = 0,
        up = 0,
        down = 0,
        acquired = 0;
      b.customerId.forEach((id, i) => {
        const from = tierAt.get(id),
          to = b.tiers.tier[i]!;
        if (from === undefined) acquired++;
        else if (from === to) stayed++;
        else if (to < from) up++;
        else down++;
      });
      assert.deepEqual(
        [step.stayed, step.movedUp, step.movedDown, step.acquired],
        [stayed, up, down, acquired],
        `${step.from} → ${step.to}`,
      );
      assert.equal(
        step.matrix.rowTotals.reduce((s, v) => s + v, 0),
        b.length,
      );
    }
  } finally {
    await engine.close();
  }
});

test('segments report without model scores falls back to historic value; too short a log skips the migration with the reason', async () => {
  const engine = await logWorkspace(['a,2024-01-05,10', 'a,2024-02-01,20', 'b,2024-03-01,5', 'c,2024-04-10,7']);
  try {
    const r = await runSegmentsReport(engine);
    assert.equal(r.valueKind, 'historic');
    assert.equal(r.migration, null);
    assert.match(
      r.migrationSkipped!,
      /\(2024-01-05 \.\. 2024-04-10\) holds 1 quarter end; the migration over the last two quarters needs three/,
    );
  } finally {
    await engine.close();
  }
});

test('profit summary: the whale figures recomputed by hand from the per-customer P&L, and the pools reconcile', async () => {
  const engine = await logWorkspace(CDNOW);
  try {
    const { summary } = await runProfitSummary(engine, parseCostModel(readFileSync(COSTS, 'utf8')));
    const direct = await computeProfitability(engine, parseCostModel(readFileSync(COSTS, 'utf8')));
    // independent whale curve: customers sorted by profit, most profitable first; the peak of the
    // running sum as a percentage of the total; losers counted and their losses summed
    const profits = Array.from(direct.customers.profit).sort((a, b) => b - a);
    let run = 0,
      peak = -Infinity,
      total = 0,
      losers = 0,
      destroyed = 0;
    for (const v of profits) {
      run += v;
      peak = Math.max(peak, run);
      total += v;
      if (v < 0) {
        losers++;
        destroyed -= v;
      }
    }
    assert.equal(summary.balanced, true);
    assert.ok(
      Math.abs(summary.whale.peakPctOfTotal - (100 * peak) / total) < 1e-9,
      `whale peak ${summary.whale.peakPctOfTotal}% vs ${(100 * peak) / total}% by hand`,
    );
    assert.equal(summary.whale.unprofitableCustomers, losers);
    assert.ok(
      Math.abs(summary.whale.profitDestroyed - destroyed) < 0.005,
      `profit destroyed ${summary.whale.profitDestroyed} vs ${destroyed} by hand`,
    );
    assert.ok(Math.abs(summary.totals.profit - total) < 0.005, `total profit ${summary.totals.profit} vs Σ customers ${total}`);
    assert.equal(
      summary.quadrants.reduce((s, q) => s + q.customers, 0),
      2357,
    );
    assert.equal(summary.profitClv, null, 'no scores, no profit CLV');
  } finally {
    await engine.close();
  }
});
