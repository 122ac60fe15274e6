// The bundled CDNOW sample with the bundled illustrative cost model: reconciliation to the cent,
// invariance under scaling the pools, and the report's figures.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createDuckDbEngine } from '../../src/engine/duckdb/duckdb-engine.js';
import type { Engine } from '../../src/engine/engine.js';
import { ingestFile } from '../../src/transactions/ingest.js';
import { loadCostModel, parseCostModel } from '../../src/profitability/cost-model.js';
import { computeProfitability } from '../../src/profitability/profitability.js';
import { profitabilityReport } from '../../src/profitability/profit-report.js';
import { unitEconomicsFor } from '../../src/profitability/profit-clv.js';
import { profitSection } from '../../src/profitability/profit-tables.js';
import { profitMatrixTable } from '../../src/profitability/profit-summary-tables.js';
import { runProfitSummary } from '../../src/pipeline-profit.js';
import { dataPath } from '../helpers/read-csv.js';

const MODEL = dataPath('cdnow/cost-model.example.yaml');

async function sample(): Promise<Engine> {
  const engine = createDuckDbEngine();
  await ingestFile(engine, dataPath('cdnow/cdnow_sample_elog.csv'), {
    mapping: { customer: 'sampleid', quantity: 'cds', amount: 'sales', date: 'date' },
  });
  return engine;
}

const cents = (a: Float64Array): number => a.reduce((s, x) => s + Math.round(x * 100), 0);

test('CDNOW sample: every pool reconciles to the cent and the totals add up', async () => {
  const engine = await sample();
  const model = await loadCostModel(MODEL);
  assert.equal(model.illustrative, true);
  const r = await computeProfitability(engine, model);
  assert.equal(r.customers.length, 2357);
  assert.equal(r.totals.netRevenue, 244091.94);
  // Volumes of the sample (data/README.md): 6,919 purchase rows = orders, 16,479 CDs.
  assert.deepEqual(r.pools.map((p) => p.totalVolume).slice(0, 3), [6919, 16479, 6919]);
  r.pools.forEach((p, k) => {
    assert.equal(cents(r.customers.poolCost[k]!), Math.round(p.cost * 100), `pool ${p.name}: customers' cents = pool cents`);
    assert.equal(p.unassigned, 0);
    // Each customer is within one cent of volume × rate.
    for (let i = 0; i < r.customers.length; i++) {
      const exact = r.customers.volume[k]![i]! * p.rate;
      assert.ok(
        Math.abs(r.customers.poolCost[k]![i]! - exact) < 0.01 + 1e-9,
        `pool ${p.name} customer ${r.customers.customerId[i]}: ${r.customers.poolCost[k]![i]} vs ${exact}`,
      );
    }
  });
  assert.equal(r.reconciliation.balanced, true);
  assert.equal(cents(r.customers.costToServe), 5650000);
  assert.equal(cents(r.customers.profit), Math.round(r.totals.profit * 100));
  assert.equal(Math.round((r.totals.grossMargin - r.totals.costToServe) * 100), Math.round(r.totals.profit * 100));
  for (let i = 0; i < r.customers.length; i++) {
    const c = r.customers;
    assert.equal(
      Math.round(c.profit[i]! * 100),
      Math.round(c.netRevenue[i]! * 100) - Math.round(c.productCost[i]! * 100) - Math.round(c.costToServe[i]! * 100),
    );
  }
  const rep = profitabilityReport(r);
  assert.equal(rep.whale.totalProfit, r.totals.profit);
  assert.ok(rep.whale.peakPctOfTotal > 100, 'a whale curve peaks above 100 % of total profit');
  assert.equal(rep.unprofitable.count, rep.whale.unprofitableCustomers);
  assert.equal(
    rep.matrix.quadrants.reduce((s, q) => s + q.customers, 0),
    2357,
  );
  assert.equal(
    rep.byTier.reduce((s, g) => s + g.customers, 0),
    2357,
  );
  assert.deepEqual(
    rep.byTier.map((g) => g.group).sort(),
    ['Bronze', 'Gold', 'Platinum', 'Silver'],
    "the segments' value tiers by net revenue",
  );
  assert.deepEqual(
    rep.byTier.map((g) => g.group),
    ['Platinum', 'Gold', 'Silver', 'Bronze'],
    'listed in tier order, not by profit (issue #20)',
  );
  assert.equal(rep.byChannel, null, 'the sample has no channel');
  const u = unitEconomicsFor(r, ['1', 'no-such-customer']);
  assert.equal(u.costPerTransaction[1], u.overall.costPerTransaction);
  await engine.close();
});

test('invariance: doubling every pool doubles each cost-to-serve (to the cent) and keeps the cost-to-serve ranks', async () => {
  const engine = await sample();
  const text = readFileSync(MODEL, 'utf8');
  const base = await computeProfitability(engine, parseCostModel(text));
  const doubled = parseCostModel(text);
  for (const p of doubled.pools) p.cost *= 2;
  const r2 = await computeProfitability(engine, doubled);
  const a = base.customers.costToServe,
    b = r2.customers.costToServe;
  assert.deepEqual(r2.customers.customerId, base.customers.customerId);
  for (let i = 0; i < a.length; i++) {
    // Each pool share moves by at most one cent from volume × rate, so the doubled cost is within 2 × pools cents of twice the base.
    assert.ok(
      Math.abs(Math.round(b[i]! * 100) - 2 * Math.round(a[i]! * 100)) <= 2 * base.pools.length,
      `customer ${base.customers.customerId[i]}: ${b[i]} vs 2 × ${a[i]}`,
    );
  }
  assert.equal(r2.totals.costToServe, 2 * base.totals.costToServe);
  // Ranks by exact (unrounded) cost-to-serve Σ volume × rate are identical: rates scale by 2 exactly.
  const exact = (r: typeof base): number[] =>
    Array.from({ length: r.customers.length }, (_, i) => r.pools.reduce((s, p, k) => s + r.customers.volume[k]![i]! * p.rate, 0));
  const rank = (v: number[]): number[] => v.map((_, i) => i).sort((x, y) => v[y]! - v[x]! || x - y);
  assert.deepEqual(rank(exact(r2)), rank(exact(base)));
  await engine.close();
});

test("the main report's matrix is the one spec of `cvm profit --view matrix`: same id, columns and rows, without the cuts", async () => {
  const engine = await sample();
  const { summary, report } = await runProfitSummary(engine, await loadCostModel(MODEL));
  const [main] = profitSection(summary).tables;
  const full = profitMatrixTable(report.matrix, 'USD');
  assert.equal(main!.id, 'profit.matrix');
  assert.deepEqual(main!.columns, full.columns);
  assert.deepEqual(main!.rows, full.rows);
  assert.deepEqual(main!.notes, full.notes);
  assert.equal(main!.title, 'Margin × cost-to-serve matrix (USD)');
  assert.match(full.title, /^Margin × cost-to-serve matrix \(USD\); cuts: margin \d+\.\d\d% and cost-to-serve \d+\.\d\d% of net revenue/);
  // the four quadrants add up to the customers and the profit
  assert.equal(
    main!.rows.reduce((a, r) => a + (r[2] as number), 0),
    2357,
  );
  assert.equal(Math.round(report.matrix.quadrants.reduce((a, q) => a + q.profit, 0) * 100), Math.round(summary.totals.profit * 100));
  await engine.close();
});
