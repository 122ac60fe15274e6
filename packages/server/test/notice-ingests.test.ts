// A served DuckDB workspace noticing data written behind its back (issue 16): DuckDB's lock keeps
// other processes out, so the other writer here is the core's ingest on the same database, not
// through the server; the checks (notice-check.ts) are the ones the ClickHouse test runs.
import assert from 'node:assert/strict';
import { test, after } from 'node:test';
import { ingestFile, ingestInputFile, readWorkspaceStamp } from '@cvm/core';
import { sampleApp } from './helpers.js';
import { checkNoticedIngests } from './notice-check.js';

const { app, engine: raw } = await sampleApp();
after(async () => {
  await app.warm().catch(() => {}); // nothing may still run on DuckDB's connection when it closes
  await raw.close();
});
// DuckDB's one connection: the writer and the checks queue behind the server's background work
const engine = app.state.engine;

test('DuckDB: a log appended behind the server is refreshed incrementally, a replaced one and a survey file in full', async () => {
  const lines = await checkNoticedIngests(app, engine, {
    log: async (path) => void (await ingestFile(engine, path, {})),
    surveys: async (path) => void (await ingestInputFile(engine, 'surveys', path)),
  });
  assert.ok(
    lines.some((l) => /another process ingested into the workspace: now data version \d+/.test(l)),
    lines.join('\n'),
  );
  assert.ok(lines.some((l) => /recomputing every stage: an input file/.test(l)));
});

test('the workspace stamp: newest log source and count, input files by kind', async () => {
  const s = await readWorkspaceStamp(engine);
  assert.equal(s.log.files, 2, 'the sample and the batch file (replaced once, still one source)');
  assert.match(s.inputs, /^surveys:\d+$/);
});
