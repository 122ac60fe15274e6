// `cvm serve --engine clickhouse://…` and `cvm ingest --engine …` as two processes on the local
// 2-shard 18.16 cluster (issue 16): the served answers move to the other process's batch once the
// server's look (--poll-every 1) sees it, and agree with a fresh computation on the cluster.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ingestFileToClickHouse, readDataVersion, summarize } from '@cvm/core';
import { CDNOW_ELOG, CDNOW_OPTIONS } from '../../core/test/helpers/cdnow-engines.js';
import { openTestClickHouse } from '../../core/test/helpers/clickhouse.js';
import { cvm } from '../../cli/test/run-cli.js';
import { ROOT, tempDir } from './helpers.js';

test('cluster: cvm serve notices a cvm ingest run by another process (--poll-every)', { timeout: 600_000 }, async (t) => {
  const opened = await openTestClickHouse(t, 'cluster');
  if (!opened) return;
  const url = `${process.env.CVM_TEST_CLICKHOUSE}/${opened.engine.database}?cluster=${process.env.CVM_TEST_CLICKHOUSE_CLUSTER ?? 'cvm'}&shards=${process.env.CVM_TEST_CLICKHOUSE_SHARDS ?? ''}`;
  await ingestFileToClickHouse(opened.engine, CDNOW_ELOG, CDNOW_OPTIONS);
  const child = spawn(
    process.execPath,
    [join(ROOT, 'packages/cli/bin/cvm.js'), 'serve', '--engine', url, '--port', '0', '--poll-every', '1', '--format', 'json'],
    { cwd: ROOT, env: { ...process.env, TZ: 'UTC', CVM_TOKEN: '' } },
  );
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => void (stderr += d.toString()));
  child.stdout.resume();
  const waitFor = (re: RegExp): Promise<RegExpMatchArray> =>
    new Promise((done, fail) => {
      const check = (): void => {
        const m = re.exec(stderr);
        if (m) {
          child.stderr.off('data', check);
          done(m);
        }
      };
      child.stderr.on('data', check);
      child.once('exit', () => fail(new Error(`cvm serve exited: ${stderr}`)));
      check();
    });
  try {
    const [, base] = await waitFor(/cvm dashboard: (http:\/\/\S+)/);
    const get = async (path: string) => {
      const res = await fetch(`${base}${path.slice(1)}`);
      // biome-ignore lint/suspicious/noExplicitAny: the customer, overview and health answers read field by field
      return { status: res.status, body: (await res.json()) as any, headers: res.headers };
    };
    const before = await get('/api/health');
    assert.equal((await get('/api/customers/99999')).status, 404);

    const batch = join(tempDir(), 'batch.csv');
    writeFileSync(batch, 'customer,date,amount\n99999,1998-07-05,20\n99999,1998-07-12,31.25\n5,1998-07-11,14.99\n');
    const r = cvm(['ingest', batch, '--engine', url, '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const [, version] = await waitFor(/another process ingested into the workspace: now data version (\d+)/);
    await waitFor(/refreshed 2 touched customers \(1 new, 0 gone/);

    const fresh = await readDataVersion(opened.engine);
    assert.equal(Number(version), fresh.version);
    const health = await get('/api/health');
    assert.equal(health.body.dataVersion, fresh.version);
    assert.ok(fresh.version > before.body.dataVersion);
    assert.equal(health.body.data.transactions, fresh.transactions);
    assert.equal(fresh.transactions, before.body.data.transactions + 3);
    const c = await get('/api/customers/99999');
    assert.equal(c.status, 200, JSON.stringify(c.body));
    assert.equal(c.body.customer.transactions, 2);
    assert.equal(c.body.customer.frequency, 1);
    assert.equal(c.body.customer.net_revenue, 51.25);
    assert.equal(c.headers.get('X-Cvm-Data-Version'), String(fresh.version));
    assert.equal(c.headers.get('X-Cvm-Reflects-Version'), String(before.body.dataVersion));
    const full = await summarize(opened.engine, {});
    assert.equal((await get('/api/overview')).body.overview.customers, full.length);
  } finally {
    child.kill('SIGTERM');
    await new Promise((done) => (child.exitCode === null ? child.once('exit', done) : done(null)));
    await opened.drop();
  }
});
