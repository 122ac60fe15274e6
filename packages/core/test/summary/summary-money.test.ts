// Exact money sums (issue 21, item 7): the summary, the overview and profitability sum amounts as
// DECIMAL(38, 6) (SqlDialect.moneySum), so totals are exact and do not depend on the row order. The
// log below makes a float sum visibly wrong: one amount of 1e11 and 100,000 amounts of 0.01. Added to
// 1e11 one by one, each 0.01 rounds to 655 ulps (0.0099945…), so the float total misses by ≈ 0.55;
// the exact total is 100,000,001,000.00.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDuckDbEngine } from '../../src/engine/duckdb/duckdb-engine.js';
import { ingestFile } from '../../src/transactions/ingest.js';
import { runOverview } from '../../src/pipeline.js';
import { computeProfitability } from '../../src/profitability/profitability.js';
import { parseCostModel } from '../../src/profitability/cost-model.js';
import { tempDir } from '../helpers/temp-dir.js';

const SMALL = 100_000;
const EXACT = 1e11 + SMALL / 100;

function writeLog(bigFirst: boolean): string {
  const rows = Array.from({ length: SMALL }, (_, i) => `a,2020-01-${String(1 + (i % 28)).padStart(2, '0')},0.01`);
  const big = 'a,2020-01-01,100000000000';
  if (bigFirst) rows.unshift(big);
  else rows.push(big);
  const path = join(tempDir(), `log-${bigFirst ? 'big-first' : 'big-last'}.csv`);
  writeFileSync(path, ['customer_id,date,amount', ...rows, 'b,2020-01-02,5'].join('\n') + '\n');
  return path;
}

for (const bigFirst of [true, false]) {
  test(`sums are exact whatever the row order (${bigFirst ? 'large amount first' : 'large amount last'})`, async () => {
    const engine = createDuckDbEngine();
    await ingestFile(engine, writeLog(bigFirst), { mapping: { customer: 'customer_id', date: 'date', amount: 'amount' } });
    const { report, summary } = await runOverview(engine, [], {}, { period: 'day' });
    assert.equal(summary.totalRevenue[0], EXACT, 'summary total_revenue of customer a');
    assert.equal(summary.netRevenue[0], EXACT, 'summary net_revenue of customer a');
    assert.equal(report.grossRevenue, EXACT + 5, 'overview gross revenue');
    assert.equal(report.netRevenue, EXACT + 5, 'overview net revenue');
    const model = parseCostModel(
      JSON.stringify({
        name: 'm',
        currency: 'X',
        product_cost: { margin_pct: 40 },
        pools: [{ name: 'orders', cost: 10, driver: 'order' }],
      }),
      'inline',
    );
    const p = await computeProfitability(engine, model);
    assert.equal(p.customers.grossRevenue[0], EXACT, 'profitability gross revenue of a');
    assert.equal(p.totals.netRevenue, EXACT + 5, 'profitability net revenue');
    await engine.close();
  });
}
