// Source ids on a ClickHouse workspace taken by several processes at once
// (src/engine/clickhouse/clickhouse-source-claim.ts): every claimant gets its own id, and two files
// ingested at the same moment through two connections keep their own ids and rows. The old rule
// (max(source_id) + 1 read by each) handed the same id to all of them; see the first test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createClickHouseEngine, type ClickHouseEngine } from '../../../src/engine/clickhouse/clickhouse-engine.js';
import { ensureClickHouseWorkspace } from '../../../src/engine/clickhouse/clickhouse-schema.js';
import { parseClickHouseUrl } from '../../../src/engine/clickhouse/clickhouse-url.js';
import { claimSourceId } from '../../../src/engine/clickhouse/clickhouse-source-claim.js';
import { ingestFileToClickHouse } from '../../../src/engine/clickhouse/clickhouse-ingest.js';
import { ensureInputTables } from '../../../src/inputs/input-ingest.js';
import { testClusterUrl } from '../../helpers/clickhouse.js';
import { tempDir } from '../../transactions/ingest-helpers.js';

/** `n` engines on the same workspace, each with its own connections (as `n` processes would be). */
async function connections(url: string, n: number): Promise<ClickHouseEngine[]> {
  const engines = Array.from({ length: n }, () => createClickHouseEngine(parseClickHouseUrl(url)));
  await ensureClickHouseWorkspace(engines[0]!);
  return engines;
}

test('ClickHouse source ids: eight claims at once get eight different ids, and later claims go on from them', {
  timeout: 300_000,
}, async (t) => {
  const cluster = testClusterUrl(t, 'cvm_claim');
  if (cluster === null) return;
  const engines = await connections(cluster.url, 8);
  try {
    // what the old rule would have handed out: every connection reads the same max before anyone stores
    const naive = await Promise.all(
      engines.map(async (e) => Number((await e.rows<{ id: number }>('SELECT max(source_id) + 1 AS id FROM sources'))[0]!.id)),
    );
    assert.equal(new Set(naive).size, 1, 'the old rule gives every concurrent ingest the same id');

    const ids = await Promise.all(engines.map((e) => claimSourceId(e, 'sources', { maxPauseMs: 50 })));
    assert.equal(new Set(ids).size, ids.length, `distinct ids: ${ids.join(', ')}`);
    assert.ok(
      ids.every((id) => Number.isInteger(id) && id >= 1),
      `positive whole ids: ${ids.join(', ')}`,
    );
    const next = await claimSourceId(engines[0]!, 'sources');
    assert.equal(next, Math.max(...ids) + 1, 'the next claim follows every id handed out (and every id given up)');
    await ensureInputTables(engines[1]!);
    const inputs = await claimSourceId(engines[1]!, 'input_sources');
    assert.equal(inputs, 1, 'the other inputs have their own ids');
  } finally {
    await Promise.all(engines.map((e) => e.close()));
    await cluster.drop();
  }
});

test('ClickHouse: two files ingested at the same moment keep their own source ids and rows', { timeout: 300_000 }, async (t) => {
  const cluster = testClusterUrl(t, 'cvm_claim_ingest');
  if (cluster === null) return;
  const engines = await connections(cluster.url, 2);
  const dir = tempDir();
  const files = [0, 1].map((k) => {
    const path = join(dir, `part${k}.csv`);
    const lines = ['customer,date,amount'];
    for (let i = 0; i < 400; i++) lines.push(`f${k}c${i % 37},2020-0${1 + (i % 9)}-1${i % 10},${(k + 1) * 10 + (i % 7)}.25`);
    writeFileSync(path, `${lines.join('\n')}\n`);
    return path;
  });
  try {
    // in parallel only without the exact-duplicate check (with it, a second file waits: clickhouse-ingest-lease.test.ts)
    const reports = await Promise.all(files.map((f, k) => ingestFileToClickHouse(engines[k]!, f, { dedupe: 'off' })));
    const ids = reports.map((r) => r.sourceId);
    assert.notEqual(ids[0], ids[1], `each file its own source id (${ids.join(', ')})`);
    for (const [k, r] of reports.entries()) {
      assert.equal(r.rowsAccepted, 400, `file ${k}: every row accepted`);
      const [held] = await engines[0]!.rows<{ n: number; prefix: string }>(
        'SELECT toFloat64(count()) AS n, any(substring(customer_id, 1, 2)) AS prefix FROM transactions WHERE source_id = $1',
        [r.sourceId],
      );
      assert.equal(Number(held!.n), 400, `file ${k}: its 400 rows stored under its id`);
      assert.equal(held!.prefix, `f${k}`, `file ${k}: its own rows under its id`);
      const [mixed] = await engines[0]!.rows<{ n: number }>(
        'SELECT toFloat64(count()) AS n FROM transactions WHERE source_id = $1 AND substring(customer_id, 1, 2) <> $2',
        [r.sourceId, `f${k}`],
      );
      assert.equal(Number(mixed!.n), 0, `file ${k}: no other file's rows under its id`);
    }
    const sources = await engines[1]!.rows<{ source_id: number }>('SELECT source_id FROM sources ORDER BY source_id');
    assert.deepEqual(
      sources.map((s) => Number(s.source_id)),
      [...ids].sort((a, b) => a - b),
      'one sources row per file',
    );
  } finally {
    await Promise.all(engines.map((e) => e.close()));
    await cluster.drop();
  }
});
