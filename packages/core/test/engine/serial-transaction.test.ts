// Transactions on the server's serial engine (src/engine/serial-engine.ts `inTransaction`): a
// transaction holds the queue from BEGIN to COMMIT, so requests arriving meanwhile neither start a
// transaction inside it (DuckDB: "cannot start a transaction within a transaction", which made
// `cvm serve` exit when /api/migration saved a snapshot while the first report was being computed)
// nor read its half-written rows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { createDuckDbEngine } from '../../src/engine/duckdb/duckdb-engine.js';
import { inTransaction, serialEngine } from '../../src/engine/serial-engine.js';
import { segmentAsOf } from '../../src/segments/segment-as-of.js';
import { listSnapshots, saveSnapshot } from '../../src/segments/snapshots.js';
import { logWorkspace } from '../cohorts/log-workspace.js';

test('inTransaction on a serial engine: a read queued during the transaction sees none or all of it, never half', async () => {
  const engine = serialEngine(createDuckDbEngine());
  try {
    await engine.exec('CREATE TABLE t (k INTEGER)');
    let read: Promise<{ n: number }[]> | undefined;
    await inTransaction(engine, async (tx) => {
      await tx.exec('INSERT INTO t VALUES (1)');
      read = engine.rows<{ n: number }>('SELECT CAST(count(*) AS DOUBLE) AS n FROM t'); // another request, arriving now
      await sleep(30);
      await tx.exec('INSERT INTO t VALUES (2)');
    });
    assert.equal((await read!)[0]!.n, 2, 'the read ran after COMMIT');

    await assert.rejects(
      inTransaction(engine, async (tx) => {
        await tx.exec('INSERT INTO t VALUES (3)');
        throw new Error('a step failed');
      }),
      /a step failed/,
    );
    const [after] = await engine.rows<{ n: number }>('SELECT CAST(count(*) AS DOUBLE) AS n FROM t');
    assert.equal(after!.n, 2, 'rolled back, and the engine answers afterwards');
  } finally {
    await engine.close();
  }
});

test('two segment snapshots saved at once on the serial engine are both stored (no transaction inside a transaction)', async () => {
  const lines = [
    'a,2020-01-05,10',
    'a,2020-03-01,12',
    'b,2020-02-10,30',
    'c,2020-04-01,5',
    'c,2020-06-01,6',
    'd,2020-06-15,40',
    'e,2020-07-01,8',
  ];
  const workspace = await logWorkspace(lines);
  const engine = serialEngine(workspace);
  try {
    const [x, y] = await Promise.all([
      segmentAsOf(engine, { asOf: '2020-05-31', computedAt: '2020-08-01T00:00:00Z' }),
      segmentAsOf(engine, { asOf: '2020-07-31', computedAt: '2020-08-01T00:00:00Z' }),
    ]);
    await Promise.all([saveSnapshot(engine, x), saveSnapshot(engine, y), saveSnapshot(engine, x)]);
    const stored = await listSnapshots(engine);
    assert.deepEqual(
      stored.map((s) => s.asOf),
      ['2020-05-31', '2020-07-31'],
    );
  } finally {
    await engine.close();
  }
});
