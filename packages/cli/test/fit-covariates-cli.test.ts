// cvm fit --covariates through the real binary, against CLVTools' published apparel estimates.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cvm, ROOT, tempFile } from './run-cli.js';

const FIXTURE = JSON.parse(readFileSync(join(ROOT, 'packages/core/test/fixtures/clvtools-apparel.json'), 'utf8'));
const SRC = 'Meierer et al. (2025), CLVTools advanced techniques vignette §4 (4 printed decimals)';
const LOG = [
  join(ROOT, 'data/apparel/apparel_trans.csv'),
  '--customer-col',
  'Id',
  '--date-col',
  'Date',
  '--amount-col',
  'Price',
  '--calibration-end',
  '2006-12-31',
];
const CUSTOMERS = ['--customers', join(ROOT, 'data/apparel/apparel_static_cov.csv')];
const close = (actual: number, expected: number, tol: number, label: string): void =>
  assert.ok(Math.abs(actual - expected) <= tol, `${label}: actual ${actual}, expected ${expected}, tolerance ${tol}`);

test('fit --covariates Gender,Channel --customers: CLVTools apparel Pareto/NBD effects, LL and the LR test', () => {
  const r = cvm(['fit', ...LOG, ...CUSTOMERS, '--model', 'pareto-nbd', '--covariates', 'Gender,Channel', '--format', 'json']);
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  const ref = FIXTURE.paretoNbdStaticCov;
  assert.equal(j.timeUnit, 'weeks');
  assert.equal(j.effects.length, 4);
  for (const e of j.effects) {
    const want = ref.effects[`${e.process}.${e.name}`];
    // tolerances as in the core test (pareto-nbd-covariates.test.ts): 2e-3 on estimates, 2% on SEs
    close(e.estimate, want.estimate, 2e-3, `${e.process}.${e.name} vs ${SRC}`);
    close(e.standardError, want.se, 0.02 * want.se, `SE ${e.process}.${e.name} vs ${SRC}`);
    assert.ok(e.ci95[0] < e.estimate && e.estimate < e.ci95[1]);
  }
  close(j.fit.logLikelihood, ref.logLikelihood, 2e-3, `LL vs ${SRC}`);
  for (const k of ['r', 'alpha', 's']) close(j.params[k], ref.params[k], 2e-3 * ref.params[k], `${k} vs ${SRC}`);
  close(j.lrTest.statistic, 2 * (j.fit.logLikelihood - j.nullFit.logLikelihood), 1e-9, 'LR = 2ΔLL');
  assert.equal(j.lrTest.df, 4);
  assert.ok(j.lrTest.pValue < 1e-6, `p ${j.lrTest.pValue}`);
  // the core section rides along: the effects table with intervals and multipliers
  const table = j.section.tables.find((t: { id: string }) => t.id === 'fit.covariate_effects');
  assert.deepEqual(
    table.columns.map((c: { key: string }) => c.key),
    ['process', 'covariate', 'estimate', 'std_error', 'ci95_low', 'ci95_high', 'multiplier', 'p_value'],
  );
  assert.equal(table.rows.length, 4);
});

test('fit --covariates table output shows the LR test and the effects; csv is the effects table', () => {
  const t = cvm(['fit', ...LOG, ...CUSTOMERS, '--model', 'bg-nbd', '--covariates', 'Gender', '--format', 'table']);
  assert.equal(t.code, 0, t.stderr);
  assert.match(t.stdout, /Likelihood-ratio test against the fit without covariates: χ² = [\d.]+ on 2 df/);
  assert.match(t.stdout, /Covariate effects/);
  const c = cvm(['fit', ...LOG, ...CUSTOMERS, '--model', 'bg-nbd', '--covariates', 'Gender', '--format', 'csv']);
  assert.equal(c.code, 0, c.stderr);
  const lines = c.stdout.trim().split('\n');
  assert.equal(lines[0], 'process,covariate,estimate,std_error,ci95_low,ci95_high,multiplier,p_value');
  assert.equal(lines.length, 3, 'purchase.Gender and dropout.Gender');
});

test('fit --covariates errors: unknown name, text attribute, missing values, wrong model (exit 2, what to do)', () => {
  const unknown = cvm(['fit', ...LOG, ...CUSTOMERS, '--model', 'pareto-nbd', '--covariates', 'Age']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /No customer attribute "Age"; numeric attributes: Gender/);
  const text = tempFile(
    'customers.csv',
    'Id,Segment\n' + Array.from({ length: 600 }, (_, i) => `${i + 1},${i % 2 ? 'gold' : 'silver'}`).join('\n') + '\n',
  );
  const cat = cvm(['fit', ...LOG, '--customers', text, '--model', 'pareto-nbd', '--covariates', 'Segment']);
  assert.equal(cat.code, 2);
  assert.match(cat.stderr, /"Segment" is categorical.*0\/1/);
  const some = tempFile('customers.csv', 'Id,Age\n1,30\n2,41\n');
  const missing = cvm(['fit', ...LOG, '--customers', some, '--model', 'pareto-nbd', '--covariates', 'Age']);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /598 of 600 customers have no value of "Age"/);
  const wrong = cvm(['fit', ...LOG, ...CUSTOMERS, '--model', 'mbg-nbd', '--covariates', 'Gender']);
  assert.equal(wrong.code, 2);
  assert.match(wrong.stderr, /--covariates works with --model pareto-nbd or bg-nbd/);
});
