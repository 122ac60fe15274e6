// The work tables of a scoring in the database on ClickHouse (src/scores/database-scores-write.ts:
// the staged summary `cvm_summary_<time>_<random>` and the pattern scores
// `cvm_pattern_scores_<time>_<random>`, run tables of engine/clickhouse/clickhouse-run-tables.ts) are
// gone after a run, also after a failing one, and a scoring drops those of killed runs over a day old
// that no live process holds (and keeps a held one, a young one and an old-style name made now).
// Runs on the 2-shard ClickHouse 18.16 cluster and chDB.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ClickHouseEngine } from '../../../src/engine/clickhouse/clickhouse-engine.js';
import { tryLease } from '../../../src/engine/clickhouse/clickhouse-ingest-lease.js';
import { runTableLeaseScope, runTableName } from '../../../src/engine/clickhouse/clickhouse-run-tables.js';
import { PATTERN_SCORE_TABLES, SUMMARY_TABLES } from '../../../src/scores/database-scores-write.js';
import { scoreInDatabase } from '../../../src/scores/score-in-database.js';
import { sameLogOnBoth } from '../../helpers/cdnow-engines.js';
import { tablesOnEveryNode, type ClickHouseBackend } from '../../helpers/clickhouse.js';

const OPTIONS = {
  period: 'week' as const,
  calibrationEnd: '1997-09-30',
  model: 'bg-nbd' as const,
  spendModel: 'historic' as const,
  horizon: 52,
  annualDiscountRate: 0.1,
  margin: 1,
  into: 'cvm_scores_t',
};

/** The scoring work tables of the workspace on every node (`node:dist|local:name`). */
const present = (ch: ClickHouseEngine, backend: ClickHouseBackend): Promise<string[]> =>
  tablesOnEveryNode(ch, backend, ['cvm_summary_', 'cvm_pattern_scores_']);

/** Runs `run` recording the work tables it created on the shards, `fail` throwing on the pattern scores' insert when set. */
async function recorded<T>(ch: ClickHouseEngine, run: () => Promise<T>, fail = false): Promise<{ out: T | Error; created: string[] }> {
  const created: string[] = [];
  const { execOnShards, insertColumns } = ch;
  ch.execOnShards = (sql, db) => {
    const m = /^CREATE TABLE \w+\.(cvm_(?:summary|pattern_scores)_\w+)/.exec(sql);
    if (m) created.push(m[1]!);
    return execOnShards.call(ch, sql, db);
  };
  ch.insertColumns = (table, ...rest) => {
    if (fail && table.startsWith('cvm_pattern_scores_')) return Promise.reject(new Error('insert refused by the test'));
    return insertColumns.call(ch, table, ...rest);
  };
  try {
    return { out: await run().catch((e: Error) => e), created };
  } finally {
    Object.assign(ch, { execOnShards, insertColumns });
  }
}

for (const backend of ['cluster', 'chdb'] as ClickHouseBackend[]) {
  test(`${backend}: a scoring's work tables are named with the time, gone afterwards, also when it fails; stale ones are swept`, {
    timeout: 300_000,
  }, async (t) => {
    const both = await sameLogOnBoth(t, backend);
    if (!both) return;
    const ch = both.ch;
    try {
      const ok = await recorded(ch, () => scoreInDatabase(ch, OPTIONS));
      assert.ok(!(ok.out instanceof Error), String(ok.out));
      assert.equal(ok.out.customers, 2357);
      assert.equal(ok.created.length, 2, ok.created.join(', '));
      assert.match(ok.created[0]!, /^cvm_summary_[0-9a-z]{1,10}_[0-9a-f]{8}$/);
      assert.match(ok.created[1]!, /^cvm_pattern_scores_[0-9a-z]{1,10}_[0-9a-f]{8}$/);
      assert.equal(ok.created[1]!.slice(19), ok.created[0]!.slice(12), 'the time and random part of the run');
      assert.deepEqual(await present(ch, backend), [], 'the run dropped its work tables');

      // failing runs: in the scoring grid (the summary staged), and on inserting the pattern scores (both made)
      const inGrid = await recorded(ch, () =>
        scoreInDatabase(ch, {
          ...OPTIONS,
          onStep: () => {
            throw new Error('stopped by the test');
          },
        }),
      );
      assert.ok(inGrid.out instanceof Error && inGrid.out.message === 'stopped by the test', String(inGrid.out));
      assert.equal(inGrid.created.length, 1);
      assert.deepEqual(await present(ch, backend), [], 'the run failing in the grid dropped its summary');
      const onInsert = await recorded(ch, () => scoreInDatabase(ch, OPTIONS), true);
      assert.ok(onInsert.out instanceof Error && onInsert.out.message === 'insert refused by the test', String(onInsert.out));
      assert.equal(onInsert.created.length, 2);
      assert.deepEqual(await present(ch, backend), [], 'the run failing on the insert dropped both tables');

      // work tables of killed runs: two days old (one of each still held by another process), young ones, old-style names made now
      const [now] = await ch.rows<{ t: number }>('SELECT toUInt32(now()) AS t');
      const twoDaysAgo = Number(now!.t) - 2 * 86_400;
      const stale: string[] = [];
      const tables: string[] = [];
      for (const [kind, legacy] of [
        [SUMMARY_TABLES, 'cvm_summary_0123456789ab'],
        [PATTERN_SCORE_TABLES, 'cvm_pattern_scores_0123456789ab'],
      ] as const) {
        stale.push(runTableName(kind, twoDaysAgo, 'aaaaaaaa'));
        const held = runTableName(kind, twoDaysAgo, 'bbbbbbbb');
        tables.push(stale.at(-1)!, held, runTableName(kind, Number(now!.t) - 60, 'cccccccc'), legacy);
      }
      // one lease holds both tables of a run
      const lease = await tryLease(ch, runTableLeaseScope(SUMMARY_TABLES, runTableName(SUMMARY_TABLES, twoDaysAgo, 'bbbbbbbb')));
      assert.ok('release' in lease);
      assert.equal(
        runTableLeaseScope(PATTERN_SCORE_TABLES, runTableName(PATTERN_SCORE_TABLES, twoDaysAgo, 'bbbbbbbb')),
        runTableLeaseScope(SUMMARY_TABLES, runTableName(SUMMARY_TABLES, twoDaysAgo, 'bbbbbbbb')),
      );
      // as a scoring makes them: on every shard, no Distributed table
      for (const name of tables)
        await ch.execOnShards(`CREATE TABLE ${ch.localDatabase}.${name} (x UInt8) ENGINE = MergeTree ORDER BY tuple()`);
      try {
        const before = await present(ch, backend);
        assert.equal(before.length, backend === 'cluster' ? 16 : 8, before.join(', '));
        const again = await scoreInDatabase(ch, OPTIONS);
        assert.equal(again.customers, 2357);
        assert.deepEqual(
          await present(ch, backend),
          before.filter((n) => !stale.some((s) => n.endsWith(`:${s}`))),
          'the stale tables are gone from every node, the run left none of its own',
        );
      } finally {
        await lease.release();
        for (const name of tables) await ch.execOnShards(`DROP TABLE IF EXISTS ${ch.localDatabase}.${name}`);
      }
    } finally {
      await both.done();
    }
  });
}
