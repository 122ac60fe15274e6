// cvm quarantine lists the rejected rows of the customers, spend and prospects files beside the
// log's (file, line, reason), kept in the workspace by cvm ingest --customers/--spend/--prospects; the
// CSV of the transactions is unchanged and notes the others on stderr.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cvm, tempDir, tempFile } from './run-cli.js';

const log = tempFile('log.csv', 'customer_id,date,amount,channel\na,2024-01-05,10,search\nb,2024-01-07,x,social\nc,2024-02-01,7,search\n');
const customers = tempFile(
  'customers.csv',
  'customer_id,signup_date,acquisition_channel,region\na,2024-01-01,search,north\n,2024-01-02,social,south\nc,2024-01-03,search,east\n',
);
const spend = tempFile('spend.csv', 'month,channel,amount\n2024-01,search,100\n2024-01,social,-5\n2024-02,search,abc\n');
const prospects = tempFile('prospects.csv', 'prospect_id,acquisition_channel,region\np1,search,north\n,social,west\n');
const ws = tempDir();
const ingest = cvm([
  'ingest',
  log,
  '--workspace',
  ws,
  '--customers',
  customers,
  '--spend',
  spend,
  '--prospects',
  prospects,
  '--format',
  'json',
]);

test('cvm ingest keeps the input files; cvm quarantine lists their bad rows with file, line and reason', () => {
  assert.equal(ingest.code, 0, ingest.stderr);
  assert.deepEqual(
    JSON.parse(ingest.stdout).inputs.map((i: { kind: string; rowsQuarantined: number }) => [i.kind, i.rowsQuarantined]),
    [
      ['customers', 1],
      ['spend', 2],
      ['prospects', 1],
    ],
  );
  const j = JSON.parse(cvm(['quarantine', '--workspace', ws, '--format', 'json']).stdout);
  assert.deepEqual(
    j.rows.map((r: { line: number; reason: string }) => [r.line, r.reason]),
    [[3, 'non_numeric_amount']],
    'the transactions as before',
  );
  assert.deepEqual(
    j.inputRows.map((r: { kind: string; source_file: string; line: number; reason: string }) => [
      r.kind,
      r.source_file.replace(/.*\//, ''),
      r.line,
      r.reason,
    ]),
    [
      ['customers', 'customers.csv', 3, 'missing_customer_id'],
      ['prospects', 'prospects.csv', 3, 'missing_prospect_id'],
      ['spend', 'spend.csv', 3, 'negative_amount'],
      ['spend', 'spend.csv', 4, 'non_numeric_amount'],
    ],
  );
});

test("--kind and --reason pick rows; the default CSV is the transactions' with a note; bad codes exit 2", () => {
  const csv = cvm(['quarantine', '--workspace', ws, '--kind', 'spend', '--format', 'csv']);
  assert.equal(csv.code, 0, csv.stderr);
  const lines = csv.stdout.trim().split('\n');
  assert.equal(lines[0], 'kind,source_file,line,reason,meaning,detail,record');
  assert.equal(lines.length, 3);
  const byReason = JSON.parse(cvm(['quarantine', '--workspace', ws, '--reason', 'negative_amount', '--format', 'json']).stdout);
  assert.deepEqual([byReason.rows.length, byReason.inputRows.length], [0, 1]);
  const plain = cvm(['quarantine', '--workspace', ws]);
  assert.match(plain.stdout.split('\n')[0]!, /cvm_reason/);
  assert.match(plain.stderr, /4 rows of the customers, spend, prospects or survey files are quarantined too/);
  const table = cvm(['quarantine', '--workspace', ws, '--format', 'table']);
  assert.match(table.stdout, /Quarantined rows of the customers, spend and prospects files/);
  assert.equal(cvm(['quarantine', '--workspace', ws, '--kind', 'orders']).code, 2);
  assert.equal(cvm(['quarantine', '--workspace', ws, '--reason', 'nonsense']).code, 2);
});
