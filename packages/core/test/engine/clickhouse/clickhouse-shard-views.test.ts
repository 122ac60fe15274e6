// The per-shard views of a ClickHouse engine do not accumulate (issue 16): a long-running `cvm serve`
// sends a new perShard subquery whenever the inlined dates move, and each became a view on every shard
// plus a Distributed table, kept until the engine closed. The cache keeps at most 64, dropping the
// least recently used idle ones, never one a running statement reads. First the cache's rules on a
// recording store, then the engine on the local 2-shard 18.16 cluster: more distinct subqueries than
// the cache keeps, each answered correctly, and the tables left in the database bounded.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_SHARD_VIEWS, shardViewCache } from '../../../src/engine/clickhouse/clickhouse-shard-views.js';
import { openTestClickHouse } from '../../helpers/clickhouse.js';

/** A store that records what it was asked, in order; `create` of a name in `slow` waits for `go()`. */
function recordingStore() {
  const log: string[] = [];
  const live = new Set<string>();
  let go = (): void => {};
  const gate = new Promise<void>((r) => (go = r));
  return {
    log,
    live,
    go,
    store: {
      create: async (name: string) => {
        log.push(`create ${name}`);
        if (live.has(name)) throw new Error(`${name} created twice without a drop`);
        live.add(name);
      },
      drop: async (name: string) => {
        log.push(`drop ${name}`);
        await gate;
        live.delete(name);
      },
    },
  };
}

test('the view cache keeps at most its limit, drops the least recently used idle view, never one in use', async () => {
  const r = recordingStore();
  r.go();
  const cache = shardViewCache(r.store, (sql) => sql, 3);
  const a = await cache.hold('a');
  const b = await cache.hold('b');
  b.release();
  const c = await cache.hold('c');
  c.release();
  (await cache.hold('b')).release(); // b is now more recent than c
  const d = await cache.hold('d'); // four views: the oldest idle one (c; a is in use) goes
  d.release();
  await Promise.resolve();
  assert.deepEqual(cache.names().sort(), ['a', 'b', 'd']);
  assert.ok(r.log.includes('drop c') && !r.log.includes('drop a'), r.log.join(', '));
  a.release(); // a is idle now but the cache is within its limit: kept
  assert.deepEqual(cache.names().sort(), ['a', 'b', 'd']);
  await cache.dropAll();
  assert.deepEqual([...r.live], []);
});

test('a view being dropped is created again only after its drop has finished', async () => {
  const r = recordingStore(); // drops wait for go()
  const cache = shardViewCache(r.store, (sql) => sql, 1);
  (await cache.hold('x')).release();
  (await cache.hold('y')).release(); // x's drop starts and waits
  const again = cache.hold('x'); // must wait for that drop
  await new Promise((res) => setTimeout(res, 20));
  assert.deepEqual(r.log, ['create x', 'create y', 'drop x'], 'x is not created while its drop runs');
  r.go();
  (await again).release();
  assert.equal(r.log.filter((l) => l === 'create x').length, 2);
  assert.ok(r.live.has('x'));
});

test('cluster: more distinct per-shard subqueries than the cache keeps, each answered, the views bounded', {
  timeout: 300_000,
}, async (t) => {
  const ch = await openTestClickHouse(t, 'cluster');
  if (!ch) return;
  const { engine } = ch;
  try {
    const d = engine.dialect;
    const shards = (await engine.shardUrls()).length;
    const views = async (): Promise<number> =>
      (
        await engine.rows<{ n: number }>(
          `SELECT toFloat64(count()) AS n FROM system.tables WHERE database = ${d.string(engine.database)} AND substring(name, 1, 2) = 'q_'`,
        )
      )[0]!.n;
    const rounds = MAX_SHARD_VIEWS + 6;
    for (let k = 1; k <= rounds; k++) {
      // a distinct subquery each time, as inlined dates make them in a long-running server; each shard answers k
      const [row] = await engine.rows<{ n: number }>(`SELECT toFloat64(sum(n)) AS n FROM ${d.perShard(`SELECT toFloat64(${k}) AS n`)} s`);
      assert.equal(row!.n, k * shards, `round ${k}: every shard answered once`);
    }
    const kept = await views();
    assert.ok(kept > 0 && kept <= MAX_SHARD_VIEWS, `${kept} Distributed per-shard tables in the database after ${rounds} subqueries`);
  } finally {
    await ch.drop();
  }
});
