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

test('offers --backtest as a table: the backtest section (verdict first, the recommender beside popularity) before the offers; JSON carries both sections', () => {
  const r = cvm(['offers', ...LOG, '--backtest', '--calibration-end', '2024-09-30', '--k', '3', '--format', 'table', '--limit', '2']);
  assert.equal(r.code, 0, r.stderr);
  const out = r.stdout;
  const verdict = out.indexOf('The recommender beats the popularity baseline on hit rate at 3'),
    offers = out.indexOf('Next best offers on ');
  assert.ok(out.startsWith('Next best offer backtest against the popularity baseline\n'), out.slice(0, 200));
  assert.ok(verdict > 0 && offers > verdict, 'the verdict comes before the offers');
  assert.match(out, /\nrules \+ co-occurrence +\d+ +\d+ +[\d.]+% +[\d.]+%\npopularity baseline +\d+ +\d+ +[\d.]+% +[\d.]+%\n/);
  assert.match(out, /Listed: 2 customers/);
  const j = JSON.parse(
    cvm(['offers', ...LOG, '--backtest', '--calibration-end', '2024-09-30', '--k', '3', '--format', 'json', '--limit', '2']).stdout,
  );
  assert.deepEqual(
    j.sections.map((s: { id: string }) => s.id),
    ['expansion.backtest', 'expansion.offers'],
  );
  assert.equal(j.sections[0].lines[0], j.backtest.comparison.summary);
});

test("category level from the log's own category column: the same rules as with a product file; without either, exit 2 with what to give; headroom breadth in categories", () => {
  const text = syntheticBasketCsv({ customers: 600, products: 120, bundleSize: 12, affinity: 0.7, seed: 5 }).trimEnd().split('\n');
  const category = (p: string): string => `g${Number(p.slice(1)) % 6}`;
  const withCategory = tempFile(
    'orders-with-category.csv',
    [`${text[0]},category`, ...text.slice(1).map((l) => `${l},${category(l.split(',')[3]!)}`)].join('\n') + '\n',
  );
  const products = tempFile(
    'products.csv',
    ['product_id,category', ...Array.from({ length: 120 }, (_, i) => `P${i},${category(`P${i}`)}`)].join('\n') + '\n',
  );
  const args = ['--max-date', '2030-01-01', '--level', 'category', '--min-support', '0.05', '--min-confidence', '0.3', '--format', 'json'];
  const fromLog = cvm(['rules', withCategory, ...args]);
  assert.equal(fromLog.code, 0, fromLog.stderr);
  const fromFile = cvm(['rules', ORDERS, ...args, '--products', products]);
  assert.equal(fromFile.code, 0, fromFile.stderr);
  const a = JSON.parse(fromLog.stdout),
    b = JSON.parse(fromFile.stdout);
  assert.equal(a.level, 'category');
  assert.equal(a.items, 6);
  assert.ok(a.rules > 0, 'some category rules');
  assert.deepEqual(a.table.rows, b.table.rows);
  const none = cvm(['rules', ORDERS, ...args]);
  assert.equal(none.code, 2);
  assert.match(
    none.stderr,
    /Category-level rules need a category per product: a product file .* or a log file with product_id and category columns/,
  );
  const h = cvm(['headroom', withCategory, '--max-date', '2030-01-01', '--no-models', '--format', 'json']);
  assert.equal(h.code, 0, h.stderr);
  assert.equal(JSON.parse(h.stdout).breadthBasis, 'categories');
});

test('headroom JSON on CDNOW (no product ids): spend headroom by value tier, P(alive) from BG/NBD, breadth not measured', () => {
  const r = cvm(['headroom', SAMPLE, '--customer-col', 'sampleid', '--quantity-col', 'cds', '--format', 'json', '--top', '5']);
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.deepEqual(
    j.groups.rows.map((g: { segment: string }) => g.segment),
    ['Platinum', 'Gold', 'Silver', 'Bronze'],
  );
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
