// Association rules on ClickHouse without moving the baskets (issue 16): mined from aggregates built
// where the rows live (src/expansion/basket-stats-sql.ts: each shard builds its customers' baskets;
// the basket count, the baskets per product and, level by level, the candidate itemsets are counted
// there and summed), and equal to DuckDB's rules from its own baskets: the same rules in the same
// order, counts exact, measures to 1e-9 relative, the same table, with and without product costs.
// Checked on the seeded demo business and on a synthetic log with multi-item orders, order-less
// baskets and returns, on the local 2-shard 18.16 cluster and on chDB. What comes back from
// ClickHouse is counted: no statement streams the log (the DuckDB mirror's path), at most one row per
// product and per frequent itemset comes back, and four times the basket lines bring back about the
// same number of rows. The up-sell headroom's breadth (distinct products per customer) is counted on
// the shards too: the same count per customer as DuckDB, one row per customer back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { generateDemoBusiness } from '../../../src/demo/demo.js';
import type { ClickHouseEngine } from '../../../src/engine/clickhouse/clickhouse-engine.js';
import { rulesReport, type RulesReport, type RulesReportOptions } from '../../../src/expansion/rules-report.js';
import { loadBaskets } from '../../../src/expansion/baskets.js';
import { basketBreadth } from '../../../src/expansion/basket-breadth.js';
import { loadCostModel } from '../../../src/profitability/cost-model.js';
import { writeSyntheticBasketLog } from '../../../bench/synthetic-basket-log.js';
import { assertDeepClose } from '../../helpers/assert-deep-close.js';
import { sameLogOnBoth } from '../../helpers/cdnow-engines.js';
import type { ClickHouseBackend } from '../../helpers/clickhouse.js';
import { tempDir } from '../../helpers/temp-dir.js';

/** Runs `run` counting what ClickHouse sends back; fails when the log is streamed out (the mirror's path). */
async function watched<T>(ch: ClickHouseEngine, run: () => Promise<T>): Promise<{ out: T; rows: number; bytes: number }> {
  const streamed: string[] = [];
  const stream = ch.stream.bind(ch);
  ch.stream = (sql, format, params) => {
    streamed.push(sql);
    return stream(sql, format, params);
  };
  const rows = ch.stats.rowsReceived,
    bytes = ch.stats.bytesReceived;
  try {
    const out = await run();
    assert.deepEqual(streamed, [], 'the log was streamed out of ClickHouse');
    return { out, rows: ch.stats.rowsReceived - rows, bytes: ch.stats.bytesReceived - bytes };
  } finally {
    ch.stream = stream;
  }
}

/** The rules report on both engines: equal, and what came back from ClickHouse bounded by products + patterns. */
async function sameRules(
  both: NonNullable<Awaited<ReturnType<typeof sameLogOnBoth>>>,
  options: RulesReportOptions,
): Promise<{ duck: RulesReport; rows: number; lines: number }> {
  const duck = await rulesReport(both.duck, options);
  const { out: ch, rows } = await watched(both.ch, () => rulesReport(both.ch, options));
  assert.ok(duck.rules.length > 5, `some rules (${duck.rules.length})`);
  assertDeepClose(ch, duck);
  const lines = (await loadBaskets(both.duck, options)).members.length;
  // the facts, the basket count, one row per product and one per frequent itemset: the output's size
  // (with product costs, the item values and the cost check add a row or two per product)
  const perProduct = options.costModel ? 3 : 1;
  assert.ok(
    rows <= 2 + perProduct * duck.items + duck.itemsets,
    `${rows} rows came back for ${duck.items} products and ${duck.itemsets} itemsets`,
  );
  return { duck, rows, lines };
}

/** Distinct products per customer on both engines: equal, one row per customer back, no copy of the log. */
async function sameBreadth(both: NonNullable<Awaited<ReturnType<typeof sameLogOnBoth>>>, w: { from?: string; to?: string }): Promise<void> {
  const byId = (b: { customers: string[]; breadth: Float64Array }): Map<string, number> =>
    new Map(b.customers.map((id, c) => [id, b.breadth[c]!] as const));
  const duck = await basketBreadth(both.duck, w);
  const { out: ch, rows } = await watched(both.ch, () => basketBreadth(both.ch, w));
  assert.ok(duck.customers.length > 100, 'customers with baskets');
  assert.deepEqual(byId(ch), byId(duck));
  assert.deepEqual(ch.warnings, duck.warnings);
  assert.ok(rows <= duck.customers.length + 1, `${rows} rows back for ${duck.customers.length} customers`);
}

for (const backend of ['cluster', 'chdb'] as ClickHouseBackend[]) {
  test(`${backend}: rules of the demo business equal DuckDB's, with and without product costs, without the log coming back`, async (t) => {
    const dir = tempDir('cvm-ch-rules-');
    generateDemoBusiness(dir, { customers: 1_500, seed: 8 });
    const both = await sameLogOnBoth(t, backend, join(dir, 'transactions.csv'), {});
    if (!both) return;
    try {
      const costModel = await loadCostModel(join(dir, 'cost-model.yaml'));
      await sameRules(both, { minSupport: 0.002, minConfidence: 0.05 });
      const r = await sameRules(both, { minSupport: 0.002, minConfidence: 0.05, costModel, to: '2024-06-30', sortBy: 'lift', limit: 30 });
      assert.equal(r.duck.values?.kind, 'margin');
      await sameBreadth(both, { from: '2023-07-01', to: '2024-06-30' });
    } finally {
      await both.done();
    }
  });

  test(`${backend}: rules of a synthetic log with baskets and returns equal DuckDB's; the rows back do not grow with baskets`, async (t) => {
    const dir = tempDir('cvm-ch-baskets-');
    const seen: { rows: number; lines: number }[] = [];
    for (const baskets of [5_000, 20_000]) {
      const file = join(dir, `log-${baskets}.csv`);
      writeSyntheticBasketLog(file, { baskets, products: 300, customers: baskets / 8 });
      const both = await sameLogOnBoth(t, backend, file, { dateFormat: 'iso', cancelPrefix: 'C' });
      if (!both) return;
      try {
        const all = await sameRules(both, { minSupport: 0.01, minConfidence: 0.2, maxLength: 6 });
        assert.ok(all.duck.facts.returns > 0 && all.duck.facts.basketsBy === 'mixed', 'returns and order-less baskets in the log');
        seen.push({ rows: all.rows, lines: all.lines });
        if (baskets === 5_000) await sameBreadth(both, {});
        if (baskets === 5_000) await sameRules(both, { minSupport: 0.005, from: '2023-04-01', to: '2024-03-31', maxConsequentLength: 2 });
      } finally {
        await both.done();
      }
    }
    t.diagnostic(`rows back / basket lines: ${JSON.stringify(seen)}`);
    // four times the basket lines, about the same rows back (the frequent itemsets of the same products)
    assert.ok(seen[1]!.lines > 3.5 * seen[0]!.lines && seen[1]!.rows < 1.5 * seen[0]!.rows, JSON.stringify(seen));
  });
}
