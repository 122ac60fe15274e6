// GET /api/feedback through app.request(): equal to feedbackReport called directly on the same
// workspace, a CSV table download, an unknown table as a 400 naming the tables, and not_computed
// (with how to add surveys) on a workspace without them.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Analysis, generateDemoBusiness, ingestFile, ingestInputFile, openWorkspace, runFeedbackStage } from '@cvm/core';
import { createApp } from '../src/index.js';
import { getJson, sampleApp, tempDir } from './helpers.js';

const dir = tempDir();
generateDemoBusiness(dir, { customers: 2000, seed: 9 });
const engine = await openWorkspace();
await ingestFile(engine, join(dir, 'transactions.csv'));
await ingestInputFile(engine, 'surveys', join(dir, 'surveys.csv'));
const app = createApp(engine, { webDir: null, uploadDir: tempDir(), models: false });
const cdnow = await sampleApp({ models: false });
after(async () => {
  await engine.close();
  await cdnow.engine.close();
});

test('/api/feedback equals the core feedback stage on the same workspace', async () => {
  const { status, body } = await getJson(app, '/api/feedback');
  assert.equal(status, 200);
  assert.equal(body.status, 'ok');
  const direct = new Analysis(engine, { models: false });
  const { summary } = await direct.overview();
  const stage = await runFeedbackStage(engine, { summary, segmentation: await direct.segmentation(), models: await direct.models() });
  assert.equal(stage.status, 'ok');
  if (stage.status !== 'ok') return;
  const { computedAt: _a, ...expected } = JSON.parse(JSON.stringify(stage.report));
  const { computedAt: _b, ...actual } = body.report;
  assert.deepEqual(actual, expected);
  assert.equal(body.section.id, 'feedback');
  assert.ok(body.section.tables.some((t: { id: string }) => t.id === 'feedback.by_value_tier'));
});

test('/api/feedback?format=csv&table=by_month downloads the table; an unknown table is a 400', async () => {
  const res = await app.request('/api/feedback?format=csv&table=by_month');
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /text\/csv/);
  const text = await res.text();
  assert.match(text.split('\n')[0]!, /^level,responses,nps_answers/);
  assert.match(text.split('\n')[1]!, /^20\d\d-\d\d,/);
  const bad = await getJson(app, '/api/feedback?format=csv&table=colour');
  assert.equal(bad.status, 400);
  assert.match(JSON.stringify(bad.body), /No feedback table \\"colour\\"; available: overall, by_value_tier/);
});

test('a workspace without surveys: not_computed with how to add them', async () => {
  const { status, body } = await getJson(cdnow.app, '/api/feedback');
  assert.equal(status, 200);
  assert.equal(body.status, 'not_computed');
  assert.match(body.reason, /--surveys FILE/);
});

test("the customer table carries each customer's latest NPS answer and class when the workspace has surveys", async () => {
  const { status, body } = await getJson(app, '/api/customers?pageSize=1000&filter=nps:gte:0');
  assert.equal(status, 200);
  const keys = JSON.stringify(body);
  assert.match(keys, /"nps_class"/);
  const direct = new Analysis(engine, { models: false });
  const stage = await direct.feedback();
  assert.equal(stage.status, 'ok');
  if (stage.status !== 'ok') return;
  let answered = 0;
  for (const v of stage.latest.nps) if (Number.isFinite(v)) answered++;
  assert.equal(body.total ?? body.rows?.length, answered, 'customers with an NPS answer');
});
