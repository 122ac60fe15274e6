// The server's one place for CSV downloads (report-csv.ts): headers, file-name sanitising, string
// and streamed bodies, and the core CSV writer's formula neutralisation behind csvDownload.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { csvDownload, csvHeaders, csvResponse } from '../src/report-csv.js';

test('csvHeaders: UTF-8 text/csv, attachment, unsafe file-name characters replaced by _', () => {
  assert.deepEqual(csvHeaders('customers.csv'), {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': 'attachment; filename="customers.csv"',
  });
  assert.equal(csvHeaders('audience "VIP"\r\n/x.csv')['content-disposition'], 'attachment; filename="audience__VIP____x.csv"');
  assert.equal(
    csvHeaders('migration-1997-12-31-1998-06-30-tier-customers.csv')['content-disposition'],
    'attachment; filename="migration-1997-12-31-1998-06-30-tier-customers.csv"',
  );
});

test('csvResponse: a string body and a streamed body give the same download', async () => {
  const text = 'a,b\n1,2\n';
  const fromString = csvResponse(text, 'x.csv');
  const fromStream = csvResponse(
    new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('a,b\n'));
        controller.enqueue(new TextEncoder().encode('1,2\n'));
        controller.close();
      },
    }),
    'x.csv',
  );
  for (const r of [fromString, fromStream]) {
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('content-type'), 'text/csv; charset=utf-8');
    assert.equal(r.headers.get('content-disposition'), 'attachment; filename="x.csv"');
    assert.equal(await r.text(), text);
  }
});

test('csvDownload: quoted cells and a neutralised formula (the core writer)', async () => {
  const r = csvDownload(
    't.csv',
    ['id', 'note'],
    [
      ['=1+1', 'a, "b"'],
      ['-3', 2],
    ],
  );
  assert.equal(await r.text(), `id,note\n'=1+1,"a, ""b"""\n-3,2\n`); // numeric text stays as it is
});
