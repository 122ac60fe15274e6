// cvm campaign analyze on the bundled Hillstrom e-mail experiment, and its usage errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cvm, ROOT, tempFile } from './run-cli.js';

const HILLSTROM = `${ROOT}data/hillstrom/hillstrom_email.csv`;
const BASE = [
  'campaign',
  'analyze',
  HILLSTROM,
  '--arm-col',
  'segment',
  '--control',
  'No E-Mail',
  '--outcome',
  'visit,conversion',
  '--outcome',
  'spend',
  '--bootstrap',
  '200',
];

test('campaign analyze: the verdicts as CSV, the published arm figures in JSON', () => {
  const csv = cvm([...BASE, '--format', 'csv']);
  assert.equal(csv.code, 0, csv.stderr);
  const lines = csv.stdout.trim().split('\n');
  assert.equal(lines[0], 'arm,control,effect,verdict');
  assert.equal(
    lines[2],
    'Womens E-Mail,No E-Mail,true,a lift of 4.5 points (95% CI 3.9 to 5.2) in visit; a lift of 0.31 points (0.15 to 0.47) in conversion; 0.42 more spend per customer (0.17 to 0.68)',
  );
  const json = cvm([...BASE, '--format', 'json', '--planned', 'No E-Mail=1,Womens E-Mail=1,Mens E-Mail=1']);
  assert.equal(json.code, 0, json.stderr);
  const j = JSON.parse(json.stdout);
  assert.equal(j.rowsUsed, 64000);
  const fig = Object.fromEntries(
    j.analysis.arms.map((a: { arm: string; outcomes: { mean: number }[] }) => [
      a.arm,
      [(100 * a.outcomes[0]!.mean).toFixed(2), (100 * a.outcomes[1]!.mean).toFixed(3), a.outcomes[2]!.mean.toFixed(3)],
    ]),
  );
  assert.deepEqual(fig, {
    'No E-Mail': ['10.62', '0.573', '0.653'],
    'Mens E-Mail': ['18.28', '1.253', '1.423'],
    'Womens E-Mail': ['15.14', '0.884', '1.077'],
  });
  assert.equal(j.analysis.srm.mismatch, false);
  const rates = cvm([...BASE, '--format', 'csv', '--table', 'experiment.uplift_rates']);
  assert.match(
    rates.stdout.split('\n')[0]!,
    /^arm,control,outcome,customers_test,customers_control,rate_test,rate_control,lift,lift_lower,lift_upper,/,
  );
});

test('campaign analyze: bad usage and bad files exit 2 with one line naming the problem', () => {
  const noControl = cvm(['campaign', 'analyze', HILLSTROM, '--arm-col', 'segment', '--outcome', 'visit']);
  assert.equal(noControl.code, 2);
  assert.match(noControl.stderr, /^cvm: cvm campaign analyze needs --arm-col, --control and --outcome/);
  const unknown = cvm(['campaign', 'analyze', HILLSTROM, '--arm-col', 'arm', '--control', 'x', '--outcome', 'visit']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /has no column "arm"; its columns are recency, history_segment/);
  const one = tempFile('one-arm.csv', 'arm,y\nA,1\nA,0\n');
  const single = cvm(['campaign', 'analyze', one, '--arm-col', 'arm', '--control', 'A', '--outcome', 'y']);
  assert.equal(single.code, 2);
  assert.match(single.stderr, /arm has one value \("A"\) in all 2 rows/);
  const sub = cvm(['campaign', 'launch']);
  assert.equal(sub.code, 2);
  assert.match(sub.stderr, /unknown subcommand "campaign launch"/);
  const help = cvm(['campaign', '--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /^Usage: cvm campaign create --workspace DIR/);
  assert.match(help.stdout, /^ {7}cvm campaign analyze FILE --arm-col C --control VALUE --outcome COL/m);
});
