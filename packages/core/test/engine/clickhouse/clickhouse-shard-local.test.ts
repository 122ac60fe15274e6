// The `--by` breakdown dimensions, the acquisition report and the feedback report on ClickHouse run
// where the rows live (issue 16): the same levels per customer as DuckDB on the seeded demo business
// (channel under each attribution rule, a categorical and a numeric attribute), the same acquisition
// and feedback reports (with the summary, segments and models computed once, on DuckDB: only the
// SQL differs; sums to 1e-9 relative, since shards add in another order), look-alikes too (still on
// a temporary DuckDB, now holding the input files only), and no copy of the transaction log comes back to this
// process: the DuckDB mirror (`onDuckDb`) is never asked for the log, and fewer rows come back than
// the log holds (one per customer at most). Run on the local 2-shard 18.16 cluster and on chDB.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { generateDemoBusiness } from '../../../src/demo/demo.js';
import { createDuckDbEngine } from '../../../src/engine/duckdb/duckdb-engine.js';
import type { Engine } from '../../../src/engine/engine.js';
import type { ClickHouseEngine } from '../../../src/engine/clickhouse/clickhouse-engine.js';
import { ingestLogFile } from '../../../src/engine/clickhouse/clickhouse-workspace.js';
import { ingestInputFile } from '../../../src/inputs/input-ingest.js';
import { customerDimension, type CustomerDimension } from '../../../src/inputs/dimension.js';
import { ATTRIBUTION_RULES } from '../../../src/inputs/attribution-sql.js';
import { acquisitionReport } from '../../../src/acquisition/acquisition.js';
import { summarize } from '../../../src/summary/summary.js';
import { runModelsWithScores } from '../../../src/pipeline.js';
import { Analysis } from '../../../src/analysis/analysis.js';
import { feedbackReport } from '../../../src/feedback/feedback.js';
import { loadChainData } from '../../../src/feedback/chain-data.js';
import { lookalikeReport } from '../../../src/lookalikes/lookalikes.js';
import { appendFileSync } from 'node:fs';
import { openTestClickHouse, type ClickHouseBackend } from '../../helpers/clickhouse.js';
import { tempDir } from '../../helpers/temp-dir.js';

async function load(engine: Engine, dir: string): Promise<void> {
  await ingestLogFile(engine, join(dir, 'transactions.csv'));
  await ingestInputFile(engine, 'customers', join(dir, 'customers.csv'));
  await ingestInputFile(engine, 'spend', join(dir, 'marketing-spend.csv'));
  await ingestInputFile(engine, 'surveys', join(dir, 'surveys.csv'));
  await ingestInputFile(engine, 'prospects', join(dir, 'prospects.csv'));
}

/**
 * Runs `run` while watching what comes back from ClickHouse: every statement streamed (the mirror's
 * path) and the rows received. Fails when the log is streamed or when as many rows come back as the log has.
 */
export async function withoutLogCopy<T>(ch: ClickHouseEngine, logRows: number, what: string, run: () => Promise<T>): Promise<T> {
  const streamed: string[] = [];
  const stream = ch.stream.bind(ch);
  ch.stream = (sql, format, params) => {
    streamed.push(sql);
    return stream(sql, format, params);
  };
  const before = ch.stats.rowsReceived;
  try {
    const out = await run();
    const received = ch.stats.rowsReceived - before;
    assert.deepEqual(
      streamed.filter((s) => /\bFROM transactions\b/.test(s)),
      [],
      `${what}: the transaction log was copied out of ClickHouse`,
    );
    assert.ok(received < logRows, `${what}: ${received} rows came back from ClickHouse for a log of ${logRows} rows`);
    return out;
  } finally {
    ch.stream = stream;
  }
}

/** Equal JSON, numbers to 1e-9 relative; `computedAt` and functions (a report's helpers) left out. */
function assertSameJson(a: unknown, b: unknown, path = ''): void {
  if (path.endsWith('computedAt') || (typeof a === 'function' && typeof b === 'function')) return;
  if (typeof a === 'number' && typeof b === 'number') {
    const same = Object.is(a, b) || Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
    assert.ok(same, `${path}: ClickHouse ${a} vs DuckDB ${b}`);
    return;
  }
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    assert.equal(Array.isArray(a), Array.isArray(b), `${path}: array on one engine only`);
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)]))
      assertSameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
    return;
  }
  assert.deepEqual(a, b, `${path}: ClickHouse ${JSON.stringify(a)} vs DuckDB ${JSON.stringify(b)}`);
}

for (const backend of ['cluster', 'chdb'] as ClickHouseBackend[]) {
  test(`${backend}: breakdowns, acquisition, feedback and look-alikes equal DuckDB's, computed without copying the log`, {
    timeout: 900_000,
  }, async (t) => {
    const ch = await openTestClickHouse(t, backend);
    if (!ch) return;
    const duck = createDuckDbEngine();
    try {
      const dir = tempDir('cvm-ch-shard-local-');
      generateDemoBusiness(dir, { customers: 500, seed: 7 });
      // an answer from a customer the log does not know, and one after the log's last day
      appendFileSync(join(dir, 'surveys.csv'), 'ZZ404,2023-05-01,3,2\nC000001,2030-01-01,10,5\n');
      await load(duck, dir);
      await load(ch.engine, dir);
      const [{ n: logRows }] = (await duck.rows<{ n: number }>('SELECT count(*)::DOUBLE AS n FROM transactions')) as [{ n: number }];
      const ids = (await duck.rows<{ id: string }>('SELECT DISTINCT customer_id AS id FROM transactions ORDER BY 1')).map((r) => r.id);
      ids.push('not-a-customer');
      const cases: [string, Parameters<typeof customerDimension>[3]][] = [
        ...ATTRIBUTION_RULES.map((attribution): [string, { attribution: typeof attribution }] => ['channel', { attribution }]),
        ['channel', { asOf: '2023-06-30' }],
        ['region', {}],
        ['site_visits', { bands: 3 }],
      ];
      for (const [name, options] of cases) {
        const want = await customerDimension(duck, ids, name, options);
        const got: CustomerDimension = await withoutLogCopy(ch.engine, logRows, `dimension ${name}`, () =>
          customerDimension(ch.engine, ids, name, options),
        );
        assert.deepEqual(got, want, `${name} ${JSON.stringify(options)}`);
        assert.ok(want.levels.length > 1, `${name}: more than one level`);
      }
      const summary = await summarize(duck, {});
      const models = await runModelsWithScores(duck, summary, { period: 'week' });
      const runs: [string, Omit<Parameters<typeof acquisitionReport>[1], 'summary' | 'models'>][] = [
        ['by channel', { margin: 0.45, bootstrap: 50 }],
        ['first-order channel by quarter', { attribution: 'first-order', cohort: 'quarter', bootstrap: 20 }],
        ['by region', { by: 'region', margin: 0.3, bootstrap: 20 }],
      ];
      for (const [what, options] of runs) {
        const want = await acquisitionReport(duck, { summary, models, ...options });
        const got = await withoutLogCopy(ch.engine, logRows, `acquisition ${what}`, () =>
          acquisitionReport(ch.engine, { summary, models, ...options }),
        );
        assert.ok(want.cohorts.length > 1 && want.overall.newCustomers > 0, `acquisition ${what} has rows`);
        assertSameJson(got, want, `acquisition ${what}`);
      }
      const segmentation = await new Analysis(duck, { models: false }).segmentation();
      const acquisitionChannel = await customerDimension(duck, summary.customerId, 'channel');
      const inputs = { summary, segmentation, scores: models.scores, clvUnit: 'next 52 weeks', acquisitionChannel };
      for (const windows of [[90, 180], [30]]) {
        const want = await feedbackReport(duck, inputs, { windows });
        const got = await withoutLogCopy(ch.engine, logRows, `feedback ${windows}`, () => feedbackReport(ch.engine, inputs, { windows }));
        assert.ok(want.report.responses.used > 0 && want.report.responses.unknown.responses === 1, 'feedback: responses used, one unknown');
        assertSameJson(got, want, `feedback ${windows}`);
        // the chain's table itself, row by row (the report keeps only its estimates)
        const chain = await loadChainData(duck, summary.calibrationEnd, windows);
        assert.ok(chain.customerId.length > 20, `chain rows: ${chain.customerId.length}`);
        assertSameJson(await loadChainData(ch.engine, summary.calibrationEnd, windows), chain, `chain ${windows}`);
      }
      // look-alikes still run on a temporary DuckDB, but one holding the customers and prospects files only
      const lookalikes = await lookalikeReport(duck, { summary, models });
      assert.ok(lookalikes.prospects.ids.length > 0, 'look-alikes score prospects');
      assertSameJson(
        await withoutLogCopy(ch.engine, logRows, 'look-alikes', () => lookalikeReport(ch.engine, { summary, models })),
        lookalikes,
        'look-alikes',
      );
    } finally {
      await duck.close();
      await ch.drop();
    }
  });
}
