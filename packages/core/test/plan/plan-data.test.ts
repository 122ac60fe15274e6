// The customer value plan on the two data sets of the checks. CDNOW alone (a log, nothing
// else): the plan runs, every step is there, and each part that lacks data names what is missing and
// the flag that adds it (--costs, --spend, --prospects, --surveys, a campaign, --contact-cost, a saved
// plan). The demo business with every input file and one campaign: every step has numbers, each with
// a dashboard route; the past campaign's uplift equals the campaign results' own comparison; a saved
// plan is found by the next one, whose Improve step checks each of its goals.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Analysis } from '../../src/analysis/analysis.js';
import { parseCampaign } from '../../src/campaigns/campaign-definition.js';
import { createCampaign } from '../../src/campaigns/campaign-audience.js';
import { campaignResults } from '../../src/campaigns/campaign-results.js';
import { generateDemoBusiness } from '../../src/demo/demo.js';
import { ingestInputFile } from '../../src/inputs/input-ingest.js';
import { loadCostModel } from '../../src/profitability/cost-model.js';
import { ingestFile } from '../../src/transactions/ingest.js';
import { openWorkspace } from '../../src/workspace.js';
import { buildPlan } from '../../src/plan/plan.js';
import { savePlan } from '../../src/plan/plan-store.js';
import { planSections } from '../../src/plan/plan-tables.js';
import { PLAN_STEPS, type PlanReport } from '../../src/plan/plan-types.js';
import { dataPath } from '../helpers/read-csv.js';
import { assertClose } from '../helpers/assert-close.js';
import { tempDir } from '../helpers/temp-dir.js';

const ROUTE = /^#\/[a-z-]+(\/[^?]+)?(\?.+)?$/;

function allFigures(p: PlanReport) {
  return p.steps.flatMap((s) => s.figures.map((f) => ({ step: s.id, ...f })));
}

test('CDNOW alone: the plan runs and says which inputs would unlock the missing parts', async () => {
  const e = await openWorkspace({});
  try {
    await ingestFile(e, dataPath('cdnow/cdnow_sample_elog.csv'), { mapping: { customer: 'sampleid', quantity: 'cds' } });
    const p = await buildPlan(new Analysis(e, { validateAt: '1997-09-30' }));
    assert.deepEqual(
      p.steps.map((s) => s.id),
      [...PLAN_STEPS],
    );
    const missing = p.steps.flatMap((s) => s.missing.map((m) => `${s.id}: ${m.part} -> ${m.how}`)).join('\n');
    for (const [step, flag] of [
      ['discover', '--costs FILE'],
      ['commit', '--costs FILE'],
      ['create', '--spend FILE'],
      ['create', '--prospects FILE'],
      ['create', '--contact-cost'],
      ['assess', '--surveys FILE'],
      ['assess', 'cvm campaign create'],
      ['improve', 'cvm plan --save'],
    ] as const) {
      assert.ok(
        p.steps.find((s) => s.id === step)!.missing.some((m) => m.how.includes(flag)),
        `${step} names ${flag}:\n${missing}`,
      );
    }
    // what CDNOW has is there: CLV, concentration, goals, retention and headroom proposals
    assert.ok(p.segments.length >= 8);
    assert.deepEqual(
      p.campaigns.map((c) => c.goal),
      ['retain', 'win back', 'grow'],
    );
    assert.ok(p.campaigns.every((c) => c.cost === null && c.controlShare >= 0.1 && c.expectedIncremental > 0));
    for (const f of allFigures(p)) assert.match(f.link, ROUTE, `${f.step}: ${f.label}`);
    // the CLI's sections carry every missing part as a line
    const lines = planSections(p)
      .flatMap((s) => s.lines)
      .join('\n');
    assert.match(lines, /Missing: Customer feedback .* To add it: pass --surveys FILE/);
  } finally {
    await e.close();
  }
});

test('the demo business: every step has content; a past campaign is assessed; a saved plan is compared', async () => {
  const dir = tempDir();
  generateDemoBusiness(dir, { customers: 3000, seed: 3 });
  const e = await openWorkspace({});
  try {
    await ingestFile(e, join(dir, 'transactions.csv'));
    for (const [kind, file] of [
      ['customers', 'customers.csv'],
      ['spend', 'marketing-spend.csv'],
      ['prospects', 'prospects.csv'],
      ['surveys', 'surveys.csv'],
    ] as const) {
      await ingestInputFile(e, kind, join(dir, file));
    }
    await createCampaign(
      e,
      parseCampaign(`name: Autumn voucher
target: {rule: "value > 0"}
action: 10% voucher
send_date: 2024-09-01
response_window_days: 60
control_share: 0.3
global_holdout_share: 0
salt: plan-test
margin_pct: 40
cost_per_contact: 0.3
`),
    );
    const a = new Analysis(e, { costModel: await loadCostModel(join(dir, 'cost-model.yaml')) });
    const p = await buildPlan(a);
    for (const s of p.steps) assert.ok(s.figures.length > 0 && s.lines.length > 0, `${s.id} has numbers and sentences`);
    for (const f of allFigures(p)) assert.match(f.link, ROUTE, `${f.step}: ${f.label}`);
    assert.deepEqual(
      p.campaigns.map((c) => c.goal),
      ['retain', 'win back', 'grow', 'acquire look-alikes'],
    );
    assert.ok(
      p.campaigns.every((c) => c.cost !== null),
      'the stored campaign gives the cost per contact',
    );
    assertClose(
      p.campaigns[0]!.cost!,
      0.3 * (p.campaigns[0]!.customers - p.campaigns[0]!.controlCustomers),
      1e-9,
      'cost = 0.3 × target group',
      true,
    );
    assert.ok(
      p.segments.some((s) => s.profitPerCustomer !== null),
      'profitability enters the rule',
    );
    const assess = p.steps.find((s) => s.id === 'assess')!;
    assert.ok(assess.figures.some((f) => f.link === '#/feedback' && /NPS/.test(f.label)));
    // the past campaign: the plan's uplift is the results' margin comparison (target − control)
    const [past] = p.pastCampaigns;
    assert.equal(past!.id, 'autumn-voucher');
    const r = await campaignResults(e, 'autumn-voucher');
    const c = r.analysis.comparisons.find((x) => x.outcome === 'margin' && x.arm === 'target')!;
    assertClose(past!.uplift!, c.difference, 1e-12, 'uplift from campaignResults');
    assertClose(past!.incremental!, c.difference * c.nTest, 1e-9, 'uplift × target customers', true);
    assert.equal(past!.action, c.lower > 0 ? 'scale' : c.upper < 0 || !(c.difference > 0) ? 'stop' : 'keep testing');
    // Improve: no saved plan yet is named; after saving, the next plan checks each goal of the saved one
    assert.ok(p.steps[4]!.missing.some((m) => /--save/.test(m.how)));
    await savePlan(e, p, '2025-01-01T00:00:00.000Z');
    const next = await buildPlan(a);
    assert.deepEqual(next.previous, { asOf: p.asOf, savedAt: '2025-01-01T00:00:00.000Z' });
    assert.equal(next.goalChecks.length, p.segments.length);
    // same data: no measure moved, so no goal is met
    assert.ok(next.goalChecks.every((g) => g.met === false || g.met === null));
    assert.ok(!next.steps[4]!.missing.some((m) => /--save/.test(m.how)));
  } finally {
    await e.close();
  }
});
