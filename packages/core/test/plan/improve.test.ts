// The Improve step's goal checks on hand-made plans: each goal's measure and direction (retain:
// value at risk share falls; win back: fewer customers left in the lapsed segment; serve cheaper:
// profit per customer rises; acquire look-alikes: more customers in the top segment; grow: value per
// customer rises), a segment that emptied, and a measure that cannot be judged.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkGoals } from '../../src/plan/plan-improve.js';
import type { PlanSegment } from '../../src/plan/plan-types.js';
import type { PlanGoal } from '../../src/plan/goal-rule.js';

const seg = (tier: string, stage: string, goal: PlanGoal, o: Partial<PlanSegment> = {}): PlanSegment => ({
  tier,
  stage,
  goal,
  customers: 100,
  value: 1000,
  valuePerCustomer: 10,
  historicPerCustomer: 20,
  valueAtRisk: 300,
  riskShare: 0.5,
  profit: 500,
  profitPerCustomer: 5,
  reason: '',
  link: `#/customers?${tier}-${stage}`,
  ...o,
});

test('checkGoals: each goal judged by its own measure and direction', () => {
  const before = [
    seg('Gold', 'at_risk', 'retain'),
    seg('Gold', 'lapsed', 'win back'),
    seg('Bronze', 'active', 'serve cheaper', { profitPerCustomer: -2 }),
    seg('Platinum', 'active', 'acquire look-alikes'),
    seg('Silver', 'active', 'grow'),
    seg('Silver', 'churned', 'win back'),
  ];
  const now = [
    seg('Gold', 'at_risk', 'retain', { riskShare: 0.4 }),
    seg('Gold', 'lapsed', 'win back', { customers: 120 }),
    seg('Bronze', 'active', 'serve cheaper', { profitPerCustomer: -1 }),
    seg('Platinum', 'active', 'acquire look-alikes', { customers: 90 }),
    seg('Silver', 'active', 'grow', { valuePerCustomer: 10 }),
  ];
  const c = checkGoals(before, now);
  const at = (t: string, s: string) => c.find((x) => x.tier === t && x.stage === s)!;
  assert.deepEqual(
    [at('Gold', 'at_risk').measure, at('Gold', 'at_risk').before, at('Gold', 'at_risk').now, at('Gold', 'at_risk').met],
    ['value at risk ÷ value if alive', 0.5, 0.4, true],
  );
  assert.equal(at('Gold', 'lapsed').met, false, 'more customers still lapsed');
  assert.equal(at('Bronze', 'active').met, true, 'profit per customer rose from −2 to −1');
  assert.equal(at('Platinum', 'active').met, false, 'the top segment shrank');
  assert.equal(at('Silver', 'active').met, false, 'value per customer did not rise');
  assert.deepEqual([at('Silver', 'churned').now, at('Silver', 'churned').met], [0, true], 'the churned segment emptied');
  // without the models, retain falls back to the customers in the segment; a vanished grow segment cannot be judged
  const c2 = checkGoals(
    [seg('Gold', 'at_risk', 'retain', { riskShare: null }), seg('Gold', 'new', 'grow')],
    [seg('Gold', 'at_risk', 'retain', { riskShare: null, customers: 80 })],
  );
  assert.deepEqual(
    c2.map((x) => [x.measure, x.met]),
    [
      ['customers in the segment', true],
      ['value per customer', null],
    ],
  );
});
