// cvm demo, cvm acquisition and cvm lookalikes through the real binary: files written, machine output,
// bad input files reported with their reasons and lines, and CDNOW (no spend, no attributes) exits 2
// with a message that says what is missing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cvm, SAMPLE, tempDir, tempFile } from './run-cli.js';

const dir = tempDir();
const demo = cvm(['demo', '--out', dir, '--customers', '1500', '--seed', '3', '--format', 'json']);
const f = (name: string): string => join(dir, name);

test('cvm demo writes the business and says it is synthetic; same seed, same bytes', () => {
  assert.equal(demo.code, 0, demo.stderr);
  const r = JSON.parse(demo.stdout);
  assert.equal(r.customers, 1500);
  for (const name of [
    'transactions.csv',
    'customers.csv',
    'marketing-spend.csv',
    'prospects.csv',
    'surveys.csv',
    'support-contacts.csv',
    'products.csv',
    'cost-model.yaml',
    'truth.json',
    'README.md',
  ])
    assert.ok(existsSync(f(name)), name);
  const again = tempDir();
  assert.equal(cvm(['demo', '--out', again, '--customers', '1500', '--seed', '3', '--format', 'json']).code, 0);
  assert.equal(readFileSync(join(again, 'transactions.csv'), 'utf8'), readFileSync(f('transactions.csv'), 'utf8'));
  const table = cvm(['demo', '--out', tempDir(), '--customers', '200', '--format', 'table']);
  assert.match(table.stdout, /SYNTHETIC retailer \(made-up data, not a real company\)/);
  assert.equal(cvm(['demo']).code, 2);
  assert.equal(cvm(['demo', '--out', tempDir(), '--customers', 'many']).code, 2);
});

test('cvm acquisition: channel rows as CSV; the findings and the rules in the table view', () => {
  const args = [
    'acquisition',
    f('transactions.csv'),
    '--customers',
    f('customers.csv'),
    '--spend',
    f('marketing-spend.csv'),
    '--margin',
    '0.4',
    '--bootstrap',
    '200',
  ];
  const csv = cvm([...args, '--format', 'csv']);
  assert.equal(csv.code, 0, csv.stderr);
  const rows = csv.stdout.trim().split('\n');
  assert.equal(
    rows[0],
    'channel,new_customers,spend,cac,realised_margin,predicted_clv,ltv,ltv_to_cac,ltv_to_cac_low,ltv_to_cac_high,payback_months,payback_projected,note',
  );
  assert.deepEqual(
    rows
      .slice(1)
      .map((r) => r.split(',')[0])
      .sort(),
    ['affiliate', 'all', 'direct', 'offline', 'referral', 'search', 'social'],
  );
  const cohorts = cvm([...args, '--format', 'csv', '--view', 'cohorts', '--cohort', 'quarter']);
  assert.match(cohorts.stdout.split('\n')[0]!, /^channel,cohort,new_customers/);
  assert.match(cohorts.stdout, /\nsearch,2022-Q1,/);
  const table = cvm([...args, '--format', 'table']);
  assert.match(table.stdout, /Findings:/);
  assert.match(table.stdout, /direct: [\d,]+ new customers and no spend recorded/);
  assert.match(table.stdout, /CAC = spend of the channel in the cohort's months \/ its new customers/);
  assert.match(table.stdout, /LTV:CAC low \(95%\)/);
});

test('a bad spend file: each row with its reason and line; an unknown --by names the dimensions', () => {
  const spend = tempFile(
    'spend.csv',
    'month,channel,amount\n2023-01,search,100\n2023-01,search,120\n2023-02,social,-4\n2023-02,referral,abc\n2023-03,tv,50\n2023-04,search,90\n',
  );
  const r = cvm([
    'acquisition',
    f('transactions.csv'),
    '--customers',
    f('customers.csv'),
    '--spend',
    spend,
    '--margin',
    '0.4',
    '--bootstrap',
    '200',
    '--channels',
    'search,social,referral,affiliate,offline',
    '--format',
    'json',
  ]);
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  const input = j.inputs.find((x: { kind: string }) => x.kind === 'spend');
  assert.deepEqual(input.quarantineByReason, {
    duplicate_period_channel: 2,
    negative_amount: 1,
    non_numeric_amount: 1,
    unknown_channel: 1,
  });
  assert.deepEqual(
    input.examples.map((e: { line: number; reason: string }) => [e.line, e.reason]),
    [
      [2, 'duplicate_period_channel'],
      [3, 'duplicate_period_channel'],
      [4, 'negative_amount'],
      [5, 'non_numeric_amount'],
      [6, 'unknown_channel'],
    ],
  );
  const text = cvm([
    'acquisition',
    f('transactions.csv'),
    '--customers',
    f('customers.csv'),
    '--spend',
    spend,
    '--margin',
    '0.4',
    '--bootstrap',
    '200',
    '--format',
    'table',
  ]);
  assert.match(text.stdout, /quarantined 2 duplicate_period_channel: .*e\.g\. line 2 \(rows at lines 2, 3\), line 3/);
  assert.match(text.stdout, /spend on channel "tv" matches no customer's channel/);
  const by = cvm([
    'acquisition',
    f('transactions.csv'),
    '--customers',
    f('customers.csv'),
    '--spend',
    f('marketing-spend.csv'),
    '--by',
    'colour',
  ]);
  assert.equal(by.code, 2);
  assert.match(by.stderr, /No dimension "colour"; available: channel, region, age_band, first_category, device, site_visits/);
});

test('cvm lookalikes: every prospect ranked with reasons as CSV; validation printed in the table view', () => {
  const csv = cvm(['lookalikes', f('prospects.csv'), f('transactions.csv'), '--customers', f('customers.csv'), '--format', 'csv']);
  assert.equal(csv.code, 0, csv.stderr);
  const rows = csv.stdout.trim().split('\n');
  assert.equal(rows[0], 'rank,prospect_id,probability_top_tier,expected_clv,drivers');
  assert.equal(rows.length - 1, 375, 'all 375 prospects (1,500 / 4)');
  const table = cvm([
    'lookalikes',
    f('prospects.csv'),
    f('transactions.csv'),
    '--customers',
    f('customers.csv'),
    '--format',
    'table',
    '--limit',
    '3',
  ]);
  assert.match(table.stdout, /Validation on held-out customers/);
  assert.match(table.stdout, /Calibration by decile/);
  assert.match(table.stdout, /AUC \d\.\d{3} \(95% interval/);
  assert.match(table.stdout, /The 3 best of 375 prospects/);
  assert.equal(cvm(['lookalikes']).code, 2);
});

test('CDNOW: both commands say what is missing and exit 2', () => {
  const a = cvm(['acquisition', SAMPLE, '--customer-col', 'sampleid', '--quantity-col', 'cds']);
  assert.equal(a.code, 2);
  assert.match(a.stderr, /no marketing spend \(give --spend FILE.*no acquisition channels/);
  const l = cvm(['lookalikes', f('prospects.csv'), SAMPLE, '--customer-col', 'sampleid', '--quantity-col', 'cds']);
  assert.equal(l.code, 2);
  assert.match(l.stderr, /need customer attributes \(give --customers FILE/);
  assert.doesNotMatch(a.stderr + l.stderr, /at .*\.ts:\d+/, 'no stack trace');
});

test('help for the three commands', () => {
  for (const c of ['demo', 'acquisition', 'lookalikes']) {
    const r = cvm([c, '--help']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, new RegExp(`Usage: cvm ${c}`));
  }
  assert.match(cvm(['--help']).stdout, /acquisition LOG --customers F --spend F/);
});
