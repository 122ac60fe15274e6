// cvm feedback through the real binary: JSON counts equal a recount of the survey file, the table
// view prints the chain in words, a bad survey file is quarantined by reason and line, and a log
// without surveys (CDNOW) exits 2 saying how to add them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cvm, SAMPLE, tempDir, tempFile } from './run-cli.js';

const dir = tempDir();
const demo = cvm(['demo', '--out', dir, '--customers', '2500', '--seed', '5', '--format', 'json']);
const f = (name: string): string => join(dir, name);

test('cvm feedback --format json: NPS and CSAT counts equal a recount of surveys.csv; by acquisition channel with --customers', () => {
  assert.equal(demo.code, 0, demo.stderr);
  const r = cvm([
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
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  const all = readFileSync(f('surveys.csv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(','));
  // customers whose every purchase was returned have no purchase day: left out and named
  assert.ok(j.responses.noPurchaseDay.customers <= 5);
  const left = new Set(j.responses.noPurchaseDay.examples);
  const rows = all.filter((x) => !left.has(x[0]));
  const nps = rows.filter((x) => x[2] !== '').map((x) => Number(x[2]));
  assert.equal(j.responses.total, all.length);
  assert.equal(j.responses.used, rows.length);
  assert.equal(j.overall.promoters, nps.filter((v) => v >= 9).length);
  assert.equal(j.overall.detractors, nps.filter((v) => v <= 6).length);
  assert.equal(j.overall.csatAnswers, rows.filter((x) => x[3] !== '' && x[3] !== undefined).length);
  const dims = j.breakdowns.map((b: { dimension: string }) => b.dimension);
  assert.deepEqual(dims, ['value_tier', 'rfm_segment', 'lifecycle_stage', 'acquisition_channel', 'cohort', 'month']);
  assert.equal(j.chain.status, 'ok');
  assert.equal(j.detractorValue, null, 'no CLV without the models');
  const csv = cvm(['feedback', f('transactions.csv'), '--surveys', f('surveys.csv'), '--no-models', '--format', 'csv']);
  assert.match(csv.stdout.split('\n')[0]!, /^level,responses,nps_answers,promoters,passives,detractors,nps,nps_lower,nps_upper/);
  const table = cvm([
    'feedback',
    f('transactions.csv'),
    '--surveys',
    f('surveys.csv'),
    '--no-models',
    '--windows',
    '60,120',
    '--format',
    'table',
  ]);
  assert.equal(table.code, 0, table.stderr);
  assert.match(
    table.stdout,
    /Satisfaction-profit chain:\n {2}A detractor is \d\.\d\d× \(95% CI [\d.]+–[\d.]+\) as likely as a passive to stop buying \(no purchase in the 120 days after answering\)/,
  );
  assert.match(table.stdout, /NPS and CSAT by value tier/);
});

test('a bad survey file: NPS 11 and −1, CSAT 0 and an unknown customer are reported', () => {
  const surveys = tempFile(
    'surveys.csv',
    'customer_id,response_date,nps,csat\nC000001,2023-03-01,11,4\nC000002,2023-03-01,-1,\nC000003,2023-03-01,,0\nNOBODY,2023-03-01,9,5\nC000004,2023-03-02,8,4\n',
  );
  const r = cvm(['feedback', f('transactions.csv'), '--surveys', surveys, '--no-models', '--format', 'json']);
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  const input = j.inputs.find((x: { kind: string }) => x.kind === 'surveys');
  assert.deepEqual(input.quarantineByReason, { csat_out_of_range: 1, nps_out_of_range: 2 });
  assert.deepEqual(
    input.examples.map((e: { line: number; reason: string }) => [e.line, e.reason]),
    [
      [2, 'nps_out_of_range'],
      [3, 'nps_out_of_range'],
      [4, 'csat_out_of_range'],
    ],
  );
  assert.deepEqual(j.responses.unknown, { responses: 1, customers: 1, examples: ['NOBODY'] });
  assert.ok(j.warnings.some((w: string) => /NOBODY/.test(w)));
  assert.equal(j.chain.status, 'not_computed');
  assert.match(j.chain.reason, /at least 30 respondents in each NPS class/);
  const bad = cvm(['feedback', f('transactions.csv'), '--surveys', surveys, '--windows', '0']);
  assert.equal(bad.code, 2);
  assert.match(
    bad.stderr,
    /--windows \(whole days, comma-separated, e\.g\. 90,180\) must be a window in whole days, a whole number from 1 to 3,650; got "0"/,
  );
});

test('CDNOW without a survey file: exit 2 with how to add one', () => {
  const r = cvm(['feedback', SAMPLE, '--no-models']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /No survey responses in this workspace: ingest a survey file .* with `cvm feedback --surveys FILE`/);
  const help = cvm(['feedback', '--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /Usage: cvm feedback LOG/);
});
