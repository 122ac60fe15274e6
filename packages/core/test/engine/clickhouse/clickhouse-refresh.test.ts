// Incremental refresh on ClickHouse (issue 16) — the 2-shard 18.16 cluster (the touched customers'
// summary inside per-shard views) and chDB — against a full recompute on the same engine scored with
// the same parameters: the same check as test/refresh/refresh.test.ts on DuckDB.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ingestFileToClickHouse } from '../../../src/engine/clickhouse/clickhouse-ingest.js';
import { CDNOW_ELOG, CDNOW_OPTIONS } from '../../helpers/cdnow-engines.js';
import { openTestClickHouse, type ClickHouseBackend } from '../../helpers/clickhouse.js';
import { checkRefreshOnCdnow } from '../../helpers/refresh-check.js';

for (const backend of ['cluster', 'chdb'] as ClickHouseBackend[]) {
  test(`${backend}: incremental refresh of two batches equals a full recompute with the same parameters (CDNOW)`, async (t) => {
    const opened = await openTestClickHouse(t, backend);
    if (!opened) return;
    try {
      const engine = opened.engine;
      await ingestFileToClickHouse(engine, CDNOW_ELOG, CDNOW_OPTIONS);
      const [first, second] = await checkRefreshOnCdnow(engine, (file) => ingestFileToClickHouse(engine, file, CDNOW_OPTIONS));
      assert.deepEqual([first!.touched, first!.added, first!.removed, first!.rescored], [5, 1, 1, 'all']);
      assert.deepEqual([second!.touched, second!.rescored], [2, 'touched']);
    } finally {
      await opened.drop();
    }
  });
}
