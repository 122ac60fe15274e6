// The expansion stages of Analysis (rules, offers, headroom, backtest, customer-table columns) on
// the CDNOW sample with planted products and on the Groceries baskets as an order log: the
// numbers are checked against a brute-force recount from the log text, the published Groceries
// rules (arules / Lantz 2015, ch. 8) and the core report functions called on their own.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { Analysis } from '../../src/analysis/analysis.js';
import { offersReport } from '../../src/expansion/offers-report.js';
import { rulesReport } from '../../src/expansion/rules-report.js';
import { rulesPage, rulesCsvTable, selectRules } from '../../src/expansion/rules-page.js';
import { offersCsvChunks, offersPage, customerOfferTable } from '../../src/expansion/offers-page.js';
import { tableRecords } from '../../src/report/report-table.js';
import { quantileSorted } from '../../src/expansion/headroom.js';
import { RecentMemo } from '../../src/expansion/recent-memo.js';
import { openWorkspace } from '../../src/workspace.js';
import { ingestFile } from '../../src/transactions/ingest.js';
import { InputError } from '../../src/errors.js';
import { assertClose } from '../helpers/assert-close.js';
import { expansionSections } from '../../src/analysis/expansion-report.js';
import { offersBacktestSection } from '../../src/expansion/expansion-sections.js';
import { normalizeCell } from '../../src/report/report-table.js';
import { cdnowProductsCsv, groceriesLogCsv, orderLogWorkspace } from '../expansion/expansion-logs.js';

const CSV = cdnowProductsCsv();
const engine = await orderLogWorkspace(CSV);
const analysis = new Analysis(engine, { validateAt: '1997-09-30' });
after(() => engine.close());

/** The log's lines as records (the generator's own text: an independent reading of the data). */
const LINES = CSV.trim()
  .split('\n')
  .slice(1)
  .map((l) => {
    const [customer, order, date, product, amount] = l.split(',') as [string, string, string, string, string];
    return { customer, order, date, product, amount: Number(amount) };
  });

function ok<T extends { status: string }>(s: T): Extract<T, { status: 'ok' }> {
  assert.equal(s.status, 'ok', JSON.stringify(s));
  return s as Extract<T, { status: 'ok' }>;
}

test("rules stage: the top rules' counts, confidence and lift equal a brute-force recount of the orders; same rules as rulesReport", async () => {
  const r = ok(await analysis.rules());
  assert.deepEqual(r.thresholds, { minSupport: 0.01, minConfidence: 0.25, minLift: 0, maxLength: 10 });
  const baskets = new Map<string, Set<string>>();
  for (const l of LINES) {
    let b = baskets.get(l.order);
    if (!b) baskets.set(l.order, (b = new Set()));
    b.add(l.product);
  }
  const all = [...baskets.values()];
  const count = (items: string[]): number => all.filter((b) => items.every((i) => b.has(i))).length;
  const page = rulesPage(r, { sort: 'lift', pageSize: 20 });
  assert.ok(page.total > 20, `rules at the defaults: ${page.total}`);
  for (const row of tableRecords({ ...page, id: page.table, notes: [] })) {
    const x = (row.antecedent as string).slice(1, -1).split(', '),
      y = (row.consequent as string).slice(1, -1).split(', ');
    const nxy = count([...x, ...y]),
      nx = count(x),
      ny = count(y);
    assert.equal(row.baskets, nxy, `${row.antecedent} ⇒ ${row.consequent}`);
    assertClose(row.support as number, nxy / all.length, 1e-12, 'support');
    assertClose(row.confidence as number, nxy / nx, 1e-12, 'confidence');
    assertClose(row.lift as number, nxy / nx / (ny / all.length), 1e-9, 'lift', true);
  }
  const direct = await rulesReport(engine, { to: r.asOf, sortBy: 'lift' });
  assert.equal(direct.rules.length, r.rules.length);
  assert.deepEqual(
    tableRecords(rulesCsvTable(r, { sort: 'lift' }))
      .slice(0, 50)
      .map((x) => [x.antecedent, x.consequent, x.baskets]),
    tableRecords(direct.table)
      .slice(0, 50)
      .map((x) => [x.antecedent, x.consequent, x.baskets]),
  );
  assert.match(page.notes[0]!, /support ≥ 0\.01, confidence ≥ 0\.25/);
});

test('rules page: pages concatenate to the selection; ascending is the reverse; item filter; sort by each measure is monotone', async () => {
  const r = ok(await analysis.rules({ minSupport: 0.003 }));
  const order = selectRules(r, { sort: 'confidence' });
  const seen: string[] = [];
  const p1 = rulesPage(r, { sort: 'confidence', pageSize: 40 });
  for (let p = 1; p <= p1.pages; p++)
    for (const row of rulesPage(r, { sort: 'confidence', pageSize: 40, page: p }).rows) seen.push(`${row[0]}⇒${row[1]}`);
  assert.equal(seen.length, order.length);
  assert.equal(new Set(seen).size, seen.length);
  assert.equal(rulesPage(r, { pageSize: 40, page: 999 }).page, p1.pages, 'a page past the end is the last page');
  assert.deepEqual([...selectRules(r, { sort: 'support', dir: 'asc' })], [...selectRules(r, { sort: 'support' })].reverse());
  for (const key of ['lift', 'confidence', 'support', 'leverage', 'conviction', 'baskets'] as const) {
    const p = rulesPage(r, { sort: key, pageSize: 1000 });
    const j = p.columns.findIndex((c) => c.key === key);
    const v = p.rows.map((row) => (row[j] === null ? Infinity : (row[j] as number)));
    for (let t = 1; t < v.length; t++) assert.ok(v[t - 1]! >= v[t]!, `${key} descending at ${t}`);
  }
  const item = p1.ruleItems[0]!;
  const f = rulesPage(r, { item, side: 'consequent', pageSize: 1000 });
  assert.ok(f.total > 0 && f.rows.every((row) => row[1] === `{${item}}`));
  assert.match(f.notes.join(' '), new RegExp(`${f.total} of the rules mention ${item} on the right`));
  assert.throws(
    () => rulesPage(r, { item: 'no such record' }),
    (e: unknown) => e instanceof InputError && e.code === 'unknown_item',
  );
});

test('offers stage: the same offers and reasons as offersReport; nothing already bought is offered; list, CSV and one customer agree', async () => {
  const o = ok(await analysis.offers());
  assert.equal(o.asOf, '1998-06-30');
  const ids = o.fit.baskets.customers.slice(0, 40);
  const direct = await offersReport(engine, { asOf: o.asOf, k: 5, customers: ids });
  const mine = ids.flatMap((id) => customerOfferTable(o, id)!.rows);
  assert.deepEqual(mine, direct.table.rows);
  const owned = new Map<string, Set<string>>();
  for (const l of LINES) {
    let s = owned.get(l.customer);
    if (!s) owned.set(l.customer, (s = new Set()));
    s.add(l.product);
  }
  const page = offersPage(o, { pageSize: 500 });
  for (const row of tableRecords(page.table))
    assert.ok(
      !owned.get(row.customer_id as string)!.has(row.product as string),
      `${row.customer_id} offered ${row.product}, which they bought`,
    );
  const best = page.table.rows.filter((r) => r[1] === 1).map((r) => r[5] as number);
  for (let t = 1; t < best.length; t++) assert.ok(best[t - 1]! >= best[t]!, 'customers with the most valuable offer first');
  let csv = '';
  const chunks = offersCsvChunks(o, {}, 300);
  for (let r = chunks.next(); !r.done; r = chunks.next()) csv += r.value;
  const lines = csv.trimEnd().split('\n');
  assert.equal(lines[0], 'customer_id,rank,product,probability,value,expected_value,source,reason');
  assert.equal(lines.length - 1, page.sources.rule + page.sources.coOccurrence);
  assert.equal(page.customers + page.withoutOffers, o.fit.baskets.customers.length);
  const product = page.table.rows[0]![2] as string;
  const only = offersPage(o, { product, pageSize: 5000 });
  assert.ok(only.customers > 0 && tableRecords(only.table).filter((x) => x.product === product).length === only.customers);
});

test("headroom stage by value tier: benchmarks and totals equal a recount of the window's spend and breadth from the log", async () => {
  const h = ok(await analysis.headroom());
  const seg = await analysis.segmentation();
  const r = h.report;
  assert.equal(r.from, '1997-07-01');
  assert.deepEqual(
    r.groupNames,
    seg.tiers.names.filter((t) => r.groupNames.includes(t)),
    'tiers in their own order',
  );
  const spend = new Map<string, number>(),
    products = new Map<string, Set<string>>();
  for (const l of LINES) {
    if (l.date < r.from || l.date > r.asOf) continue;
    spend.set(l.customer, (spend.get(l.customer) ?? 0) + l.amount);
    let s = products.get(l.customer);
    if (!s) products.set(l.customer, (s = new Set()));
    s.add(l.product);
  }
  assert.equal(r.customers.length, spend.size);
  const tierOf = new Map(seg.customerId.map((id, i) => [id, seg.tiers.names[seg.tiers.tier[i]!]!]));
  let total = 0;
  for (const [k, g] of r.result.groups.entries()) {
    const members = [...spend.keys()].filter((id) => tierOf.get(id) === g.name);
    assert.equal(g.customers, members.length, g.name);
    if (members.length < 10) {
      assert.ok(Number.isNaN(g.spendTarget));
      continue;
    }
    const q3 = quantileSorted(
      members.map((id) => spend.get(id)!).sort((a, b) => a - b),
      0.75,
    );
    assertClose(g.spendTarget, q3, 1e-9, `${g.name} upper-quartile spend (type-7 quantile of the recount)`);
    assertClose(
      g.breadthTarget,
      quantileSorted(
        members.map((id) => products.get(id)!.size).sort((a, b) => a - b),
        0.75,
      ),
      1e-12,
      `${g.name} breadth`,
    );
    const gap = members.reduce((a, id) => a + Math.max(0, q3 - spend.get(id)!), 0);
    assertClose(g.headroom, gap, 1e-6, `${g.name} headroom`);
    total += gap;
    assert.equal(r.groupsTable.rows[k]![0], g.name);
  }
  assertClose(r.result.total.headroom, total, 1e-6, 'total headroom');
  assert.ok(r.pAlive !== null, 'weighted by P(alive) from the fitted model');
  assert.match(r.groupsTable.notes.join(' '), /value tiers by predicted CLV as of 1998-06-30/);
  const life = ok(await analysis.headroom('lifecycle_stage'));
  assert.ok(life.report.groupNames.includes('active'));
});

test("customer table: next offer, its probability and score, headroom and breadth are the stages' values", async () => {
  const table = await analysis.customerTable();
  const keys = table.columns.map((c) => c.key);
  for (const k of ['next_offer', 'next_offer_probability', 'next_offer_score', 'headroom', 'breadth']) assert.ok(keys.includes(k), k);
  const o = ok(await analysis.offers()),
    h = ok(await analysis.headroom());
  const rows = await engine.rows<{
    customer_id: string;
    next_offer: string;
    next_offer_score: number | null;
    headroom: number | null;
    breadth: number | null;
  }>(`SELECT customer_id, next_offer, next_offer_score, headroom, breadth FROM ${table.from} ORDER BY ord LIMIT 200`);
  let checked = 0;
  for (const row of rows) {
    const c = o.customerIndex.get(row.customer_id)!;
    const j = o.offers.item[c * o.offers.k]!;
    assert.equal(row.next_offer, j < 0 ? '' : o.fit.model.items[j]);
    if (j >= 0) assertClose(row.next_offer_score!, o.offers.expectedValue[c * o.offers.k]!, 1e-12, 'score');
    const i = h.customerIndex.get(row.customer_id);
    if (i === undefined) assert.equal(row.headroom, null);
    else {
      assertClose(row.headroom!, h.report.result.spendGap[i]!, 1e-9, 'headroom');
      assert.equal(row.breadth, h.report.breadth[i]);
      checked++;
    }
  }
  assert.ok(checked > 0);
});

test("backtest stage: the planted genres beat popularity on hit rate at 5; the calibration end defaults to the models' validation day", async () => {
  const b = ok(await analysis.offerBacktest());
  assert.equal(b.backtest.calibrationEnd, '1997-09-30');
  assert.equal(b.backtest.holdoutEnd, '1998-06-30');
  assert.equal(b.backtest.comparison.verdict, 'beats', b.backtest.comparison.summary);
  assert.equal(await analysis.offerBacktest(), await analysis.offerBacktest(), 'memoised');
  await assert.rejects(
    analysis.offerBacktest({ calibrationEnd: '1998-06-30' }),
    (e: unknown) => e instanceof InputError && e.code === 'bad_holdout',
  );
});

test("expansion report sections: the backtest against popularity first (its verdict the first line), the best offers, headroom; the stages' own tables", async () => {
  const sections = await expansionSections(analysis, { customers: 7 });
  assert.deepEqual(
    sections.map((s) => s.id),
    ['expansion.backtest', 'expansion.offers', 'expansion.headroom'],
  );
  const [bt, of, hr] = sections as [(typeof sections)[0], (typeof sections)[0], (typeof sections)[0]];
  const b = ok(await analysis.offerBacktest()).backtest;
  assert.equal(bt.lines[0], b.comparison.summary);
  assert.deepEqual(bt.tables, [b.table]);
  assert.deepEqual(
    bt.tables[0]!.rows.map((r) => r[0]),
    ['rules + co-occurrence', 'popularity baseline'],
    'the recommender beside its baseline',
  );
  assert.deepEqual(
    bt.tables[0]!.rows.map((r) => r[3]),
    [b.comparison.model.hitRate, b.comparison.baseline.hitRate],
  );
  assert.deepEqual(
    bt.warnings.filter((w) => /do not beat/.test(w)),
    [],
    'the planted genres beat popularity: no warning',
  );
  // the offers listed are the first page of the offers list (best offer first)
  const page = offersPage(ok(await analysis.offers()), { sort: 'score', pageSize: 7 });
  assert.deepEqual(
    of.tables[0]!.rows.map((r) => r.map(normalizeCell)),
    page.table.rows,
  );
  assert.match(of.lines[1]!, /^Listed: 7 customers/);
  // headroom: the stage's tables; the total in words equals the sum over the groups table
  const h = ok(await analysis.headroom()).report;
  assert.deepEqual(hr.tables, [h.groupsTable, h.customersTable]);
  const sum = h.groupsTable.rows.reduce((a, r) => a + (Number.isFinite(r[5]) ? (r[5] as number) : 0), 0);
  const said = Number(/total headroom ([\d,.]+)/.exec(hr.lines[0]!)![1]!.replace(/,/g, ''));
  assertClose(said, sum, 0.006, 'total headroom (printed to the cent: half a cent and float rounding) = Σ groups', false);
  // a recommender that loses says so in a warning, not only in its summary
  const lost = offersBacktestSection({ ...b, comparison: { ...b.comparison, verdict: 'worse' } });
  assert.match(lost.warnings.join(' '), /do not beat the popularity baseline/);
});

test('a log without product ids: baskets, rules, offers and backtest are not_computed with the reason; headroom runs on spend alone; no expansion columns', async () => {
  const plain = await openWorkspace();
  await ingestFile(plain, new URL('../../../../data/cdnow/cdnow_sample_elog.csv', import.meta.url).pathname, {
    mapping: { customer: 'sampleid', quantity: 'cds' },
  });
  const a = new Analysis(plain, { validateAt: '1997-09-30' });
  for (const s of [await a.baskets(), await a.rules(), await a.offers(), await a.offerBacktest()]) {
    assert.equal(s.status, 'not_computed');
    assert.ok(s.status === 'not_computed' && s.code === 'no_product_ids' && /--product-col/.test(s.reason), JSON.stringify(s));
  }
  const h = ok(await a.headroom());
  assert.equal(h.report.breadthBasis, null);
  assert.match(h.report.warnings.join(' '), /no product ids/);
  const keys = (await a.customerTable()).columns.map((c) => c.key);
  assert.ok(!keys.includes('next_offer') && !keys.includes('headroom'));
  const sections = await expansionSections(a);
  assert.deepEqual(
    sections.map((s) => [s.id, s.tables.length]),
    [
      ['expansion.backtest', 0],
      ['expansion.offers', 0],
      ['expansion.headroom', 2],
    ],
  );
  assert.match(sections[0]!.lines[0]!, /^Not computed: The log has no product ids/);
  await plain.close();
});

test('Groceries as an order log: 463 rules at support ≥ 0.006 and confidence ≥ 0.25, the top one {herbs} ⇒ {root vegetables} (arules; Lantz 2015, ch. 8)', async () => {
  const g = await orderLogWorkspace(groceriesLogCsv());
  const a = new Analysis(g);
  const r = ok(await a.rules({ minSupport: 0.006, minConfidence: 0.25 }));
  const p = rulesPage(r, { pageSize: 5 });
  assert.equal(p.total, 463);
  assert.equal(p.baskets, 9835);
  assert.deepEqual(p.rows[0]!.slice(0, 2), ['{herbs}', '{root vegetables}']);
  assertClose(p.rows[0]![3] as number, 0.007016, 5e-7, 'support (arules: 0.007016)');
  assertClose(p.rows[0]![4] as number, 0.43125, 5e-6, 'confidence (arules: 0.43125)');
  assertClose(p.rows[0]![5] as number, 3.956477, 5e-7, 'lift (arules: 3.956477)');
  assert.equal(
    await a.rules({ minSupport: 0.006, minConfidence: 0.25 }),
    await a.rules({ minSupport: 0.006, minConfidence: 0.25, minLift: undefined }),
    'memoised per threshold set',
  );
  await assert.rejects(
    a.rules({ minSupport: 0.00001, maxItemsets: 1000 }),
    (e: unknown) => e instanceof InputError && /support/.test(e.message),
  );
  await g.close();
});

test('RecentMemo keeps the most recently used results and forgets failures', async () => {
  const memo = new RecentMemo<number>(2);
  let runs = 0;
  const get = (k: string) => memo.get(k, async () => ++runs);
  await get('a');
  await get('b');
  await get('a');
  await get('c'); // b is the least recent
  assert.equal(runs, 3);
  await get('a');
  assert.equal(runs, 3);
  await get('b');
  assert.equal(runs, 4);
  await assert.rejects(
    memo.get('x', async () => {
      throw new Error('no');
    }),
  );
  assert.equal(await memo.get('x', async () => 42), 42);
});
