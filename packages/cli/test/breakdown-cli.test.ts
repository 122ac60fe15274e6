// --by channel|ATTRIBUTE on cvm segment, cohorts, profit and predict through the real binary, on a
// small demo business whose customers file lost every 4th row: the level counts are recounted from the
// files (customers file value, else "unknown"), the "all" row holds every customer, the old
// `cohorts --by month` still means the period, and an unknown dimension exits 2 naming the ones there are.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cvm, tempDir } from './run-cli.js';

const dir = tempDir();
assert.equal(cvm(['demo', '--out', dir, '--customers', '600', '--seed', '8', '--format', 'json']).code, 0);
const f = (name: string): string => join(dir, name);
const [header, ...people] = readFileSync(f('customers.csv'), 'utf8').trim().split('\n');
const kept = people.filter((_, i) => i % 4 !== 3);
writeFileSync(f('partial.csv'), [header, ...kept].join('\n') + '\n');
const base = [f('transactions.csv'), '--customers', f('partial.csv')];
const csv = (out: string): string[][] =>
  out
    .trim()
    .split('\n')
    .map((l) => l.split(','));

/** Customers with a purchase per level of a customers-file column (unknown without a row or value). */
/** Every customer id in the transaction log (the demo's CSV has no quoted fields). */
function logCustomers(): Set<string> {
  const [head, ...rows] = readFileSync(f('transactions.csv'), 'utf8').trim().split('\n');
  const j = head!.split(',').indexOf('customer_id');
  return new Set(rows.map((l) => l.split(',')[j]!));
}

function recount(column: string, everyone = false): Map<string, number> {
  const j = header!.split(',').indexOf(column);
  const value = new Map(kept.map((l) => l.split(',')).map((r) => [r[0]!, r[j]!]));
  // the customer set is the summary's (returns netting decides who counts as a buyer), or for
  // profitability every customer in the log (a customer who returned everything still cost money);
  // the levels are recounted from the file
  const buyers = everyone
    ? logCustomers()
    : new Set(
        cvm(['summary', f('transactions.csv'), '--format', 'csv'])
          .stdout.trim()
          .split('\n')
          .slice(1)
          .map((l) => l.split(',')[0]!),
      );
  const m = new Map<string, number>();
  for (const id of buyers) m.set(value.get(id) || 'unknown', (m.get(value.get(id) || 'unknown') ?? 0) + 1);
  return m;
}

test('segment --by region: customers per tier and level recounted; unknown shown; all = every customer', () => {
  const r = cvm(['segment', ...base, '--by', 'region', '--format', 'csv']);
  assert.equal(r.code, 0, r.stderr);
  const rows = csv(r.stdout);
  assert.deepEqual(rows[0], ['level', 'Platinum', 'Gold', 'Silver', 'Bronze', 'total']);
  const expected = recount('region');
  assert.ok(expected.get('unknown')! >= 140, `unknown ${expected.get('unknown')}`);
  for (const [level, n] of expected) assert.equal(Number(rows.find((x) => x[0] === level)![5]), n, level);
  assert.equal(
    Number(rows.at(-1)![5]),
    [...expected.values()].reduce((a, b) => a + b, 0),
  );
});

test('predict --by device and profit --by age_band: one row per level plus all, counts recounted', () => {
  const p = cvm(['predict', ...base, '--by', 'device', '--format', 'csv']);
  assert.equal(p.code, 0, p.stderr);
  const pr = csv(p.stdout);
  assert.deepEqual(pr[0]!.slice(0, 4), ['level', 'customers', 'customer_share', 'p_alive_mean']);
  for (const [level, n] of recount('device')) assert.equal(Number(pr.find((x) => x[0] === level)![1]), n, level);
  const q = cvm(['profit', ...base, '--costs', f('cost-model.yaml'), '--by', 'age_band', '--format', 'json']);
  assert.equal(q.code, 0, q.stderr);
  const t = JSON.parse(q.stdout).tables[0];
  assert.equal(t.id, 'profitability.by');
  for (const [level, n] of recount('age_band', true)) assert.equal(t.rows.find((x: unknown[]) => x[0] === level)[1], n, level);
});

test('cohorts --by first_category: a first column named by the dimension; --by month still the period', () => {
  const r = cvm(['cohorts', ...base, '--by', 'first_category', '--period', 'quarter', '--format', 'csv']);
  assert.equal(r.code, 0, r.stderr);
  const rows = csv(r.stdout);
  assert.equal(rows[0]![0], 'first_category');
  const sizes = new Map<string, number>();
  for (const row of rows.slice(1)) if (row[3] === '0' && row[0] !== 'all') sizes.set(row[0]!, (sizes.get(row[0]!) ?? 0) + Number(row[2]));
  assert.deepEqual(
    new Map([...sizes].sort()),
    new Map([...recount('first_category', true)].sort()),
    'cohorts count every customer of the log (acquisition by first transaction)',
  );
  assert.match(rows[1]![1]!, /^\d{4}-Q\d$/);
  const old = cvm(['cohorts', f('transactions.csv'), '--by', 'quarter', '--format', 'csv']);
  assert.equal(old.code, 0, old.stderr);
  assert.match(old.stdout.split('\n')[1]!, /,\d{4}-Q\d,/);
});

test('an unknown --by names the dimensions there are and exits 2; without a customers file only channel', () => {
  const r = cvm(['segment', ...base, '--by', 'colour']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /No dimension "colour"; available: channel, region, age_band/);
  const n = cvm(['profit', f('transactions.csv'), '--costs', f('cost-model.yaml'), '--by', 'region']);
  assert.equal(n.code, 2);
  assert.match(n.stderr, /available: channel \(the workspace has no customers file/);
  assert.equal(cvm(['segment', f('transactions.csv'), '--customers', f('partial.csv')]).code, 2, '--customers without --by');
});
