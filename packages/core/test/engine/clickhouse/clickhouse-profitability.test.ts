// Profitability drivers (src/profitability/profit-sql.ts) on ClickHouse against DuckDB: the per-
// customer P&L, pools, whale curve inputs and reconciliation to the cent, on CDNOW with the bundled
// illustrative cost model, on a synthetic log with order ids, returns, channels and a cost period
// inside the log, and with more channels than are summed inline (the separate main-channel pass).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { loadCostModel, parseCostModel } from '../../../src/profitability/cost-model.js';
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

  test(`${backend}: 18 channels (main channel from a separate pass) equal DuckDB's; per-product costs are refused with a clear message`, async (t) => {
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
product_cost: { margin_pct: 30, products: { p1: { unit_cost: 2 } } }
pools:
  - { name: orders, cost: 900, driver: order }
`);
      await assert.rejects(
        computeProfitability(both.ch, withProducts),
        (e: Error & { code?: string }) => e.code === 'not_supported_on_engine',
      );
    } finally {
      await both.done();
    }
  });
}
