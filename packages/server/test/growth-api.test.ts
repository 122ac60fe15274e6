// /api/acquisition and /api/prospects/lookalikes on a demo business (1,500 customers, seed 4): the
// routes return what the core functions (acquisitionReport, lookalikeReport) give on the same
// workspace, summary and models; CSV is the core table; CDNOW (no spend, no attributes) answers
// not_computed with the core's code; bad query parameters are 400.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  acquisitionReport,
  clvBy,
  generateDemoBusiness,
  ingestFile,
  ingestInputFile,
  listInputQuarantine,
  lookalikeReport,
  openWorkspace,
  prospectRows,
  runModelsWithScores,
  summarize,
  type Engine,
} from '@cvm/core';
import { createApp } from '../src/index.js';
import { requireScores } from '../../core/src/pipeline-models.js';
import { getJson, sampleApp, tempDir } from './helpers.js';

const dir = tempDir();
generateDemoBusiness(dir, { customers: 1500, seed: 4 });
let engine: Engine;
const ready = (async () => {
  engine = await openWorkspace();
  await ingestFile(engine, join(dir, 'transactions.csv'));
  await ingestInputFile(engine, 'customers', join(dir, 'customers.csv'));
  await ingestInputFile(engine, 'spend', join(dir, 'marketing-spend.csv'));
  await ingestInputFile(engine, 'prospects', join(dir, 'prospects.csv'));
  const app = createApp(engine, { webDir: null, uploadDir: tempDir() });
  const summary = await summarize(engine, {});
  const models = await runModelsWithScores(engine, summary, { period: summary.period });
  return { app, summary, models };
})();
after(async () => engine?.close());

test('acquisition: the route equals acquisitionReport; findings first in the section; CSV is the channel table', {
  timeout: 180_000,
}, async () => {
  const { app, summary, models } = await ready;
  const { status, body } = await getJson(app, '/api/acquisition?margin=0.45&bootstrap=200&seed=3');
  assert.equal(status, 200, JSON.stringify(body).slice(0, 300));
  assert.equal(body.status, 'ok');
  const r = await acquisitionReport(engine, { summary, models, margin: 0.45, bootstrap: 200, seed: 3 });
  assert.deepEqual(
    body.levels.map((l: { level: string }) => l.level),
    r.levels.map((l) => l.level),
  );
  for (const [i, l] of r.levels.entries()) {
    const got = body.levels[i];
    assert.equal(got.newCustomers, l.newCustomers, l.level);
    assert.equal(got.cac, l.cac, `CAC ${l.level}`);
    assert.equal(got.ltvToCac, l.ltvToCac, `LTV:CAC ${l.level}`);
    assert.equal(got.ltvToCacLow, l.ltvToCacLow, `LTV:CAC low ${l.level}`);
    assert.equal(got.paybackMonths, l.paybackMonths, `payback ${l.level}`);
  }
  assert.deepEqual(body.flags, r.flags);
  assert.deepEqual(body.section.lines.slice(0, r.flags.length), r.flags);
  assert.deepEqual(
    body.section.tables.map((t: { id: string }) => t.id),
    ['acquisition.channels', 'acquisition.cohorts'],
  );
  const csv = await app.request('/api/acquisition?margin=0.45&bootstrap=200&seed=3&format=csv&table=cohorts');
  const lines = (await csv.text()).trim().split('\n');
  assert.match(lines[0]!, /^channel,cohort,new_customers,spend,cac,/);
  assert.equal(lines.length - 1, r.cohorts.length);
});

test('look-alikes: verdict, AUC and the ranked prospects equal lookalikeReport; CSV lists every prospect', {
  timeout: 180_000,
}, async () => {
  const { app, summary, models } = await ready;
  const { status, body } = await getJson(app, '/api/prospects/lookalikes?limit=10');
  assert.equal(status, 200, JSON.stringify(body).slice(0, 300));
  const r = await lookalikeReport(engine, { summary, models });
  assert.equal(body.validation.verdict, r.validation.verdict);
  assert.equal(body.section.lines[0], r.validation.verdict, 'the verdict comes first');
  assert.equal(body.validation.model.auc.auc, r.validation.model.auc.auc);
  const table = body.section.tables.find((t: { id: string }) => t.id === 'lookalikes.prospects');
  const expected = prospectRows(r.prospects, 10);
  assert.deepEqual(
    table.rows.map((row: unknown[]) => row[1]),
    expected.map((p) => p.id),
  );
  assert.equal(body.prospectCount, r.prospects.ids.length);
  const csv = (await (await app.request('/api/prospects/lookalikes?format=csv')).text()).trim().split('\n');
  assert.equal(csv[0], 'rank,prospect_id,probability_top_tier,expected_clv,drivers');
  assert.equal(csv.length - 1, r.prospects.ids.length);
});

test("CDNOW: both routes answer not_computed with the core's code; bad queries are 400", async () => {
  const { app, engine: e } = await sampleApp();
  try {
    const a = await getJson(app, '/api/acquisition');
    assert.equal(a.body.status, 'not_computed');
    assert.match(a.body.reason, /no marketing spend/);
    const l = await getJson(app, '/api/prospects/lookalikes');
    assert.equal(l.body.status, 'not_computed');
    assert.equal(l.body.code, 'missing_attributes');
    assert.equal((await getJson(app, '/api/acquisition?cohort=week')).status, 400);
    assert.equal((await getJson(app, '/api/prospects/lookalikes?folds=1')).status, 400);
  } finally {
    await e.close();
  }
});

test('input quarantine: the route lists the rejected rows of the spend file as listInputQuarantine does; CSV; bad kind is 400', async () => {
  const d = tempDir();
  writeFileSync(join(d, 'log.csv'), 'customer_id,date,amount,channel\na,2024-01-05,10,search\nb,2024-01-07,5,social\n');
  writeFileSync(
    join(d, 'spend.csv'),
    'month,channel,amount\n2024-01,search,100\n2024-01,search,90\n2024-01,social,-5\n2024-02,social,abc\n',
  );
  const e = await openWorkspace();
  try {
    await ingestFile(e, join(d, 'log.csv'));
    await ingestInputFile(e, 'spend', join(d, 'spend.csv'));
    const app = createApp(e, { webDir: null, uploadDir: tempDir() });
    const { status, body } = await getJson(app, '/api/data/input-quarantine?kind=spend');
    assert.equal(status, 200);
    const expected = await listInputQuarantine(e, 'spend');
    assert.equal(expected.length, 4, 'two duplicates, a negative and a non-numeric amount');
    assert.deepEqual(
      body.table.rows.map((r: unknown[]) => [r[0], r[2], r[3]]),
      expected.map((r) => [r.kind, r.line, r.reason]),
    );
    assert.ok(
      body.table.rows.every((r: unknown[]) => String(r[1]).endsWith('spend.csv')),
      'each row names its file',
    );
    const csv = (await (await app.request('/api/data/input-quarantine?format=csv')).text()).trim().split('\n');
    assert.equal(csv[0], 'kind,source_file,line,reason,meaning,detail,record');
    assert.equal(csv.length - 1, 4);
    assert.equal((await getJson(app, '/api/data/input-quarantine?kind=orders')).status, 400);
    assert.equal((await getJson(app, '/api/data/input-quarantine?reason=nonsense')).status, 400);
  } finally {
    await e.close();
  }
});

test('breakdowns: CLV by region equals clvBy on the same scores; segments keep every customer; cohorts by channel add up; unknown dimension 400', {
  timeout: 180_000,
}, async () => {
  const { app, models: run } = await ready;
  const models = requireScores(run, 'test');
  const { status, body } = await getJson(app, '/api/breakdowns?report=clv&by=region');
  assert.equal(status, 200, JSON.stringify(body).slice(0, 300));
  const expected = await clvBy(engine, models.scores, 'region', models.report.units.horizon);
  assert.deepEqual(
    body.section.tables[0].rows,
    expected.tables[0]!.rows.map((r) => r.map((v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v))),
  );
  const seg = await getJson(app, '/api/breakdowns?report=segments&by=device');
  const tiers = seg.body.section.tables[0];
  assert.equal(tiers.rows.at(-1)[0], 'all');
  assert.equal(tiers.rows.at(-1).at(-1), models.scores.customerId.length, 'every customer in the all row');
  assert.equal(
    tiers.rows.slice(0, -1).reduce((a: number, r: number[]) => a + r.at(-1)!, 0),
    models.scores.customerId.length,
    'levels add up',
  );
  const coh = await getJson(app, '/api/breakdowns?report=cohorts&by=channel&period=quarter');
  assert.equal(
    coh.body.byDimension.levels.reduce((a: number, l: { table: { totals: { customers: number } } }) => a + l.table.totals.customers, 0),
    coh.body.overall.totals.customers,
  );
  const profit = await getJson(app, '/api/breakdowns?report=profitability&by=channel');
  assert.equal(profit.body.status, 'not_computed', 'no cost model on this server');
  const bad = await getJson(app, '/api/breakdowns?report=clv&by=colour');
  assert.equal(bad.status, 400);
  assert.match(bad.body.error.message, /No dimension "colour"; available: channel, region/);
});

test('acquisition on a server with a cost model: the margin basis is the cost model even when asked first', {
  timeout: 180_000,
}, async () => {
  await ready;
  const withCosts = createApp(engine, { webDir: null, uploadDir: tempDir(), costs: join(dir, 'cost-model.yaml') });
  const { body } = await getJson(withCosts, '/api/acquisition?bootstrap=100');
  assert.equal(body.status, 'ok');
  assert.match(body.basis, /cost model/);
});
