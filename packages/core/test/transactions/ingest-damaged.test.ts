// Damaged and foreign-encoded files (issue 21, item 3 and "Also fix"): a cut-off file is refused
// with nothing stored; UTF-16 is read, UTF-32 is named; gzip is recognised by its magic bytes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { ingestFile } from '../../src/transactions/ingest.js';
import { InputError } from '../../src/errors.js';
import type { Engine } from '../../src/engine/engine.js';
import { memoryEngine, tempFile } from './ingest-helpers.js';

/** 2,000 rows, 40 customers, ISO dates in 2020. */
function log(rows = 2000): string {
  const lines = ['customer_id,date,amount'];
  for (let i = 0; i < rows; i++)
    lines.push(`c${i % 40},2020-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')},${(i % 97) + 0.5}`);
  return lines.join('\n') + '\n';
}

async function state(engine: Engine): Promise<number[]> {
  const [r] = await engine.rows<{ s: number; t: number; q: number }>(
    'SELECT (SELECT count(*) FROM sources) AS s, (SELECT count(*) FROM transactions) AS t, (SELECT count(*) FROM quarantine) AS q',
  );
  return [r!.s, r!.t, r!.q];
}

async function refused(engine: Engine, path: string, code: string, message: RegExp): Promise<void> {
  await assert.rejects(ingestFile(engine, path), (error: unknown) => {
    assert.ok(error instanceof InputError, String(error));
    assert.equal(error.code, code);
    assert.match(error.message, message);
    return true;
  });
}

test('a truncated .csv.gz is refused and the workspace is unchanged (not 516 of 2,000 rows loaded)', async () => {
  const engine = memoryEngine();
  await ingestFile(engine, tempFile('earlier.csv', log(10)));
  const before = await state(engine);
  const gz = gzipSync(log());
  assert.ok(gz.length > 3000, `the whole file is ${gz.length} bytes`);
  await refused(
    engine,
    tempFile('log.csv.gz', gz.subarray(0, 3000)),
    'truncated_file',
    /log\.csv\.gz is a truncated gzip file: the compressed data ends unexpectedly after 3,000 bytes .*nothing was stored/,
  );
  assert.deepEqual(await state(engine), before);
  // The whole file loads every row.
  const whole = await ingestFile(engine, tempFile('log.csv.gz', gz));
  assert.equal(whole.rowsAccepted, 2000);
  await engine.close();
});

test('a damaged gzip body is refused; gzip without a .gz name is recognised by its magic bytes', async () => {
  const engine = memoryEngine();
  const gz = Buffer.from(gzipSync(log()));
  const damaged = Buffer.from(gz);
  for (let i = 200; i < 260; i++) damaged[i] = 0xff;
  await refused(engine, tempFile('log.csv.gz', damaged), 'corrupt_file', /log\.csv\.gz is a damaged gzip file/);
  assert.deepEqual(await state(engine), [0, 0, 0]);
  const r = await ingestFile(engine, tempFile('export.csv', gz));
  assert.deepEqual([r.rowsRead, r.rowsAccepted], [2000, 2000]);
  await engine.close();
});

test('a CSV or NDJSON file cut off in the middle of its last row is refused', async () => {
  const engine = memoryEngine();
  const text = log();
  await refused(
    engine,
    tempFile('log.csv', text.slice(0, text.length - 9)),
    'truncated_file',
    /log\.csv ends in the middle of a row: its last line \(line 2001, "c39,2020-08"\) has no line end/,
  );
  await refused(engine, tempFile('log.csv', text.replaceAll('\n', '\r\n').slice(0, -10)), 'truncated_file', /line 2001/);
  await refused(
    engine,
    tempFile('log.ndjson', '{"customer_id":"a","date":"2020-01-01","amount":1}\n{"customer_id":"b","da'),
    'truncated_file',
    /line 2, "\{"customer_id":"b","da"\) has no line end and does not parse as JSON/,
  );
  assert.deepEqual(await state(engine), [0, 0, 0]);
  // A last row without a line end that parses is fine; so is a malformed row that is not the last.
  const ok = await ingestFile(engine, tempFile('log.csv', 'customer_id,date,amount\na,2020-01-01,1\nb,2020-01-02\nc,2020-01-03,3'));
  assert.deepEqual([ok.rowsAccepted, ok.quarantineByReason], [2, { malformed_row: 1 }]);
  await engine.close();
});

test('UTF-16 files (little- or big-endian, with or without a byte-order mark) are read; UTF-32 is named', async () => {
  const text = 'customer_id,date,amount,note\nJosé,2020-01-01,10,crème brûlée\nb,2020-01-02,20,日本\n';
  const le = Buffer.from(text, 'utf16le');
  const be = Buffer.from(le).swap16();
  const engine = memoryEngine();
  const cases: [string, Buffer][] = [
    ['le-bom', Buffer.concat([Buffer.from([0xff, 0xfe]), le])],
    ['be-bom', Buffer.concat([Buffer.from([0xfe, 0xff]), be])],
    ['le', le],
    ['be', be],
  ];
  for (const [name, bytes] of cases) {
    const r = await ingestFile(engine, tempFile(`${name}.csv`, bytes), { dedupe: 'off' });
    assert.equal(r.rowsAccepted, 2, name);
  }
  const ids = await engine.rows<{ c: string }>('SELECT DISTINCT customer_id AS c FROM transactions ORDER BY c');
  assert.deepEqual(
    ids.map((r) => r.c),
    ['José', 'b'],
  );
  const utf32 = Buffer.alloc(4 + text.length * 4);
  utf32.set([0xff, 0xfe, 0, 0]);
  for (let i = 0; i < text.length; i++) utf32.writeUInt32LE(text.charCodeAt(i), 4 + 4 * i);
  await refused(
    engine,
    tempFile('wide.csv', utf32),
    'unsupported_encoding',
    /wide\.csv is a text file in UTF-32LE \(found by its byte-order mark\), not binary; .*iconv -f UTF-32 -t UTF-8/,
  );
  await engine.close();
});
