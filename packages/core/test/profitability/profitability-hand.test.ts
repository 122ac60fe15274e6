// Three customers, two pools, computed by hand to the cent (the arithmetic is written out beside
// each assertion), then the same log with an activity file and a pool nobody drives.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDuckDbEngine } from '../../src/engine/duckdb/duckdb-engine.js';
import type { Engine } from '../../src/engine/engine.js';
import { ingestFile } from '../../src/transactions/ingest.js';
import { parseCostModel } from '../../src/profitability/cost-model.js';
import { computeProfitability } from '../../src/profitability/profitability.js';
import { tempDir } from '../helpers/temp-dir.js';
import { profitabilityReport } from '../../src/profitability/profit-report.js';
import { whaleCurve } from '../../src/profitability/whale-curve.js';
import { pnlTable, unprofitableTable, whaleTable } from '../../src/profitability/profit-customer-tables.js';
import { tableRecords } from '../../src/report/report-table.js';

const dir = tempDir('cvm-profit-');
const LOG = join(dir, 'log.csv');
writeFileSync(
  LOG,
  [
    'customer,date,amount,order,quantity',
    'A,2024-01-10,100.00,A1,2',
    'A,2024-02-10,50.00,A2,1',
    'B,2024-01-15,30.00,B1,1',
    'B,2024-01-20,20.00,B2,1',
    'B,2024-03-01,10.00,B3,1',
    'B,2024-03-05,-10.00,B3R,-1',
    'C,2024-02-01,200.00,C1,4',
  ].join('\n') + '\n',
);

const MODEL = `
currency: EUR
product_cost: { margin_pct: 40 }
pools:
  - { name: order processing, cost: 100.00, driver: order }
  - { name: picking, cost: 10.01, driver: unit }
`;

async function load(): Promise<Engine> {
  const engine = createDuckDbEngine();
  await ingestFile(engine, LOG, { maxDate: '2030-01-01' });
  return engine;
}

const row = (r: Awaited<ReturnType<typeof computeProfitability>>, id: string) => {
  const i = r.customers.customerId.indexOf(id);
  assert.ok(i >= 0, `customer ${id} missing`);
  const c = r.customers;
  return {
    net: c.netRevenue[i],
    cogs: c.productCost[i],
    margin: c.grossMargin[i],
    cts: c.costToServe[i],
    profit: c.profit[i],
    pools: c.poolCost.map((p) => p[i]),
    volumes: c.volume.map((v) => v[i]),
  };
};

test('three customers, two pools: every P&L line to the cent', async () => {
  const engine = await load();
  const r = await computeProfitability(engine, parseCostModel(MODEL));
  assert.deepEqual(r.period, { start: '2024-01-10', end: '2024-03-05' });
  // Orders (returns excluded): A 2, B 3, C 1 = 6; rate 100/6 = 16.6667 per order.
  // Quotas in cents: A 3333.33, B 5000, C 1666.67 → floors 9999, one cent left → C (largest remainder .67).
  // Units (purchases only): A 3, B 3, C 4 = 10; quotas 300.3, 300.3, 400.4 → the spare cent goes to C (.4).
  assert.deepEqual(
    r.pools.map((p) => [p.name, p.totalVolume, p.assigned, p.unassigned]),
    [
      ['order processing', 6, 100, 0],
      ['picking', 10, 10.01, 0],
    ],
  );
  assert.ok(Math.abs(r.pools[0]!.rate - 100 / 6) < 1e-12);
  // Margin 40 %: COGS = 0.6 × amount, a return gives its COGS back.
  // A: net 150, COGS 90, margin 60; CTS 33.33 + 3.00 = 36.33; profit 23.67.
  assert.deepEqual(row(r, 'A'), { net: 150, cogs: 90, margin: 60, cts: 36.33, profit: 23.67, pools: [33.33, 3], volumes: [2, 3] });
  // B: gross 60, returns 10, net 50, COGS 36 − 6 = 30, margin 20; CTS 50.00 + 3.00 = 53; profit −33.
  assert.deepEqual(row(r, 'B'), { net: 50, cogs: 30, margin: 20, cts: 53, profit: -33, pools: [50, 3], volumes: [3, 3] });
  // C: net 200, COGS 120, margin 80; CTS 16.67 + 4.01 = 20.68; profit 59.32.
  assert.deepEqual(row(r, 'C'), { net: 200, cogs: 120, margin: 80, cts: 20.68, profit: 59.32, pools: [16.67, 4.01], volumes: [1, 4] });
  // Totals: margin 160 − pools 110.01 = 49.99.
  assert.equal(r.totals.profit, 49.99);
  assert.equal(r.totals.costToServe, 110.01);
  assert.equal(r.reconciliation.balanced, true);
  assert.deepEqual(
    r.reconciliation.pools.map((p) => p.differenceCents),
    [0, 0],
  );
  assert.equal(r.model.currency, 'EUR');
  await engine.close();
});

test('activity pool and a pool with no driver volume: unassigned cost is reported, never dropped', async () => {
  const engine = await load();
  const acts = join(dir, 'activities.csv');
  writeFileSync(
    acts,
    [
      'customer_id,activity,count,date',
      'A,support_contact,2,2024-01-12',
      'C,Support_Contact,1,2024-02-02',
      'Z,support_contact,1,2024-02-03',
      'B,support_contact,-1,2024-02-03',
      'B,complaint_letter,1,2024-02-03',
      'B,support_contact,1,2023-01-01',
      ',support_contact,1,2024-02-03',
      'B,support_contact,lots,2024-02-03',
      'B,support_contact,1,03/02/2024',
    ].join('\n') + '\n',
  );
  const model = parseCostModel(`${MODEL}
  - { name: support, cost: 12.00, driver: support_contact }
  - { name: store deliveries, cost: 5.00, driver: delivery, channel: store }
`);
  const r = await computeProfitability(engine, model, { activitiesFile: acts });
  // Accepted contacts: A 2, C 1, Z 1 (not in the log) = 4; rate 3.00: A 6.00, C 3.00, Z's 3.00 unassigned.
  const support = r.pools[2]!;
  assert.deepEqual(
    [support.totalVolume, support.outsideVolume, support.rate, support.assigned, support.unassigned, support.unassignedReason],
    [4, 1, 3, 9, 3, 'customers_not_in_log'],
  );
  // No order goes through channel "store": the whole 5.00 is unassigned.
  const store = r.pools[3]!;
  assert.deepEqual([store.totalVolume, store.assigned, store.unassigned, store.unassignedReason], [0, 0, 5, 'no_driver_volume']);
  assert.equal(row(r, 'A').cts, 42.33);
  assert.equal(row(r, 'C').cts, 23.68);
  assert.equal(r.totals.unassignedCost, 8);
  assert.equal(r.reconciliation.poolCost, 127.01);
  assert.equal(r.reconciliation.assigned + r.reconciliation.unassigned, 127.01);
  assert.equal(r.customersNotInLog, 1);
  assert.equal(r.customers.length, 3, 'Z is not a customer of the P&L');
  // Every bad activity row is quarantined with its line and reason.
  assert.deepEqual(r.activities!.quarantineByReason, {
    date_out_of_range: 1,
    missing_customer_id: 1,
    negative_count: 1,
    non_numeric_count: 1,
    unknown_activity: 1,
    unparseable_date: 1,
  });
  assert.deepEqual(
    r.activities!.examples.map((e) => [e.line, e.reason]),
    [
      [5, 'negative_count'],
      [6, 'unknown_activity'],
      [7, 'date_out_of_range'],
      [8, 'missing_customer_id'],
      [9, 'non_numeric_count'],
      [10, 'unparseable_date'],
    ],
  );
  assert.equal(r.activities!.rowsRead, 9);
  await engine.close();
});

test('an activity pool without an activity file is unassigned with its reason', async () => {
  const engine = await load();
  const r = await computeProfitability(engine, parseCostModel(`${MODEL}\n  - { name: support, cost: 12.00, driver: support_contact }\n`));
  assert.deepEqual([r.pools[2]!.unassigned, r.pools[2]!.unassignedReason], [12, 'no_activity_file']);
  assert.match(r.warnings.join('\n'), /No activity file given: pool "support"/);
  await engine.close();
});

test('unknown product: a product with no cost and no default margin is an InputError naming it', async () => {
  const engine = createDuckDbEngine();
  const log = join(dir, 'products.csv');
  writeFileSync(log, 'customer,date,amount,product\nA,2024-01-10,10,P1\nA,2024-01-11,10,P2\nB,2024-01-11,5,P2\n');
  await ingestFile(engine, log, { maxDate: '2030-01-01' });
  const model = parseCostModel('product_cost:\n  products: { P1: { unit_cost: 4 } }\npools: [{ name: o, cost: 1, driver: order }]');
  await assert.rejects(computeProfitability(engine, model), (e: Error & { code?: string }) => {
    assert.equal(e.code, 'unknown_product');
    assert.match(e.message, /2 transaction rows have no product cost: product P2 \(2 rows\)\. Add them under product_cost\.products/);
    return true;
  });
  // With the product costed, unit cost × quantity (1 when absent) is used.
  const ok = await computeProfitability(
    engine,
    parseCostModel(
      'product_cost:\n  products: { P1: { unit_cost: 4 }, P2: { margin_pct: 25 }, P9: { unit_cost: 1 } }\npools: [{ name: o, cost: 1, driver: order }]',
    ),
  );
  assert.deepEqual(Array.from(ok.customers.productCost), [4 + 7.5, 3.75]);
  assert.match(ok.warnings.join('\n'), /1 products of the cost model never appear in the log \(e\.g\. P9\)/);
  await engine.close();
});

test('multi-line orders, rows without an order id, deliveries by channel and the main channel', async () => {
  const engine = createDuckDbEngine();
  const log = join(dir, 'orders.csv');
  writeFileSync(
    log,
    [
      'customer,date,amount,order,channel',
      'X,2024-01-01,10,O1,web',
      'X,2024-01-01,5,O1,web',
      'X,2024-01-02,7,O2,store',
      'X,2024-01-03,-5,O1R,web',
      'Y,2024-01-02,20,,store',
      'Y,2024-01-04,21,,store',
      'Y,2024-01-05,1,,web',
    ].join('\n') + '\n',
  );
  await ingestFile(engine, log, { maxDate: '2030-01-01' });
  const r = await computeProfitability(
    engine,
    parseCostModel(`product_cost: { margin_pct: 50 }
pools:
  - { name: orders, cost: 30, driver: order }
  - { name: lines, cost: 12, driver: order_line }
  - { name: web deliveries, cost: 9, driver: delivery, channel: web }
  - { name: returns, cost: 4, driver: return }
`),
  );
  // Orders: X has O1 (two lines) and O2 = 2; Y has three rows without an order id = 3 → 5 orders, 6.00 each.
  // Lines: X 3, Y 3 → 2.00 each. Web deliveries: X's O1, Y's third row → 4.50 each. Returns: X 1 → 4.00.
  assert.deepEqual(
    r.pools.map((p) => p.totalVolume),
    [5, 6, 2, 1],
  );
  assert.deepEqual(row(r, 'X').pools, [12, 6, 4.5, 4]);
  assert.deepEqual(row(r, 'Y').pools, [18, 6, 4.5, 0]);
  assert.deepEqual(Array.from(r.customers.orders), [2, 3]);
  // Main channel by purchase revenue: X web 15 > store 7; Y store 41 > web 1.
  assert.deepEqual(r.customers.mainChannel, ['web', 'store']);
  // The P&L table names the main channel when the log has channels (and only then: see the hand test of the three tables).
  const pnl = tableRecords(pnlTable(r, profitabilityReport(r)));
  assert.deepEqual(
    pnl.map((x) => [x.customer_id, x.main_channel, x.cost_orders, x.cost_lines, x.cost_web_deliveries, x.cost_returns]),
    [
      ['X', 'web', 12, 6, 4.5, 4],
      ['Y', 'store', 18, 6, 4.5, 0],
    ],
  );
  await engine.close();
});

test('the three per-customer tables (P&L, unprofitable customers, whale curve) on the hand example, cell by cell', async () => {
  const engine = await load();
  const r = await computeProfitability(engine, parseCostModel(MODEL));
  await engine.close();
  const rep = profitabilityReport(r);
  // P&L: the figures of the first hand test, one column each, pools as cost_<pool in snake case>.
  const pnl = pnlTable(r, rep);
  assert.deepEqual(
    pnl.columns.map((c) => c.key),
    [
      'customer_id',
      'value_tier',
      'orders',
      'units',
      'returns',
      'gross_revenue',
      'returns_value',
      'net_revenue',
      'product_cost',
      'gross_margin',
      'cost_order_processing',
      'cost_picking',
      'cost_to_serve',
      'profit',
      'quadrant',
    ],
    'no main_channel without a channel column, no segment without segments',
  );
  // Every margin is 40 %, so everybody is "high margin"; cost-to-serve % of net revenue: A 36.33/150 = 24.2,
  // B 53/50 = 106, C 20.68/200 = 10.3, median 24.2 → A and B high (≥ median): carriage trade; C passive.
  const byId = Object.fromEntries(pnl.rows.map((row) => [row[0], row.slice(2)]));
  assert.deepEqual(byId.A, [2, 3, 0, 150, 0, 150, 90, 60, 33.33, 3, 36.33, 23.67, 'carriage_trade']);
  // B: 3 orders, 3 units bought, 1 return order; gross 60 − returns 10 = net 50; COGS 30; margin 20; 50 + 3 = 53; profit −33.
  assert.deepEqual(byId.B, [3, 3, 1, 60, 10, 50, 30, 20, 50, 3, 53, -33, 'carriage_trade']);
  assert.deepEqual(byId.C, [1, 4, 0, 200, 0, 200, 120, 80, 16.67, 4.01, 20.68, 59.32, 'passive']);
  assert.deepEqual(pnl.notes.length, 1);
  // Unprofitable: only B. Order value A 75, B 50/3 = 16.67 (whole cents), C 200: median 75. B's order-driven cost
  // (50.00) is its largest family and its order value is below the median → minimum order. Drivers: order
  // processing 50/53 = 94 %, picking 3/53 = 6 %.
  const u = unprofitableTable(rep.unprofitable, 'EUR');
  assert.deepEqual(tableRecords(u), [
    {
      customer_id: 'B',
      net_revenue: 50,
      gross_margin: 20,
      cost_to_serve: 53,
      profit: -33,
      orders: 3,
      average_order_value: 16.67,
      top_driver: 'order processing 94%',
      second_driver: 'picking 6%',
      remedy: 'minimum_order',
      detail: rep.unprofitable.customers[0]!.detail,
    },
  ]);
  assert.match(
    u.notes[0]!,
    /^1 unprofitable customers destroy 33\.00 EUR; remedies: 1 minimum order, 0 channel shift, 0 re-pricing, 0 returns review$/,
  );
  assert.equal(u.title, 'Unprofitable customers, most loss-making first (EUR)');
  // Whale curve with one point per customer: ranked C 59.32, A 23.67, B −33 → cumulative 0, 59.32, 82.99, 49.99;
  // % of the total 49.99: 0, 118.66…, 166.01…, 100.
  const w = whaleTable(whaleCurve(r.customers.profit, 3), 'EUR');
  assert.deepEqual(
    w.columns.map((c) => c.key),
    ['customer_share', 'customers', 'cumulative_profit', 'pct_of_total_profit'],
  );
  assert.deepEqual(
    w.rows.map((x) => x.slice(0, 3)),
    [
      [0, 0, 0],
      [1 / 3, 1, 59.32],
      [2 / 3, 2, 82.99],
      [1, 3, 49.99],
    ],
  );
  const pcts = w.rows.map((x) => x[3] as number);
  [0, (100 * 59.32) / 49.99, (100 * 82.99) / 49.99, 100].forEach((e, k) =>
    assert.ok(Math.abs(pcts[k]! - e) <= 1e-12 * e, `% of total at point ${k}: actual ${pcts[k]}, expected ${e}, tolerance 1e-12 relative`),
  );
  // A total profit ≤ 0 leaves the percentage empty (null), not NaN.
  assert.deepEqual(
    whaleTable(whaleCurve(Float64Array.of(-1), 1), 'EUR').rows.map((x) => x[3]),
    [null, null],
  );
});
