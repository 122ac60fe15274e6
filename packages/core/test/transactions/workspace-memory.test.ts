// DuckDB's memory cap: on by default (1GB, or CVM_MEMORY_LIMIT), with a temp directory so that work
// beyond it spills to disk instead of failing (in memory) or growing RSS (persistent workspaces).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { openWorkspace } from '../../src/workspace.js';
import { createDuckDbEngine } from '../../src/engine/duckdb/duckdb-engine.js';
import { resolveMemoryLimit } from '../../src/engine/duckdb/duckdb-memory.js';
import { InputError } from '../../src/errors.js';
import { tempDir } from './ingest-helpers.js';

const settings = `SELECT current_setting('memory_limit') AS memory_limit, current_setting('temp_directory') AS temp_directory`;

test("resolveMemoryLimit: option, then CVM_MEMORY_LIMIT, then 1GB; none leaves DuckDB's default", () => {
  assert.equal(resolveMemoryLimit(undefined, {}), '1GB');
  assert.equal(resolveMemoryLimit(undefined, { CVM_MEMORY_LIMIT: '512MB' }), '512MB');
  assert.equal(resolveMemoryLimit('2GB', { CVM_MEMORY_LIMIT: '512MB' }), '2GB');
  assert.equal(resolveMemoryLimit(null, {}), null);
  assert.equal(resolveMemoryLimit(undefined, { CVM_MEMORY_LIMIT: 'none' }), null);
  assert.throws(
    () => resolveMemoryLimit(undefined, { CVM_MEMORY_LIMIT: 'lots' }),
    (e: unknown) => e instanceof InputError && /CVM_MEMORY_LIMIT must be a size such as 512MB.*got "lots"/.test(e.message),
  );
  assert.throws(() => resolveMemoryLimit('80', {}), /memoryLimit must be a size/);
});

test('a persistent workspace is capped at 1GB by default and spills beside its database', async () => {
  const dir = tempDir();
  const engine = await openWorkspace({ dir });
  const [s] = await engine.rows<{ memory_limit: string; temp_directory: string }>(settings);
  assert.equal(s!.memory_limit, '953.6 MiB'); // DuckDB prints 1GB (10^9 bytes) in MiB
  assert.equal(s!.temp_directory, join(dir, 'cvm.duckdb.tmp'));
  await engine.close();
  const big = await openWorkspace({ dir, memoryLimit: '2GB' });
  assert.equal((await big.rows<{ memory_limit: string }>(settings))[0]!.memory_limit, '1.8 GiB');
  await big.close();
});

test('an in-memory engine spills to its own directory under the OS temp dir, removed on close', async () => {
  const engine = createDuckDbEngine({ memoryLimit: '64MB' });
  const [s] = await engine.rows<{ memory_limit: string; temp_directory: string }>(settings);
  assert.equal(s!.memory_limit, '61.0 MiB');
  assert.match(s!.temp_directory, /cvm-duckdb-\d+-/);
  assert.notEqual(s!.temp_directory, '.tmp');
  // A sort of ~160 MB of rows does not fit in 64MB: it completes by spilling.
  const [r] = await engine.rows<{ n: number; s: number }>(
    `SELECT count(*) AS n, sum(x) AS s FROM (SELECT i AS x, md5(CAST(i AS VARCHAR)) AS h FROM range(2000000) t(i) ORDER BY h LIMIT 1999999)`,
  );
  assert.equal(r!.n, 1_999_999);
  await engine.close();
  assert.equal(existsSync(s!.temp_directory), false);
});
