// cvm rules, offers and headroom: Groceries through --baskets, a synthetic order log, and the errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { syntheticBasketCsv } from '../../core/test/expansion/synthetic-baskets.js';
import { cvm, ROOT, SAMPLE, tempFile } from './run-cli.js';

const GROCERIES = `${ROOT}data/groceries/groceries_baskets.csv`;
const ORDERS = tempFile('orders.csv', syntheticBasketCsv({ customers: 600, products: 120, bundleSize: 12, affinity: 0.7, seed: 5 }));
const LOG = [ORDERS, '--max-date', '2030-01-01'];

test('rules --baskets: the 463 Groceries rules as CSV, strongest lift first', () => {
  const r = cvm(['rules', '--baskets', GROCERIES, '--min-support', '0.006', '--min-confidence', '0.25']);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.equal(lines[0], 'antecedent,consequent,baskets,support,confidence,lift,leverage,conviction,consequent_value,expected_value');
  assert.equal(lines.length, 1 + 463);
  assert.match(lines[1]!, /^\{herbs\},\{root vegetables\},69,0\.0070157600406710\d*,0\.43125,3\.956477378731\d*,/);
});

test('rules on a log without product ids: exit 2 and the flag to use', () => {
  const r = cvm(['rules', SAMPLE, '--customer-col', 'sampleid']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /^cvm: The log has no product ids \(0 of 6,919 rows in the whole log\).*--product-col/);
});

test('rules: an itemset explosion names the threshold to raise (exit 2)', () => {
  const r = cvm(['rules', '--baskets', GROCERIES, '--min-support', '0.0002', '--max-itemsets', '1000']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /More than 1,000 frequent itemsets at minimum support 0\.0002.*raise the minimum support/);
});

test('offers --backtest: the verdict on stderr with CSV, the offers with reasons on stdout', () => {
  const r = cvm(['offers', ...LOG, '--backtest', '--calibration-end', '2024-09-30', '--k', '3']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /The recommender beats the popularity baseline on hit rate at 3/);
  const lines = r.stdout.trim().split('\n');
  assert.equal(lines[0], 'customer_id,rank,product,probability,value,expected_value,source,reason');
  assert.ok(lines.length > 600, `${lines.length} lines`); // every customer, up to 3 offers each
  assert.match(lines[1]!, /^c0,1,P\d+,[\d.]+,[\d.]+,[\d.]+,(rule|co-occurrence),"bought P\d+; \d+% of /);
  const bad = cvm(['offers', ...LOG, '--backtest']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--backtest needs --calibration-end/);
});

test('headroom JSON on CDNOW (no product ids): spend headroom by value tier, P(alive) from BG/NBD, breadth not measured', () => {
  const r = cvm(['headroom', SAMPLE, '--customer-col', 'sampleid', '--quantity-col', 'cds', '--format', 'json', '--top', '5']);
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.deepEqual(j.groups.rows.map((g: { segment: string }) => g.segment), ['Platinum', 'Gold', 'Silver', 'Bronze']);
  assert.equal(j.top.rows.length, 5);
  assert.ok(j.top.rows.every((row: { p_alive: number }) => row.p_alive >= 0.5));
  assert.match(j.notes[0], /P\(alive\) from BG\/NBD/);
  assert.equal(j.breadthBasis, null);
  assert.match(j.warnings.join('\n'), /no product ids: breadth is not measured/);
});

test('headroom on an order log with --no-models: breadth in products, ranked by headroom alone', () => {
  const r = cvm(['headroom', ...LOG, '--format', 'json', '--no-models']);
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.equal(j.breadthBasis, 'products');
  assert.ok(j.top.rows.every((row: { p_alive: null }) => row.p_alive === null));
  assert.match(j.top.notes[0], /No P\(alive\) given/);
});
