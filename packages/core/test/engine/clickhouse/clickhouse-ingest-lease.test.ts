// Two ingests of the same file path, of the same content, or of the same input kind, at once on a ClickHouse workspace
// (src/engine/clickhouse/clickhouse-ingest-lease.ts): while one is copying its rows (an insert hook
// holds it there), a second one through another connection is refused with `ingest_in_progress`
// naming the first, and the first goes in whole. Before the lease, the second went ahead and took
// its own source id for the same path (or replaced the kind's rows under the first); a copy of the
// file under another path went in beside it (both passed the "seen before" check, by content hash,
// before either's `sources` row existed). A lease whose
// process died expires; a live one is renewed. Two different files with the duplicate check validate
// at once; the second waits for the first's check and insert before its own check (so a row in both
// goes in once). Runs on the local 2-shard ClickHouse 18.16 cluster.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { join } from 'node:path';
import { createClickHouseEngine, type ClickHouseEngine } from '../../../src/engine/clickhouse/clickhouse-engine.js';
import { ensureClickHouseWorkspace } from '../../../src/engine/clickhouse/clickhouse-schema.js';
import { parseClickHouseUrl } from '../../../src/engine/clickhouse/clickhouse-url.js';
import { ingestFileToClickHouse } from '../../../src/engine/clickhouse/clickhouse-ingest.js';
import type { IngestReport } from '../../../src/transactions/ingest.js';
import { takeIngestLease } from '../../../src/engine/clickhouse/clickhouse-ingest-lease.js';
import { ingestInputFileToClickHouse } from '../../../src/inputs/input-ingest-clickhouse.js';
import { InputError } from '../../../src/errors.js';
import { testClusterUrl } from '../../helpers/clickhouse.js';
import { tempDir } from '../../transactions/ingest-helpers.js';

/** `n` engines on the same workspace, each with its own connections (as `n` processes would be). */
async function connections(url: string, n: number): Promise<ClickHouseEngine[]> {
  const engines = Array.from({ length: n }, () => createClickHouseEngine(parseClickHouseUrl(url)));
  await ensureClickHouseWorkspace(engines[0]!);
  return engines;
}

/** `ch` whose first insert of rows waits for `during` (the other process) before it goes on. */
function held(ch: ClickHouseEngine, during: () => Promise<void>): ClickHouseEngine {
  let fired = false;
  return {
    ...ch,
    async insertColumns(table, columns, batch) {
      if (!fired) {
        fired = true;
        await during();
      }
      return ch.insertColumns(table, columns, batch);
    },
  };
}

/** The error a promise rejects with, or 'resolved'. */
const outcome = (p: Promise<unknown>): Promise<unknown> =>
  p.then(
    () => 'resolved',
    (e: unknown) => e,
  );

/** Checks an `ingest_in_progress` error: its code, what it names, the holder and when it started. */
function assertInProgress(e: unknown, scope: Record<string, string>, holder: RegExp): void {
  assert.ok(e instanceof InputError, `an InputError, got ${String(e)}`);
  assert.equal(e.code, 'ingest_in_progress');
  const c = e.context as Record<string, unknown>;
  for (const [k, v] of Object.entries(scope)) assert.equal(c[k], v, `context.${k}`);
  assert.match(String(c.holder), holder);
  assert.match(String(c.startedAt), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.ok(e.message.includes(String(c.holder)) && e.message.includes(String(c.startedAt)), e.message);
}

test('ClickHouse: a second ingest of the same path while one runs is refused naming it; the first goes in whole', {
  timeout: 300_000,
}, async (t) => {
  const cluster = testClusterUrl(t, 'cvm_lease_path');
  if (cluster === null) return;
  const [a, b] = await connections(cluster.url, 2);
  const dir = tempDir();
  const path = join(dir, 'orders.csv');
  const write = (k: number): void => {
    const lines = ['customer,date,amount'];
    for (let i = 0; i < 300; i++) lines.push(`c${i % 29},2020-0${1 + (i % 9)}-1${i % 10},${k * 10 + (i % 7)}.25`);
    writeFileSync(path, `${lines.join('\n')}\n`);
  };
  try {
    write(1);
    let second: unknown = null;
    const first = await ingestFileToClickHouse(
      held(a!, async () => {
        second = await outcome(ingestFileToClickHouse(b!, path));
      }),
      path,
    );
    assertInProgress(second, { path }, new RegExp(`pid ${process.pid}$`));
    assert.equal(first.rowsAccepted, 300);
    const sources = await b!.rows<{ id: number }>('SELECT source_id AS id FROM sources WHERE path = $1', [path]);
    assert.deepEqual(
      sources.map((s) => Number(s.id)),
      [first.sourceId],
      'one source for the path: the first ingest',
    );
    const [n] = await b!.rows<{ n: number }>('SELECT toFloat64(count()) AS n FROM transactions');
    assert.equal(Number(n!.n), 300);
    // once the first has finished, the path is free again
    write(2);
    const again = await ingestFileToClickHouse(b!, path);
    assert.equal(again.status, 'replaced');
  } finally {
    await Promise.all([a!.close(), b!.close()]);
    await cluster.drop();
  }
});

test('ClickHouse: the same content under another path while it is being ingested is refused; afterwards it is unchanged', {
  timeout: 300_000,
}, async (t) => {
  const cluster = testClusterUrl(t, 'cvm_lease_content');
  if (cluster === null) return;
  const [a, b] = await connections(cluster.url, 2);
  const dir = tempDir();
  const lines = ['customer,date,amount'];
  for (let i = 0; i < 200; i++) lines.push(`c${i % 23},2021-0${1 + (i % 9)}-2${i % 8},${i % 11}.5`);
  const one = join(dir, 'orders.csv');
  const copy = join(dir, 'orders-copy.csv');
  for (const p of [one, copy]) writeFileSync(p, `${lines.join('\n')}\n`);
  try {
    let second: unknown = null;
    const first = await ingestFileToClickHouse(
      held(a!, async () => {
        second = await outcome(ingestFileToClickHouse(b!, copy));
      }),
      one,
    );
    assertInProgress(second, { sha256: first.sha256 }, new RegExp(`pid ${process.pid}$`));
    assert.match((second as Error).message, /same content/);
    assert.equal(first.rowsAccepted, 200);
    const sources = await b!.rows<{ path: string }>('SELECT path FROM sources ORDER BY source_id');
    assert.deepEqual(
      sources.map((s) => s.path),
      [one],
      'one source: the copy did not go in beside it',
    );
    const again = await ingestFileToClickHouse(b!, copy);
    assert.equal(again.status, 'unchanged', 'once the first is in, the copy is seen as the same file');
    assert.equal(again.sourceId, first.sourceId);
    const [n] = await b!.rows<{ n: number }>('SELECT toFloat64(count()) AS n FROM transactions');
    assert.equal(Number(n!.n), 200);
  } finally {
    await Promise.all([a!.close(), b!.close()]);
    await cluster.drop();
  }
});

test('ClickHouse: a second customers file while one is being ingested is refused naming it', { timeout: 300_000 }, async (t) => {
  const cluster = testClusterUrl(t, 'cvm_lease_kind');
  if (cluster === null) return;
  const [a, b] = await connections(cluster.url, 2);
  const dir = tempDir();
  const file = (name: string, rows: string[]): string => {
    const p = join(dir, name);
    writeFileSync(p, `customer_id,channel\n${rows.join('\n')}\n`);
    return p;
  };
  const one = file('one.csv', ['a,search', 'b,social', 'c,search']);
  const two = file('two.csv', ['x,mail', 'y,mail']);
  try {
    let second: unknown = null;
    const first = await ingestInputFileToClickHouse(
      held(a!, async () => {
        second = await outcome(ingestInputFileToClickHouse(b!, 'customers', two));
      }),
      'customers',
      one,
    );
    assertInProgress(second, { kind: 'customers' }, new RegExp(`pid ${process.pid}$`));
    assert.equal(first.rowsAccepted, 3);
    const ids = await b!.rows<{ id: string }>('SELECT customer_id AS id FROM customer_profiles ORDER BY id');
    assert.deepEqual(
      ids.map((r) => r.id),
      ['a', 'b', 'c'],
      'the first file, whole and alone',
    );
    // another kind is not held up by it
    const spend = join(dir, 'spend.csv');
    writeFileSync(spend, 'month,channel,amount\n2024-01,search,100\n');
    const lease = await takeIngestLease(a!, { kind: 'customers' });
    try {
      await ingestInputFileToClickHouse(b!, 'spend', spend);
    } finally {
      await lease.release();
    }
    assert.equal((await ingestInputFileToClickHouse(b!, 'customers', two)).rowsAccepted, 2, 'free again once released');
  } finally {
    await Promise.all([a!.close(), b!.close()]);
    await cluster.drop();
  }
});

test('ClickHouse ingest leases: a dead process’s lease expires, a live one is renewed, the length is checked', {
  timeout: 300_000,
}, async (t) => {
  const cluster = testClusterUrl(t, 'cvm_lease_expiry');
  if (cluster === null) return;
  const [a, b] = await connections(cluster.url, 2);
  const dir = tempDir();
  const path = join(dir, 'log.csv');
  writeFileSync(path, 'customer,date,amount\n1,2020-01-01,5\n');
  try {
    await takeIngestLease(a!, { path: 'warm-up' }).then((l) => l.release());
    // a process that died an hour ago, its lease expired a minute ago; one elsewhere, live
    await a!.exec(
      "INSERT INTO ingest_leases VALUES ($1, 'dead', 'gone pid 1', now() - 3600, now() - 60), ('path:elsewhere.csv', 'live', 'other-host pid 7', now() - 30, now() + 600)",
      [`path:${path}`],
    );
    assert.equal((await ingestFileToClickHouse(b!, path)).rowsAccepted, 1, 'an expired lease does not block');
    const refused = await outcome(ingestFileToClickHouse(b!, 'elsewhere.csv'));
    assertInProgress(refused, { path: 'elsewhere.csv' }, /^other-host pid 7$/);
    assert.match((refused as Error).message, /expires at \d{4}-/);

    // a 6-second lease (from the engine URL) held for 9 seconds is renewed (every 2 seconds), so it still blocks
    const short = createClickHouseEngine(parseClickHouseUrl(`${cluster.url}&ingest_lease=6`));
    const lease = await takeIngestLease(short, { path: 'long.csv' });
    try {
      await sleep(9_000);
      const blocked = await outcome(takeIngestLease(b!, { path: 'long.csv' }));
      assertInProgress(blocked, { path: 'long.csv' }, /pid/);
      const c = (blocked as InputError).context as { startedAt: string; expiresAt: string };
      const span = (Date.parse(c.expiresAt) - Date.parse(c.startedAt)) / 1000;
      assert.ok(span >= 9 && span < 60, `renewed 6-second lease: expires ${span} s after its start`);
    } finally {
      await lease.release();
      await short.close();
    }
    await (await takeIngestLease(b!, { path: 'long.csv' })).release();
    await assert.rejects(
      takeIngestLease(a!, { path: 'x' }, { leaseSeconds: 1 }),
      (e: unknown) => e instanceof InputError && e.code === 'bad_lease',
    );
  } finally {
    await Promise.all([a!.close(), b!.close()]);
    await cluster.drop();
  }
});

test('ClickHouse: two different files validate at once, their checks and inserts run one at a time: a row in both goes in once', {
  timeout: 300_000,
}, async (t) => {
  const cluster = testClusterUrl(t, 'cvm_lease_dedupe');
  if (cluster === null) return;
  const [a, b] = await connections(cluster.url, 2);
  const dir = tempDir();
  // two files that share one row (order 7): the second's check must see the first file's rows
  const file = (name: string, orders: number[]): string => {
    const p = join(dir, name);
    writeFileSync(p, `order,customer,date,amount\n${orders.map((o) => `${o},c${o % 5},2022-03-${10 + (o % 9)},${o}.5`).join('\n')}\n`);
    return p;
  };
  const one = file('one.csv', [1, 2, 3, 4, 5, 6, 7]);
  const two = file('two.csv', [7, 8, 9]);
  const three = file('three.csv', [20, 21]);
  const four = file('four.csv', [30]);
  const count = async (): Promise<number> =>
    Number((await b!.rows<{ n: number }>('SELECT toFloat64(count()) AS n FROM transactions'))[0]!.n);
  try {
    const stages: string[] = [];
    let second: Promise<IngestReport> | null = null;
    let parallel: unknown = null;
    // `one` holds the duplicate check from its check until its rows are stored; its first insert waits here
    const first = await ingestFileToClickHouse(
      held(a!, async () => {
        second = ingestFileToClickHouse(b!, two, { onProgress: (s) => stages.push(s) });
        second.catch(() => {}); // awaited below
        for (let i = 0; i < 600 && !stages.includes('waiting'); i++) await sleep(100);
        parallel = await ingestFileToClickHouse(b!, three, { dedupe: 'off' });
      }),
      one,
    );
    // `two` was read and validated while `one` held the check (before, it was refused before reading), then waited
    assert.deepEqual(stages, ['hashing', 'reading', 'validating', 'waiting'], 'two validated, then waited for the check');
    assert.equal(first.rowsAccepted, 7);
    assert.equal((parallel as { rowsAccepted: number }).rowsAccepted, 2, 'without the check a file goes in beside it');
    const later = await second!;
    assert.equal(later.rowsAccepted, 2, 'two went in once one was stored');
    assert.equal(later.quarantineByReason.duplicate_row, 1, 'and its check saw one.csv’s rows');
    assert.equal(await count(), 11, '7 + 2 + 2 rows: the shared one once');

    // a check held longer than the ingest waits: refused naming the holder, nothing added
    const lease = await takeIngestLease(a!, { duplicateCheck: true });
    try {
      const refused = await outcome(ingestFileToClickHouse(b!, four, { duplicateCheckWaitSeconds: 2 }));
      assertInProgress(refused, {}, /pid/);
      assert.equal(((refused as InputError).context as Record<string, unknown>).duplicateCheck, true);
      assert.match((refused as InputError).message, /one at a time.*--dedupe off/);
    } finally {
      await lease.release();
    }
    assert.equal(await count(), 11, 'the refused file added nothing');
    assert.equal((await ingestFileToClickHouse(b!, four)).rowsAccepted, 1, 'and goes in once the check is free');
  } finally {
    await Promise.all([a!.close(), b!.close()]);
    await cluster.drop();
  }
});
