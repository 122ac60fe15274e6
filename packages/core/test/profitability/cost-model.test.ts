// Bad cost files: each gives an InputError `bad_cost_model` with one line naming the field.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCostModel } from '../../src/profitability/cost-model.js';

const OK_PRODUCT = 'product_cost: { margin_pct: 30 }\n';

function rejects(text: string, field: string, problem: string, message: RegExp): void {
  assert.throws(
    () => parseCostModel(text, 'costs.yaml'),
    (e: Error & { code?: string; context?: Record<string, unknown> }) => {
      assert.equal(e.name, 'InputError');
      assert.equal(e.code, 'bad_cost_model');
      assert.equal(e.context?.field, field, `field for: ${e.message}`);
      assert.equal(e.context?.problem, problem, `problem for: ${e.message}`);
      assert.match(e.message, message);
      assert.ok(!e.message.includes('\n'), 'one line');
      return true;
    },
  );
}

test('a valid model: defaults, activity names lower-cased, channel kept', () => {
  const m = parseCostModel(`${OK_PRODUCT}pools:
  - { name: calls, cost: 10, driver: support_contact }
  - { name: mail, cost: 2.5, driver: delivery, channel: mail }
  - { name: other, cost: 0, driver: activity, activity: Site_Visit }`);
  assert.equal(m.currency, 'USD');
  assert.equal(m.period, null);
  assert.deepEqual(
    m.pools.map((p) => [p.name, p.cost, p.driver, p.channel, p.activity]),
    [
      ['calls', 10, 'support_contact', null, 'support_contact'],
      ['mail', 2.5, 'delivery', 'mail', null],
      ['other', 0, 'activity', null, 'site_visit'],
    ],
  );
  assert.equal(m.productCost.marginPct, 30);
});

test('JSON is accepted', () => {
  const m = parseCostModel('{"product_cost": {"margin_pct": 30}, "pools": [{"name": "o", "cost": 1, "driver": "order"}]}');
  assert.equal(m.pools[0]!.driver, 'order');
});

test('missing driver', () =>
  rejects(
    `${OK_PRODUCT}pools: [{ name: o, cost: 1 }]`,
    'pools[0].driver',
    'missing',
    /costs\.yaml: pools\[0\]\.driver is missing; use one of order, order_line, unit/,
  ));
test('unknown driver', () =>
  rejects(
    `${OK_PRODUCT}pools: [{ name: o, cost: 1, driver: per_call }]`,
    'pools[0].driver',
    'unknown_driver',
    /pools\[0\]\.driver "per_call" is not a driver; use one of/,
  ));
test('negative cost', () =>
  rejects(
    `${OK_PRODUCT}pools: [{ name: o, cost: 1, driver: order }, { name: p, cost: -5, driver: unit }]`,
    'pools[1].cost',
    'negative',
    /pools\[1\]\.cost must be ≥ 0 .*got -5/,
  ));
test('cost with a currency sign', () =>
  rejects(
    `${OK_PRODUCT}pools: [{ name: o, cost: "$5", driver: order }]`,
    'pools[0].cost',
    'wrong_type',
    /pools\[0\]\.cost must be a number .*got "\$5"/,
  ));
test('negative unit cost of a product', () =>
  rejects(
    'product_cost: { products: { SKU1: { unit_cost: -2 } } }\npools: [{ name: o, cost: 1, driver: order }]',
    'product_cost.products.SKU1.unit_cost',
    'negative',
    /unit_cost must be ≥ 0/,
  ));
test('margin above 100 %', () =>
  rejects(
    'product_cost: { margin_pct: 130 }\npools: [{ name: o, cost: 1, driver: order }]',
    'product_cost.margin_pct',
    'too_big',
    /margin_pct must be ≤ 100/,
  ));
test('a product with both unit_cost and margin_pct', () =>
  rejects(
    'product_cost: { products: { X: { unit_cost: 1, margin_pct: 2 } } }\npools: [{ name: o, cost: 1, driver: order }]',
    'product_cost.products.X',
    'invalid',
    /needs exactly one of unit_cost or margin_pct/,
  ));
test('no way to cost products', () =>
  rejects('product_cost: {}\npools: [{ name: o, cost: 1, driver: order }]', 'product_cost', 'missing', /product_cost needs margin_pct/));
test('missing product_cost', () =>
  rejects('pools: [{ name: o, cost: 1, driver: order }]', 'product_cost', 'missing', /product_cost is missing/));
test('no pools', () => rejects(`${OK_PRODUCT}pools: []`, 'pools', 'empty', /pools needs at least one cost pool/));
test('misspelt field', () =>
  rejects(
    `${OK_PRODUCT}pools: [{ name: o, cost: 1, drvier: order, driver: order }]`,
    'pools[0].drvier',
    'unknown_field',
    /unknown field pools\[0\]\.drvier/,
  ));
test('duplicate pool name', () =>
  rejects(
    `${OK_PRODUCT}pools: [{ name: o, cost: 1, driver: order }, { name: o, cost: 1, driver: unit }]`,
    'pools[1].name',
    'duplicate',
    /pools\[1\]\.name "o" is used by another pool/,
  ));
test('channel on a non-delivery pool', () =>
  rejects(
    `${OK_PRODUCT}pools: [{ name: o, cost: 1, driver: order, channel: web }]`,
    'pools[0].channel',
    'misplaced',
    /channel applies to the delivery driver only/,
  ));
test('activity driver without an activity name', () =>
  rejects(
    `${OK_PRODUCT}pools: [{ name: o, cost: 1, driver: activity }]`,
    'pools[0].activity',
    'missing',
    /driver "activity" needs the activity name/,
  ));
test('bad period date', () =>
  rejects(
    `${OK_PRODUCT}period: { start: 2024-13-01, end: 2024-12-31 }\npools: [{ name: o, cost: 1, driver: order }]`,
    'period.start',
    'invalid',
    /period\.start must be a date YYYY-MM-DD/,
  ));
test('period end before start', () =>
  rejects(
    `${OK_PRODUCT}period: { start: "2024-12-01", end: "2024-01-31" }\npools: [{ name: o, cost: 1, driver: order }]`,
    'period.end',
    'order',
    /period\.end \(2024-01-31\) is before period\.start/,
  ));
test('YAML syntax error', () => rejects('product_cost: [\n', '(file)', 'syntax', /costs\.yaml: not valid YAML\/JSON: .*line 2/));
test('not a map', () => rejects('- 1\n- 2\n', '(file)', 'syntax', /must be a map with product_cost and pools/));
