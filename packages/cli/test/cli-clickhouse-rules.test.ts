// `cvm rules --engine clickhouse://…` on the local 2-shard cluster against `cvm rules --workspace DIR`
// on DuckDB (issue 16: on ClickHouse the product baskets stay on the shards and the rules are mined
// from counts summed across them): the demo business's log ingested into both gives the same JSON
// (baskets, items, facts, itemsets, rules and the table; counts exact, measures to 1e-9 relative),
// with a window, a sort and product costs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { testClusterUrl } from '../../core/test/helpers/clickhouse.js';
import { assertDeepClose } from '../../core/test/helpers/assert-deep-close.js';
import { cvm, tempDir } from './run-cli.js';

test('cvm rules --engine clickhouse://… equals DuckDB', { timeout: 600_000 }, async (t) => {
  const cluster = testClusterUrl(t, 'cvm_cli_rules');
  if (cluster === null) return;
  const { url } = cluster;
  const dir = tempDir();
  assert.equal(cvm(['demo', '--out', dir, '--customers', '800', '--seed', '7', '--format', 'json']).code, 0);
  const ws = tempDir();
  try {
    for (const where of [
      ['--engine', url],
      ['--workspace', ws],
    ]) {
      const r = cvm(['ingest', join(dir, 'transactions.csv'), ...where, '--format', 'json']);
      assert.equal(r.code, 0, r.stderr);
    }
    for (const args of [
      ['--min-support', '0.003', '--min-confidence', '0.05'],
      ['--min-support', '0.005', '--to', '2024-06-30', '--sort', 'confidence', '--costs', join(dir, 'cost-model.yaml')],
    ]) {
      const a = cvm(['rules', '--engine', url, ...args, '--format', 'json']);
      const b = cvm(['rules', '--workspace', ws, ...args, '--format', 'json']);
      assert.equal(a.code, 0, `${args.join(' ')} on ClickHouse: ${a.stderr}`);
      assert.equal(b.code, 0, `${args.join(' ')} on DuckDB: ${b.stderr}`);
      const ra = JSON.parse(a.stdout),
        rb = JSON.parse(b.stdout);
      assert.ok(rb.rules > 0, `${args.join(' ')}: rules on DuckDB`);
      assertDeepClose(ra, rb, 1e-9, args.join(' '));
    }
  } finally {
    await cluster.drop();
  }
});
