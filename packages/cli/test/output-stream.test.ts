// CSV and NDJSON tables are written piece by piece (issue 18): 10,000 rows a piece, and the pieces
// joined are exactly the file an independent writer makes (RFC 4180 quoting, formula guard, one
// JSON object a line, non-finite numbers as null).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { lazyRows, render, renderChunks, type Output } from '../src/output.js';

const N = 25_001;
const rows = Array.from({ length: N }, (_, i) => [`c${i}`, i % 7 === 0 ? 'say "hi", then' : '=1+1', i === 3 ? Number.NaN : i / 4]);
const output: Output = { json: { rows: N }, tables: [{ title: 't', columns: ['id', 'note', 'value'], rows }] } as unknown as Output;

test('CSV: a header piece and three row pieces, equal to a hand-written CSV', () => {
  const pieces = [...renderChunks(output, 'csv')];
  assert.equal(pieces.length, 1 + Math.ceil(N / 10_000));
  const quote = (v: unknown): string => {
    let s = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : String(v);
    if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`; // a cell a spreadsheet would run as a formula
    return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  const expected = ['id,note,value', ...rows.map((r) => r.map(quote).join(','))].join('\n') + '\n';
  const got = pieces.join('');
  assert.equal(got, expected);
  assert.equal(got, render(output, 'csv'));
});

test('NDJSON: one object a line in pieces, NaN as null', () => {
  const pieces = [...renderChunks(output, 'ndjson')];
  assert.equal(pieces.length, Math.ceil(N / 10_000));
  const lines = pieces.join('').split('\n');
  assert.equal(lines.pop(), '', 'ends with a newline');
  assert.equal(lines.length, N);
  assert.deepEqual(JSON.parse(lines[3]!), { id: 'c3', note: '=1+1', value: null });
  assert.deepEqual(JSON.parse(lines[N - 1]!), { id: `c${N - 1}`, note: '=1+1', value: (N - 1) / 4 });
  assert.equal(pieces.join(''), render(output, 'ndjson'));
});

test('an empty table writes nothing; JSON and tables are one piece', () => {
  const empty = { json: {}, tables: [{ title: 't', columns: ['a'], rows: [] }] } as unknown as Output;
  assert.deepEqual([...renderChunks(empty, 'ndjson')], []);
  assert.equal([...renderChunks(empty, 'csv')].join(''), 'a\n');
  assert.equal([...renderChunks(output, 'json')].length, 1);
});

test('rows made on demand (lazyRows) write the same bytes as the array, a piece at a time, in every format', () => {
  let made = 0,
    most = 0,
    sinceLastPiece = 0;
  const lazy = lazyRows(N, (i) => {
    made++;
    sinceLastPiece++;
    most = Math.max(most, sinceLastPiece);
    return rows[i]!;
  });
  const lazyOutput = { ...output, tables: [{ ...output.tables[0]!, rows: lazy }] } as Output;
  for (const format of ['csv', 'ndjson'] as const) {
    made = most = sinceLastPiece = 0;
    let got = '';
    for (const piece of renderChunks(lazyOutput, format)) {
      got += piece;
      sinceLastPiece = 0;
    }
    assert.equal(got, render(output, format), format);
    assert.equal(made, N, `${format}: each row made once`);
    assert.ok(most <= 10_000, `${format}: at most one piece of rows at a time (${most})`);
  }
  made = 0;
  const table = render({ ...lazyOutput, maxTableRows: 20 }, 'table');
  assert.equal(table, render({ ...output, maxTableRows: 20 }, 'table'));
  assert.ok(made <= 40, `a terminal table makes only the rows it shows (${made})`);
  assert.deepEqual(lazy.slice(N - 2, N + 5), [rows[N - 2], rows[N - 1]]);
});

test('printing to a pipe holds no piece back: the pipe is written blocking, so nothing waits in memory', () => {
  // a child prints 60 MB of CSV through the process context into a pipe this process reads; it then
  // reports how much output was still queued in its memory (asynchronous pipe writes queue it all)
  const context = new URL('../src/context.ts', import.meta.url).pathname;
  const out = new URL('../src/output.ts', import.meta.url).pathname;
  const code = `
    const { processContext } = await import(${JSON.stringify(context)});
    const { lazyRows } = await import(${JSON.stringify(out)});
    const rows = lazyRows(600000, (i) => ['customer' + i, i / 3, 'x'.repeat(60)]);
    processContext().print({ json: {}, tables: [{ title: 't', columns: ['id', 'v', 'pad'], rows }] }, 'csv');
    process.stderr.write('queued ' + process.stdout.writableLength + '\\n');`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { maxBuffer: 1 << 30, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout.split('\n').length, 600_002, 'every row arrived');
  assert.match(r.stderr, /queued 0\n/, `still queued in the child's memory after print: ${r.stderr}`);
});
