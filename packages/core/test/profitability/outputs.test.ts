// Whale curve, margin × cost-to-serve matrix, groups, tiers and profit CLV on hand-checked numbers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { whaleCurve } from '../../src/profitability/whale-curve.js';
import { marginCostMatrix } from '../../src/profitability/margin-matrix.js';
import { profitByGroup } from '../../src/profitability/profit-by-group.js';
import { profitByChannelTable } from '../../src/profitability/profit-summary-tables.js';
import { profitClv, uniformDiscountFactor } from '../../src/profitability/profit-clv.js';
import { medianOfFinite } from '../../src/math/stats/median.js';
import { assertClose } from '../helpers/assert-close.js';

test('whale curve: profits 60, −20, 10, −5, 5 → total 50, peak 75 = 150 %, 2 unprofitable destroying 25', () => {
  const w = whaleCurve(Float64Array.of(60, -20, 10, -5, 5), 5);
  // Ranked: 60, 10, 5, −5, −20 → cumulative 60, 70, 75, 70, 50.
  assert.deepEqual([w.totalProfit, w.peakProfit, w.peakCustomers, w.peakCustomerShare, w.peakPctOfTotal], [50, 75, 3, 0.6, 150]);
  assert.deepEqual([w.unprofitableCustomers, w.unprofitableShare, w.profitDestroyed], [2, 0.4, 25]);
  assert.deepEqual(
    w.curve.map((p) => p.cumulativeProfit),
    [0, 60, 70, 75, 70, 50],
  );
  assert.deepEqual(
    w.curve.map((p) => p.pctOfTotal),
    [0, 120, 140, 150, 140, 100],
  );
});

test('whale curve: sums in cents (0.1 + 0.2 ten times is 3.00, not 2.9999…)', () => {
  const w = whaleCurve(new Float64Array(10).fill(0.1 + 0.2));
  assert.equal(w.totalProfit, 3);
});

test('whale curve: total profit ≤ 0 gives NaN peak %, not a misleading ratio', () => {
  const w = whaleCurve(Float64Array.of(10, -30));
  assert.ok(Number.isNaN(w.peakPctOfTotal));
  assert.equal(w.totalProfit, -20);
});

test('whale curve: empty input', () => {
  const w = whaleCurve(new Float64Array(0));
  assert.deepEqual([w.customers, w.totalProfit, w.curve.length], [0, 0, 0]);
});

test('matrix: four customers, one per quadrant; net revenue ≤ 0 is Aggressive', () => {
  // margin %: 40, 40, 10, 10, (none); cost-to-serve %: 5, 30, 5, 30, (none). Medians over the first four: 25 and 17.5.
  const m = marginCostMatrix({
    netRevenue: Float64Array.of(100, 100, 100, 100, 0),
    grossMargin: Float64Array.of(40, 40, 10, 10, -3),
    costToServe: Float64Array.of(5, 30, 5, 30, 4),
  });
  assert.equal(m.marginCutPct, 25);
  assert.equal(m.costToServeCutPct, 17.5);
  assert.deepEqual(Array.from(m.assignment), [0, 1, 2, 3, 3]);
  assert.deepEqual(
    m.quadrants.map((q) => [q.quadrant, q.customers, q.profit]),
    [
      ['passive', 1, 35],
      ['carriage_trade', 1, 10],
      ['bargain_basement', 1, 5],
      ['aggressive', 2, -27],
    ],
  );
  assert.ok(m.quadrants.every((q) => q.action.length > 20));
  assert.deepEqual(m.notes, []);
});

test('matrix: one margin for everybody is noted, and the split is on cost-to-serve only', () => {
  const m = marginCostMatrix({
    netRevenue: Float64Array.of(10, 20),
    grossMargin: Float64Array.of(3, 6),
    costToServe: Float64Array.of(5, 1),
    marginPct: Float64Array.of(30, 30),
  });
  assert.deepEqual(
    m.quadrants.map((q) => q.customers),
    [1, 1, 0, 0],
  );
  assert.match(m.notes[0]!, /same margin class/);
});

test('profit by group: sums, shares and order', () => {
  const g = profitByGroup(
    ['web', 'web', 'store', ''],
    Float64Array.of(10, 20, 5, 8),
    Float64Array.of(6, 12, 3, 4),
    Float64Array.of(1, 10, 4, 1),
  );
  assert.deepEqual(
    g.map((x) => [x.group, x.customers, x.profit, x.unprofitableShare]),
    [
      ['(none)', 1, 3, 0],
      ['web', 2, 1, 0.5],
      ['store', 1, -2, 1],
    ],
  );
  assertClose(g[1]!.marginPct, 40, 1e-12, 'web margin % = (30 − 18) / 30');
  assertClose(g[1]!.costToServePct, (100 * 11) / 30, 1e-12, 'web cost-to-serve %');
});

test('medianOfFinite skips infinities and NaN', () => {
  assert.equal(medianOfFinite(Float64Array.of(3, Infinity, 1, 2, NaN)), 2);
  assert.equal(medianOfFinite(Float64Array.of(4, 1, 3, 2)), 2.5);
  assert.ok(Number.isNaN(medianOfFinite(Float64Array.of(-Infinity))));
});

test('profit CLV, no discounting: 4 × (0.3 × 50 − 5) = 40', () => {
  const v = profitClv({
    expectedTransactions: Float64Array.of(4, 0),
    expectedSpend: Float64Array.of(50, 80),
    marginRate: 0.3,
    costPerTransaction: 5,
    horizonYears: 1,
    annualDiscountRate: 0,
  });
  assert.deepEqual(Array.from(v), [40, 0]);
});

test('profit CLV, 10 % a year over one year: 40 × (1 − 1/1.1) / ln 1.1 = 38.1529406809…', () => {
  // F = (1 − e^{−ln 1.1}) / ln 1.1 = 0.0909090909… / 0.0953101798… = 0.9538235170233695 (computed independently in Python).
  assertClose(uniformDiscountFactor(1, 0.1), 0.9538235170233695, 1e-15, 'F(1, 10 %)', true);
  const v = profitClv({
    expectedTransactions: Float64Array.of(4),
    expectedSpend: Float64Array.of(50),
    marginRate: 0.3,
    costPerTransaction: 5,
    horizonYears: 1,
    annualDiscountRate: 0.1,
  });
  assertClose(v[0]!, 38.15294068093478, 1e-12, 'profit CLV', true);
});

test('profit CLV with per-customer arrays and a fixed cost per year can be negative', () => {
  // H = 2, d = 10 %: F = (1 − 1.1^−2) / (2 ln 1.1) = 0.9104679026132165; 3 × (0.4 × 20 − 2) × F − 2F × 10 = −2F.
  const v = profitClv({
    expectedTransactions: Float64Array.of(3),
    expectedSpend: Float64Array.of(20),
    marginRate: Float64Array.of(0.4),
    costPerTransaction: Float64Array.of(2),
    fixedCostPerYear: 10,
    horizonYears: 2,
    annualDiscountRate: 0.1,
  });
  assertClose(v[0]!, -1.820935805226437, 1e-12, 'profit CLV with fixed cost', true);
});

test('profit CLV on already discounted transactions does not discount the flow again', () => {
  const v = profitClv({
    expectedTransactions: Float64Array.of(4),
    expectedSpend: Float64Array.of(50),
    marginRate: 0.3,
    costPerTransaction: 5,
    horizonYears: 1,
    annualDiscountRate: 0.1,
    alreadyDiscounted: true,
  });
  assert.equal(v[0], 40);
});

test('profit by group: the one table spec (CLI and API CSV), by hand; undefined percentages are null', () => {
  // web: net 10 + 20, product cost 6 + 12, cost to serve 1 + 1 → profit 10, margin 40%, cost to serve 6.67%;
  // refunds: net 0 (every purchase returned), cost to serve 4 → profit −4, no percentage of 0 revenue
  const groups = profitByGroup(['web', 'web', 'refunds'], Float64Array.of(10, 20, 0), Float64Array.of(6, 12, 0), Float64Array.of(1, 1, 4));
  const t = profitByChannelTable(groups);
  assert.deepEqual(
    t.columns.map((c) => c.key),
    [
      'channel',
      'customers',
      'net_revenue',
      'product_cost',
      'cost_to_serve',
      'profit',
      'profit_per_customer',
      'margin_pct',
      'cost_to_serve_pct',
      'unprofitable_share',
    ],
  );
  assert.deepEqual(t.rows, [
    ['web', 2, 30, 18, 2, 10, 5, 40, 6.67, 0],
    ['refunds', 1, 0, 0, 4, -4, -4, null, null, 1],
  ]);
});
