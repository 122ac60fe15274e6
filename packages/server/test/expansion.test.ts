// The expansion routes (issue 13) through app.request(), each compared with the core function
// called directly on the same workspace: rules (rulesReport), offers and a customer's offers
// (offersReport), headroom (headroomReport), the backtest (backtestOffers); the customer table's
// offer columns; not_computed without product ids; the Groceries rules through the API.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import {
  backtestOffers,
  headroomReport,
  loadCostModel,
  offersBacktestSection,
  offersReport,
  rulesReport,
  tableRecords,
  csvLine,
  type ReportSection,
  type BacktestJson,
  type CustomerOffersJson,
  type ExpansionNotComputedJson,
  type HeadroomJson,
  type OffersPageJson,
  type RulesPageJson,
} from '@cvm/core';
import type { TablePageJson } from '@cvm/core/report';
import { createApp } from '../src/index.js';
import { cdnowProductsCsv, groceriesLogCsv, orderLogWorkspace } from '../../core/test/expansion/expansion-logs.js';
import { getJson, ROOT, sampleApp, tempDir } from './helpers.js';

const COSTS = join(ROOT, 'data/cdnow/cost-model.example.yaml');
const engine = await orderLogWorkspace(cdnowProductsCsv());
const app = createApp(engine, { webDir: null, uploadDir: tempDir(), validateAt: '1997-09-30', costs: COSTS });
after(() => engine.close());
const costModel = await loadCostModel(COSTS);
const AS_OF = '1998-06-30';

/** The same values through JSON (NaN and Infinity become null, as the API sends them). */
const viaJson = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

test('GET /api/expansion/rules: the page equals rulesReport on the same thresholds, with margins from the cost model; CSV has every selected rule', async () => {
  const { status, body } = await getJson<RulesPageJson>(
    app,
    '/api/expansion/rules?minSupport=0.005&minConfidence=0.3&sort=confidence&pageSize=20',
  );
  assert.equal(status, 200);
  assert.equal(body.status, 'ok');
  const direct = await rulesReport(engine, { to: AS_OF, minSupport: 0.005, minConfidence: 0.3, sortBy: 'confidence', costModel });
  assert.equal(body.total, direct.rules.length);
  assert.deepEqual(
    body.columns.map((c) => c.key),
    direct.table.columns.map((c) => c.key),
  );
  assert.deepEqual(body.rows, viaJson(direct.table.rows.slice(0, 20)));
  assert.equal(body.valueKind, 'margin');
  assert.equal(body.currency, 'USD');
  assert.deepEqual(body.thresholds, { minSupport: 0.005, minConfidence: 0.3, minLift: 0, maxLength: 10 });
  assert.match(body.notes[0]!, /support ≥ 0\.005, confidence ≥ 0\.3/);
  const csv = await (await app.request('/api/expansion/rules?minSupport=0.005&minConfidence=0.3&sort=confidence&format=csv')).text();
  const lines = csv.trimEnd().split('\n');
  assert.equal(lines.length, direct.rules.length + 1);
  assert.equal(`${lines[1]}\n`, csvLine(direct.table.rows[0]!));
  // item filter and ascending sort
  const item = body.ruleItems[0]!;
  const f = await getJson<RulesPageJson>(
    app,
    `/api/expansion/rules?minSupport=0.005&minConfidence=0.3&item=${encodeURIComponent(item)}&side=antecedent&sort=lift&dir=asc&pageSize=1000`,
  );
  const fd = await rulesReport(engine, {
    to: AS_OF,
    minSupport: 0.005,
    minConfidence: 0.3,
    item,
    side: 'antecedent',
    sortBy: 'lift',
    costModel,
  });
  assert.deepEqual(f.body.rows, viaJson(fd.table.rows).reverse());
});

test('GET /api/expansion/rules: bad thresholds, sort and item are 400 with what to do', async () => {
  for (const [query, code] of [
    ['minSupport=0', 'bad_query'],
    ['minConfidence=2', 'bad_query'],
    ['sort=price', 'bad_query'],
    ['pageSize=0', 'bad_query'],
    ['item=nothing%20like%20it', 'unknown_item'],
  ] as const) {
    const { status, body } = await getJson<{ error: { code: string; message: string } }>(app, `/api/expansion/rules?${query}`);
    assert.equal(status, 400, query);
    assert.equal(body.error.code, code, query);
  }
});

test('GET /api/expansion/offers and /api/customers/:id/offers: the offers and reasons of offersReport; CSV lists every offer', async () => {
  const { body } = await getJson<OffersPageJson>(app, '/api/expansion/offers?pageSize=10');
  assert.equal(body.status, 'ok');
  assert.equal(body.valueKind, 'margin');
  const ids = [...new Set(tableRecords(body.table).map((r) => r.customer_id as string))];
  assert.equal(ids.length, 10);
  const direct = await offersReport(engine, { asOf: AS_OF, customers: ids, costModel });
  assert.deepEqual(body.table.rows, viaJson(direct.table.rows));
  const csv = await (await app.request('/api/expansion/offers?format=csv')).text();
  assert.equal(csv.trimEnd().split('\n').length - 1, body.sources.rule + body.sources.coOccurrence);
  const one = await getJson<CustomerOffersJson>(app, `/api/customers/${ids[3]}/offers`);
  assert.equal(one.status, 200);
  const d1 = await offersReport(engine, { asOf: AS_OF, customers: [ids[3]!], costModel });
  assert.deepEqual(one.body.offers?.rows, viaJson(d1.table.rows));
  assert.match(String(one.body.offers?.rows[0]?.[7]), /^bought .+; (about )?\d+% of (such baskets|baskets with it) also hold /);
  assert.equal((await app.request('/api/customers/nobody/offers')).status, 404);
  assert.equal((await getJson(app, '/api/expansion/offers?product=nothing')).status, 400);
});

test('GET /api/expansion/headroom: segments and top customers equal headroomReport with the value tiers and P(alive) of the analysis', async () => {
  const { body } = await getJson<HeadroomJson>(app, '/api/expansion/headroom?top=10');
  assert.equal(body.status, 'ok');
  const seg = await app.state.segmentation();
  const scores = await app.state.scores();
  const direct = await headroomReport(engine, {
    groups: new Map(seg.customerId.map((id, i) => [id, seg.tiers.names[seg.tiers.tier[i]!]!])),
    groupOrder: seg.tiers.names,
    pAlive: new Map(scores!.customerId.map((id, i) => [id, scores!.pAlive[i]!])),
    top: 100,
  });
  assert.deepEqual(body.groups.rows, viaJson(direct.groupsTable.rows));
  assert.deepEqual(body.top.rows, viaJson(direct.customersTable.rows.slice(0, 10)));
  assert.deepEqual(
    body.groups.rows.map((r) => r[0]),
    ['Platinum', 'Gold', 'Silver', 'Bronze'],
  );
  assert.equal(body.total.headroom, direct.result.total.headroom);
  assert.equal(body.weightedByPAlive, true);
  const id = body.top.rows[0]![0] as string;
  const one = await getJson<CustomerOffersJson>(app, `/api/customers/${id}/offers`);
  assert.equal(one.body.headroom?.gap, body.top.rows[0]![4]);
  const csv = await (await app.request('/api/expansion/headroom?format=csv&table=groups')).text();
  assert.equal(csv.split('\n')[0], direct.groupsTable.columns.map((c) => c.key).join(','));
  const byStage = await getJson<HeadroomJson>(app, '/api/expansion/headroom?by=lifecycle_stage');
  assert.ok(byStage.body.groups.rows.some((r) => r[0] === 'active'));
});

test('GET /api/expansion/backtest: hit rate and precision at k equal backtestOffers; the verdict in words; bad dates are 400', async () => {
  const { body } = await getJson<BacktestJson>(app, '/api/expansion/backtest?calibrationEnd=1997-09-30');
  assert.equal(body.status, 'ok');
  const direct = await backtestOffers(engine, { calibrationEnd: '1997-09-30', holdoutEnd: AS_OF, costModel });
  assert.deepEqual(body.comparison, viaJson(direct.comparison));
  assert.equal(body.verdict, 'beats');
  assert.match(body.summary, /^The recommender beats the popularity baseline on hit rate at 5: /);
  const k3 = await getJson<BacktestJson>(app, '/api/expansion/backtest?calibrationEnd=1997-09-30&k=3');
  assert.equal(k3.body.k, 3);
  assert.equal((await getJson(app, '/api/expansion/backtest?calibrationEnd=1997-02-30')).status, 400);
  const late = await getJson<{ error: { code: string } }>(app, '/api/expansion/backtest?calibrationEnd=1998-06-30');
  assert.equal(late.body.error.code, 'bad_holdout');
});

test("GET /api/expansion/report: the core sections as the CLI prints them; the backtest section is backtestOffers' verdict and table; offers and headroom as their routes", async () => {
  const { status, body } = await getJson<{ sections: ReportSection[] }>(app, '/api/expansion/report?customers=5&calibrationEnd=1997-09-30');
  assert.equal(status, 200);
  assert.deepEqual(
    body.sections.map((s) => s.id),
    ['expansion.backtest', 'expansion.offers', 'expansion.headroom'],
  );
  const direct = offersBacktestSection(await backtestOffers(engine, { calibrationEnd: '1997-09-30', holdoutEnd: AS_OF, costModel }));
  assert.deepEqual(body.sections[0], viaJson(direct));
  assert.match(body.sections[0]!.lines[0]!, /^The recommender beats the popularity baseline on hit rate at 5: /);
  const offers = await getJson<OffersPageJson>(app, '/api/expansion/offers?pageSize=5');
  assert.deepEqual(body.sections[1]!.tables[0]!.rows, offers.body.table.rows);
  const headroom = await getJson<HeadroomJson>(app, '/api/expansion/headroom');
  assert.deepEqual(body.sections[2]!.tables[0]!.rows, headroom.body.groups.rows);
  assert.equal((await getJson(app, '/api/expansion/report?calibrationEnd=1998-06-30')).status, 400);
});

test("the customer table carries the offer and headroom columns; sorted by offer score it starts with the offers list's first customer", async () => {
  const { body } = await getJson<TablePageJson>(app, '/api/customers?sort=next_offer_score&dir=desc&pageSize=3');
  const offers = await getJson<OffersPageJson>(app, '/api/expansion/offers?pageSize=1');
  const keys = body.columns.map((c) => c.key);
  for (const k of ['next_offer', 'next_offer_probability', 'next_offer_score', 'headroom', 'breadth']) assert.ok(keys.includes(k), k);
  const row = tableRecords({ ...body, id: body.table, notes: [] })[0]!;
  const best = tableRecords(offers.body.table)[0]!;
  assert.equal(row.next_offer_score, best.expected_value);
  assert.equal(row.next_offer, best.product);
});

test("a log without product ids: rules, offers, backtest and a customer's offers answer not_computed with the reason; headroom on spend alone", async () => {
  const plain = await sampleApp();
  for (const path of ['/api/expansion/rules', '/api/expansion/offers', '/api/expansion/backtest', '/api/customers/1/offers']) {
    const { status, body } = await getJson<ExpansionNotComputedJson>(plain.app, path);
    assert.equal(status, 200, path);
    assert.equal(body.status, 'not_computed', path);
    assert.equal(body.code, 'no_product_ids', path);
    assert.match(body.reason, /--product-col/);
  }
  const h = await getJson<HeadroomJson>(plain.app, '/api/expansion/headroom');
  assert.equal(h.body.status, 'ok');
  assert.equal(h.body.breadthBasis, null);
  const report = await getJson<{ sections: ReportSection[] }>(plain.app, '/api/expansion/report');
  assert.deepEqual(
    report.body.sections.map((s) => [s.id, s.tables.length]),
    [
      ['expansion.backtest', 0],
      ['expansion.offers', 0],
      ['expansion.headroom', 2],
    ],
  );
  assert.match(report.body.sections[1]!.lines[0]!, /^Not computed: The log has no product ids.*--product-col/);
  const doc = await getJson<{ paths: Record<string, unknown> }>(plain.app, '/api/openapi.json');
  for (const p of [
    '/api/expansion/rules',
    '/api/expansion/offers',
    '/api/expansion/headroom',
    '/api/expansion/backtest',
    '/api/expansion/report',
    '/api/customers/{id}/offers',
  ])
    assert.ok(p in doc.body.paths, p);
  await plain.engine.close();
});

test('Groceries baskets as an order log through the API: 463 rules at support ≥ 0.006 and confidence ≥ 0.25, {herbs} ⇒ {root vegetables} first by lift (arules)', async () => {
  const g = await orderLogWorkspace(groceriesLogCsv());
  const gApp = createApp(g, { webDir: null, uploadDir: tempDir() });
  const { body } = await getJson<RulesPageJson>(gApp, '/api/expansion/rules?minSupport=0.006&minConfidence=0.25&pageSize=1');
  assert.equal(body.total, 463);
  assert.equal(body.baskets, 9835);
  assert.deepEqual(body.rows[0]!.slice(0, 2), ['{herbs}', '{root vegetables}']);
  assert.ok(Math.abs((body.rows[0]![5] as number) - 3.956477) < 5e-7, `lift ${body.rows[0]![5]} (arules 3.956477)`);
  await g.close();
});
