// Headroom's breadth without a catalog (issue 15's 1M plan): one grouped count over the basket lines
// (basketBreadth) instead of loading the baskets and counting each customer's items (ownedItems of
// loadBaskets), which the code keeps for the category level. The two are compared customer by customer
// on the hand-made log of baskets.test.ts (returns in the order, cancellations, an emptied basket),
// on the CDNOW order log with products over a window, and on a log whose every purchase was returned.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Engine } from '../../src/engine/engine.js';
import { InputError } from '../../src/errors.js';
import { basketBreadth } from '../../src/expansion/basket-breadth.js';
import { loadBaskets } from '../../src/expansion/baskets.js';
import { ownedItems } from '../../src/expansion/owned-items.js';
import { cdnowProductsCsv, orderLogWorkspace } from './expansion-logs.js';
import { basketWorkspace } from './log-baskets.js';

/** Customer id → distinct items, both ways. */
async function both(engine: Engine, w: { from?: string; to?: string }): Promise<{ shared: Map<string, number>; old: Map<string, number> }> {
  const b = await loadBaskets(engine, w);
  const own = ownedItems(b, b.customers.length, b.customer, b.day);
  const old = new Map(b.customers.map((id, c) => [id, own.offsets[c + 1]! - own.offsets[c]!] as const));
  const n = await basketBreadth(engine, w);
  const shared = new Map(n.customers.map((id, c) => [id, n.breadth[c]!] as const));
  assert.deepEqual(n.warnings, b.warnings);
  return { shared, old };
}

const ORDERS = [
  'c1,o1,2024-01-01,A,1,10',
  'c1,o1,2024-01-01,B,2,20',
  'c1,o1,2024-01-01,B,-1,-10',
  'c1,o1,2024-01-01,C,1,5',
  'c1,o1,2024-01-01,C,-1,-5',
  'c1,o2,2024-01-05,A,1,10',
  'c1,o2,2024-01-05,D,1,7',
  'c1,C9,2024-01-06,A,-1,-10',
  'c2,o3,2024-01-02,A,1,10',
  'c2,o3,2024-01-02,E,1,3',
  'c2,C8,2024-01-03,E,-1,-3',
  'c2,o4,2024-01-04,F,1,1',
  'c3,o5,2024-01-04,G,1,1',
  'c3,C7,2024-01-05,G,-1,-1',
];
const MAP = { customer: 'customer', order: 'order', date: 'date', product: 'product', quantity: 'quantity', amount: 'amount' };

test('hand-made log: the grouped count equals the items of each customer in the loaded baskets', async () => {
  const engine = await basketWorkspace('customer,order,date,product,quantity,amount', ORDERS, MAP, 'C');
  try {
    const { shared, old } = await both(engine, {});
    assert.deepEqual([...old.entries()].sort(), [
      ['c1', 3], // A, B, D (C returned in its order)
      ['c2', 2], // A, F (E cancelled)
    ]);
    assert.deepEqual([...shared.entries()].sort(), [...old.entries()].sort());
    // a window that ends before the cancellations
    const early = await both(engine, { to: '2024-01-02' });
    assert.deepEqual([...early.shared.entries()].sort(), [...early.old.entries()].sort());
  } finally {
    await engine.close();
  }
});

test('CDNOW order log with products, whole log and a window: the same breadth for every customer', async () => {
  const engine = await orderLogWorkspace(cdnowProductsCsv());
  try {
    for (const w of [{}, { from: '1997-07-01', to: '1998-03-31' }]) {
      const { shared, old } = await both(engine, w);
      assert.ok(old.size > 500, `${old.size} customers`);
      assert.deepEqual([...shared.entries()].sort(), [...old.entries()].sort());
    }
  } finally {
    await engine.close();
  }
});

test('every purchase returned: no_baskets from both', async () => {
  const engine = await basketWorkspace('customer,order,date,product,quantity,amount', ORDERS.slice(-2), MAP, 'C');
  try {
    const code = (e: unknown): string => (e instanceof InputError ? e.code : String(e));
    const a = await loadBaskets(engine).catch(code),
      b = await basketBreadth(engine, {}).catch(code);
    assert.equal(a, 'no_baskets');
    assert.equal(b, 'no_baskets');
  } finally {
    await engine.close();
  }
});
