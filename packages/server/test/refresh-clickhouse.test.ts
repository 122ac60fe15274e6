// The served incremental refresh over ClickHouse (issue 16) — the 2-shard 18.16 cluster and chDB —
// with the same checks as refresh.test.ts on DuckDB: an events batch ingested into ClickHouse, the
// touched customers refreshed per shard, answers against a full recompute on the same engine.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ingestFileToClickHouse } from '@cvm/core';
import { CDNOW_ELOG, CDNOW_OPTIONS } from '../../core/test/helpers/cdnow-engines.js';
import { openTestClickHouse, type ClickHouseBackend } from '../../core/test/helpers/clickhouse.js';
import { createApp } from '../src/index.js';
import { tempDir } from './helpers.js';
import { checkServedRefresh } from './refresh-check.js';

for (const backend of ['cluster', 'chdb'] as ClickHouseBackend[]) {
  test(`${backend}: an events batch refreshes the touched customers with the previous fit; POST /api/refit moves the fit`, async (t) => {
    const opened = await openTestClickHouse(t, backend);
    if (!opened) return;
    try {
      await ingestFileToClickHouse(opened.engine, CDNOW_ELOG, CDNOW_OPTIONS);
      const r = await checkServedRefresh(createApp(opened.engine, { webDir: null, uploadDir: tempDir() }), opened.engine);
      assert.ok(r.fitAfter > r.fitBefore, `the re-fit moved the fit from data version ${r.fitBefore} to ${r.fitAfter}`);
    } finally {
      await opened.drop();
    }
  });
}
