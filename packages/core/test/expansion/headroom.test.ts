import { test } from 'node:test';
import assert from 'node:assert/strict';
import { upsellHeadroom, quantileSorted } from '../../src/expansion/headroom.js';
import { headroomReport } from '../../src/expansion/headroom-report.js';
import { catalogFromPairs } from '../../src/expansion/product-catalog.js';
import { createRng } from '../../src/math/random/rng.js';
import { InputError } from '../../src/errors.js';
import { assertClose } from '../helpers/assert-close.js';
import { basketWorkspace } from './log-baskets.js';

test('quantile type 7 (R quantile default): Q3 of 1..4 = 3.25, of 10, 20, 30, 40 = 32.5', () => {
  assert.equal(quantileSorted([1, 2, 3, 4], 0.75), 3.25);
  assert.equal(quantileSorted([10, 20, 30, 40], 0.75), 32.5);
  assert.equal(quantileSorted([7], 0.75), 7);
  assert.ok(Number.isNaN(quantileSorted([], 0.75)));
});

test('headroom by hand: two groups, P(alive) weighting, the top list and a group too small for a benchmark', () => {
  const r = upsellHeadroom(
    {
      spend: Float64Array.of(10, 20, 30, 40, 100, 300, 5),
      breadth: Float64Array.of(1, 1, 2, 3, 4, 6, NaN),
      group: Int32Array.of(0, 0, 0, 0, 1, 1, 2),
      groupNames: ['Bronze', 'Gold', 'Tiny'],
      pAlive: Float64Array.of(0.9, 0.2, 1, 1, 0.6, 1, 1),
    },
    { minGroupSize: 2 },
  );
  assert.deepEqual([...r.spendGap.subarray(0, 6)], [22.5, 12.5, 2.5, 0, 150, 0]); // Q3 Bronze 32.5; Gold 100 + 0.75·200 = 250
  assert.deepEqual([...r.breadthGap.subarray(0, 6)], [1.25, 1.25, 0.25, 0, 1.5, 0]); // Q3 breadth 2.25 and 5.5
  assert.ok(Number.isNaN(r.spendGap[6]!), 'a group of 1 has no benchmark');
  assertClose(r.expectedGap[0]!, 22.5 * 0.9, 1e-12, 'gap × P(alive)');
  assert.deepEqual([...r.top], [4, 0, 2]); // 90, 20.25, 2.5; customer 1 (P(alive) 0.2) left out
  const bronze = r.groups[0]!;
  assert.deepEqual([bronze.customers, bronze.below, bronze.headroom], [4, 3, 37.5]);
  assertClose(bronze.expectedHeadroom, 22.5 * 0.9 + 12.5 * 0.2 + 2.5, 1e-12, 'Bronze expected headroom');
  assertClose(bronze.meanBreadthGap, 2.75 / 4, 1e-12, 'Bronze mean category gap');
  assert.ok(Number.isNaN(r.groups[2]!.headroom));
  assert.equal(r.total.headroom, 37.5 + 150);
  assert.equal(r.total.customers, 6);
});

test('random groups against an independent per-group computation', () => {
  const rng = createRng(5);
  const n = 2000,
    g = 7;
  const spend = Float64Array.from({ length: n }, () => Math.round(1000 * rng() * rng()) / 10);
  const breadth = Float64Array.from({ length: n }, () => 1 + Math.floor(8 * rng()));
  const group = Int32Array.from({ length: n }, () => Math.floor(g * rng()) - (rng() < 0.05 ? 100 : 0)).map((x) => (x < 0 ? -1 : x));
  const r = upsellHeadroom({ spend, breadth, group, groupNames: Array.from({ length: g }, (_, k) => `g${k}`) });
  for (let k = 0; k < g; k++) {
    const s = [...spend].filter((_, i) => group[i] === k).sort((a, b) => a - b);
    // R type 7: x[j] + (h − j)(x[j+1] − x[j]), h = 1 + (n − 1)p (1-based)
    const h = 1 + (s.length - 1) * 0.75,
      j = Math.floor(h);
    const q3 = s[j - 1]! + (h - j) * ((s[j] ?? s[j - 1]!) - s[j - 1]!);
    assertClose(r.groups[k]!.spendTarget, q3, 1e-12, `Q3 of group ${k}`);
    const total = s.reduce((acc, v) => acc + Math.max(0, q3 - v), 0);
    assertClose(r.groups[k]!.headroom, total, 1e-9, `headroom of group ${k}`, true);
  }
  for (let i = 0; i < n; i++) if (group[i]! < 0) assert.ok(Number.isNaN(r.spendGap[i]!));
  assert.throws(
    () => upsellHeadroom({ spend, breadth: new Float64Array(3), group, groupNames: [] }),
    (e: unknown) => e instanceof InputError && e.code === 'bad_headroom_input',
  );
});

test('headroom over a log: spend net of returns, breadth in categories, groups and P(alive) by customer id', async () => {
  const lines: string[] = [];
  // 12 customers; customer k spends 10·k over k orders of product P(k mod 3); c1 also returns 5
  for (let k = 1; k <= 12; k++) for (let o = 0; o < k; o++) lines.push(`c${k},o${k}-${o},2024-0${1 + (o % 9)}-10,P${o % 3},1,10`);
  lines.push('c1,r1,2024-01-20,P0,-1,-5');
  const engine = await basketWorkspace('customer,order,date,product,quantity,amount', lines, {
    customer: 'customer',
    order: 'order',
    date: 'date',
    product: 'product',
    quantity: 'quantity',
    amount: 'amount',
  });
  const catalog = catalogFromPairs([
    ['P0', 'tea'],
    ['P1', 'tea'],
    ['P2', 'cups'],
  ]);
  const groups = new Map(Array.from({ length: 12 }, (_, i) => [`c${i + 1}`, i < 6 ? 'small' : 'large'] as const));
  const pAlive = new Map(Array.from({ length: 12 }, (_, i) => [`c${i + 1}`, 0.8] as const));
  const r = await headroomReport(engine, { asOf: '2024-12-31', catalog, groups, pAlive, minGroupSize: 3 });
  const at = (id: string): number => r.customers.indexOf(id);
  assert.equal(r.spend[at('c1')], 5); // 10 − 5
  assert.equal(r.spend[at('c12')], 120);
  assert.equal(r.breadth[at('c1')], 0); // its one purchase was returned (a partial refund): no basket left
  assert.equal(r.breadth[at('c2')], 1); // tea only
  assert.equal(r.breadth[at('c3')], 2); // tea and cups
  assert.equal(r.breadthBasis, 'categories');
  // small: spends 5, 20, 30, 40, 50, 60 → Q3 = 47.5
  const small = r.result.groups.find((g) => g.name === 'small')!;
  assert.equal(small.spendTarget, 47.5);
  assert.equal(r.result.spendGap[at('c2')], 27.5);
  assertClose(r.result.expectedGap[at('c2')]!, 27.5 * 0.8, 1e-12, 'c2 gap × P(alive)');
  assert.deepEqual(r.groupsTable.columns.map((c) => c.key).slice(0, 3), ['segment', 'customers', 'spend_target']);
  assert.equal(r.customersTable.rows[0]![0], 'c1'); // the largest gap (42.5) in the small group
  await engine.close();
});

test('a log without product ids still gets spend headroom, with breadth not measured', async () => {
  const lines = Array.from({ length: 20 }, (_, k) => `c${k},2024-03-0${1 + (k % 9)},${10 + k}`);
  const engine = await basketWorkspace('customer,date,amount', lines, { customer: 'customer', date: 'date', amount: 'amount' });
  const r = await headroomReport(engine, { minGroupSize: 1 });
  assert.equal(r.breadthBasis, null);
  assert.ok(r.breadth.every((b) => Number.isNaN(b)));
  assert.match(r.warnings.join('\n'), /no product ids: breadth is not measured/);
  assert.ok(r.result.total.headroom > 0);
  assert.deepEqual(r.groupNames, ['Platinum', 'Gold', 'Silver', 'Bronze']);
  await engine.close();
});
