// Ingestion into ClickHouse (src/engine/clickhouse/clickhouse-ingest.ts) against DuckDB's own ingest of
// the same files: the same rows accepted (value by value), the same quarantine (line, reason, raw
// values), the same counts, and the same unchanged / replaced / duplicate / --strict behaviour.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Engine } from '../../../src/engine/engine.js';
import { createDuckDbEngine } from '../../../src/engine/duckdb/duckdb-engine.js';
import { ingestFile, type IngestOptions, type IngestReport } from '../../../src/transactions/ingest.js';
import { ingestFileToClickHouse } from '../../../src/engine/clickhouse/clickhouse-ingest.js';
import { DEDUPE_KEY_TABLES } from '../../../src/engine/clickhouse/clickhouse-dedupe.js';
import { runTableName } from '../../../src/engine/clickhouse/clickhouse-run-tables.js';
import { ensureClickHouseWorkspace } from '../../../src/engine/clickhouse/clickhouse-schema.js';
import { openTestClickHouse, tablesOnEveryNode, type ClickHouseBackend } from '../../helpers/clickhouse.js';
import { tempDir, tempFile } from '../../transactions/ingest-helpers.js';

const ELOG = new URL('../../../../../data/cdnow/cdnow_sample_elog.csv', import.meta.url).pathname;
const CDNOW: IngestOptions = { mapping: { customer: 'sampleid', quantity: 'cds', amount: 'sales', date: 'date' } };

const MESSY = [
  'order,customer,date,amount,product,channel',
  'o1,c1,2020-01-05,10.50,p1,web',
  'o1,c1,2020-01-05,10.50,p1,web', // duplicate of the line above
  'o2,,2020-01-06,3,p1,web', // missing customer
  'o3,c2,2020-13-45,3,p2,shop', // bad date
  'o4,c2,2020-02-01,abc,p2,shop', // non-numeric amount
  'o5,c3,1960-02-01,4,p2,shop', // out of range
  'o6,c3,2020-02-02,"4,5",p2', // malformed (too few fields)
  'o7,"c\\4",2020-02-03,-2.25,"p\tx",shop', // backslash and tab survive; a return
  'C8,c4,2020-02-04,7.125,"p""q",web',
  'o9,cé5,2020-02-05,1.5,café ☕,wéb', // non-ASCII text (UTF-8 lengths in RowBinary)
  '',
].join('\n');

async function table(e: Engine, sql: string): Promise<unknown[]> {
  return e.rows(sql);
}

/** Equal row lists, reporting the first row that differs (not two megabytes of JSON). */
function sameRows(actual: unknown[], expected: unknown[], what: string): void {
  for (let i = 0; i < Math.max(actual.length, expected.length); i++) {
    assert.deepEqual(actual[i], expected[i], `${what}: row ${i} of ${expected.length}`);
  }
}

const TX = `SELECT line, customer_id, ts, event_date, amount, quantity, price, order_id, product_id, channel, cost, CASE WHEN is_return THEN 1 ELSE 0 END AS ret FROM transactions ORDER BY source_id, line`;
/** The accepted rows with the MD5 of their unmapped columns as text (UHUGEINT in DuckDB, its decimal text in ClickHouse). */
const txWithExtra = (e: Engine): string =>
  `SELECT line, customer_id, amount, ${e.dialect.text('extra_md5')} AS extra FROM transactions ORDER BY source_id, line`;
const Q = 'SELECT line, source_file, reason, detail, customer_raw, date_raw, amount_raw, record FROM quarantine ORDER BY source_id, line';

// Cross-file duplicates (src/engine/clickhouse/clickhouse-dedupe.ts): files whose rows repeat an earlier
// file's with NULL order, product, channel or cost, returns, -0 against 0, unmapped columns that differ
// only in a note, and a path replaced by new content (its old rows are no longer "earlier rows").
const HEAD = 'order,customer,date,amount,product,channel,cost,qty,note';
const BASE = [
  'o1,c1,2021-03-01 10:00:00,10,p1,web,2,1,x', // full row
  ',c1,2021-03-01 11:00:00,5,,,,1,x', // NULL order, product, channel, cost
  'o3,c2,2021-03-02,-7.5,p2,shop,,-1,x', // a return, NULL cost
  'o4,c2,2021-03-03,0,p3,,0,1,x', // amount 0, cost 0
  'o5,c3,2021-03-04,12.25,p1,app,1,2,x',
  'o6,c4,2021-03-05,3,p4,web,,1,x',
];
const LATER = [
  'o1,c1,2021-03-01 10:00:00,10,p1,web,2,1,x', // = BASE 1
  ',c1,2021-03-01 11:00:00,5,,,,1,x', // = BASE 2 (NULLs equal NULLs)
  ',c1,2021-03-01 11:00:00,5,,,,1,x', // and again within the file
  'o3,c2,2021-03-02,-7.5,p2,shop,,-1,x', // = BASE 3 (the return)
  'o4,c2,2021-03-03,-0,p3,,0,1,x', // -0 = 0: = BASE 4
  'o4,c2,2021-03-03,0,p3,,,1,x', // cost NULL against 0: new
  'o5,c3,2021-03-04,12.25,p1,app,1,2,y', // only the note differs: new
  ',c3,2021-03-04,12.25,p1,app,1,2,x', // order NULL against o5: new
  'o7,c5,2021-03-06,4,p1,web,1,1,x', // new
];
// BASE's path again, new content: its old rows are replaced, so repeating them is no duplicate; LATER's rows are
const REPLACED = [
  'o1,c1,2021-03-01 10:00:00,10,p1,web,2,1,x',
  'o6,c4,2021-03-05,3,p4,web,,1,x',
  'o7,c5,2021-03-06,4,p1,web,1,1,x',
  'o8,c6,2021-03-07,6,p2,shop,1,1,x',
];
const DEDUPE_OPTS: IngestOptions = {
  mapping: {
    order: 'order',
    customer: 'customer',
    date: 'date',
    amount: 'amount',
    product: 'product',
    channel: 'channel',
    cost: 'cost',
    quantity: 'qty',
  },
};
const TXQ = `SELECT line, customer_id, ts, amount, quantity, order_id, product_id, channel, cost FROM transactions ORDER BY source_id, line`;

for (const backend of ['cluster', 'chdb'] as ClickHouseBackend[]) {
  test(`${backend}: CDNOW ingested into ClickHouse equals DuckDB's ingest row by row (6,919 rows)`, async (t) => {
    const ch = await openTestClickHouse(t, backend);
    if (!ch) return;
    const duck = createDuckDbEngine();
    try {
      const a = await ingestFile(duck, ELOG, CDNOW);
      const b = await ingestFileToClickHouse(ch.engine, ELOG, { ...CDNOW, batchRows: 2000 });
      assert.equal(b.rowsAccepted, 6919);
      assert.deepEqual({ ...b, sourceId: 0 }, { ...a, sourceId: 0 }, 'same report');
      sameRows(await table(ch.engine, TX), await table(duck, TX), 'accepted rows, value by value');
      const again = await ingestFileToClickHouse(ch.engine, ELOG, CDNOW);
      assert.equal(again.status, 'unchanged');
      assert.equal((await ch.engine.rows<{ n: number }>('SELECT count(*) AS n FROM transactions'))[0]!.n, 6919);
    } finally {
      await duck.close();
      await ch.drop();
    }
  });

  test(`${backend}: a messy file gives the same quarantine, reasons, raw values and returns as DuckDB`, async (t) => {
    const ch = await openTestClickHouse(t, backend);
    if (!ch) return;
    const duck = createDuckDbEngine();
    try {
      const file = tempFile('messy.csv', MESSY);
      const opts: IngestOptions = {
        mapping: { order: 'order', customer: 'customer', date: 'date', amount: 'amount', product: 'product', channel: 'channel' },
        cancelPrefix: 'C',
      };
      const a = await ingestFile(duck, file, opts);
      const b = await ingestFileToClickHouse(ch.engine, file, opts);
      assert.deepEqual(b.quarantineByReason, a.quarantineByReason);
      assert.ok(Object.keys(a.quarantineByReason).length >= 5, `several reasons: ${JSON.stringify(a.quarantineByReason)}`);
      assert.deepEqual(b.returns, a.returns);
      sameRows(await table(ch.engine, Q), await table(duck, Q), 'quarantine');
      sameRows(await table(ch.engine, TX), await table(duck, TX), 'accepted rows');
    } finally {
      await duck.close();
      await ch.drop();
    }
  });

  test(`${backend}: same path with new content replaces its rows; a row repeated from another file is a duplicate_row; --strict adds nothing`, async (t) => {
    const ch = await openTestClickHouse(t, backend);
    if (!ch) return;
    const duck = createDuckDbEngine();
    try {
      const dir = tempDir();
      const opts: IngestOptions = { mapping: { order: 'order', customer: 'customer', date: 'date', amount: 'amount' } };
      const second = tempFile('b.csv', 'order,customer,date,amount\no2,c2,2020-01-06,20\no3,c3,2020-01-07,30\n', dir);
      for (const e of [duck, ch.engine]) {
        const first = tempFile('a.csv', 'order,customer,date,amount\no1,c1,2020-01-05,10\no2,c2,2020-01-06,20\n', dir);
        const ingest = (p: string, o: IngestOptions = opts): Promise<IngestReport> =>
          e === duck ? ingestFile(duck, p, o) : ingestFileToClickHouse(ch.engine, p, o);
        await ingest(first);
        const b = await ingest(second);
        assert.deepEqual(b.quarantineByReason, { duplicate_row: 1 }, `${e.dialect.name}: o2 repeated from a.csv`);
        tempFile('a.csv', 'order,customer,date,amount\no9,c9,2020-03-01,90\n', dir);
        const r = await ingest(first);
        assert.equal(r.status, 'replaced');
        const bad = tempFile('c.csv', 'order,customer,date,amount\no4,c4,2020-01-08,x\n', dir);
        await assert.rejects(ingest(bad, { ...opts, strict: true }), (err: Error & { code?: string }) => err.code === 'strict_rejections');
      }
      const rows = 'SELECT order_id, customer_id, amount FROM transactions ORDER BY order_id';
      sameRows(await table(ch.engine, rows), await table(duck, rows), 'transactions');
      // o2 of b.csv was quarantined as a copy of a.csv's, and a.csv's new content no longer has it (as in DuckDB)
      sameRows(
        await table(ch.engine, rows),
        [
          { order_id: 'o3', customer_id: 'c3', amount: 30 },
          { order_id: 'o9', customer_id: 'c9', amount: 90 },
        ],
        'expected',
      );
      const sources = 'SELECT file_name, rows_read, rows_accepted, rows_quarantined FROM sources ORDER BY file_name';
      sameRows(await table(ch.engine, sources), await table(duck, sources), 'sources');
    } finally {
      await duck.close();
      await ch.drop();
    }
  });

  test(`${backend}: unmapped columns are part of the duplicate key across files (extra_md5 copied both ways)`, async (t) => {
    const ch = await openTestClickHouse(t, backend);
    if (!ch) return;
    const duck = createDuckDbEngine();
    try {
      const dir = tempDir();
      const opts: IngestOptions = { mapping: { order: 'order', customer: 'customer', date: 'date', amount: 'amount' } };
      const first = tempFile('a.csv', 'order,customer,date,amount,note\no1,c1,2020-01-05,10,x\no2,c2,2020-01-06,20,y\n', dir);
      const second = tempFile('b.csv', 'order,customer,date,amount,note\no1,c1,2020-01-05,10,x\no2,c2,2020-01-06,20,other\n', dir);
      for (const e of [duck, ch.engine]) {
        const ingest = (p: string): Promise<IngestReport> =>
          e === duck ? ingestFile(duck, p, opts) : ingestFileToClickHouse(ch.engine, p, opts);
        await ingest(first);
        const b = await ingest(second);
        assert.deepEqual(b.quarantineByReason, { duplicate_row: 1 }, `${e.dialect.name}: only o1 (same note) repeats a.csv`);
      }
      const a = await table(duck, txWithExtra(duck));
      assert.equal(a.length, 3);
      assert.ok(
        a.every((r) => (r as { extra: string | null }).extra !== null),
        'every row has unmapped columns',
      );
      sameRows(await table(ch.engine, txWithExtra(ch.engine)), a, 'rows with extra_md5');
    } finally {
      await duck.close();
      await ch.drop();
    }
  });
}

for (const backend of ['cluster', 'chdb'] as ClickHouseBackend[]) {
  test(`${backend}: cross-file duplicates equal DuckDB's (NULL fields, returns, -0, notes, a replaced path), checked on the shards`, async (t) => {
    const ch = await openTestClickHouse(t, backend);
    if (!ch) return;
    const duck = createDuckDbEngine();
    try {
      const dir = tempDir();
      const csv = (rows: string[]): string => `${HEAD}\n${rows.join('\n')}\n`;
      const reports: Record<string, IngestReport[]> = { duck: [], ch: [] };
      // key tables of killed ingests: two days old (swept by the next check) and a minute old (kept)
      const [now] = await ch.engine.rows<{ t: number }>('SELECT toUInt32(now()) AS t');
      const stale = runTableName(DEDUPE_KEY_TABLES, Number(now!.t) - 2 * 86_400, 'aaaaaaaa');
      const young = runTableName(DEDUPE_KEY_TABLES, Number(now!.t) - 60, 'cccccccc');
      const spec = { columns: [['customer_id', 'String']] as const, orderBy: 'customer_id', shardKey: 'cityHash64(customer_id)' };
      await ensureClickHouseWorkspace(
        ch.engine,
        [stale, young].map((name) => ({ name, ...spec })),
      );
      for (const [name, e] of [
        ['duck', duck],
        ['ch', ch.engine],
      ] as const) {
        const ingest = (p: string): Promise<IngestReport> =>
          e === duck ? ingestFile(duck, p, DEDUPE_OPTS) : ingestFileToClickHouse(ch.engine, p, DEDUPE_OPTS);
        const base = tempFile('base.csv', csv(BASE), dir);
        reports[name]!.push(await ingest(base));
        reports[name]!.push(await ingest(tempFile('later.csv', csv(LATER), dir)));
        tempFile('base.csv', csv(REPLACED), dir);
        reports[name]!.push(await ingest(base));
        // refused after its check (--strict, a duplicate): nothing added, the key table dropped, the check's lease released
        const strict = tempFile('strict.csv', csv([LATER[8]!, 'o10,c7,2021-03-08,1,p1,web,1,1,x']), dir);
        const refused =
          e === duck
            ? ingestFile(duck, strict, { ...DEDUPE_OPTS, strict: true })
            : ingestFileToClickHouse(ch.engine, strict, { ...DEDUPE_OPTS, strict: true, duplicateCheckWaitSeconds: 1 });
        await assert.rejects(refused, (err: Error & { code?: string }) => err.code === 'strict_rejections');
      }
      const counts = (r: IngestReport[]) => r.map((x) => [x.status, x.rowsAccepted, x.rowsQuarantined, x.quarantineByReason]);
      assert.deepEqual(counts(reports.ch!), counts(reports.duck!), 'same counts and reasons, file by file');
      // DuckDB's own answer, so that the comparison is not vacuous: 5 duplicates in LATER (one within it), 1 in REPLACED
      assert.deepEqual(
        reports.duck!.map((r) => r.quarantineByReason.duplicate_row ?? 0),
        [0, 5, 1],
      );
      sameRows(await table(ch.engine, Q), await table(duck, Q), 'quarantine: lines, reasons, raw values');
      sameRows(await table(ch.engine, TXQ), await table(duck, TXQ), 'accepted rows');
      sameRows(await table(ch.engine, txWithExtra(ch.engine)), await table(duck, txWithExtra(duck)), 'rows with extra_md5');
      const left = await tablesOnEveryNode(ch.engine, backend, ['cvm_dedupe_keys_']);
      assert.ok(left.length > 0 && left.every((n) => n.endsWith(`:${young}`)), `only the young stale table is left: ${left.join(', ')}`);
      // the refused ingest released the check: the next one takes it at once (a 1-second wait would fail otherwise)
      const after = await ingestFileToClickHouse(ch.engine, tempFile('after.csv', csv(['o11,c8,2021-03-09,1,p1,web,1,1,x']), dir), {
        ...DEDUPE_OPTS,
        duplicateCheckWaitSeconds: 1,
      });
      assert.equal(after.rowsAccepted, 1);
    } finally {
      await duck.close();
      await ch.drop();
    }
  });

  test(`${backend}: the duplicate check moves the file's duplicates to Node, not the workspace (1× and 3× the earlier rows)`, async (t) => {
    const ch = await openTestClickHouse(t, backend);
    if (!ch) return;
    try {
      const dir = tempDir();
      // earlier files of 3,000 rows each over 300 customers; the new file: 50 rows, 10 of them repeating the first file
      const earlier = (k: number): string =>
        tempFile(
          `earlier-${k}.csv`,
          `order,customer,date,amount\n${Array.from({ length: 3000 }, (_, i) => `e${k}-${i},c${i % 300},2021-0${1 + (i % 9)}-1${i % 10},${i}.25`).join('\n')}\n`,
          dir,
        );
      const small = (k: number): string =>
        tempFile(
          `small-${k}.csv`,
          `order,customer,date,amount\n${Array.from({ length: 50 }, (_, i) => (i < 10 ? `e0-${i * 7},c${(i * 7) % 300},2021-0${1 + ((i * 7) % 9)}-1${(i * 7) % 10},${i * 7}.25` : `s${k}-${i},c${i},2021-05-05,${i}`)).join('\n')}\n`,
          dir,
        );
      const moved = async (file: string): Promise<{ rows: number; bytes: number; dups: number }> => {
        const before = { ...ch.engine.stats };
        const r = await ingestFileToClickHouse(ch.engine, file, { dedupe: 'on' });
        return {
          rows: ch.engine.stats.rowsReceived - before.rowsReceived,
          bytes: ch.engine.stats.bytesReceived - before.bytesReceived,
          dups: r.quarantineByReason.duplicate_row ?? 0,
        };
      };
      await ingestFileToClickHouse(ch.engine, earlier(0), { dedupe: 'on' });
      const one = await moved(small(1));
      await ingestFileToClickHouse(ch.engine, earlier(1), { dedupe: 'on' });
      await ingestFileToClickHouse(ch.engine, earlier(2), { dedupe: 'on' });
      const three = await moved(small(2));
      assert.equal(one.dups, 10);
      assert.equal(three.dups, 10);
      // the 10 duplicates' rn plus a few small answers (counts, leases); the earlier rows would be 3,000 and 9,000
      assert.equal(three.rows, one.rows, `rows to Node: ${JSON.stringify({ one, three })}`);
      assert.ok(one.rows < 100, `rows to Node: ${one.rows}`);
      assert.ok(three.bytes < one.bytes * 1.2 + 200, `bytes to Node: ${JSON.stringify({ one, three })}`);
    } finally {
      await ch.drop();
    }
  });
}
