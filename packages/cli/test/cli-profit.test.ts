// cvm profit on the bundled sample with the bundled illustrative cost model, and its usage errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cvm, ROOT, SAMPLE, tempFile } from './run-cli.js';

const FLAGS = ['--customer-col', 'sampleid', '--quantity-col', 'cds', '--costs', `${ROOT}data/cdnow/cost-model.example.yaml`];

test('profit CSV: one P&L row per customer, cost lines add up to cost-to-serve and profit', () => {
  const r = cvm(['profit', SAMPLE, ...FLAGS]);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.equal(
    lines[0],
    'customer_id,value_tier,orders,units,returns,gross_revenue,returns_value,net_revenue,product_cost,gross_margin,cost_order_processing,cost_pick_and_pack,cost_shipping,cost_catalogue_and_crm,cost_to_serve,profit,quadrant',
  );
  assert.equal(lines.length, 2358);
  let cts = 0;
  for (const line of lines.slice(1)) {
    const v = line.split(',');
    const cents = (j: number): number => Math.round(Number(v[j]) * 100);
    assert.equal(cents(10) + cents(11) + cents(12) + cents(13), cents(14), `cost lines of ${v[0]}`);
    assert.equal(cents(9) - cents(14), cents(15), `profit of ${v[0]}`);
    cts += cents(14);
  }
  assert.equal(cts, 5650000, 'the four pools of the example model, 56,500.00 USD, to the cent');
});

test('profit JSON: totals, reconciliation, whale curve, matrix and tiers', () => {
  const r = cvm(['profit', SAMPLE, ...FLAGS, '--format', 'json', '--limit', '5']);
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.equal(j.model.illustrative, true);
  assert.equal(j.totals.customers, 2357);
  assert.equal(j.reconciliation.balanced, true);
  assert.equal(j.reconciliation.poolCost, 56500);
  assert.equal(j.whale.totalProfit, j.totals.profit);
  assert.equal(j.unprofitable.customers.length, 5);
  assert.equal(j.matrix.quadrants.length, 4);
  assert.equal(j.customers.length, 2357);
  assert.equal(j.byChannel, null);
});

test('profit table shows the whale curve figures and the illustrative label', () => {
  const r = cvm(['profit', SAMPLE, ...FLAGS, '--format', 'table']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /ILLUSTRATIVE cost model/);
  assert.match(r.stdout, /Whale curve\s+the [\d,]+ most profitable customers \([\d.]+%\) earn [\d,.]+ = [\d.]+% of total profit/);
  assert.match(r.stdout, /Reconciliation\s+pools 56,500\.00 = assigned 56,500\.00 \+ unassigned 0\.00 \(to the cent\)/);
});

test('profit --view pools and whale as CSV', () => {
  const pools = cvm(['profit', SAMPLE, ...FLAGS, '--view', 'pools'])
    .stdout.trim()
    .split('\n');
  assert.equal(pools[0], 'pool,driver,cost,volume,unit,rate_per_unit,assigned,unassigned,unassigned_reason');
  assert.match(pools[1]!, /^order processing,order,13800,6919,orders,1\.99\d+,13800,0,$/);
  const whale = cvm(['profit', SAMPLE, ...FLAGS, '--view', 'whale'])
    .stdout.trim()
    .split('\n');
  assert.equal(whale.length, 102);
  assert.equal(whale[0], 'customer_share,customers,cumulative_profit,pct_of_total_profit');
});

test('profit --view unprofitable: the top cost drivers and the remedy, --limit rows; the table format shows the labels of the core spec', () => {
  const u = cvm(['profit', SAMPLE, ...FLAGS, '--view', 'unprofitable', '--limit', '3'])
    .stdout.trim()
    .split('\n');
  assert.equal(
    u[0],
    'customer_id,net_revenue,gross_margin,cost_to_serve,profit,orders,average_order_value,top_driver,second_driver,remedy,detail',
  );
  assert.equal(u.length, 4);
  // customer 88 loses the most on the example model (the API's first unprofitable customer too)
  assert.match(u[1]!, /^88,190\.81,53\.43,100\.62,-47\.19,18,10\.6,shipping 45%,order processing 36%,minimum_order,average order 10\.60/);
  const t = cvm(['profit', SAMPLE, ...FLAGS, '--format', 'table', '--limit', '3']).stdout;
  assert.match(
    t,
    /\nCustomer {2}Net revenue {2}Gross margin {2}Cost-to-serve {2}Profit {2}Orders {2}Average order value {2}Top cost driver/,
  );
  // the remedy in words for people (the CSV above keeps the code minimum_order)
  assert.match(t, /\n88 +190\.81 +53\.43 +100\.62 +-47\.19 +18 +10\.60 +shipping 45% +order processing 36% +Minimum order {2}/);
  assert.match(t, /1,556 unprofitable customers destroy 10,028\.34 USD; .*; 3 listed \(--limit N\)/);
  assert.match(t, /\nShare of customers {2}Customers {2}Cumulative profit {2}Share of total profit \(%\)\n/);
  assert.match(t, /\n +10\.0% +236 +17,411\.95 +146\.98\n/);
});

test('profit table format: the pools, matrix and tier tables are headed by the labels and units of the core specs, not their CSV keys', () => {
  const t = cvm(['profit', SAMPLE, ...FLAGS, '--format', 'table']).stdout;
  assert.match(t, /\nPool +Driver +Cost +Driver volume +Unit +Rate \(USD per driver unit\) +Assigned +Unassigned +Why unassigned\n/);
  assert.match(t, /\norder processing +order +13,800\.00 +6,919 +orders +1\.99 +13,800\.00 +0\.00\n/);
  assert.match(t, /\nQuadrant +Rule +Customers +Net revenue +Gross margin +Cost-to-serve +Profit +Suggested action\n/);
  assert.match(
    t,
    /\nValue tier +Customers +Net revenue +Product cost +Cost-to-serve +Profit +Profit per customer +Gross margin \(% of net revenue\) +Cost-to-serve \(% of net revenue\) +Unprofitable \(share of customers\)\n/,
  );
  // the share of unprofitable customers as a percentage (Bronze: 1,515 of 1,885 lose money)
  assert.match(t, /\nBronze +1,885 +79,439\.68 +57,196\.03 +29,970\.07 +-7,726\.42 +-4\.10 +28 +37\.73 +80\.4%\n/);
  for (const key of ['rate_per_unit', 'unassigned_reason', 'suggested_action', 'profit_per_customer', 'unprofitable_share'])
    assert.doesNotMatch(t, new RegExp(`\\b${key}\\b`), `the table format shows no CSV key ${key}`);
});

test('profit with activities and segments files', () => {
  const acts = tempFile(
    'acts.csv',
    'customer_id,activity,count,date\n1,support_contact,3,1997-03-01\n2,support_contact,1,1997-04-01\n9999,support_contact,1,1997-04-01\n3,support_contact,x,1997-04-01\n',
  );
  const costs = tempFile(
    'costs.yaml',
    'product_cost: { margin_pct: 28 }\npools:\n  - { name: support, cost: 50, driver: support_contact }\n',
  );
  const segs = tempFile('segs.csv', 'customer_id,segment\n1,gold\n2,silver\n');
  const r = cvm([
    'profit',
    SAMPLE,
    '--customer-col',
    'sampleid',
    '--quantity-col',
    'cds',
    '--costs',
    costs,
    '--activities',
    acts,
    '--segments',
    segs,
    '--format',
    'json',
  ]);
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  // 5 accepted contacts, rate 10.00: customer 1 → 30.00, customer 2 → 10.00, 9999 (not in the log) → 10.00 unassigned.
  assert.deepEqual(
    [j.pools[0].totalVolume, j.pools[0].rate, j.pools[0].assigned, j.pools[0].unassigned, j.pools[0].unassignedReason],
    [5, 10, 40, 10, 'customers_not_in_log'],
  );
  assert.deepEqual(j.activities.quarantineByReason, { non_numeric_count: 1 });
  assert.deepEqual(j.bySegment.map((g: { group: string }) => g.group).sort(), ['(none)', 'gold', 'silver']);
  assert.equal(j.customers[0].cost_support, 30);
  assert.equal(j.customers[0].segment, 'gold', 'the P&L has a segment column with --segments');
});

test('profit usage errors exit 2 with one line', () => {
  const noCosts = cvm(['profit', SAMPLE, '--customer-col', 'sampleid']);
  assert.equal(noCosts.code, 2);
  assert.match(noCosts.stderr, /^cvm: cvm profit needs --costs FILE/);
  const bad = tempFile('bad.yaml', 'product_cost: { margin_pct: 30 }\npools:\n  - { name: o, cost: -1, driver: order }\n');
  const r = cvm(['profit', SAMPLE, '--customer-col', 'sampleid', '--costs', bad]);
  assert.equal(r.code, 2);
  assert.equal(r.stderr.trim().split('\n').length, 1);
  assert.match(r.stderr, /cvm: bad\.yaml: pools\[0\]\.cost must be ≥ 0/);
  const view = cvm(['profit', SAMPLE, ...FLAGS, '--view', 'channel']);
  assert.equal(view.code, 2);
  assert.match(view.stderr, /--view channel has no data: the log has no channel column/);
});

test('profit --help', () => {
  const r = cvm(['profit', '--help']);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /Usage: cvm profit FILE/);
});
