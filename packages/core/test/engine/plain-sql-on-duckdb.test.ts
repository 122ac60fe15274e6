// The statements written for engines without CTEs, window functions or FILTER (ClickHouse 18.16:
// summary/plain-netting-sql.ts and the plain summary, history, tracking, profitability and migration
// SQL) run on DuckDB too, so they are checked here in every clone, without a ClickHouse: DuckDB's
// engine under a dialect that says "clickhouse" (and keeps DuckDB's fragments) takes the plain path,
// and its answers must equal DuckDB's own WITH/window statements, whose netting rule is checked
// against a row-by-row recomputation in test/summary/summary-returns.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { createDuckDbEngine } from '../../src/engine/duckdb/duckdb-engine.js';
import { duckdbDialect } from '../../src/engine/duckdb/duckdb-dialect.js';
import type { Engine, SqlDialect } from '../../src/engine/engine.js';
import { ingestFile } from '../../src/transactions/ingest.js';
import { summarize } from '../../src/summary/summary.js';
import { loadHistory } from '../../src/segments/segment-as-of.js';
import { trackingSql } from '../../src/validation/tracking-sql.js';
import { parseCostModel } from '../../src/profitability/cost-model.js';
import { computeProfitability } from '../../src/profitability/profitability.js';
import { saveSnapshot } from '../../src/segments/snapshots.js';
import { segmentAsOf } from '../../src/segments/segment-as-of.js';
import { migrateSnapshots } from '../../src/segments/migration.js';
import { backtestOutcomesSql, retentionHistorySql } from '../../src/retention/retention-sql.js';
import { generateSyntheticLog } from '../../bench/synthetic-log.js';
import { writeCancellationsLog } from '../helpers/cancellations-log.js';
import { assertDeepClose } from '../helpers/assert-deep-close.js';
import { tempDir } from '../helpers/temp-dir.js';

/** The same DuckDB connection seen through a dialect named "clickhouse": every `d.name !== 'duckdb'` branch is taken. */
function plainView(engine: Engine): Engine {
  const dialect: SqlDialect = { ...duckdbDialect, name: 'clickhouse' };
  return {
    ...engine,
    dialect,
    exec: engine.exec.bind(engine),
    rows: engine.rows.bind(engine),
    columns: engine.columns.bind(engine),
    load: engine.load.bind(engine),
    close: async () => {},
  };
}

test('plain SQL on DuckDB: summary, history and tracking curve of a log with every kind of return equal the WITH/window statements', async () => {
  const log = writeCancellationsLog(tempDir('cvm-plain-'));
  const duck = createDuckDbEngine();
  try {
    await ingestFile(duck, log.path, { mapping: { customer: 'customer_id', date: 'date', amount: 'sales', order: 'order_id' } });
    const plain = plainView(duck);
    for (const o of [{ period: 'day' as const, calibrationEnd: '1997-09-30', holdoutEnd: '1998-06-30' }, { period: 'week' as const }]) {
      const a = await summarize(plain, o),
        b = await summarize(duck, o);
      assert.ok(b.hasReturns);
      assert.deepEqual(a.customerId, b.customerId);
      assertDeepClose({ ...a, computedAt: null }, { ...b, computedAt: null });
      const ha = await loadHistory(plain, a.calibrationEnd, a),
        hb = await loadHistory(duck, b.calibrationEnd, b);
      assert.deepEqual(Array.from(ha.prevPurchase), Array.from(hb.prevPurchase));
      // the second-to-last purchase day read in DuckDB's summary pass (issue 12) equals the plain history's
      const c = await summarize(duck, { ...o, previousPurchase: true });
      assert.deepEqual(Array.from(c.prevPurchase!), Array.from(ha.prevPurchase));
    }
    const t = { calibrationEnd: '1997-09-30', holdoutEnd: '1998-06-30', daysPerPeriod: 7, netReturns: true };
    const ta = await duck.rows(trackingSql(plain.dialect, t)),
      tb = await duck.rows(trackingSql(duckdbDialect, t));
    assert.ok(tb.length > 70, `${tb.length} weeks`);
    assertDeepClose(
      ta.map((r) => [Number(r.period), r.repeat_transactions]),
      tb.map((r) => [Number(r.period), r.repeat_transactions]),
    );
  } finally {
    await duck.close();
  }
});

test('plain SQL on DuckDB: profitability (order ids, returns, channels, a customer-year pool) and tier migration equal the DuckDB statements', async () => {
  const file = join(tempDir('cvm-plain-'), 'log.csv');
  await generateSyntheticLog(file, { rows: 20_000, customers: 2_000, seed: 11 });
  const duck = createDuckDbEngine();
  try {
    await ingestFile(duck, file, {});
    const plain = plainView(duck);
    const model = parseCostModel(`
currency: EUR
period: { start: "2022-01-01", end: "2022-12-31" }
product_cost: { margin_pct: 35 }
pools:
  - { name: orders, cost: 5000, driver: order }
  - { name: returns, cost: 1500, driver: return }
  - { name: web delivery, cost: 700, driver: delivery, channel: web }
  - { name: accounts, cost: 2500, driver: customer_year }
`);
    const a = await computeProfitability(plain, model),
      b = await computeProfitability(duck, model);
    assert.ok(
      b.pools.every((p) => p.totalVolume > 0),
      'every pool has volume',
    );
    assertDeepClose(a, b);
    for (const asOf of ['2022-06-30', '2022-12-31']) await saveSnapshot(duck, await segmentAsOf(duck, { asOf }));
    const ma = await migrateSnapshots(plain, { from: '2022-06-30', to: '2022-12-31' });
    const mb = await migrateSnapshots(duck, { from: '2022-06-30', to: '2022-12-31' });
    assert.ok(mb.downgrades.length > 0, 'some customers moved down');
    assertDeepClose(ma, mb);
  } finally {
    await duck.close();
  }
});

test('plain SQL on DuckDB: the retention history (with last channels) and backtest outcomes equal the WITH statements (issue 16)', async () => {
  const file = join(tempDir('cvm-plain-'), 'log.csv');
  await generateSyntheticLog(file, { rows: 20_000, customers: 2_000, seed: 11 });
  const duck = createDuckDbEngine();
  try {
    await ingestFile(duck, file, {});
    const plain = plainView(duck);
    const [r] = await duck.rows<{ last: string }>('SELECT CAST(max(event_date) AS VARCHAR) AS last FROM transactions');
    const asOf = r!.last;
    const h = { asOf, before: '2021-03-31', channels: 'text' as const, netReturns: true };
    const kinds = { customer_id: 'string', days_after: 'f64', last_before: 'f64', last_purchase: 'f64', last_channel: 'string' } as const;
    const [ha, hb] = [
      await duck.columns(retentionHistorySql(plain.dialect, h), kinds),
      await duck.columns(retentionHistorySql(duckdbDialect, h), kinds),
    ];
    assert.ok(hb.length > 1900, `${hb.length} customers`);
    assert.ok(
      hb.strings.last_channel!.some((c) => c.length > 11),
      'the log has channels',
    );
    assert.ok(Array.from(hb.f64.last_before!).some(Number.isNaN), 'some customers were acquired after the earlier day');
    assert.deepEqual(ha.strings, hb.strings);
    assertDeepClose(ha.f64, hb.f64);
    const o = { from: '2022-12-31', to: asOf, netReturns: true };
    const k2 = { customer_id: 'string', first_purchase: 'f64', holdout_days: 'f64', next_purchase: 'f64', holdout_revenue: 'f64' } as const;
    const [ba, bb] = [
      await duck.columns(backtestOutcomesSql(plain.dialect, o), k2),
      await duck.columns(backtestOutcomesSql(duckdbDialect, o), k2),
    ];
    assert.ok(Array.from(bb.f64.next_purchase!).some(Number.isNaN), 'some customers did not come back');
    assert.deepEqual(ba.strings, bb.strings);
    assertDeepClose(ba.f64, bb.f64);
  } finally {
    await duck.close();
  }
});
