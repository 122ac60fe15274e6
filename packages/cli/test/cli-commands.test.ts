// The commands on the bundled sample and small logs: output formats, workspace round trip, quarantine export.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cvm, SAMPLE, tempDir, tempFile } from './run-cli.js';

const SAMPLE_FLAGS = ['--customer-col', 'sampleid', '--quantity-col', 'cds'];

test('summary CSV: documented column order, 2,357 CDNOW customers', () => {
  const r = cvm(['summary', SAMPLE, ...SAMPLE_FLAGS, '--calibration-end', '1997-09-30', '--holdout-end', '1998-06-30']);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.equal(
    lines[0],
    'customer_id,frequency,recency,T,monetary_value,first_purchase,last_purchase,transactions,total_revenue,returns,returns_value,net_revenue,frequency_holdout,monetary_value_holdout,duration_holdout',
  );
  assert.equal(lines.length, 2358);
  assert.match(lines[1]!, /^1,2,30\.42857142857\d*,38\.857142857\d*,22\.345,1997-01-01,1997-08-02,3,/);
});

test('summary json and ndjson carry the same numbers', () => {
  const json = JSON.parse(cvm(['summary', SAMPLE, ...SAMPLE_FLAGS, '--format', 'json']).stdout);
  const nd = cvm(['summary', SAMPLE, ...SAMPLE_FLAGS, '--format', 'ndjson'])
    .stdout.trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  assert.equal(json.customers.length, 2357);
  assert.equal(nd.length, 2357);
  assert.deepEqual(json.customers[10], nd[10]);
  assert.equal(json.period, 'week');
});

test('report: the overview figures of the CDNOW sample', () => {
  const r = cvm(['report', SAMPLE, ...SAMPLE_FLAGS, '--format', 'json']);
  assert.equal(r.code, 0, r.stderr);
  const rep = JSON.parse(r.stdout);
  // Independent facts of the sample (data/README.md): 2,357 customers, 6,919 rows, 6,696 customer-days.
  assert.equal(rep.customers, 2357);
  assert.equal(rep.transactions, 6919);
  assert.equal(rep.purchaseDays, 6696);
  assert.deepEqual(rep.dateRange, { first: '1997-01-01', last: '1998-06-30' });
  const table = cvm(['report', SAMPLE, ...SAMPLE_FLAGS, '--format', 'table']).stdout;
  assert.match(table, /Customers\s+2,357/);
  assert.match(table, /Quarantined rows\s+none/);
  const csv = cvm(['report', SAMPLE, ...SAMPLE_FLAGS, '--format', 'csv']).stdout;
  assert.match(csv, /^metric,value,meaning\ncustomers,2357,/);
});

test('workspace round trip: ingest twice (idempotent), append, summary and quarantine export', () => {
  const ws = tempDir();
  const log = tempFile('a.csv', 'customer,date,amount\na,2020-01-01,10\na,2020-01-05,20\nb,2020-01-02,x\n');
  const first = cvm(['ingest', log, '--workspace', ws, '--format', 'json']);
  assert.equal(first.code, 0, first.stderr);
  assert.equal(JSON.parse(first.stdout).files[0].rowsAccepted, 2);
  const again = JSON.parse(cvm(['ingest', log, '--workspace', ws, '--format', 'json']).stdout);
  assert.equal(again.files[0].status, 'unchanged');
  cvm(['ingest', tempFile('b.csv', 'customer,date,amount\nb,2020-01-03,5\n'), '--workspace', ws]);
  const s = cvm(['summary', '--workspace', ws, '--period', 'day']).stdout.trim().split('\n');
  assert.deepEqual(
    s.slice(1).map((l) => l.split(',').slice(0, 5).join(',')),
    ['a,1,4,4,20', 'b,0,0,2,0'],
  );
  // CSV (the default in a pipe): the source row as it was, then where it came from and why.
  const q = cvm(['quarantine', '--workspace', ws]).stdout.trim().split('\n');
  assert.equal(q[0], 'customer,date,amount,cvm_source_file,cvm_line,cvm_reason,cvm_detail');
  assert.equal(q[1], 'b,2020-01-02,x,a.csv,4,non_numeric_amount,');
  assert.equal(q.length, 2);
  const listing = JSON.parse(cvm(['quarantine', '--workspace', ws, '--format', 'json']).stdout).rows;
  assert.deepEqual(
    listing.map((r: Record<string, unknown>) => [r.source_file, r.line, r.reason, r.record]),
    [['a.csv', 4, 'non_numeric_amount', '{"customer":"b","date":"2020-01-02","amount":"x"}']],
  );
});
