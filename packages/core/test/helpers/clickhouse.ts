// The ClickHouse back-ends the tests run on: the local 2-shard cluster that scripts/run-tests.mjs
// starts (scripts/clickhouse-cluster.sh; CVM_TEST_CLICKHOUSE* in the environment) and chDB (an
// embedded current ClickHouse). Without them a test is skipped with the reason, except under CI=1,
// where a missing back-end is a failure.
import { randomBytes } from 'node:crypto';
import type { TestContext } from 'node:test';
import { createClickHouseEngine, type ClickHouseEngine } from '../../src/engine/clickhouse/clickhouse-engine.js';
import { dropClickHouseWorkspace, ensureClickHouseWorkspace } from '../../src/engine/clickhouse/clickhouse-schema.js';
import { parseClickHouseUrl } from '../../src/engine/clickhouse/clickhouse-url.js';
import { chdbTransport, loadChdb } from './chdb-transport.js';

export type ClickHouseBackend = 'cluster' | 'chdb';

/** Why a back-end is unavailable here, or null when it can be used. */
export function unavailable(backend: ClickHouseBackend): string | null {
  if (backend === 'cluster') {
    return process.env.CVM_TEST_CLICKHOUSE
      ? null
      : 'no ClickHouse cluster: scripts/run-tests.mjs starts one when clickhouse-server is installed (apt-get install -y clickhouse-server clickhouse-client)';
  }
  const m = loadChdb();
  return 'reason' in m ? m.reason : null;
}

/**
 * A fresh database's URL on the test cluster, for running the `cvm` command on it (`--engine URL`),
 * and `drop` to remove it afterwards; or null after marking the test skipped (outside CI) when
 * there is no cluster. `prefix` names the database (`PREFIX_<pid>_<random>`).
 * @throws Error under CI=1 when there is no cluster.
 */
export function testClusterUrl(t: TestContext, prefix: string): { url: string; drop: () => Promise<void> } | null {
  const reason = unavailable('cluster');
  if (reason !== null) {
    if (process.env.CI === '1') throw new Error(`CI=1: ${reason}`);
    t.skip(reason);
    return null;
  }
  const db = `${prefix}_${process.pid}_${randomBytes(3).toString('hex')}`;
  const url = `${process.env.CVM_TEST_CLICKHOUSE}/${db}?cluster=${process.env.CVM_TEST_CLICKHOUSE_CLUSTER}&shards=${process.env.CVM_TEST_CLICKHOUSE_SHARDS}`;
  return {
    url,
    drop: async () => {
      const engine = createClickHouseEngine(parseClickHouseUrl(url));
      try {
        await dropClickHouseWorkspace(engine);
      } finally {
        await engine.close();
      }
    },
  };
}

/**
 * A fresh, empty workspace (its own database, dropped by the returned `drop`) on a back-end, or null
 * after marking the test skipped (outside CI) when the back-end is unavailable.
 * @throws Error under CI=1 when the back-end is unavailable.
 */
export async function openTestClickHouse(
  t: TestContext,
  backend: ClickHouseBackend,
): Promise<{ engine: ClickHouseEngine; drop: () => Promise<void> } | null> {
  const reason = unavailable(backend);
  if (reason !== null) {
    if (process.env.CI === '1') throw new Error(`CI=1: ClickHouse back-end ${backend} unavailable: ${reason}`);
    t.skip(reason);
    return null;
  }
  const database = `cvm_test_${process.pid}_${randomBytes(3).toString('hex')}`;
  let engine: ClickHouseEngine;
  if (backend === 'cluster') {
    const shards = process.env.CVM_TEST_CLICKHOUSE_SHARDS ?? '';
    const cluster = process.env.CVM_TEST_CLICKHOUSE_CLUSTER ?? 'cvm';
    engine = createClickHouseEngine(
      parseClickHouseUrl(`${process.env.CVM_TEST_CLICKHOUSE}/${database}?cluster=${cluster}${shards ? `&shards=${shards}` : ''}`),
    );
  } else {
    const m = loadChdb() as { Session: new () => never };
    engine = createClickHouseEngine({ url: 'chdb://local', database, cluster: null, shards: null }, chdbTransport(m.Session));
  }
  await ensureClickHouseWorkspace(engine);
  return {
    engine,
    drop: async () => {
      await dropClickHouseWorkspace(engine);
      await engine.close();
    },
  };
}

/**
 * The workspace's tables whose names start with one of `prefixes`, on every node (each shard of the
 * test cluster, or chDB's one server), as sorted `node:dist|local:name` texts: what the run-table
 * tests check is left behind or swept.
 */
export async function tablesOnEveryNode(ch: ClickHouseEngine, backend: ClickHouseBackend, prefixes: string[]): Promise<string[]> {
  const nodes =
    backend === 'cluster'
      ? (process.env.CVM_TEST_CLICKHOUSE_SHARDS ?? '')
          .split(',')
          .map((u) => createClickHouseEngine({ url: `http://${u}`, database: 'default', cluster: null, shards: null }))
      : [ch];
  const match = prefixes.map((p) => `substring(name, 1, ${p.length}) = '${p}'`).join(' OR ');
  const names: string[] = [];
  for (const [i, node] of nodes.entries()) {
    const rows = await node.rows<{ d: string; name: string }>(
      `SELECT if(database = $1, 'dist', 'local') AS d, name FROM system.tables
WHERE database IN ($1, $2) AND (${match}) ORDER BY d, name`,
      [ch.database, ch.localDatabase],
    );
    names.push(...rows.map((r) => `${i + 1}:${r.d}:${r.name}`));
    if (node !== ch) await node.close();
  }
  return names.sort();
}
