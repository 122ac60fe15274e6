// issue 18: a command that reads a log into memory only for per-customer arrays (fit, predict, report) caps
// DuckDB's buffer pool at ONE_SHOT_MEMORY_LIMIT; CVM_MEMORY_LIMIT still wins, and a --workspace
// keeps the workspace default (1GB) unless the command caps it too (issue 12: cvm at-risk, win-back).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ONE_SHOT_MEMORY_LIMIT, openSource } from '../src/source.js';
import { RETENTION_SOURCE } from '../src/commands/retention.js';
import { REPORT_SOURCE } from '../src/commands/report.js';
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
    const report = await openSource(LOG, [SAMPLE], ingest, quiet, REPORT_SOURCE);
    assert.ok(Math.abs((await limitBytes(report.engine)) - 512e6) < 1e6, 'cvm report FILE: about 512 MB');
    await report.engine.close();
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

test('cvm at-risk and win-back cap DuckDB at the one-shot limit from FILE and from --workspace (new or existing); CVM_MEMORY_LIMIT wins', async () => {
  const saved = process.env.CVM_MEMORY_LIMIT;
  delete process.env.CVM_MEMORY_LIMIT;
  try {
    const ingest = { mapping: { customer: 'sampleid', quantity: 'cds' } };
    const file = await openSource(LOG, [SAMPLE], ingest, quiet, RETENTION_SOURCE);
    assert.ok(Math.abs((await limitBytes(file.engine)) - 512e6) < 1e6, 'FILE: about 512 MB');
    await file.engine.close();
    const dir = tempDir('cvm-mem-ret-');
    const made = await openSource({ ...LOG, workspace: dir }, [SAMPLE], ingest, quiet, RETENTION_SOURCE);
    assert.ok(Math.abs((await limitBytes(made.engine)) - 512e6) < 1e6, 'FILE into --workspace: about 512 MB');
    await made.engine.close();
    const existing = await openSource({ workspace: dir }, [], ingest, quiet, RETENTION_SOURCE);
    assert.ok(Math.abs((await limitBytes(existing.engine)) - 512e6) < 1e6, 'an existing --workspace: about 512 MB');
    await existing.engine.close();
    const other = await openSource({ workspace: dir }, [], ingest, quiet);
    assert.ok(Math.abs((await limitBytes(other.engine)) - 1e9) < 1e6, 'other commands on the same workspace: 1 GB');
    await other.engine.close();
    process.env.CVM_MEMORY_LIMIT = '300MB';
    const env = await openSource({ workspace: dir }, [], ingest, quiet, RETENTION_SOURCE);
    assert.ok(Math.abs((await limitBytes(env.engine)) - 300e6) < 1e6, 'CVM_MEMORY_LIMIT wins');
    await env.engine.close();
  } finally {
    if (saved === undefined) delete process.env.CVM_MEMORY_LIMIT;
    else process.env.CVM_MEMORY_LIMIT = saved;
  }
});
