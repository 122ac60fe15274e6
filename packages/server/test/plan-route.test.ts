// GET /api/plan through app.request() on CDNOW: equal to buildPlan called directly on the same
// workspace (apart from the computation time), the figures CSV, an unknown table as a 400 naming the
// tables, bad query values as 400; POST /api/plan/save stores the plan and the next GET compares
// with it (Improve checks each goal of the saved plan).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { Analysis, buildPlan } from '@cvm/core';
import { getJson, sampleApp } from './helpers.js';

const cdnow = await sampleApp({ validateAt: '1997-09-30' });
after(async () => {
  await cdnow.engine.close();
});

test('/api/plan equals buildPlan on the same workspace; every number has a route', async () => {
  const { status, body } = await getJson(cdnow.app, '/api/plan?contactCost=0.5');
  assert.equal(status, 200, JSON.stringify(body));
  assert.equal(body.status, 'ok');
  const direct = await buildPlan(new Analysis(cdnow.engine, { validateAt: '1997-09-30' }), { contactCost: 0.5 });
  const strip = (p: Record<string, unknown>) => {
    const { computedAt: _c, ...rest } = JSON.parse(JSON.stringify(p));
    return rest;
  };
  assert.deepEqual(strip(body.plan), strip(direct as unknown as Record<string, unknown>));
  assert.deepEqual(
    body.sections.map((s: { id: string }) => s.id),
    ['plan.discover', 'plan.commit', 'plan.create', 'plan.assess', 'plan.improve'],
  );
  for (const s of body.plan.steps) for (const f of s.figures) assert.match(f.link, /^#\//);
  assert.ok(
    body.plan.campaigns.every((c: { cost: number | null }) => c.cost !== null),
    'the contact cost from the query',
  );
});

test('/api/plan?format=csv downloads every number; unknown table and bad values are 400', async () => {
  const res = await cdnow.app.request('/api/plan?format=csv');
  assert.equal(res.status, 200);
  const lines = (await res.text()).trim().split('\n');
  assert.match(lines[0]!, /^step,figure,value,unit,value_raw,link/);
  assert.ok(lines.some((l) => l.startsWith('discover,Predicted CLV of the base,')));
  const seg = await cdnow.app.request('/api/plan?format=csv&table=commit.segments');
  assert.match((await seg.text()).split('\n')[0]!, /^value_tier,lifecycle_stage,customers/);
  const bad = await getJson(cdnow.app, '/api/plan?format=csv&table=colour');
  assert.equal(bad.status, 400);
  assert.match(JSON.stringify(bad.body), /No plan table \\"colour\\"; available: figures, discover.figures/);
  assert.equal((await getJson(cdnow.app, '/api/plan?retainRisk=2')).status, 400);
  assert.equal((await getJson(cdnow.app, '/api/plan?contactCost=-1')).status, 400);
});

test('POST /api/plan/save stores the plan; the next plan compares with it', async () => {
  const before = await getJson(cdnow.app, '/api/plan');
  assert.equal(before.body.plan.previous, null);
  const saved = await getJson(cdnow.app, '/api/plan/save', { method: 'POST' });
  assert.equal(saved.status, 200);
  assert.equal(saved.body.saved.asOf, '1998-06-30');
  const list = await getJson(cdnow.app, '/api/plan/saved');
  assert.equal(list.body.plans.length, 1);
  const after2 = await getJson(cdnow.app, '/api/plan');
  assert.equal(after2.body.plan.previous.asOf, '1998-06-30');
  assert.equal(after2.body.plan.goalChecks.length, before.body.plan.segments.length);
});
