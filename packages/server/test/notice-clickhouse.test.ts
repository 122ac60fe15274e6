// A `cvm ingest` by another process into the ClickHouse workspace being served (issue 16): on the
// 2-shard 18.16 cluster the writer is the real CLI binary in a second process (npm run build:cli
// first); on chDB, which lives inside this process, the core's ingest on the same database. The
// server notices with noticeOtherIngests (what cvm serve --poll-every runs) and answers like a
// fresh computation (notice-check.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ingestFileToClickHouse, ingestInputFile } from '@cvm/core';
import { CDNOW_ELOG, CDNOW_OPTIONS } from '../../core/test/helpers/cdnow-engines.js';
import { openTestClickHouse, type ClickHouseBackend } from '../../core/test/helpers/clickhouse.js';
import { cvm } from '../../cli/test/run-cli.js';
import { createApp } from '../src/index.js';
import { tempDir } from './helpers.js';
import { checkNoticedIngests, type OtherWriter } from './notice-check.js';

for (const backend of ['cluster', 'chdb'] as ClickHouseBackend[]) {
  test(`${backend}: another writer's ingests are noticed: appended log incrementally, replaced log and survey file in full`, async (t) => {
    const opened = await openTestClickHouse(t, backend);
    if (!opened) return;
    try {
      await ingestFileToClickHouse(opened.engine, CDNOW_ELOG, CDNOW_OPTIONS);
      const url = `${process.env.CVM_TEST_CLICKHOUSE}/${opened.engine.database}?cluster=${process.env.CVM_TEST_CLICKHOUSE_CLUSTER ?? 'cvm'}&shards=${process.env.CVM_TEST_CLICKHOUSE_SHARDS ?? ''}`;
      const run = (args: string[]): void => {
        const r = cvm(['ingest', ...args, '--engine', url, '--format', 'json']);
        assert.equal(r.code, 0, r.stderr);
      };
      const writer: OtherWriter =
        backend === 'cluster'
          ? { log: async (path) => run([path]), surveys: async (path) => run(['--surveys', path]) }
          : {
              log: async (path) => void (await ingestFileToClickHouse(opened.engine, path, {})),
              surveys: async (path) => void (await ingestInputFile(opened.engine, 'surveys', path)),
            };
      const lines = await checkNoticedIngests(createApp(opened.engine, { webDir: null, uploadDir: tempDir() }), opened.engine, writer);
      assert.ok(
        lines.some((l) => /refreshed \d+ touched customers/.test(l)),
        lines.join('\n'),
      );
    } finally {
      await opened.drop();
    }
  });
}
