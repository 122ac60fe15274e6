// GET /api/loyalty through app.request(): the programme given to the server run over a small demo
// business equals loyaltyReport called directly on the same purchase days; a second programme is
// compared side by side; CSV tables; not_computed (naming --program) without a programme, and a
// file with overlapping tiers is not_computed naming the two tiers.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateDemoBusiness, ingestFile, loadLoyaltyProgram, loadPurchaseDays, loyaltyReport, openWorkspace, Analysis } from '@cvm/core';
import { createApp } from '../src/index.js';
import { getJson, ROOT, tempDir } from './helpers.js';

const PROGRAM = join(ROOT, 'data/loyalty/three-tiers.yaml');
const LOWER = join(ROOT, 'data/loyalty/three-tiers-lower-gold.yaml');
const dir = tempDir();
generateDemoBusiness(dir, { customers: 1500, seed: 4 });
const engine = await openWorkspace();
await ingestFile(engine, join(dir, 'transactions.csv'));
const app = createApp(engine, { webDir: null, uploadDir: tempDir(), models: false, program: PROGRAM, comparePrograms: [LOWER] });
after(async () => {
  await engine.close();
});

test('/api/loyalty equals loyaltyReport on the same log; programmes side by side; CSV', async () => {
  const { status, body } = await getJson(app, '/api/loyalty?horizon=120');
  assert.equal(status, 200);
  assert.equal(body.status, 'ok');
  const { summary } = await new Analysis(engine, { models: false }).overview();
  const direct = loyaltyReport(await loadPurchaseDays(engine, summary.calibrationEnd), await loadLoyaltyProgram(PROGRAM), {
    asOf: summary.calibrationEnd,
    horizonDays: 120,
    clv: null,
  });
  const { current: _c, ...expected } = JSON.parse(JSON.stringify(direct));
  assert.deepEqual(body.reports[0], expected);
  assert.equal(body.reports.length, 2);
  const totals = body.section.tables.find((t: { id: string }) => t.id === 'loyalty.totals');
  assert.equal(totals.rows.length, 2, 'both programmes in the totals table');
  const res = await app.request('/api/loyalty?format=csv&table=over_time');
  assert.equal(res.status, 200);
  const lines = (await res.text()).trim().split('\n');
  assert.equal(lines.length - 1, direct.overTime.length);
  // the page's table: the same core spec (its CSV's header), the first programme's last 12 month ends
  const overTime = body.tables.overTime;
  assert.equal(overTime.id, 'loyalty.over_time');
  assert.equal(overTime.columns.map((c: { key: string }) => c.key).join(','), lines[0]);
  const reviews = [...new Set(direct.overTime.map((r) => r.review))];
  const last = direct.overTime.filter((r) => reviews.slice(-12).includes(r.review));
  assert.ok(reviews.length > 12, `${reviews.length} month ends`);
  assert.deepEqual(
    overTime.rows,
    last.map((r) => [r.review, r.tier, r.members, r.joined, r.movedUp, r.movedDown, r.kept]),
  );
});

test('/api/loyalty without a programme says how to give one; overlapping tiers name the tiers', async () => {
  const none = createApp(engine, { webDir: null, uploadDir: tempDir(), models: false });
  const a = await getJson(none, '/api/loyalty');
  assert.equal(a.body.status, 'not_computed');
  assert.match(a.body.reason, /--program FILE/);
  const bad = join(tempDir(), 'bad.yaml');
  writeFileSync(
    bad,
    'name: Bad\nqualify: spend\nwindow_days: 365\npoints_per_unit: 1\npoint_cost: 0.01\nredemption_rate: 0.5\nmargin: 0.3\ntiers:\n  - {name: Low, min: 0, max: 600, benefit_cost_per_year: 0}\n  - {name: High, min: 500, benefit_cost_per_year: 10}\n',
  );
  const b = await getJson(createApp(engine, { webDir: null, uploadDir: tempDir(), models: false, program: bad }), '/api/loyalty');
  assert.equal(b.body.status, 'not_computed');
  assert.match(b.body.reason, /Low/);
  assert.match(b.body.reason, /High/);
});
