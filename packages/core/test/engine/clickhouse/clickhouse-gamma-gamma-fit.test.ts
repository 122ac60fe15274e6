// `cvm fit --model gamma-gamma` on ClickHouse (issue 16, must-have 3; src/scores/gamma-gamma-in-database.ts):
// the summary staged on the shards and Gamma-Gamma fitted from sums per distinct x. On the 2-shard
// 18.16 cluster and chDB: the fit of `estimateSpend` on DuckDB's per-customer summary (parameters
// 1e-6 relative, LL 1e-9 relative, the same warnings: they differ only in summation order), the work
// tables dropped afterwards, and the rows read not growing when every customer is copied three times
// (the copies' spends make 3× the distinct (x, m̄ₓ) the fit used to pull).
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { createDuckDbEngine } from '../../../src/engine/duckdb/duckdb-engine.js';
import { ingestFileToClickHouse } from '../../../src/engine/clickhouse/clickhouse-ingest.js';
import { fitGammaGammaInDatabase, type DatabaseGammaGammaFit } from '../../../src/scores/gamma-gamma-in-database.js';
import { estimateSpend } from '../../../src/scores/spend.js';
import { summarize } from '../../../src/summary/summary.js';
import { summarizeSpendPatterns } from '../../../src/summary/summary-patterns.js';
import { ingestFile } from '../../../src/transactions/ingest.js';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CDNOW_OPTIONS } from '../../helpers/cdnow-engines.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { openTestClickHouse, tablesOnEveryNode, type ClickHouseBackend } from '../../helpers/clickhouse.js';
import { copiedCdnow } from '../../helpers/copied-cdnow.js';
import type { CvmError } from '../../../src/errors.js';

const CAL = { period: 'week' as const, calibrationEnd: '1997-09-30' };

interface Run {
  g: DatabaseGammaGammaFit;
  /** Rows the engine received during the fit (every query: period, returns, statistics, sums, zero-spend ids). */
  rows: number;
  /** Distinct (x, m̄ₓ) of the repeat buyers: what the fit pulled before. */
  pairs: number;
}

async function fitOn(t: TestContext, backend: ClickHouseBackend, file: string): Promise<Run | null> {
  const opened = await openTestClickHouse(t, backend);
  if (!opened) return null;
  try {
    await ingestFileToClickHouse(opened.engine, file, CDNOW_OPTIONS);
    const before = opened.engine.stats.rowsReceived;
    const g = await fitGammaGammaInDatabase(opened.engine, CAL);
    const rows = opened.engine.stats.rowsReceived - before;
    const left = await tablesOnEveryNode(opened.engine, backend, ['cvm_summary_', 'cvm_pattern_scores_']);
    assert.deepEqual(left, [], 'work tables left after the fit');
    const p = await summarizeSpendPatterns(opened.engine, CAL);
    const pairs = p.x.reduce((n, x) => n + (x > 0 ? 1 : 0), 0);
    return { g, rows, pairs };
  } finally {
    await opened.drop();
  }
}

/** The fit `cvm fit --model gamma-gamma` makes on a DuckDB workspace: `estimateSpend` on the per-customer summary. */
async function duckFit(file: string) {
  const duck = createDuckDbEngine();
  try {
    await ingestFile(duck, file, CDNOW_OPTIONS);
    const s = await summarize(duck, CAL);
    return estimateSpend({ x: s.frequency, mx: s.monetaryValue }, s.customerId, 'gamma-gamma').fit!;
  } finally {
    await duck.close();
  }
}

for (const backend of ['cluster', 'chdb'] as ClickHouseBackend[]) {
  test(`${backend}: Gamma-Gamma fitted on the shards is DuckDB's fit, and its reads do not grow with customers`, async (t) => {
    const file1 = copiedCdnow(1);
    const one = await fitOn(t, backend, file1);
    if (!one) return;
    const three = (await fitOn(t, backend, copiedCdnow(3)))!;
    const ref = await duckFit(file1);
    const got = one.g.fit;
    for (const k of ['p', 'q', 'gamma']) {
      const a = got.params[k]!,
        e = ref.params[k]!;
      assert.ok(Math.abs(a - e) <= 1e-6 * Math.abs(e), `${k}: on the shards ${a}, DuckDB ${e} (1e-6 relative)`);
    }
    assert.ok(
      Math.abs(got.logLikelihood - ref.logLikelihood) <= 1e-9 * Math.abs(ref.logLikelihood),
      `LL ${got.logLikelihood} vs ${ref.logLikelihood}`,
    );
    assert.equal(got.nObs, ref.nObs);
    assert.equal(got.nObs, 946); // CDNOW's repeat buyers
    assert.deepEqual(got.warnings, ref.warnings);
    assert.equal(got.diagnostics.zeroSpendCustomers, ref.diagnostics.zeroSpendCustomers);
    assert.equal(one.g.period, 'week');
    t.diagnostic(
      `rows read: ${one.rows} (1×), ${three.rows} (3×); spend fit ${one.g.reads.queries}/${three.g.reads.queries} queries; ` +
        `distinct (x, m̄ₓ) it no longer pulls: ${one.pairs} (1×), ${three.pairs} (3×)`,
    );
    // 3× the customers and (the copies spending more) 3× the distinct (x, m̄ₓ), yet the same rows per
    // query: one per distinct x (22) for the statistics and per γ fetched (how many γ depends on where
    // the optimiser goes, not on the customers), and the same few one-row answers besides
    assert.ok(three.pairs > 2 * one.pairs, `pairs ${one.pairs} → ${three.pairs}`);
    assert.equal(three.rows - three.g.reads.rows, one.rows - one.g.reads.rows, 'rows read besides the sums with 3× the customers');
    for (const r of [one, three]) {
      assert.equal(r.g.reads.distinctX, 22);
      assert.equal(r.g.reads.rows, 22 * (1 + r.g.reads.gammas));
      assert.ok(r.g.reads.queries <= 15, `spend fit queries ${r.g.reads.queries}`);
      assert.ok(r.rows <= r.g.reads.rows + 10, `rows read ${r.rows}, spend fit ${r.g.reads.rows}`);
      assert.ok(r.rows < one.pairs / 2, `rows read ${r.rows} vs ${one.pairs} pairs`);
    }
  });
}

for (const backend of ['cluster', 'chdb'] as ClickHouseBackend[]) {
  test(`${backend}: too few repeat buyers is DuckDB's error, counting every customer`, async (t) => {
    const opened = await openTestClickHouse(t, backend);
    if (!opened) return;
    // one repeat buyer (a) of three customers
    const file = join(tempDir('cvm-gg-few-'), 'log.csv');
    writeFileSync(file, 'customer,date,amount\na,2020-01-01,10\na,2020-01-05,12\nb,2020-01-02,5\nc,2020-01-03,7\n');
    const options = { mapping: { customer: 'customer', date: 'date', amount: 'amount' } };
    const o = { period: 'day' as const };
    try {
      await ingestFileToClickHouse(opened.engine, file, options);
      const duck = createDuckDbEngine();
      let expected: CvmError | undefined;
      try {
        await ingestFile(duck, file, options);
        const s = await summarize(duck, o);
        estimateSpend({ x: s.frequency, mx: s.monetaryValue }, s.customerId, 'gamma-gamma');
      } catch (error) {
        expected = error as CvmError;
      } finally {
        await duck.close();
      }
      assert.match(expected!.message, /got 1 of 3\./);
      await assert.rejects(fitGammaGammaInDatabase(opened.engine, o), (e: CvmError) => {
        assert.equal(e.code, expected!.code);
        assert.equal(e.message, expected!.message);
        return true;
      });
      assert.deepEqual(await tablesOnEveryNode(opened.engine, backend, ['cvm_summary_', 'cvm_pattern_scores_']), [], 'work tables left');
    } finally {
      await opened.drop();
    }
  });
}
