// issue 18: a command that reads a log into memory only for per-customer arrays (fit, predict) caps
// DuckDB's buffer pool at ONE_SHOT_MEMORY_LIMIT; CVM_MEMORY_LIMIT still wins, and a --workspace
// keeps the workspace default (1GB).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ONE_SHOT_MEMORY_LIMIT, openSource } from '../src/source.js';
import { createProgress } from '../src/progress.js';
import { tempDir } from '../../core/test/helpers/temp-dir.js';

const SAMPLE = join(new URL('../../../', import.meta.url).pathname, 'data/cdnow/cdnow_sample_elog.csv');
const LOG = { 'customer-col': 'sampleid', 'quantity-col': 'cds' };
const quiet = createProgress(false);

/** DuckDB's memory_limit setting of an engine, in bytes (DuckDB prints it as e.g. "488.2 MiB"). */
async function limitBytes(engine: { rows(sql: string): Promise<Record<string, unknown>[]> }): Promise<number> {
  const [row] = await engine.rows("SELECT current_setting('memory_limit') AS m");
  const m = /^([\d.]+)\s*(KiB|MiB|GiB|KB|MB|GB)$/.exec(String(row!.m));
  assert.ok(m, `a size: ${String(row!.m)}`);
  const unit = { KiB: 1024, MiB: 1024 ** 2, GiB: 1024 ** 3, KB: 1e3, MB: 1e6, GB: 1e9 }[m[2] as 'KiB'];
  return Number(m[1]) * unit;
}

test('the in-memory workspace of a one-shot read gets the one-shot cap; CVM_MEMORY_LIMIT and --workspace keep theirs', async () => {
  const saved = process.env.CVM_MEMORY_LIMIT;
  delete process.env.CVM_MEMORY_LIMIT;
  try {
    const ingest = { mapping: { customer: 'sampleid', quantity: 'cds' } };
    const oneShot = await openSource(LOG, [SAMPLE], ingest, quiet, { memoryLimit: ONE_SHOT_MEMORY_LIMIT });
    assert.ok(Math.abs((await limitBytes(oneShot.engine)) - 512e6) < 1e6, 'about 512 MB');
    await oneShot.engine.close();
    const plain = await openSource(LOG, [SAMPLE], ingest, quiet);
    assert.ok(Math.abs((await limitBytes(plain.engine)) - 1e9) < 1e6, 'the default 1 GB');
    await plain.engine.close();
    const ws = await openSource({ ...LOG, workspace: tempDir('cvm-mem-') }, [SAMPLE], ingest, quiet, {
      memoryLimit: ONE_SHOT_MEMORY_LIMIT,
    });
    assert.ok(Math.abs((await limitBytes(ws.engine)) - 1e9) < 1e6, 'a --workspace keeps 1 GB');
    await ws.engine.close();
    process.env.CVM_MEMORY_LIMIT = '300MB';
    const env = await openSource(LOG, [SAMPLE], ingest, quiet, { memoryLimit: ONE_SHOT_MEMORY_LIMIT });
    assert.ok(Math.abs((await limitBytes(env.engine)) - 300e6) < 1e6, 'CVM_MEMORY_LIMIT wins');
    await env.engine.close();
  } finally {
    if (saved === undefined) delete process.env.CVM_MEMORY_LIMIT;
    else process.env.CVM_MEMORY_LIMIT = saved;
  }
});
