// The basket lines of a `cvm rules` run on ClickHouse are built once into a table of the run
// (src/expansion/basket-lines-clickhouse.ts) that every count statement reads instead of rebuilding
// the lines from the log; the table is gone after the run, also after a failing one, and a rules run
// drops the basket-line tables of killed runs over a day old that no live process holds (and keeps
// a held one, a young one and other names). Runs on the 2-shard ClickHouse 18.16 cluster and chDB.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { generateDemoBusiness } from '../../../src/demo/demo.js';
import type { ClickHouseEngine } from '../../../src/engine/clickhouse/clickhouse-engine.js';
import { PER_SHARD_MARKER } from '../../../src/engine/clickhouse/clickhouse-dialect.js';
import { tryLease } from '../../../src/engine/clickhouse/clickhouse-ingest-lease.js';
import { runTableLeaseScope, runTableName } from '../../../src/engine/clickhouse/clickhouse-run-tables.js';
import { ensureClickHouseWorkspace } from '../../../src/engine/clickhouse/clickhouse-schema.js';
import { BASKET_LINE_TABLES } from '../../../src/expansion/basket-lines-clickhouse.js';
import { rulesReport } from '../../../src/expansion/rules-report.js';
import { sameLogOnBoth } from '../../helpers/cdnow-engines.js';
import { tablesOnEveryNode, type ClickHouseBackend } from '../../helpers/clickhouse.js';
import { tempDir } from '../../helpers/temp-dir.js';

/** The basket-line-like tables of the workspace on every node (`node:dist|local:name`). */
const present = (ch: ClickHouseEngine, backend: ClickHouseBackend): Promise<string[]> =>
  tablesOnEveryNode(ch, backend, ['cvm_basket_lines_']);

/** Runs `run` recording the tables filled on the shards and the per-shard subqueries of the statements. */
async function recorded<T>(ch: ClickHouseEngine, run: () => Promise<T>): Promise<{ out: T | Error; filled: string[]; inner: string[] }> {
  const filled: string[] = [],
    inner: string[] = [];
  const { execOnShards, rows, columns } = ch;
  const note = (sql: string): void => {
    for (const m of sql.matchAll(PER_SHARD_MARKER)) inner.push(Buffer.from(m[1]!, 'base64').toString('utf8'));
  };
  ch.execOnShards = (sql, db) => {
    const m = /^INSERT INTO (cvm_basket_lines_\w+)/.exec(sql);
    if (m) filled.push(m[1]!);
    return execOnShards.call(ch, sql, db);
  };
  ch.rows = ((sql: string, params?: never) => {
    note(sql);
    return rows.call(ch, sql, params);
  }) as typeof ch.rows;
  ch.columns = ((sql: string, ...rest: never[]) => {
    note(sql);
    return (columns as (...a: unknown[]) => unknown).call(ch, sql, ...rest);
  }) as typeof ch.columns;
  try {
    return { out: await run().catch((e: Error) => e), filled, inner };
  } finally {
    Object.assign(ch, { execOnShards, rows, columns });
  }
}

for (const backend of ['cluster', 'chdb'] as ClickHouseBackend[]) {
  test(`${backend}: a rules run reads its basket lines from a table of the run, gone afterwards, also when it fails; stale ones are swept`, {
    timeout: 300_000,
  }, async (t) => {
    const dir = tempDir('cvm-ch-lines-');
    generateDemoBusiness(dir, { customers: 800, seed: 3 });
    const both = await sameLogOnBoth(t, backend, join(dir, 'transactions.csv'), {});
    if (!both) return;
    const ch = both.ch;
    try {
      const options = { minSupport: 0.002, minConfidence: 0.05 };
      const ok = await recorded(ch, () => rulesReport(ch, options));
      assert.ok(!(ok.out instanceof Error), String(ok.out));
      assert.deepEqual(ok.out.table, (await rulesReport(both.duck, options)).table, 'the same rules as DuckDB');
      assert.equal(ok.filled.length, 1, 'the lines are built once');
      // the basket count, the item counts and one statement per level: all read the run's table, none rebuilds the lines
      assert.ok(ok.inner.length >= 3, ok.inner.join('\n'));
      for (const sql of ok.inner) {
        assert.ok(sql.includes(`FROM ${ok.filled[0]}`), sql);
        assert.ok(!/\btransactions\b/.test(sql), sql);
      }
      assert.deepEqual(await present(ch, backend), [], 'the run dropped its table');

      // a failing run (too many itemsets, after the lines were stored) drops it too
      const bad = await recorded(ch, () => rulesReport(ch, { ...options, maxItemsets: 1 }));
      assert.ok(bad.out instanceof Error && (bad.out as { code?: string }).code === 'too_many_itemsets', String(bad.out));
      assert.equal(bad.filled.length, 1);
      assert.deepEqual(await present(ch, backend), [], 'the failed run dropped its table');

      // tables of killed runs: two days old (one still held by another process), a young one, another name
      const [now] = await ch.rows<{ t: number }>('SELECT toUInt32(now()) AS t');
      const twoDaysAgo = Number(now!.t) - 2 * 86_400;
      const stale = runTableName(BASKET_LINE_TABLES, twoDaysAgo, 'aaaaaaaa');
      const held = runTableName(BASKET_LINE_TABLES, twoDaysAgo, 'bbbbbbbb');
      const young = runTableName(BASKET_LINE_TABLES, Number(now!.t) - 60, 'cccccccc');
      const other = 'cvm_basket_lines_notes';
      const columns = [['customer_id', 'String']] as const;
      await ensureClickHouseWorkspace(
        ch,
        [stale, held, young, other].map((name) => ({ name, columns, orderBy: 'customer_id', shardKey: 'cityHash64(customer_id)' })),
      );
      const lease = await tryLease(ch, runTableLeaseScope(BASKET_LINE_TABLES, held));
      assert.ok('release' in lease);
      try {
        const before = await present(ch, backend);
        assert.equal(before.length, backend === 'cluster' ? 16 : 4, before.join(', '));
        await rulesReport(ch, options);
        assert.deepEqual(
          await present(ch, backend),
          before.filter((n) => !n.endsWith(`:${stale}`)),
          'the stale table is gone from every node and database, the run left none of its own',
        );
      } finally {
        await lease.release();
      }
    } finally {
      await both.done();
    }
  });
}
