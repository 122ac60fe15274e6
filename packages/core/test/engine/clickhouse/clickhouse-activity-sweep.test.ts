// Activity tables a killed P&L left behind on ClickHouse (src/profitability/activities-sweep-clickhouse.ts):
// the next P&L run on the workspace drops those over a day old that no live process holds, on every
// node, and keeps a day-old one another process still holds (its lease), a young one, and tables of
// other names. Before, a process killed between creating `cvm_activities_<random>` and dropping it
// left the table for good. Runs on the 2-shard ClickHouse 18.16 cluster and chDB.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tryLease } from '../../../src/engine/clickhouse/clickhouse-ingest-lease.js';
import { ensureClickHouseWorkspace } from '../../../src/engine/clickhouse/clickhouse-schema.js';
import { activityLeaseScope, activityTableName } from '../../../src/profitability/activities-sweep-clickhouse.js';
import { parseCostModel } from '../../../src/profitability/cost-model.js';
import { computeProfitability } from '../../../src/profitability/profitability.js';
import { sameLogOnBoth } from '../../helpers/cdnow-engines.js';
import { tablesOnEveryNode, type ClickHouseBackend } from '../../helpers/clickhouse.js';
import { tempDir } from '../../helpers/temp-dir.js';

const MODEL = parseCostModel(`
currency: EUR
product_cost: { margin_pct: 30 }
pools:
  - { name: orders, cost: 900, driver: order }
  - { name: service, cost: 400, driver: support_contact }
`);

for (const backend of ['cluster', 'chdb'] as ClickHouseBackend[]) {
  test(`${backend}: a P&L run drops the activity tables of killed runs over a day old, never one in use`, {
    timeout: 300_000,
  }, async (t) => {
    const dir = tempDir('cvm-ch-sweep-');
    const log = join(dir, 'log.csv');
    const lines = ['customer,date,amount'];
    for (let i = 0; i < 120; i++) lines.push(`c${i % 17},2023-0${1 + (i % 9)}-1${i % 10},${(5 + (i % 13)).toFixed(2)}`);
    writeFileSync(log, `${lines.join('\n')}\n`);
    const activities = join(dir, 'activities.csv');
    writeFileSync(activities, 'customer_id,activity,count,date\nc1,support_contact,2,2023-02-01\nc2,support_contact,1,2023-03-01\n');
    const both = await sameLogOnBoth(t, backend, log, {});
    if (!both) return;
    const ch = both.ch;
    /** The activity-like tables of the workspace on every node (`node:dist|local:name`). */
    const present = (): Promise<string[]> => tablesOnEveryNode(ch, backend, ['cvm_activities_']);
    const [now] = await ch.rows<{ t: number }>('SELECT toUInt32(now()) AS t');
    const twoDaysAgo = Number(now!.t) - 2 * 86_400;
    const stale = activityTableName(twoDaysAgo, 'aaaaaaaa');
    const held = activityTableName(twoDaysAgo, 'bbbbbbbb');
    const young = activityTableName(Number(now!.t) - 60, 'cccccccc');
    const other = 'cvm_activities_notes';
    const columns = [
      ['line', 'Int64'],
      ['customer_id', 'String'],
    ] as const;
    await ensureClickHouseWorkspace(
      ch,
      [stale, held, young, other].map((name) => ({ name, columns, orderBy: 'customer_id', shardKey: 'cityHash64(customer_id)' })),
    );
    // another process's P&L still using `held` (its lease is live)
    const lease = await tryLease(ch, activityLeaseScope(held));
    assert.ok('release' in lease);
    try {
      const before = await present();
      assert.equal(before.length, backend === 'cluster' ? 16 : 4, before.join(', '));
      const a = await computeProfitability(ch, MODEL, { activitiesFile: activities });
      const b = await computeProfitability(both.duck, MODEL, { activitiesFile: activities });
      assert.equal(a.activities!.rowsAccepted, 2);
      assert.deepEqual(a.pools, b.pools);
      const after = await present();
      assert.deepEqual(
        after,
        before.filter((n) => !n.endsWith(`:${stale}`)),
        'the stale table is gone from every node and database, the run left none of its own',
      );
    } finally {
      await lease.release();
      await both.done();
    }
  });
}
