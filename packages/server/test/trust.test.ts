// Issue 21 through the API: the models' doubts and fallback in the JSON that feeds the dashboard,
// and a log too small for the models answered as "not computed" instead of an error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ingestFile, openWorkspace } from '@cvm/core';
import { createApp } from '../src/index.js';
import { noDropoutLines } from '../../core/test/helpers/no-dropout-log.js';
import { getJson, tempDir } from './helpers.js';

async function appOver(lines: string[]) {
  const file = join(tempDir(), 'log.csv');
  writeFileSync(file, ['customer,date,amount', ...lines].join('\n') + '\n');
  const engine = await openWorkspace();
  await ingestFile(engine, file, { mapping: { customer: 'customer', date: 'date', amount: 'amount' } });
  return { app: createApp(engine, { webDir: null, uploadDir: tempDir() }), engine };
}

test('no trustworthy model: /api/models carries the fallback in plain words, /api/value/clv is 422 with it, segments rank historic value', async () => {
  const { app, engine } = await appOver(noDropoutLines(300, 4));
  try {
    const m = await getJson(app, '/api/models');
    assert.equal(m.status, 200);
    assert.equal(m.body.models.model, null);
    assert.match(m.body.models.fallback.reason, /no customer ever seems to leave in this data, so P\(alive\) is not informative/);
    const v = await getJson(app, '/api/value/clv');
    assert.equal(v.status, 422);
    assert.equal(v.body.error.code, 'no_trustworthy_model');
    assert.match(v.body.error.message, /not a forecast/);
    const s = await getJson(app, '/api/segments');
    assert.equal(s.body.valueKind, 'historic');
    assert.deepEqual(s.body.valueWarnings, []);
  } finally {
    await engine.close();
  }
});

test('a log too small for the models: /api/models answers not_computed with the shortfall; the overview still works', async () => {
  const { app, engine } = await appOver(['1,2020-01-01,10', '1,2020-02-01,20', '2,2020-01-05,5', '3,2020-03-01,7']);
  try {
    const m = await getJson(app, '/api/models');
    assert.equal(m.status, 200);
    assert.equal(m.body.status, 'not_computed');
    assert.match(m.body.reason, /need at least 100 customers, 20 of them with a repeat purchase; this log has 3 customers/);
    const o = await getJson(app, '/api/overview');
    assert.equal(o.status, 200);
    assert.equal(o.body.overview.customers, 3);
  } finally {
    await engine.close();
  }
});

test("no trustworthy model: retention answers not_computed with the fallback's reason, the customer table has no retention columns", async () => {
  const { app, engine } = await appOver(noDropoutLines(300, 4));
  try {
    const r = await getJson(app, '/api/retention');
    assert.equal(r.status, 200);
    assert.equal(r.body.status, 'not_computed');
    assert.match(r.body.reason, /no customer ever seems to leave in this data/);
    assert.equal((await getJson(app, '/api/retention/at-risk')).body.status, 'not_computed');
    const t = await getJson(app, '/api/retention/trends');
    assert.equal(t.body.valueAtRisk.status, 'not_computed');
    assert.ok(t.body.trends.months.length > 0, 'the monthly trends need no model');
    const c = await getJson(app, '/api/customers?pageSize=1');
    assert.equal(c.body.total, 300);
    assert.ok(!c.body.columns.some((x: { key: string }) => x.key === 'value_at_risk' || x.key === 'p_alive'));
  } finally {
    await engine.close();
  }
});
