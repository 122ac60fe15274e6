// Profitability drivers (src/profitability/profit-sql.ts) on ClickHouse against DuckDB: the per-
// customer P&L, pools, whale curve inputs and reconciliation to the cent, on CDNOW with the bundled
// illustrative cost model, on a synthetic log with order ids, returns, channels and a cost period
// inside the log, with more channels than are summed inline (the separate main-channel pass), and on
// the demo business with per-product costs (inline literals, up to a 20,000-product catalogue whose
// statements exceed the default max_query_size) and activity files (a sharded table).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFileSync, writeFileSync } from 'node:fs';
import { generateDemoBusiness } from '../../../src/demo/demo.js';
import { loadCostModel, parseCostModel, type CostModel } from '../../../src/profitability/cost-model.js';
import { clickhouseDialect } from '../../../src/engine/clickhouse/clickhouse-dialect.js';
import { inlineProductCostsRelation, MAX_INLINE_PRODUCT_BYTES } from '../../../src/profitability/product-costs-inline.js';
import { computeProfitability } from '../../../src/profitability/profitability.js';
import type { ProfitabilityResult } from '../../../src/profitability/profitability-types.js';
import { assertDeepClose } from '../../helpers/assert-deep-close.js';
import { sameLogOnBoth, syntheticOnBoth } from '../../helpers/cdnow-engines.js';
import type { ClickHouseBackend } from '../../helpers/clickhouse.js';
import { tempDir } from '../../helpers/temp-dir.js';

const EXAMPLE = new URL('../../../../../data/cdnow/cost-model.example.yaml', import.meta.url).pathname;

const SYNTHETIC_MODEL = parseCostModel(`
currency: EUR
period: { start: "2022-01-01", end: "2022-12-31" }
product_cost: { margin_pct: 35 }
pools:
  - { name: orders, cost: 5000, driver: order }
  - { name: lines, cost: 3000, driver: order_line }
  - { name: units, cost: 2000, driver: unit }
  - { name: returns, cost: 1500, driver: return }
  - { name: delivery, cost: 4000, driver: delivery }
  - { name: web delivery, cost: 700, driver: delivery, channel: web }
  - { name: accounts, cost: 2500, driver: customer_year }
`);

for (const backend of ['cluster', 'chdb'] as ClickHouseBackend[]) {
  test(`${backend}: CDNOW profitability with the illustrative cost model equals DuckDB's to the cent`, async (t) => {
    const both = await sameLogOnBoth(t, backend);
    if (!both) return;
    try {
      const model = await loadCostModel(EXAMPLE);
      const a = await computeProfitability(both.ch, model);
      const b = await computeProfitability(both.duck, model);
      assert.equal(a.customers.customerId.length, 2357);
      assertDeepClose(a, b);
    } finally {
      await both.done();
    }
  });

  test(`${backend}: order ids, returns, channels and a cost period inside the log (synthetic) equal DuckDB's`, async (t) => {
    const both = await syntheticOnBoth(t, backend);
    if (!both) return;
    try {
      const a = await computeProfitability(both.ch, SYNTHETIC_MODEL);
      const b = await computeProfitability(both.duck, SYNTHETIC_MODEL);
      assert.ok(
        b.pools.every((p) => p.totalVolume > 0),
        'every pool has volume',
      );
      assertDeepClose(a, b);
    } finally {
      await both.done();
    }
  });

  test(`${backend}: 18 channels (main channel from a separate pass) equal DuckDB's, with per-product costs of products not in the log`, async (t) => {
    const dir = tempDir('cvm-ch-profit-');
    const file = join(dir, 'channels.csv');
    const lines = ['order,customer,date,amount,channel'];
    for (let i = 0; i < 180; i++)
      lines.push(
        `o${i},c${i % 23},2024-0${1 + (i % 6)}-1${i % 10},${(10 + ((i * 7) % 50)).toFixed(2)},ch${String(i % 18).padStart(2, '0')}`,
      );
    writeFileSync(file, lines.join('\n') + '\n');
    const both = await sameLogOnBoth(t, backend, file, {});
    if (!both) return;
    try {
      const model = parseCostModel(`
currency: EUR
product_cost: { margin_pct: 30 }
pools:
  - { name: orders, cost: 900, driver: order }
  - { name: ch03 delivery, cost: 100, driver: delivery, channel: ch03 }
`);
      const a: ProfitabilityResult = await computeProfitability(both.ch, model);
      const b = await computeProfitability(both.duck, model);
      assert.ok(new Set(b.customers.mainChannel).size > 5, 'many main channels');
      assertDeepClose(a, b);
      const withProducts = parseCostModel(`
currency: EUR
product_cost: { margin_pct: 30, products: { p1: { unit_cost: 2 }, "it's \\\\ q": { margin_pct: 10 } } }
pools:
  - { name: orders, cost: 900, driver: order }
`);
      const c = await computeProfitability(both.ch, withProducts);
      const d = await computeProfitability(both.duck, withProducts);
      assert.match(d.warnings.join('\n'), /2 products of the cost model never appear in the log \(e\.g\. it's \\ q, p1\)/);
      assertDeepClose(c, d);
    } finally {
      await both.done();
    }
  });
}

/** Activity rows of every quarantine reason, and customers known only from the activity file. */
const BAD_ACTIVITY_ROWS = [
  'C000002,support_contact,1,2023-01-05,extra', // malformed_row
  ',support_contact,1,2023-01-05', // missing_customer_id
  'C000002,,1,2023-01-05', // missing_activity
  'C000002,phone_call,1,2023-01-05', // unknown_activity
  'C000002,support_contact,many,2023-01-05', // non_numeric_count
  'C000002,support_contact,-1,2023-01-05', // negative_count
  'C000002,support_contact,1,05/01/2023', // unparseable_date
  'C000002,support_contact,1,1999-01-01', // date_out_of_range
  'NOT-IN-LOG,support_contact,3,2023-02-02',
  '99999999,Support_Contact,2.5,20230303',
  `"O'Brien \\ x",support_contact,1,2023-03-03`,
];

for (const backend of ['cluster', 'chdb'] as ClickHouseBackend[]) {
  test(`${backend}: the demo business's P&L with per-product costs and activity files equals DuckDB's (counts exact, money to the cent)`, async (t) => {
    const dir = tempDir('cvm-ch-demo-profit-');
    generateDemoBusiness(dir, { customers: 1500, seed: 3 });
    const both = await sameLogOnBoth(t, backend, join(dir, 'transactions.csv'), {});
    if (!both) return;
    const leftOver = async (): Promise<unknown[]> =>
      both.ch.rows(`SELECT name FROM system.tables WHERE database IN ($1, $2) AND name LIKE 'cvm_activities_%'`, [
        both.ch.database,
        both.ch.localDatabase,
      ]);
    try {
      // the demo's own model: 200 products with unit costs, its support-contacts.csv
      const model = await loadCostModel(join(dir, 'cost-model.yaml'));
      assert.equal(model.productCost.products.size, 200);
      const a = await computeProfitability(both.ch, model);
      const b = await computeProfitability(both.duck, model);
      assert.ok(b.activities !== null && b.activities.rowsAccepted === 460, `460 support contacts, got ${b.activities?.rowsAccepted}`);
      assert.ok(b.pools.find((p) => p.name === 'customer service')!.totalVolume > 0, 'the activity pool has volume');
      assertDeepClose(a, b);

      // every quarantine reason, and customers known only from the activity file
      const bad = join(dir, 'activities-bad.csv');
      writeFileSync(bad, `${readFileSync(join(dir, 'support-contacts.csv'), 'utf8')}${BAD_ACTIVITY_ROWS.join('\n')}\n`);
      const c = await computeProfitability(both.ch, model, { activitiesFile: bad });
      const d = await computeProfitability(both.duck, model, { activitiesFile: bad });
      assert.equal(d.activities!.rowsQuarantined, 8);
      assert.equal(Object.keys(d.activities!.quarantineByReason).length, 8, JSON.stringify(d.activities!.quarantineByReason));
      assert.equal(d.customersNotInLog, 3);
      assertDeepClose(c, d);
      assert.deepEqual(await leftOver(), [], 'the activity tables are dropped');

      // mixed unit costs and margins, no default margin: the same rows are refused as uncosted
      const ids = [...model.productCost.products.keys()];
      const partial = parseCostModel(`
currency: USD
product_cost:
  products:
${ids
  .slice(0, 150)
  .map(
    (id, i) =>
      `    ${id}: { ${i % 3 === 0 ? `margin_pct: ${20 + (i % 40)}` : `unit_cost: ${model.productCost.products.get(id)!.unitCost}`} }`,
  )
  .join('\n')}
pools:
  - { name: orders, cost: 9000, driver: order }
  - { name: service, cost: 4000, driver: support_contact }
`);
      const refusal = (engine: typeof both.duck) =>
        computeProfitability(engine, partial, { activitiesFile: bad }).then(
          () => assert.fail('expected unknown_product'),
          (e: Error & { code?: string }) => `${e.code}: ${e.message}`,
        );
      const [onCh, onDuck] = [await refusal(both.ch), await refusal(both.duck)];
      assert.match(onDuck, /^unknown_product: \d+ transaction rows have no product cost: product P0/);
      assert.equal(onCh, onDuck);
      assert.deepEqual(await leftOver(), [], 'the activity table is dropped after a refusal');

      // a large catalogue: the statements are past ClickHouse's default max_query_size (256 KiB),
      // parsed with the limits raised (also by the shards of the cluster); past the bound, refused
      const products = new Map(model.productCost.products);
      const grow = (n: number): CostModel => {
        for (let i = products.size; products.size < n; i++)
          products.set(`SKU${String(i).padStart(7, '0')}`, { unitCost: i / 100, marginPct: null });
        return { ...model, productCost: { ...model.productCost, marginPct: null, products: new Map(products) } };
      };
      const large = grow(20_000);
      const bytes = Buffer.byteLength(inlineProductCostsRelation(clickhouseDialect, large));
      assert.ok(bytes > 2 * 262_144, `${bytes} bytes of product literals, over twice the default max_query_size`);
      assertDeepClose(await computeProfitability(both.ch, large), await computeProfitability(both.duck, large));
      const over = grow(Math.ceil((20_000 * 1.02 * MAX_INLINE_PRODUCT_BYTES) / bytes));
      await assert.rejects(computeProfitability(both.ch, over), (e: Error & { code?: string; context?: { bytes: number } }) => {
        assert.equal(e.code, 'too_many_products');
        assert.ok(
          e.context!.bytes > MAX_INLINE_PRODUCT_BYTES && e.context!.bytes < 1.15 * MAX_INLINE_PRODUCT_BYTES,
          String(e.context!.bytes),
        );
        return true;
      });
    } finally {
      await both.done();
    }
  });
}
