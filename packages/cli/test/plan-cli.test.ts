// cvm plan through the real binary on CDNOW alone: it runs, prints the five steps with every missing
// part's flag, --format json carries the plan, --format csv every number with its page; --save stores
// the plan in a workspace and the next run compares with it; --save without a workspace and a bad
// --contact-cost are usage errors (exit 2).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { cvm, SAMPLE, tempDir } from './run-cli.js';

const MAP = ['--customer-col', 'sampleid', '--quantity-col', 'cds', '--validate-at', '1997-09-30'];

test('cvm plan on CDNOW: the five steps, and which inputs would unlock the missing parts', () => {
  const r = cvm(['plan', SAMPLE, ...MAP, '--format', 'table']);
  assert.equal(r.code, 0, r.stderr);
  for (const title of ['Discover:', 'Commit:', 'Create:', 'Assess:', 'Improve:']) assert.match(r.stdout, new RegExp(`^${title}`, 'm'));
  const missing = r.stdout
    .split('\n')
    .filter((l) => l.startsWith('Missing: '))
    .join('\n');
  for (const flag of [
    '--costs FILE',
    '--spend FILE',
    '--prospects FILE',
    '--surveys FILE',
    '--contact-cost',
    'cvm campaign create',
    'cvm plan --save',
  ]) {
    assert.ok(missing.includes(flag), `a Missing line names ${flag}:\n${missing}`);
  }
  assert.match(r.stdout, /#\/retention/);
  const j = cvm(['plan', SAMPLE, ...MAP, '--contact-cost', '0.4', '--format', 'json']);
  assert.equal(j.code, 0, j.stderr);
  const plan = JSON.parse(j.stdout);
  assert.deepEqual(
    plan.steps.map((s: { id: string }) => s.id),
    ['discover', 'commit', 'create', 'assess', 'improve'],
  );
  assert.ok(
    plan.campaigns.every(
      (c: { cost: number; customers: number; controlCustomers: number }) =>
        Math.abs(c.cost - 0.4 * (c.customers - c.controlCustomers)) < 1e-9,
    ),
  );
  const csv = cvm(['plan', SAMPLE, ...MAP, '--format', 'csv']);
  const lines = csv.stdout.trim().split('\n');
  assert.equal(lines[0], 'step,figure,value,unit,value_raw,link');
  assert.equal(
    lines.length - 1,
    plan.steps.reduce((n: number, s: { figures: unknown[] }) => n + s.figures.length, 0),
  );
});

test('cvm plan --save stores the plan; the next plan compares with it; usage errors exit 2', () => {
  const ws = join(tempDir(), 'ws');
  assert.equal(cvm(['ingest', SAMPLE, '--workspace', ws, '--customer-col', 'sampleid', '--quantity-col', 'cds']).code, 0);
  const first = cvm(['plan', '--workspace', ws, '--validate-at', '1997-09-30', '--save', '--format', 'table']);
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stdout, /Plan saved in the workspace as of 1998-06-30/);
  const second = cvm(['plan', '--workspace', ws, '--validate-at', '1997-09-30', '--format', 'table']);
  assert.match(
    second.stdout,
    /Against the plan of 1998-06-30 \(saved \d{4}-\d\d-\d\d\): 0 of \d+ segment goals met \(the same data: nothing can have moved yet\)/,
  );
  const noWs = cvm(['plan', SAMPLE, ...MAP, '--save']);
  assert.equal(noWs.code, 2);
  assert.match(noWs.stderr, /--save stores the plan in a workspace/);
  const bad = cvm(['plan', SAMPLE, ...MAP, '--contact-cost', 'free']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--contact-cost takes the cost of one contact/);
  const help = cvm(['plan', '--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /Usage: cvm plan/);
});
