import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadBaskets } from '../../src/expansion/baskets.js';
import { catalogFromPairs } from '../../src/expansion/product-catalog.js';
import { InputError } from '../../src/errors.js';
import { basketLabels, basketWorkspace } from './log-baskets.js';

const ORDERS = [
  'c1,o1,2024-01-01,A,1,10',
  'c1,o1,2024-01-01,B,2,20',
  'c1,o1,2024-01-01,B,-1,-10', // returns one of two B: B stays (membership, not quantity)
  'c1,o1,2024-01-01,C,1,5',
  'c1,o1,2024-01-01,C,-1,-5', // returned in the same order: C leaves o1
  'c1,o2,2024-01-05,A,1,10',
  'c1,o2,2024-01-05,D,1,7',
  'c1,C9,2024-01-06,A,-1,-10', // cancellation with its own id: the latest earlier A (o2) loses it
  'c2,o3,2024-01-02,A,1,10',
  'c2,o3,2024-01-02,E,1,3',
  'c2,C8,2024-01-03,E,-1,-3',
  'c2,o4,2024-01-04,F,1,1', // a basket with one item
  'c3,o5,2024-01-04,G,1,1',
  'c3,C7,2024-01-05,G,-1,-1', // o5 is emptied: no basket, no customer
];
const ORDER_MAP = { customer: 'customer', order: 'order', date: 'date', product: 'product', quantity: 'quantity', amount: 'amount' };

test('order baskets: returns in the order and cancellations netted out, quantities ignored, emptied baskets dropped', async () => {
  const engine = await basketWorkspace('customer,order,date,product,quantity,amount', ORDERS, ORDER_MAP, 'C');
  const b = await loadBaskets(engine);
  assert.deepEqual(b.items, ['A', 'B', 'D', 'F']);
  assert.deepEqual(basketLabels(b), [['A', 'B'], ['D'], ['A'], ['F']]);
  assert.deepEqual(b.customers, ['c1', 'c2']);
  assert.deepEqual([...b.customer], [0, 0, 1, 1]);
  const day = (iso: string): number => Date.parse(iso) / 86_400_000;
  assert.deepEqual([...b.day], [day('2024-01-01'), day('2024-01-05'), day('2024-01-02'), day('2024-01-04')]);
  assert.equal(b.facts.basketsBy, 'order'); // every row has an order id, cancellations included
  assert.equal(b.level, 'product');
  await engine.close();
});

test('a window cuts baskets and leaves later returns out (no look-ahead)', async () => {
  const engine = await basketWorkspace('customer,order,date,product,quantity,amount', ORDERS, ORDER_MAP, 'C');
  const b = await loadBaskets(engine, { to: '2024-01-05' });
  // the cancellation of A on 01-06 is after the window: o2 keeps A (G's on 01-05 is inside it)
  assert.deepEqual(basketLabels(b), [['A', 'B'], ['A', 'D'], ['A'], ['F']]);
  const late = await loadBaskets(engine, { from: '2024-01-04' });
  assert.deepEqual(basketLabels(late), [['D'], ['F']]); // G's cancellation matches o5 inside the window
  await engine.close();
});

test('without order ids a basket is a customer-day; identical rows count once', async () => {
  const engine = await basketWorkspace(
    'customer,date,product,amount',
    [
      'c1,2024-01-01,A,10',
      'c1,2024-01-01,B,5',
      'c1,2024-01-01,A,10',
      'c1,2024-01-03,B,5',
      'c1,2024-01-04,B,-5', // the return empties the 01-03 basket, not 01-01
      'c2,2024-01-02,A,3',
      'c2,2024-01-02,,3', // a row without product id: left out, with a warning
    ],
    { customer: 'customer', date: 'date', product: 'product', amount: 'amount' },
  );
  const b = await loadBaskets(engine);
  assert.deepEqual(basketLabels(b), [['A', 'B'], ['A']]);
  assert.equal(b.facts.basketsBy, 'customer-day');
  assert.match(b.warnings.join('\n'), /1 of 7 rows have no product id/);
  await engine.close();
});

test('category level from a product file; products without a category are left out and named', async () => {
  const engine = await basketWorkspace('customer,order,date,product,quantity,amount', ORDERS, ORDER_MAP, 'C');
  const catalog = catalogFromPairs(
    [
      ['A', 'fruit'],
      ['B', 'fruit'],
      ['D', 'dairy'],
      ['F', ''],
    ],
    'products.csv',
  );
  const b = await loadBaskets(engine, { level: 'category', catalog });
  assert.deepEqual(b.items, ['dairy', 'fruit']);
  assert.deepEqual(basketLabels(b), [['fruit'], ['dairy'], ['fruit']]); // {A, B} → {fruit}; {F} dropped
  assert.deepEqual([...b.customer], [0, 0, 1]);
  assert.match(
    b.warnings.join('\n'),
    /1 of 4 products have no category in products\.csv \(e\.g\. F\); their 1 basket lines are left out, and 1 baskets/,
  );
  await assert.rejects(
    loadBaskets(engine, { level: 'category', catalog: catalogFromPairs([['X', 'y']]) }),
    (e: unknown) => e instanceof InputError && e.code === 'no_categories',
  );
  await assert.rejects(loadBaskets(engine, { level: 'category' }), (e: unknown) => e instanceof InputError && e.code === 'missing_catalog');
  await engine.close();
});

test('a log without product ids is an InputError naming what is missing and the flag to use', async () => {
  const engine = await basketWorkspace('customer,date,amount', ['c1,2024-01-01,10', 'c2,2024-01-02,5'], {
    customer: 'customer',
    date: 'date',
    amount: 'amount',
  });
  await assert.rejects(loadBaskets(engine), (e: unknown) => {
    assert.ok(e instanceof InputError);
    assert.equal(e.code, 'no_product_ids');
    assert.match(e.message, /no product ids \(0 of 2 rows/);
    assert.match(e.message, /--product-col/);
    return true;
  });
  await assert.rejects(loadBaskets(engine, { to: '2023-12-31' }), (e: unknown) => e instanceof InputError && e.code === 'empty_log');
  await assert.rejects(loadBaskets(engine, { to: '2023-02-30' }), (e: unknown) => e instanceof InputError && e.code === 'bad_date');
  await engine.close();
});
