// The Commit step's goal rule against an independent recomputation: a small seeded fixture of
// customers (tier, stage, value, historic revenue, value at risk, value if alive, profit), grouped
// here with plain objects keyed by "tier|stage" and the rule applied customer group by customer group
// from its written text (goalRuleText), not from the implementation's cell arrays. Plus a hand-made
// case where each of the five goals is known by construction.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chooseGoals, goalRuleText, type GoalInputs } from '../../src/plan/goal-rule.js';
import { LIFECYCLE_STAGES } from '../../src/segments/lifecycle.js';
import { createRng } from '../../src/math/random/rng.js';
import { assertClose } from '../helpers/assert-close.js';

const TIERS = ['Platinum', 'Gold', 'Silver', 'Bronze'];

function fixture(n: number, seed: number, withProfit: boolean, withRisk: boolean): GoalInputs {
  const rng = createRng(seed);
  const u = (): number => rng();
  const tier = Uint8Array.from({ length: n }, () => Math.floor(u() * TIERS.length));
  const stage = Uint8Array.from({ length: n }, () => Math.floor(u() * LIFECYCLE_STAGES.length));
  const value = Float64Array.from(tier, (t) => (4 - t) * 100 * u());
  const historic = Float64Array.from({ length: n }, () => 400 * u());
  const alive = Float64Array.from({ length: n }, () => 300 * u());
  const risk = Float64Array.from(alive, (a) => a * u());
  const profit = Float64Array.from({ length: n }, () => 60 * u() - 20);
  return {
    tierNames: TIERS,
    stageNames: LIFECYCLE_STAGES,
    tier,
    stage,
    value,
    historic,
    valueAtRisk: withRisk ? risk : null,
    valueIfAlive: withRisk ? alive : null,
    profit: withProfit ? profit : null,
  };
}

/** The rule recomputed from its text, one segment at a time. */
function recompute(
  x: GoalInputs,
  retainShare: number,
): Map<string, { goal: string; customers: number; profitPer: number | null; riskShare: number | null }> {
  const groups = new Map<string, number[]>();
  for (let i = 0; i < x.tier.length; i++) {
    const k = `${x.tierNames[x.tier[i]!]}|${x.stageNames[x.stage[i]!]}`;
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k)!.push(i);
  }
  const sorted = [...x.historic].sort((a, b) => a - b);
  const med = sorted.length % 2 ? sorted[(sorted.length - 1) / 2]! : (sorted[sorted.length / 2 - 1]! + sorted[sorted.length / 2]!) / 2;
  const out = new Map<string, { goal: string; customers: number; profitPer: number | null; riskShare: number | null }>();
  for (const [k, members] of groups) {
    const [tier, stage] = k.split('|') as [string, string];
    const sum = (a: Float64Array | null): number | null => (a ? members.reduce((s, i) => s + a[i]!, 0) : null);
    const profitPer = x.profit ? sum(x.profit)! / members.length : null;
    const histPer = sum(x.historic)! / members.length;
    const riskShare = x.valueAtRisk && x.valueIfAlive ? sum(x.valueAtRisk)! / sum(x.valueIfAlive)! : null;
    let goal: string;
    if (profitPer !== null && profitPer < 0) goal = 'serve cheaper';
    else if (stage === 'lapsed' || stage === 'churned') goal = histPer >= med ? 'win back' : 'serve cheaper';
    else if (stage === 'at_risk' || (riskShare !== null && riskShare >= retainShare)) goal = 'retain';
    else if (tier === TIERS[0] && ['new', 'active', 'reactivated'].includes(stage)) goal = 'acquire look-alikes';
    else goal = 'grow';
    out.set(k, { goal, customers: members.length, profitPer, riskShare });
  }
  return out;
}

for (const [withProfit, withRisk] of [
  [true, true],
  [false, true],
  [true, false],
  [false, false],
] as const) {
  test(`chooseGoals equals the rule recomputed from its text on 300 seeded customers (profit ${withProfit}, risk ${withRisk})`, () => {
    const x = fixture(300, 7 + Number(withProfit) * 2 + Number(withRisk), withProfit, withRisk);
    const got = chooseGoals(x, { retainRiskShare: 0.45 });
    const want = recompute(x, 0.45);
    assert.equal(got.length, want.size, 'every non-empty segment, once');
    for (const g of got) {
      const w = want.get(`${g.tier}|${g.stage}`)!;
      assert.ok(w, `${g.tier}|${g.stage} has customers`);
      assert.equal(g.goal, w.goal, `${g.tier} ${g.stage}: ${g.reason}`);
      assert.equal(g.customers, w.customers);
      if (w.profitPer === null) assert.equal(g.profitPerCustomer, null);
      else assertClose(g.profitPerCustomer!, w.profitPer, 1e-12, `profit per customer, ${g.tier} ${g.stage}`, true);
      if (w.riskShare === null) assert.equal(g.riskShare, null);
      else assertClose(g.riskShare!, w.riskShare, 1e-12, `risk share, ${g.tier} ${g.stage}`, true);
    }
    assert.ok(new Set(got.map((g) => g.goal)).size >= 3, 'the fixture exercises several rules');
  });
}

test('chooseGoals: each goal on a case built for it; the rule text names the threshold', () => {
  // customers: 0 Platinum active, 1 Gold active, 2 Gold at_risk, 3 Gold lapsed (high history), 4 Silver lapsed (low history), 5 Silver active but unprofitable, 6 Silver active with 60% of value at risk
  const x: GoalInputs = {
    tierNames: ['Platinum', 'Gold', 'Silver'],
    stageNames: LIFECYCLE_STAGES,
    tier: Uint8Array.of(0, 1, 1, 1, 2, 2, 2),
    stage: Uint8Array.of(1, 1, 2, 3, 3, 0, 1),
    value: Float64Array.of(900, 300, 250, 50, 10, 40, 30),
    historic: Float64Array.of(1000, 500, 400, 600, 5, 50, 60),
    valueAtRisk: Float64Array.of(10, 20, 100, 40, 5, 1, 60),
    valueIfAlive: Float64Array.of(900, 300, 260, 60, 10, 40, 100),
    profit: Float64Array.of(300, 100, 80, 20, 1, -5, 10),
  };
  // Silver 'active' holds customers 6 only (customer 5 is 'new'); median historic = 400
  const goals = Object.fromEntries(chooseGoals(x).map((g) => [`${g.tier} ${g.stage}`, g.goal]));
  assert.deepEqual(goals, {
    'Platinum active': 'acquire look-alikes',
    'Gold active': 'grow',
    'Gold at_risk': 'retain',
    'Gold lapsed': 'win back',
    'Silver new': 'serve cheaper',
    'Silver active': 'retain',
    'Silver lapsed': 'serve cheaper',
  });
  assert.match(goalRuleText({ retainRiskShare: 0.25 }).join('\n'), /at least 25% of the value if alive/);
});
