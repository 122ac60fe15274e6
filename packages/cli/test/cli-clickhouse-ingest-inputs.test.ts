// cvm ingest --engine clickhouse://… stores the input files (customers, spend, prospects, surveys)
// as on DuckDB (issue 16), on the local 2-shard cluster: same statuses and quarantine, and cvm
// feedback / cvm quarantine --engine without the files answer as on a DuckDB workspace.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { testClusterUrl } from '../../core/test/helpers/clickhouse.js';
import { cvm, tempDir, tempFile } from './run-cli.js';
import { BAD_SURVEYS } from './bad-surveys.js';

test('cvm ingest --engine with --customers --spend --prospects --surveys; feedback and quarantine read them as on DuckDB', async (t) => {
  const cluster = testClusterUrl(t, 'cvm_cli_inputs');
  if (cluster === null) return;
  const { url } = cluster;
  const dir = tempDir();
  assert.equal(cvm(['demo', '--out', dir, '--customers', '1500', '--seed', '7', '--format', 'json']).code, 0);
  const f = (name: string): string => join(dir, name);
  const files = [
    '--customers',
    f('customers.csv'),
    '--spend',
    f('marketing-spend.csv'),
    '--prospects',
    f('prospects.csv'),
    '--surveys',
    f('surveys.csv'),
  ];
  const ws = tempDir();
  const strip = (text: string): unknown => {
    const j = JSON.parse(text);
    delete j.computedAt;
    for (const i of j.inputs ?? []) delete i.file; // the same file either way; paths compared below
    return j;
  };
  try {
    const ch = cvm(['ingest', f('transactions.csv'), '--engine', url, ...files, '--format', 'json']);
    assert.equal(ch.code, 0, ch.stderr);
    const duck = cvm(['ingest', f('transactions.csv'), '--workspace', ws, ...files, '--format', 'json']);
    assert.equal(duck.code, 0, duck.stderr);
    assert.deepEqual(
      JSON.parse(ch.stdout).inputs,
      JSON.parse(duck.stdout).inputs,
      'the same reports (counts, columns, quarantine) on both engines',
    );

    const a = cvm(['feedback', '--engine', url, '--no-models', '--format', 'json']);
    const b = cvm(['feedback', '--workspace', ws, '--no-models', '--format', 'json']);
    assert.equal(a.code, 0, a.stderr);
    assert.equal(b.code, 0, b.stderr);
    assert.deepEqual(strip(a.stdout), strip(b.stdout));

    const bad = tempFile('surveys.csv', BAD_SURVEYS);
    const alone = cvm(['ingest', '--engine', url, '--surveys', bad, '--format', 'json']);
    assert.equal(alone.code, 0, alone.stderr);
    const [s] = JSON.parse(alone.stdout).inputs;
    assert.equal(s.status, 'replaced');
    assert.deepEqual(s.quarantineByReason, { csat_out_of_range: 1, nps_out_of_range: 2 });
    assert.equal(cvm(['ingest', '--workspace', ws, '--surveys', bad]).code, 0);
    const qa = cvm(['quarantine', '--engine', url, '--kind', 'surveys', '--format', 'json']);
    const qb = cvm(['quarantine', '--workspace', ws, '--kind', 'surveys', '--format', 'json']);
    assert.equal(qa.code, 0, qa.stderr);
    assert.match(qa.stdout, /nps_out_of_range/);
    assert.equal(qa.stdout, qb.stdout);
  } finally {
    await cluster.drop();
  }
});
