// The growth routes (acquisition, look-alikes, loyalty, feedback) against their declared schemas
// (@cvm/core/api), strict objects throughout, on the demo business with every optional input
// (customers, spend, prospects, surveys, a cost model, two loyalty programmes). Each answer is
// checked in the variants that leave a value undefined (rows that are not channels: no CAC; an
// outcome window longer than the log: no retention by tier; no models: no CLV; too few survey
// answers: no chain), so the nullable fields are seen null as well as numbers. CDNOW (no such
// inputs) is checked in api-schemas.test.ts. A nested field dropped, renamed, retyped or added fails.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { generateDemoBusiness, ingestFile, ingestInputFile, openWorkspace, type Engine } from '@cvm/core';
import type { ApiAcquisitionOk, ApiFeedback, ApiLookalikes, ApiLoyalty } from '@cvm/core/api';
import { createApp } from '../src/index.js';
import { routeChecker, schemaOf } from './api-schema-check.js';
import { getJson, ROOT, tempDir } from './helpers.js';

const PROGRAM = join(ROOT, 'data/loyalty/three-tiers.yaml');
const LOWER = join(ROOT, 'data/loyalty/three-tiers-lower-gold.yaml');
const INPUTS = { customers: 'customers.csv', spend: 'marketing-spend.csv', prospects: 'prospects.csv', surveys: 'surveys.csv' } as const;

/** A demo business in a fresh workspace with every optional input file. */
async function demo(customers: number, seed: number): Promise<{ engine: Engine; dir: string }> {
  const dir = tempDir();
  generateDemoBusiness(dir, { customers, seed });
  const engine = await openWorkspace();
  await ingestFile(engine, join(dir, 'transactions.csv'));
  for (const [kind, file] of Object.entries(INPUTS)) await ingestInputFile(engine, kind as keyof typeof INPUTS, join(dir, file));
  return { engine, dir };
}

const engines: Engine[] = [];
after(async () => {
  for (const e of engines) await e.close();
});
/** The demo business of growth-api.test.ts (1,500 customers, seed 4), shared by the tests below. */
const business = demo(1500, 4).then((d) => {
  engines.push(d.engine);
  return d;
});
const { run: check } = routeChecker();
type Ok<T> = Extract<T, { status: 'ok' }>;

test('acquisition, look-alikes, loyalty and feedback on the demo business answer exactly their declared schemas', {
  timeout: 600_000,
}, async () => {
  const { engine, dir } = await business;
  const app = createApp(engine, {
    webDir: null,
    uploadDir: tempDir(),
    costs: join(dir, 'cost-model.yaml'),
    program: PROGRAM,
    comparePrograms: [LOWER],
  });
  const run = async <T>(path: string, url: string): Promise<Ok<T>> => {
    const body = (await check(app, 'get', path, url)) as T & { status: string };
    assert.equal(body.status, 'ok', `${url} is computed, so its full report is checked`);
    return body as Ok<T>;
  };
  const acq = await run<ApiAcquisitionOk>('/api/acquisition', '/api/acquisition?bootstrap=100&seed=2');
  assert.ok(
    acq.levels.some((l) => l.cac === null) && acq.levels.some((l) => l.cac !== null),
    'channels with and without spend are both checked',
  );
  await run('/api/acquisition', '/api/acquisition?cohort=quarter&attribution=first-order&margin=0.4&bootstrap=50');
  const region = await run<ApiAcquisitionOk>('/api/acquisition', '/api/acquisition?by=region&bootstrap=50');
  assert.equal(region.spendWindow, null, 'rows that are not channels have no spend window');
  assert.ok(
    region.levels.every((l) => l.cac === null && l.ltvToCac === null && l.paybackMonths === null),
    'and no CAC, LTV:CAC or payback',
  );
  const look = await run<ApiLookalikes>('/api/prospects/lookalikes', '/api/prospects/lookalikes?limit=5');
  assert.ok(look.validation.baseline !== null && look.unseen.length > 0, 'the channel baseline and the unseen values are checked');
  await run('/api/prospects/lookalikes', '/api/prospects/lookalikes?limit=1&topShare=0.1&folds=3');
  const loy = await run<ApiLoyalty>('/api/loyalty', '/api/loyalty');
  assert.equal(loy.reports.length, 2, 'both programmes are checked');
  assert.equal(loy.reports[0]!.program.tiers.at(-1)!.max, null, 'the top tier has no upper bound (null, not Infinity)');
  const long = await run<ApiLoyalty>('/api/loyalty', '/api/loyalty?horizon=2000');
  assert.equal(long.reports[0]!.outcomeReview, null, 'no month end has 2,000 days after it');
  assert.ok(long.reports[0]!.byTier.every((t) => t.retained === null && t.spend === null));
  const fb = await run<ApiFeedback>('/api/feedback', '/api/feedback');
  assert.equal(fb.report.chain.status, 'ok', 'the chain estimate is checked');
  assert.ok(fb.report.detractorValue !== null && fb.report.units.clv !== null, 'with models: CLV by NPS class');

  // the same workspace without models: CLV by tier and by NPS class are null; acquisition and look-alikes need the models
  const plain = createApp(engine, { webDir: null, uploadDir: tempDir(), models: false, program: PROGRAM });
  const pl = (await check(plain, 'get', '/api/loyalty', '/api/loyalty')) as Ok<ApiLoyalty>;
  assert.ok(pl.reports[0]!.byTier.every((t) => t.clvPerMember === null));
  const pf = (await check(plain, 'get', '/api/feedback', '/api/feedback')) as Ok<ApiFeedback>;
  assert.equal(pf.report.detractorValue, null);
  assert.ok(pf.report.byNpsClass.every((c) => c.clv === null && c.pAlive === null));
  for (const [path, url] of [
    ['/api/acquisition', '/api/acquisition'],
    ['/api/prospects/lookalikes', '/api/prospects/lookalikes'],
  ]) {
    const r = (await check(plain, 'get', path!, url!)) as { status: string; code: string };
    assert.equal(r.status, 'not_computed', `${url} without models`);
    assert.ok(r.code.length > 0, 'with the code of the reason');
  }
  const noProgram = createApp(engine, { webDir: null, uploadDir: tempDir(), models: false });
  const np = (await check(noProgram, 'get', '/api/loyalty', '/api/loyalty')) as { status: string; code: string };
  assert.deepEqual([np.status, np.code], ['not_computed', 'no_program']);
});

test('feedback on a small business (too few answers for the chain) answers its declared schema, the chain not computed', {
  timeout: 300_000,
}, async () => {
  const { engine } = await demo(150, 5);
  engines.push(engine);
  const app = createApp(engine, { webDir: null, uploadDir: tempDir(), models: false });
  const fb = (await check(app, 'get', '/api/feedback', '/api/feedback')) as Ok<ApiFeedback>;
  assert.equal(fb.status, 'ok');
  assert.equal(fb.report.chain.status, 'not_computed', 'the not-computed chain is checked');
  assert.ok(
    fb.report.breakdowns.some((b) => b.rows.some((r) => r.csatLower === null || r.nps === null)),
    'groups with too few answers for a figure or an interval (null) are checked',
  );
});

test('a nested field dropped, retyped, renamed or added fails the growth schemas', { timeout: 300_000 }, async () => {
  const { engine, dir } = await business;
  const app = createApp(engine, { webDir: null, uploadDir: tempDir(), costs: join(dir, 'cost-model.yaml'), program: PROGRAM });
  // biome-ignore lint/suspicious/noExplicitAny: the edits reach into untyped JSON on purpose
  type Json = any;
  const cases: [string, string, (b: Json) => void][] = [
    ['/api/acquisition', '/api/acquisition?bootstrap=50', (b) => delete b.levels[0].ltvToCacLow],
    ['/api/acquisition', '/api/acquisition?bootstrap=50', (b) => (b.overall.newCustomers = String(b.overall.newCustomers))],
    ['/api/prospects/lookalikes', '/api/prospects/lookalikes?limit=3', (b) => (b.validation.model.auc.area = b.validation.model.auc.auc)],
    ['/api/loyalty', '/api/loyalty', (b) => (b.reports[0].totals.members += 0.5)],
    ['/api/loyalty', '/api/loyalty', (b) => (b.reports[0].program.tiers[0].max = 'open')],
    ['/api/feedback', '/api/feedback', (b) => (b.report.breakdowns[0].dimension = 'colour')],
    ['/api/feedback', '/api/feedback', (b) => (b.report.overall.nps = 'NaN')],
    ['/api/feedback', '/api/feedback', (b) => delete b.report.nonResponse.weighted],
  ];
  for (const [path, url, change] of cases) {
    const { body } = await getJson<Json>(app, url);
    const schema = schemaOf('get', path);
    assert.equal(body.status, 'ok', url);
    assert.equal(schema.safeParse(body).success, true, `${url} as served`);
    const broken = structuredClone(body);
    change(broken);
    assert.equal(schema.safeParse(broken).success, false, `${url} changed by ${change.toString()}`);
  }
});
