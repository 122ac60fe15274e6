// The bundled CDNOW sample ingested into DuckDB and into a ClickHouse back-end (the local 2-shard
// cluster or chDB), for tests that assert both engines give the same answers.
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { generateSyntheticLog } from '../../bench/synthetic-log.js';
import { tempDir } from './temp-dir.js';
import { createDuckDbEngine } from '../../src/engine/duckdb/duckdb-engine.js';
import type { Engine } from '../../src/engine/engine.js';
import type { ClickHouseEngine } from '../../src/engine/clickhouse/clickhouse-engine.js';
import { ingestFileToClickHouse } from '../../src/engine/clickhouse/clickhouse-ingest.js';
import { ingestFile, type IngestOptions } from '../../src/transactions/ingest.js';
import { openTestClickHouse, type ClickHouseBackend } from './clickhouse.js';

export const CDNOW_ELOG = new URL('../../../../data/cdnow/cdnow_sample_elog.csv', import.meta.url).pathname;
export const CDNOW_OPTIONS: IngestOptions = { mapping: { customer: 'sampleid', quantity: 'cds', amount: 'sales', date: 'date' } };

/** DuckDB and ClickHouse workspaces holding the same ingested file; null (test skipped) without the back-end. */
export async function sameLogOnBoth(
  t: TestContext,
  backend: ClickHouseBackend,
  file = CDNOW_ELOG,
  options = CDNOW_OPTIONS,
): Promise<{ duck: Engine; ch: ClickHouseEngine; done: () => Promise<void> } | null> {
  const opened = await openTestClickHouse(t, backend);
  if (!opened) return null;
  const duck = createDuckDbEngine();
  await ingestFile(duck, file, options);
  await ingestFileToClickHouse(opened.engine, file, options);
  return {
    duck,
    ch: opened.engine,
    done: async () => {
      await duck.close();
      await opened.drop();
    },
  };
}

/**
 * A seeded synthetic log (the benchmark generator: order ids, returns, products and channels) of
 * `rows` rows, ingested into both engines; see {@link sameLogOnBoth}.
 */
export async function syntheticOnBoth(
  t: TestContext,
  backend: ClickHouseBackend,
  rows = 20_000,
  customers = 2_000,
): Promise<Awaited<ReturnType<typeof sameLogOnBoth>>> {
  const dir = tempDir('cvm-synth-ch-');
  const file = join(dir, 'log.csv');
  await generateSyntheticLog(file, { rows, customers, seed: 11 });
  return sameLogOnBoth(t, backend, file, {});
}
