// Every CLI error path: the real binary, its one-line message and its exit code (2 bad usage/input, 1 failure).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { cvm, SAMPLE, tempDir, tempFile } from './run-cli.js';

function expectError(args: string[], code: number, message: RegExp): void {
  const r = cvm(args);
  assert.equal(r.code, code, `exit code for ${args.join(' ')}: stderr=${r.stderr}`);
  assert.match(r.stderr, message);
  const lines = r.stderr.trim().split('\n');
  assert.equal(lines.length, 1, `one line, no stack trace: ${r.stderr}`);
  assert.ok(!/\bat .*\(.*:\d+:\d+\)/.test(r.stderr), 'no stack frames');
}

test('help and version exit 0', () => {
  for (const args of [
    [],
    ['--help'],
    ['help', 'summary'],
    ['summary', '--help'],
    ['ingest', '-h'],
    ['report', '--help'],
    ['quarantine', '--help'],
  ]) {
    const r = cvm(args);
    assert.equal(r.code, 0, args.join(' '));
    assert.match(r.stdout, /Usage: cvm/);
  }
  assert.match(cvm(['--version']).stdout, /^cvm \d+\.\d+\.\d+/);
});

test('bad usage exits 2', () => {
  expectError(['frobnicate'], 2, /unknown command "frobnicate"/);
  expectError(['summary', '--no-such-flag'], 2, /Unknown option '--no-such-flag'/);
  expectError(['summary'], 2, /Give a transaction log FILE or --workspace DIR/);
  expectError(['summary', 'x.csv', '--format', 'xml'], 2, /--format must be one of table, json, ndjson, csv/);
  expectError(['summary', 'x.csv', '--period', 'month'], 2, /--period must be day or week/);
  expectError(['ingest', 'x.csv'], 2, /needs --workspace DIR/);
  expectError(
    ['ingest', '--workspace', tempDir()],
    2,
    /needs a log FILE, or an input file to keep in an existing workspace \(--customers, --spend, --prospects, --surveys/,
  );
  expectError(['quarantine'], 2, /needs --workspace DIR/);
  expectError(['summary', '--workspace', join(tempDir(), 'none')], 2, /No cvm workspace at/);
  // a missing cost model fails before the log is read or anything is printed
  const noCosts = join(tempDir(), 'costs.yaml');
  for (const command of ['report', 'serve']) {
    const r = cvm([command, SAMPLE, '--customer-col', 'sampleid', '--quantity-col', 'cds', '--costs', noCosts]);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /Cannot read the cost model .*costs\.yaml/);
    assert.equal(r.stdout, '', `${command} printed nothing`);
  }
});

test('bad input files exit 2 with what was found', () => {
  expectError(['summary', '/nonexistent/log.csv'], 2, /No such file: \/nonexistent\/log.csv/);
  expectError(['summary', tempFile('empty.csv', '')], 2, /empty \(0 bytes\)/);
  expectError(['summary', tempFile('bin.csv', Buffer.from([1, 2, 0, 3, 4]))], 2, /looks binary/);
  expectError(['summary', tempFile('cols.csv', 'foo,bar\n1,2\n')], 2, /columns present: foo, bar/);
  expectError(
    ['summary', tempFile('log.csv', 'customer,date,amount\na,2020-01-01,1\n'), '--customer-col', 'nope'],
    2,
    /--customer-col "nope" is not a column/,
  );
  expectError(
    ['summary', tempFile('log.csv', 'customer,date,amount\na,2020-01-01,1\n'), '--calibration-end', '2020-13-01'],
    2,
    /--calibration-end must be a date YYYY-MM-DD/,
  );
  expectError(
    [
      'summary',
      tempFile('log.csv', 'customer,date,amount\na,2020-01-01,1\n'),
      '--calibration-end',
      '2020-02-01',
      '--holdout-end',
      '2020-01-15',
    ],
    2,
    /must come after --calibration-end/,
  );
  expectError(['summary', tempFile('log.csv', 'customer,date,amount\na,whenever,1\n')], 2, /No known date format reads the date column/);
  expectError(
    ['summary', tempFile('log.csv', 'customer,date,amount\na,2020-01-01,1\n'), '--date-format', 'yyyy'],
    2,
    /Unknown date format "yyyy"/,
  );
});

test('--strict with rejected rows exits 1 and says what would be quarantined', () => {
  const file = tempFile('log.csv', 'customer,date,amount\na,2020-01-01,1\nb,2020-01-02,x\n');
  expectError(
    ['ingest', file, '--workspace', tempDir(), '--strict'],
    1,
    /--strict: 1 of 2 rows .* \(1 non_numeric_amount\); nothing was added/,
  );
});
