// Issue 21 through the real binary: numeric flags bounded with one code per flag, doubtful fits
// carried into every output, a log too small for the models, the CDNOW master's zero-spend customer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { noDropoutLines } from '../../core/test/helpers/no-dropout-log.js';
import { cvm, ROOT, SAMPLE, tempFile } from './run-cli.js';

const LOG = [SAMPLE, '--customer-col', 'sampleid', '--quantity-col', 'cds'];
const MASTER = join(ROOT, 'data/cdnow/cdnow_master_elog.csv');

for (const [value, shown] of [
  ['1e9', '"1e9"'],
  ['1000000', '"1000000"'],
  ['-5', '"-5"'],
  ['0', '"0"'],
  ['52w', '"52w"'],
]) {
  test(`predict --horizon ${value}: exit 2 with the range (no V8 crash, no 13-minute run, no "ambiguous")`, () => {
    const r = cvm(['predict', ...LOG, '--horizon', value!]);
    assert.equal(r.code, 2, r.stderr);
    assert.equal(r.stderr, `cvm: --horizon must be a horizon in weeks, above 0 and at most 522 (up to 10 years); got ${shown}\n`);
  });
}

test('every numeric flag has its own code and range: --discount-rate, --margin, --bins, --port, --limit, --horizon-years', () => {
  const cases: [string[], RegExp][] = [
    [
      ['predict', ...LOG, '--discount-rate', '-0.5'],
      /^cvm: --discount-rate must be an annual discount rate \(0\.1 = 10% a year\), from 0 to 1; got "-0\.5"/,
    ],
    [['predict', ...LOG, '--margin', '2'], /^cvm: --margin must be a margin as a fraction of spend \(0\.3 = 30%\), from -1 to 1; got "2"/],
    [['segment', ...LOG, '--bins', '2.5'], /^cvm: --bins must be a number of RFM scores, a whole number from 3 to 10; got "2\.5"/],
    [
      ['serve', ...LOG, '--port', '70000'],
      /^cvm: --port must be a TCP port \(0 picks a free one\), a whole number from 0 to 65,535; got "70000"/,
    ],
    [
      ['profit', ...LOG, '--costs', join(ROOT, 'data/cdnow/cost-model.example.yaml'), '--limit', '-1'],
      /^cvm: --limit must be a number of customers to list, a whole number from 0 to 10,000,000; got "-1"/,
    ],
    [
      ['migrate', ...LOG, '--from', '1997-06-30', '--to', '1997-12-31', '--horizon-years', '50'],
      /^cvm: --horizon-years must be a Markov-value horizon in years, above 0 and at most 10; got "50"/,
    ],
  ];
  for (const [args, message] of cases) {
    const r = cvm(args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, message);
  }
});

test('predict on the CDNOW master: the default spend model fits, the zero-spend customer is named (not a row index)', () => {
  const r = cvm(['predict', MASTER, '--format', 'csv']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout.trim().split('\n').length, 23_571, 'a header and 23,570 customers');
  assert.match(r.stderr, /Note: gamma-gamma: 1 customer whose repeat purchases average 0 was left out of the spend fit \(customer 10244\)/);
  assert.doesNotMatch(r.stderr, /row \d/);
});

test('report on a log where nobody leaves: no CLV forecast, the reason in plain words, historic value labelled', () => {
  const log = tempFile('no-dropout.csv', ['customer,date,amount', ...noDropoutLines(300, 4)].join('\n') + '\n');
  const r = cvm(['report', log, '--format', 'table']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /Recommendation: none — No model can be trusted on this data/);
  assert.match(r.stdout, /no customer ever seems to leave in this data, so P\(alive\) is not informative/);
  assert.match(r.stdout, /NO CLV FORECAST: .*The value shown is historic net revenue up to 2020-12-31, not a forecast\./);
  assert.match(r.stdout, /Top customers by historic net revenue \(no trustworthy model: this is past value, not a forecast\)/);
  assert.match(r.stdout, /Value tiers by historic net revenue/);
  const j = JSON.parse(cvm(['report', log, '--format', 'json']).stdout);
  assert.equal(j.models.model, null);
  assert.equal(j.models.fallback.value, 'historic_net_revenue');
  assert.equal(j.segments.valueKind, 'historic');
});

test('report on a log too small for the models: everything else is reported and the shortfall is named (exit 0)', () => {
  const log = tempFile('tiny.csv', 'customer_id,date,sales\n1,2020-01-01,10\n1,2020-02-01,20\n2,2020-01-05,5\n3,2020-03-01,7\n');
  const r = cvm(['report', log, '--format', 'table']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(
    r.stdout,
    /Models skipped \(as with --no-models\): The CLV models need at least 100 customers, 20 of them with a repeat purchase; this log has 3 customers \(1 repeat buyer\)/,
  );
  assert.match(r.stdout, /Value tiers by historic net revenue/);
  const j = JSON.parse(cvm(['report', log, '--format', 'json']).stdout);
  assert.equal(j.models, null);
  assert.match(j.modelsSkipped, /need at least 100 customers/);
  assert.equal(j.customers, 3);
});

test('segment --as-of and migrate --from name their own flag in date errors (not --calibration-end)', () => {
  const a = cvm(['segment', ...LOG, '--as-of', '19900101']);
  assert.equal(a.code, 2);
  assert.equal(a.stderr, 'cvm: --as-of must be a date YYYY-MM-DD; got "19900101"\n');
  const b = cvm(['segment', ...LOG, '--as-of', '1990-01-01']);
  assert.equal(b.stderr, 'cvm: --as-of 1990-01-01 is before the first transaction (1997-01-01); no customer exists yet\n');
  const c = cvm(['migrate', ...LOG, '--from', '1990-01-01', '--to', '1997-06-30']);
  assert.equal(c.stderr, 'cvm: --from 1990-01-01 is before the first transaction (1997-01-01); no customer exists yet\n');
});
