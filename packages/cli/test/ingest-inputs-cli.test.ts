// cvm ingest stores every input file the report commands take (issue 16: --surveys was missing) with
// the same validation and quarantine, and later commands read them from the workspace: cvm feedback
// --workspace without --surveys answers as cvm feedback with the files. The ClickHouse side:
// cli-clickhouse-ingest-inputs.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { cvm, tempDir, tempFile } from './run-cli.js';
import { BAD_SURVEYS } from './bad-surveys.js';

const dir = tempDir();
const demo = cvm(['demo', '--out', dir, '--customers', '2500', '--seed', '5', '--format', 'json']);
const f = (name: string): string => join(dir, name);
const INPUTS = ['--customers', f('customers.csv'), '--spend', f('marketing-spend.csv'), '--prospects', f('prospects.csv')];

const withoutTimes = (text: string): unknown => {
  const j = JSON.parse(text);
  delete j.computedAt;
  delete j.inputs;
  return j;
};

test('cvm ingest --customers --spend --prospects --surveys keeps all four; cvm feedback --workspace reads the stored surveys', () => {
  assert.equal(demo.code, 0, demo.stderr);
  const ws = tempDir();
  const r = cvm(['ingest', f('transactions.csv'), '--workspace', ws, ...INPUTS, '--surveys', f('surveys.csv'), '--format', 'json']);
  assert.equal(r.code, 0, r.stderr);
  const inputs = JSON.parse(r.stdout).inputs as { kind: string; status: string; rowsRead: number; rowsAccepted: number }[];
  assert.deepEqual(
    inputs.map((i) => [i.kind, i.status]),
    [
      ['customers', 'ingested'],
      ['spend', 'ingested'],
      ['prospects', 'ingested'],
      ['surveys', 'ingested'],
    ],
  );
  const stored = cvm(['feedback', '--workspace', ws, '--no-models', '--format', 'json']);
  assert.equal(stored.code, 0, stored.stderr);
  const given = cvm([
    'feedback',
    f('transactions.csv'),
    '--surveys',
    f('surveys.csv'),
    '--customers',
    f('customers.csv'),
    '--no-models',
    '--format',
    'json',
  ]);
  assert.equal(given.code, 0, given.stderr);
  assert.deepEqual(withoutTimes(stored.stdout), withoutTimes(given.stdout));

  // an input file alone into the workspace: replaces the kind's file, quarantined as cvm feedback does
  const bad = tempFile('surveys.csv', BAD_SURVEYS);
  const alone = cvm(['ingest', '--workspace', ws, '--surveys', bad, '--format', 'json']);
  assert.equal(alone.code, 0, alone.stderr);
  const [s] = JSON.parse(alone.stdout).inputs;
  assert.equal(s.status, 'replaced');
  assert.deepEqual(s.quarantineByReason, { csat_out_of_range: 1, nps_out_of_range: 2 });
  const viaFeedback = cvm(['feedback', f('transactions.csv'), '--surveys', bad, '--no-models', '--format', 'json']);
  assert.deepEqual(
    JSON.parse(viaFeedback.stdout).inputs.find((x: { kind: string }) => x.kind === 'surveys').quarantineByReason,
    s.quarantineByReason,
  );
  const q = cvm(['quarantine', '--workspace', ws, '--kind', 'surveys', '--format', 'json']);
  assert.equal(q.code, 0, q.stderr);
  assert.match(q.stdout, /nps_out_of_range/);
  const text = cvm(['ingest', '--workspace', ws, '--surveys', bad, '--format', 'table']);
  assert.match(text.stdout, /unchanged \(same content already in the workspace as the surveys file\)/);
});

test('cvm ingest without a log or an input file, or inputs into no workspace: exit 2 saying what to give', () => {
  const none = cvm(['ingest', '--workspace', tempDir()]);
  assert.equal(none.code, 2);
  assert.match(
    none.stderr,
    /needs a log FILE, or an input file to keep in an existing workspace \(--customers, --spend, --prospects, --surveys/,
  );
  const missing = cvm(['ingest', '--workspace', join(tempDir(), 'nothing-here'), '--surveys', f('surveys.csv')]);
  assert.equal(missing.code, 2, missing.stderr);
  assert.match(missing.stderr, /cvm ingest FILE/);
  const help = cvm(['ingest', '--help']);
  assert.match(help.stdout, /--surveys FILE/);
});
