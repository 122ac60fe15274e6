// The value of an item for offers and rules (src/expansion/item-values.ts) with per-product costs on
// ClickHouse against DuckDB: the demo business's 200 unit costs, read from literals in the SQL on
// ClickHouse and from a temporary table on DuckDB (the 2-shard 18.16 cluster and chDB).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { generateDemoBusiness } from '../../../src/demo/demo.js';
import { loadBaskets } from '../../../src/expansion/baskets.js';
import { loadItemFacts } from '../../../src/expansion/item-values.js';
import { loadCostModel } from '../../../src/profitability/cost-model.js';
import { assertDeepClose } from '../../helpers/assert-deep-close.js';
import { sameLogOnBoth } from '../../helpers/cdnow-engines.js';
import type { ClickHouseBackend } from '../../helpers/clickhouse.js';
import { tempDir } from '../../helpers/temp-dir.js';

for (const backend of ['cluster', 'chdb'] as ClickHouseBackend[]) {
  test(`${backend}: item margins with per-product costs equal DuckDB's`, async (t) => {
    const dir = tempDir('cvm-ch-items-');
    generateDemoBusiness(dir, { customers: 800, seed: 4 });
    const both = await sameLogOnBoth(t, backend, join(dir, 'transactions.csv'), {});
    if (!both) return;
    try {
      const model = await loadCostModel(join(dir, 'cost-model.yaml'));
      const a = await loadItemFacts(both.ch, await loadBaskets(both.ch), model);
      const b = await loadItemFacts(both.duck, await loadBaskets(both.duck), model);
      assert.equal(b.values.kind, 'margin');
      assert.ok(b.values.value.length > 100 && b.values.value.every(Number.isFinite), 'every item valued');
      assertDeepClose(a, b);
    } finally {
      await both.done();
    }
  });
}
