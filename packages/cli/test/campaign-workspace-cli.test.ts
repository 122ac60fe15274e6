// cvm campaign create / results / list on a CDNOW sample workspace, checked against the core called directly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { campaignFromForm, campaignResults, openWorkspace, previewCampaign } from '@cvm/core';
import { cvm, SAMPLE, tempDir, tempFile } from './run-cli.js';

test('campaign create prints the power before storing; results and list read the stored campaign', async () => {
  const ws = join(tempDir(), 'ws');
  assert.equal(cvm(['ingest', SAMPLE, '--workspace', ws]).code, 0);
  const form = [
    '--name',
    'Win back',
    '--audience',
    'value_tier:in:Bronze|Silver',
    '--action',
    'voucher',
    '--send-date',
    '1998-01-01',
    '--window',
    '30',
    '--control-share',
    '0.2',
    '--seed',
    'wb',
    '--effect-rate',
    '0.05',
  ];
  const dry = cvm(['campaign', 'create', '--workspace', ws, ...form, '--dry-run', '--format', 'json']);
  assert.equal(dry.code, 0, dry.stderr);
  const plan = JSON.parse(dry.stdout);
  assert.equal(plan.created, false);
  assert.equal(cvm(['campaign', 'list', '--workspace', ws, '--format', 'json']).stdout.trim(), '[]', 'a dry run stores nothing');
  const made = cvm(['campaign', 'create', '--workspace', ws, ...form, '--format', 'csv']);
  assert.equal(made.code, 0, made.stderr);
  assert.match(made.stdout.split('\n')[0]!, /^metric,base,sd,customers_target,customers_control,mde,/);
  const again = cvm(['campaign', 'create', '--workspace', ws, ...form]);
  assert.equal(again.code, 2);
  assert.match(again.stderr, /exists already/);
  const zero = cvm(['campaign', 'create', '--workspace', ws, ...form, '--control-share', '0', '--dry-run']);
  assert.equal(zero.code, 2);
  assert.match(zero.stderr, /a control group of zero/);
  const bad = cvm(['campaign', 'create', '--workspace', ws, ...form, '--audience', 'tier:eq:Gold', '--dry-run']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /no column "tier"/);

  // a saved audience as the target: the same groups and power as its filter given directly
  const saved = cvm(['audience', 'save', 'low tiers', '--filter', 'value_tier:in:Bronze|Silver', '--workspace', ws]);
  assert.equal(saved.code, 0, saved.stderr);
  const viaSaved = cvm([
    'campaign',
    'create',
    '--workspace',
    ws,
    ...form.filter((_, i) => i !== 2 && i !== 3),
    '--saved-audience',
    'low tiers',
    '--dry-run',
    '--format',
    'json',
  ]);
  assert.equal(viaSaved.code, 0, viaSaved.stderr);
  const s = JSON.parse(viaSaved.stdout);
  assert.deepEqual([s.counts, s.audience.customers, s.power], [plan.counts, plan.audience.customers, plan.power]);
  const missing = cvm(['campaign', 'create', '--workspace', ws, ...form, '--saved-audience', 'nobody', '--dry-run']);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /No audience "nobody"/);

  const list = JSON.parse(cvm(['campaign', 'list', '--workspace', ws, '--format', 'json']).stdout);
  assert.deepEqual(
    list.map((r: { id: string; status: string }) => [r.id, r.status]),
    [['win-back', 'complete']],
  );
  const res = cvm(['campaign', 'results', 'win-back', '--workspace', ws, '--bootstrap', '0', '--format', 'json']);
  assert.equal(res.code, 0, res.stderr);
  const j = JSON.parse(res.stdout);
  const people = cvm(['campaign', 'results', 'win-back', '--workspace', ws, '--bootstrap', '0', '--format', 'table']);
  assert.match(people.stdout, /Results of Win back\n/);
  assert.match(people.stdout, / pp /, 'lifts in percentage points');

  // the same numbers from the core called directly on the workspace
  const engine = await openWorkspace({ dir: ws, mustExist: true });
  try {
    const direct = await campaignResults(engine, 'win-back', { bootstrap: false });
    assert.deepEqual(
      j.analysis.comparisons.map((c: { lower: number; upper: number }) => [c.lower, c.upper]),
      direct.analysis.comparisons.map((c) => [c.lower, c.upper]),
    );
    const p = await previewCampaign(
      engine,
      campaignFromForm({
        name: 'Win back',
        audience: ['value_tier:in:Bronze|Silver'],
        action: 'voucher',
        sendDate: '1998-01-01',
        windowDays: 30,
        controlShare: 0.2,
        seed: 'wb',
      }),
      { effects: { responseRate: 0.05 } },
    );
    assert.deepEqual(plan.counts, p.counts);
    assert.equal(plan.power.rows[0].mde, p.power.rows[0]!.mde);
  } finally {
    await engine.close();
  }

  // a response file replaces the transactions as the outcome
  assert.equal(j.source, 'transactions');
  const file = tempFile('responses.csv', 'customer_id,revenue\n1,10\n2,abc\n');
  const withFile = cvm([
    'campaign',
    'results',
    'win-back',
    '--workspace',
    ws,
    '--bootstrap',
    '0',
    '--responses',
    file,
    '--revenue-col',
    'revenue',
    '--format',
    'json',
  ]);
  assert.equal(withFile.code, 0, withFile.stderr);
  const f = JSON.parse(withFile.stdout);
  assert.equal(f.source, 'response file');
  assert.equal(f.responseFile.quarantine.length, 1, 'the non-numeric revenue is quarantined');

  // delete: the campaign, its assignment and its responses go; an unknown id is refused
  const stored = async (): Promise<unknown> => {
    const e = await openWorkspace({ dir: ws, mustExist: true });
    try {
      return (
        await e.rows(
          'SELECT (SELECT count(*) FROM campaign_assignments)::DOUBLE AS a, (SELECT count(*) FROM campaign_responses)::DOUBLE AS r',
        )
      )[0];
    } finally {
      await e.close();
    }
  };
  const before = (await stored()) as { a: number; r: number };
  assert.ok(before.a > 0 && before.r > 0, `rows to delete: ${JSON.stringify(before)}`);
  const gone = cvm(['campaign', 'delete', 'win-back', '--workspace', ws, '--format', 'json']);
  assert.equal(gone.code, 0, gone.stderr);
  assert.deepEqual(JSON.parse(gone.stdout), { deleted: 'win-back', name: 'Win back', customers: plan.audience.customers });
  assert.equal(cvm(['campaign', 'list', '--workspace', ws, '--format', 'json']).stdout.trim(), '[]');
  assert.deepEqual(await stored(), { a: 0, r: 0 }, 'no assignment or response rows left');
  const twice = cvm(['campaign', 'delete', 'win-back', '--workspace', ws]);
  assert.equal(twice.code, 2);
  assert.match(twice.stderr, /win-back/);
  assert.equal(cvm(['campaign', 'results', 'win-back', '--workspace', ws]).code, 2, 'its results are gone too');
  assert.equal(cvm(['campaign', 'create', '--workspace', ws, ...form, '--format', 'csv']).code, 0, 'the id can be used again');
});
