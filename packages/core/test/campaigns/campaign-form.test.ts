import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { audienceRuleFromFilters } from '../../src/campaigns/audience-filters.js';
import { campaignFromForm } from '../../src/campaigns/campaign-form.js';
import { previewCampaign } from '../../src/campaigns/campaign-preview.js';
import { createCampaign } from '../../src/campaigns/campaign-audience.js';
import { powerForCampaign } from '../../src/campaigns/campaign-power.js';
import { campaignResults } from '../../src/campaigns/campaign-results.js';
import { campaignPlanSection, campaignResultsSection } from '../../src/campaigns/campaign-sections.js';
import { createRng } from '../../src/math/random/rng.js';
import { openWorkspace } from '../../src/workspace.js';
import { ingestFile } from '../../src/transactions/ingest.js';
import { InputError } from '../../src/errors.js';
import { tempDir } from '../helpers/temp-dir.js';
import { assertClose } from '../helpers/assert-close.js';

const isInput =
  (code: string) =>
  (e: unknown): boolean =>
    e instanceof InputError && e.code === code;

test('audience filters become an audience rule', () => {
  assert.equal(
    audienceRuleFromFilters(['value_tier:in:Gold|Platinum', 'r_score:gte:4']).rule,
    "value_tier IN ('Gold', 'Platinum') AND r_score >= 4",
  );
  assert.equal(
    audienceRuleFromFilters(["rfm_segment:eq:Can't lose", 'customer_id:ne:007']).rule,
    "rfm_segment = 'Can''t lose' AND customer_id != '007'",
  );
  assert.deepEqual(audienceRuleFromFilters(['value:lt:-2.5']).conditions, [{ column: 'value', op: '<', values: [-2.5] }]);
  assert.equal(audienceRuleFromFilters([]).rule, "customer_id != ''");
  assert.throws(() => audienceRuleFromFilters(['value_tier:contains:Go']), isInput('bad_audience_filter'));
  assert.throws(() => audienceRuleFromFilters(['value_tier=Gold']), isInput('bad_audience_filter'));
  assert.throws(() => audienceRuleFromFilters(['value_tier:in:']), isInput('bad_audience_filter'));
});

test('a campaign form is validated like a campaign file', () => {
  const c = campaignFromForm({
    name: 'Win back',
    audience: ['lifecycle_stage:eq:at_risk'],
    action: 'voucher',
    sendDate: '2024-03-01',
    windowDays: 30,
    seed: 's1',
  });
  assert.equal(c.id, 'win-back');
  assert.equal(c.controlShare, 0.1);
  assert.equal(c.salt, 's1');
  assert.equal(c.windowEnd, '2024-03-31');
  assert.throws(
    () => campaignFromForm({ name: 'x', action: 'a', sendDate: '2024-03-01', windowDays: 30, controlShare: 0 }),
    (e: unknown) => isInput('bad_campaign')(e) && /control group of zero/.test((e as Error).message),
  );
  assert.throws(() => campaignFromForm({ name: 'x', action: 'a', sendDate: '2024-13-01', windowDays: 30 }), isInput('bad_campaign'));
  assert.throws(() => campaignFromForm({ name: 'x', action: 'a', sendDate: '2024-03-01', windowDays: 0 }), isInput('bad_campaign'));
});

test('the preview before creation gives the groups and the power that creation stores', async () => {
  const dir = tempDir('cvm-campaign-form-');
  const rng = createRng(11);
  const lines = ['customer,date,amount'];
  for (let c = 1; c <= 1500; c++) {
    for (let j = 0, k = 1 + Math.floor(rng() * 3); j < k; j++)
      lines.push(
        `${c},${new Date(Date.UTC(2023, 0, 1 + Math.floor(rng() * 300))).toISOString().slice(0, 10)},${(10 + 90 * rng()).toFixed(2)}`,
      );
    if (rng() < 0.2) lines.push(`${c},2024-02-${String(1 + Math.floor(rng() * 28)).padStart(2, '0')},${(20 + 30 * rng()).toFixed(2)}`);
    // responses in the window: everyone buys with 10%
    if (rng() < 0.1) lines.push(`${c},2024-03-${String(1 + Math.floor(rng() * 28)).padStart(2, '0')},25.00`);
  }
  lines.push('1,2024-04-10,1.00');
  const file = join(dir, 'log.csv');
  writeFileSync(file, lines.join('\n') + '\n');
  const engine = await openWorkspace();
  try {
    await ingestFile(engine, file, {
      mapping: { customer: 'customer', date: 'date', amount: 'amount' },
      dateFormat: 'iso',
      maxDate: '2030-01-01',
    });
    const c = campaignFromForm({
      name: 'Everyone',
      audience: ['value:gt:0'],
      action: 'mail',
      sendDate: '2024-03-01',
      windowDays: 30,
      controlShare: 0.2,
      holdoutShare: 0.05,
      seed: 'form-test',
    });
    const preview = await previewCampaign(engine, c, { effects: { responseRate: 0.05 } });
    const created = await createCampaign(engine, c);
    assert.deepEqual(preview.counts, created.assignment.counts, 'same groups before and after creation');
    const stored = await powerForCampaign(engine, c.id, { effects: { responseRate: 0.05 } });
    for (let i = 0; i < 2; i++) {
      assertClose(preview.power.rows[i]!.base, stored.rows[i]!.base, 1e-12, 'base rate: in-memory vs SQL over the stored assignment');
      assertClose(preview.power.rows[i]!.sd, stored.rows[i]!.sd, 1e-9, 'sd');
      assertClose(preview.power.rows[i]!.mde, stored.rows[i]!.mde, 1e-9, 'MDE');
    }
    assert.equal(preview.power.rows[0]!.shareNeeded, stored.rows[0]!.shareNeeded);
    const plan = campaignPlanSection(preview, false);
    assert.match(plan.lines[1]!, new RegExp(`${created.assignment.counts.control} in the control group`));
    assert.equal(plan.tables[0]!.id, 'campaign.power');
    const section = campaignResultsSection(await campaignResults(engine, c.id, { bootstrap: false }));
    assert.equal(section.id, 'campaign.results');
    assert.match(section.lines[1]!, /^target against control: /);
    assert.equal(section.tables[0]!.id, 'experiment.verdicts');
  } finally {
    await engine.close();
  }
});
