// The bundled CDNOW sample ingested into DuckDB and into a ClickHouse back-end (the local 2-shard
// cluster or chDB), for tests that assert both engines give the same answers.
import type { TestContext } from 'node:test';
import { createDuckDbEngine } from '../../src/engine/duckdb/duckdb-engine.js';
import type { Engine } from '../../src/engine/engine.js';
import type { ClickHouseEngine } from '../../src/engine/clickhouse/clickhouse-engine.js';
import { ingestFileToClickHouse } from '../../src/engine/clickhouse/clickhouse-ingest.js';
import { ingestFile, type IngestOptions } from '../../src/transactions/ingest.js';
import { openTestClickHouse, type ClickHouseBackend } from './clickhouse.js';

export const CDNOW_ELOG = new URL('../../../../data/cdnow/cdnow_sample_elog.csv', import.meta.url).pathname;
export const CDNOW_OPTIONS: IngestOptions = { mapping: { customer: 'sampleid', quantity: 'cds', amount: 'sales', date: 'date' } };

/** DuckDB and ClickHouse workspaces holding the same ingested file; null (test skipped) without the back-end. */
export async function sameLogOnBoth(t: TestContext, backend: ClickHouseBackend, file = CDNOW_ELOG, options = CDNOW_OPTIONS): Promise<{ duck: Engine; ch: ClickHouseEngine; done: () => Promise<void> } | null> {
  const opened = await openTestClickHouse(t, backend);
  if (!opened) return null;
  const duck = createDuckDbEngine();
  await ingestFile(duck, file, options);
  await ingestFileToClickHouse(opened.engine, file, options);
  return {
    duck, ch: opened.engine,
    done: async () => {
      await duck.close();
      await opened.drop();
    },
  };
}
