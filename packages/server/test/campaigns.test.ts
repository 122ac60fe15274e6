// The campaign routes through app.request(), each compared with the core function called directly
// on the same workspace.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  campaignFromForm,
  campaignResults,
  campaignResultsSection,
  customerCampaigns,
  listCampaigns,
  loadAssignments,
  previewCampaign,
  saveAudience,
} from '@cvm/core';
import { getJson, sampleApp } from './helpers.js';

const FORM = {
  name: 'Win back',
  audience: ['value_tier:in:Bronze|Silver'],
  action: 'voucher',
  sendDate: '1998-01-01',
  windowDays: 30,
  controlShare: 0.2,
  seed: 'wb',
  effectRate: 0.05,
};
const post = (body: unknown) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

test('campaign routes: preview, create, list, assignments, results and uplift equal the core', { timeout: 120_000 }, async () => {
  const { app, engine } = await sampleApp();
  try {
    const { effectRate: _e, ...form } = FORM;
    const direct = await previewCampaign(engine, campaignFromForm(form), { effects: { responseRate: 0.05 } });
    const preview = await getJson(app, '/api/campaigns/preview', post(FORM));
    assert.equal(preview.status, 200, JSON.stringify(preview.body));
    assert.equal(preview.body.created, false);
    assert.deepEqual(preview.body.counts, direct.counts);
    assert.deepEqual(preview.body.power.rows, JSON.parse(JSON.stringify(direct.power.rows)));
    assert.deepEqual((await getJson(app, '/api/campaigns')).body.campaigns, [], 'a preview stores nothing');
    // a saved audience as the target: the same groups and power as its filter in the form
    await saveAudience(engine, { name: 'low tiers', filters: ['value_tier:in:Bronze|Silver'] });
    const viaSaved = await getJson(app, '/api/campaigns/preview', post({ ...FORM, audience: [], savedAudience: 'low tiers' }));
    assert.equal(viaSaved.status, 200, JSON.stringify(viaSaved.body));
    assert.deepEqual([viaSaved.body.counts, viaSaved.body.power.rows], [preview.body.counts, preview.body.power.rows]);
    const unknown = await getJson(app, '/api/campaigns/preview', post({ ...FORM, savedAudience: 'nobody' }));
    assert.equal(unknown.status, 400, JSON.stringify(unknown.body));
    assert.equal(unknown.body.error.code, 'audience_not_found');

    const created = await getJson(app, '/api/campaigns', post(FORM));
    assert.equal(created.status, 201);
    assert.equal(created.body.section.id, 'campaign.plan');
    const again = await getJson(app, '/api/campaigns', post(FORM));
    assert.equal(again.status, 400);
    assert.equal(again.body.error.code, 'campaign_exists');
    const zero = await getJson(app, '/api/campaigns/preview', post({ ...FORM, controlShare: 0 }));
    assert.equal(zero.status, 400);
    const badFilter = await getJson(app, '/api/campaigns/preview', post({ ...FORM, audience: ['tier:eq:Gold'] }));
    assert.equal(badFilter.status, 400);
    assert.match(badFilter.body.error.message, /no column "tier"/);

    const list = await getJson(app, '/api/campaigns');
    assert.deepEqual(list.body.campaigns, JSON.parse(JSON.stringify(await listCampaigns(engine))));
    const a = await loadAssignments(engine, 'win-back');
    const csv = (await (await app.request('/api/campaigns/win-back/assignments?format=csv')).text()).trimEnd().split('\n');
    assert.equal(csv.length, a.ids.length + 1);
    const someone = a.ids[0]!;
    const mine = await getJson(app, `/api/customers/${someone}/campaigns`);
    assert.deepEqual(mine.body.campaigns, await customerCampaigns(engine, someone));
    assert.equal(mine.body.campaigns[0].arm, ['target', 'control', 'holdout'][a.arm[0]!]);
    const reassigned = await getJson(app, '/api/campaigns/win-back/assign', { method: 'POST' });
    assert.deepEqual(reassigned.body.counts, a.counts, 'the same seed gives the same groups');

    const res = await getJson(app, '/api/campaigns/win-back/results?by=value_tier&bootstrap=200&seed=3');
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const core = await campaignResults(engine, 'win-back', { by: ['value_tier'], bootstrap: { resamples: 200, seed: 3 } });
    assert.deepEqual(res.body.results.analysis, JSON.parse(JSON.stringify(core.analysis)));
    assert.deepEqual(res.body.section, JSON.parse(JSON.stringify(campaignResultsSection(core))));
    const rates = (
      await (await app.request('/api/campaigns/win-back/results?format=csv&table=experiment.uplift_rates&bootstrap=0')).text()
    ).split('\n');
    assert.match(rates[0]!, /^arm,control,outcome,/);
    assert.equal((await getJson(app, '/api/campaigns/win-back/results?by=tier')).status, 400);
    assert.equal((await getJson(app, '/api/campaigns/nope/results')).body.error.code, 'campaign_not_found');

    const up = await getJson(app, '/api/campaigns/win-back/uplift?seed=2');
    const coreUp = (
      await campaignResults(engine, 'win-back', { bootstrap: false, uplift: { outcome: 'responded', method: 'two-model', seed: 2 } })
    ).uplift!;
    assert.deepEqual(up.body.uplift.points, JSON.parse(JSON.stringify(coreUp.points)));
    assert.equal(up.body.uplift.qini.model, coreUp.qini.model);
    assert.equal(up.body.section.tables[0].id, 'uplift.qini');

    const doc = (await getJson(app, '/api/openapi.json')).body;
    assert.ok(
      doc.paths['/api/campaigns'].post.requestBody.content['application/json'].schema.properties.controlShare,
      'the form schema is in the OpenAPI document',
    );
  } finally {
    await engine.close();
  }
});
