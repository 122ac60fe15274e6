// The per-customer summary SQL (src/summary/summary-sql.ts) on ClickHouse — the 2-shard 18.16 cluster
// (shard-local via perShard views) and chDB — against DuckDB on the CDNOW sample. DuckDB's summary
// reproduces BTYD's published cdnowSummary (test/summary/summary-cdnow.test.ts), so equal answers
// here tie ClickHouse to the published table too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { summarize, type CustomerSummary } from '../../../src/summary/summary.js';
import { loadHistory } from '../../../src/segments/segment-as-of.js';
import { writeCancellationsLog } from '../../helpers/cancellations-log.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { sameLogOnBoth, syntheticOnBoth } from '../../helpers/cdnow-engines.js';
import type { ClickHouseBackend } from '../../helpers/clickhouse.js';

const COUNTS = ['frequency', 'transactions', 'returns', 'firstPurchase', 'lastPurchase', 'frequencyHoldout'] as const;
const TIMES = ['recency', 'T'] as const;
const MONEY = ['monetaryValue', 'totalRevenue', 'returnsValue', 'netRevenue', 'monetaryValueHoldout'] as const;

/** Same customers in the same order; counts and days exact; times to 1e-12 periods; money to 1e-9 relative (far inside a cent). */
export function assertSameSummary(a: CustomerSummary, b: CustomerSummary): void {
  assert.equal(a.length, b.length, 'customers');
  assert.deepEqual(a.customerId, b.customerId, 'customer ids in the same order');
  assert.equal(a.durationHoldout, b.durationHoldout);
  for (const k of COUNTS) {
    const x = a[k],
      y = b[k];
    if (x === null || y === null) {
      assert.equal(x, y, k);
      continue;
    }
    for (let i = 0; i < a.length; i++) assert.equal(x[i], y[i], `${k} of customer ${a.customerId[i]}`);
  }
  for (const k of TIMES)
    for (let i = 0; i < a.length; i++)
      assert.ok(Math.abs(a[k][i]! - b[k][i]!) <= 1e-12, `${k} of ${a.customerId[i]}: ${a[k][i]} vs ${b[k][i]}`);
  for (const k of MONEY) {
    const x = a[k],
      y = b[k];
    if (x === null || y === null) {
      assert.equal(x, y, k);
      continue;
    }
    for (let i = 0; i < a.length; i++) {
      assert.ok(
        Math.abs(x[i]! - y[i]!) <= 1e-9 * Math.max(1, Math.abs(y[i]!)),
        `${k} of ${a.customerId[i]}: ${x[i]} vs ${y[i]} (tol 1e-9 relative)`,
      );
    }
  }
}

for (const backend of ['cluster', 'chdb'] as ClickHouseBackend[]) {
  test(`${backend}: CDNOW summary with holdout equals DuckDB's (2,357 customers; Σx = 2,457, Σx* = 1,882)`, async (t) => {
    const both = await sameLogOnBoth(t, backend);
    if (!both) return;
    try {
      const o = { period: 'week' as const, calibrationEnd: '1997-09-30', holdoutEnd: '1998-06-30' };
      const a = await summarize(both.ch, o);
      const b = await summarize(both.duck, o);
      assertSameSummary(a, b);
      assert.equal(a.length, 2357);
      assert.equal(
        a.frequency.reduce((s, v) => s + v, 0),
        2457,
        'published Σx',
      );
      assert.equal(
        a.frequencyHoldout!.reduce((s, v) => s + v, 0),
        1882,
        'published Σx*',
      );
      for (const period of ['day', 'week'] as const)
        assertSameSummary(await summarize(both.ch, { period }), await summarize(both.duck, { period }));
    } finally {
      await both.done();
    }
  });
}

for (const backend of ['cluster', 'chdb'] as ClickHouseBackend[]) {
  test(`${backend}: returns netted against purchase days (seeded synthetic log with order ids and returns) give DuckDB's summary, with and without holdout`, async (t) => {
    const both = await syntheticOnBoth(t, backend);
    if (!both) return;
    try {
      const o = { period: 'day' as const, calibrationEnd: '2023-06-30', holdoutEnd: '2023-12-31' };
      const b = await summarize(both.duck, o);
      assert.ok(b.hasReturns, 'the log has returns');
      assert.ok(b.returns!.reduce((s, v) => s + v, 0) > 100, 'many returns before the calibration end');
      assertSameSummary(await summarize(both.ch, o), b);
      assertSameSummary(await summarize(both.ch, { period: 'week' }), await summarize(both.duck, { period: 'week' }));
    } finally {
      await both.done();
    }
  });
}

for (const backend of ['cluster', 'chdb'] as ClickHouseBackend[]) {
  // every kind of return of the netting rule: same-day cancellations, refunds by order id, returns
  // without a matching order (latest purchase day before), partial returns, returns after the
  // calibration end (no look-ahead); DuckDB's answers are checked against a row-by-row recomputation
  // in test/summary/summary-returns.test.ts
  test(`${backend}: the CDNOW master with seeded cancellations of every kind gives DuckDB's summary and history`, async (t) => {
    const log = writeCancellationsLog(tempDir('cvm-ch-cancel-'));
    for (const [kind, n] of Object.entries(log.returns)) assert.ok(n > 0, `the log has returns of kind ${kind}`);
    const both = await sameLogOnBoth(t, backend, log.path, {
      mapping: { customer: 'customer_id', date: 'date', amount: 'sales', order: 'order_id' },
    });
    if (!both) return;
    try {
      const o = { period: 'day' as const, calibrationEnd: '1997-09-30', holdoutEnd: '1998-06-30' };
      const a = await summarize(both.ch, o),
        b = await summarize(both.duck, o);
      assertSameSummary(a, b);
      const ha = await loadHistory(both.ch, a.calibrationEnd, a),
        hb = await loadHistory(both.duck, b.calibrationEnd, b);
      assert.deepEqual(Array.from(ha.prevPurchase), Array.from(hb.prevPurchase), 'the day before the last purchase day');
    } finally {
      await both.done();
    }
  });
}
