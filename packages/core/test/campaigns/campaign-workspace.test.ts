import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCampaign } from '../../src/campaigns/campaign-definition.js';
import { campaignResults } from '../../src/campaigns/campaign-results.js';
import { customerCampaigns, getCampaign, listCampaigns, loadAssignments } from '../../src/campaigns/campaign-store.js';
import { createCampaign } from '../../src/campaigns/campaign-audience.js';
import { campaignPower, powerForCampaign } from '../../src/campaigns/campaign-power.js';
import { loadCampaignResponses } from '../../src/campaigns/campaign-responses.js';
import { assignmentListTable, campaignTables } from '../../src/campaigns/campaign-tables.js';
import { ARMS } from '../../src/campaigns/assignment.js';
import { newcombeInterval } from '../../src/math/stats/proportion-intervals.js';
import { mdeProportion } from '../../src/math/stats/power.js';
import { createRng } from '../../src/math/random/rng.js';
import type { Engine } from '../../src/engine/engine.js';
import { openWorkspace } from '../../src/workspace.js';
import { ingestFile } from '../../src/transactions/ingest.js';
import { tableToCsv } from '../../src/report/csv.js';
import { InputError } from '../../src/errors.js';
import { tempDir } from '../helpers/temp-dir.js';
import { assertClose } from '../helpers/assert-close.js';

const N = 4000;
const dir = tempDir('cvm-campaign-ws-');

/** History: every customer bought 1–3 times in 2023 (so the snapshot of 2024-02-29 scores them all). */
function historyLog(): string {
  const rng = createRng(3);
  const lines = ['customer,date,amount'];
  for (let c = 1; c <= N; c++) {
    const k = 1 + Math.floor(rng() * 3);
    for (let j = 0; j < k; j++) {
      const day = 1 + Math.floor(rng() * 300);
      lines.push(`${c},${new Date(Date.UTC(2023, 0, day)).toISOString().slice(0, 10)},${(10 + 90 * rng()).toFixed(2)}`);
    }
    // some buy in the 30 days before the send date too (base rates for the power)
    if (rng() < 0.15) lines.push(`${c},2024-02-${String(1 + Math.floor(rng() * 28)).padStart(2, '0')},${(20 + 30 * rng()).toFixed(2)}`);
  }
  lines.push('1,2024-02-29,12.00'); // the log ends on the day before the send date
  return lines.join('\n') + '\n';
}

async function ingestText(engine: Engine, name: string, text: string): Promise<void> {
  const file = join(dir, name);
  writeFileSync(file, text);
  await ingestFile(engine, file, {
    mapping: { customer: 'customer', date: 'date', amount: 'amount' },
    dateFormat: 'iso',
    maxDate: '2030-01-01',
  });
}

const CAMPAIGN = `name: Spring voucher
target: {rule: "value > 0"}
action: 10% voucher by e-mail
send_date: 2024-03-01
response_window_days: 30
control_share: 0.2
global_holdout_share: 0.05
salt: spring-2024
margin_pct: 40
cost_per_contact: 0.25
`;

test('a campaign in a workspace: assignment, power, results from the window, overlaps, response file', async () => {
  const engine = await openWorkspace();
  try {
    await ingestText(engine, 'history.csv', historyLog());
    const created = await createCampaign(engine, parseCampaign(CAMPAIGN));
    assert.equal(created.audience.asOf, '2024-02-29', 'the audience is scored on the day before the send date');
    assert.equal(created.assignment.ids.length, N);
    assert.equal(created.assignment.counts.target + created.assignment.counts.control + created.assignment.counts.holdout, N);
    assert.equal((await listCampaigns(engine))[0]!.status, 'assigned');
    await assert.rejects(
      createCampaign(engine, parseCampaign(CAMPAIGN)),
      (e: unknown) => e instanceof InputError && e.code === 'campaign_exists',
    );

    // power: base rates = the audience (holdout excluded) in 2024-01-31 .. 2024-02-29, counted here from the log
    const power = await powerForCampaign(engine, 'spring-voucher', { effects: { responseRate: 0.05 } });
    const held = new Set(created.assignment.ids.filter((_, i) => created.assignment.arm[i] === 2));
    const febBuyers = new Set(
      historyLog()
        .split('\n')
        .slice(1)
        .filter((l) => l.includes(',2024-02-'))
        .map((l) => l.split(',')[0]!),
    );
    const base = [...febBuyers].filter((id) => !held.has(id)).length / (N - held.size);
    assertClose(power.rates.responseRate, base, 1e-12, 'base response rate of the audience, counted in the test');
    const pr = power.rows[0]!;
    assertClose(
      pr.mde,
      mdeProportion(base, created.assignment.counts.target, created.assignment.counts.control),
      1e-12,
      'MDE at the actual split',
    );
    assert.ok(pr.shareNeeded !== null && pr.shareNeeded > 0 && pr.shareNeeded < 0.5);
    assertClose(
      campaignPower(power.rates, N - held.size, 0.2).rows[1]!.mde,
      power.rows[1]!.mde,
      0.05 * power.rows[1]!.mde,
      'planned vs actual split (the control count varies by ±3% around 20%)',
    );

    // responses in the window: target 30%, control 18%, holdout 18%; amounts known; one return; one purchase after the window
    const rng = createRng(9);
    const lines = ['customer,date,amount'];
    const expected = { target: [0, 0, 0], control: [0, 0, 0], holdout: [0, 0, 0] } as Record<string, number[]>;
    created.assignment.ids.forEach((id, i) => {
      const arm = ARMS[created.assignment.arm[i]!];
      expected[arm]![0]++;
      if (rng() < (arm === 'target' ? 0.3 : 0.18)) {
        const amount = Number((15 + 40 * rng()).toFixed(2));
        lines.push(`${id},2024-03-${String(1 + Math.floor(rng() * 30)).padStart(2, '0')},${amount}`);
        expected[arm]![1]++;
        expected[arm]![2] += amount;
      }
    });
    const firstTarget = created.assignment.ids[created.assignment.arm.indexOf(0)]!;
    lines.push(`${firstTarget},2024-03-31,999`, `${firstTarget},2024-02-29,555`); // outside the window on both sides
    await ingestText(engine, 'window.csv', lines.join('\n') + '\n');
    // predicted CLV after the window: 100 + 20 in the target group for every third customer; one customer without a prediction
    const clvIds = created.assignment.ids.slice(1);
    const clvValue = Float64Array.from(clvIds, (id, i) => 100 + (created.assignment.arm[i + 1] === 0 && Number(id) % 3 === 0 ? 20 : 0));
    const r = await campaignResults(engine, 'spring-voucher', {
      by: ['value_tier'],
      bootstrap: { resamples: 500 },
      clv: { customerId: clvIds, value: clvValue },
    });
    const clv = r.analysis.comparisons.find((c) => c.outcome === 'clv')!;
    const tIdx = clvIds.map((_, i) => i).filter((i) => created.assignment.arm[i + 1] === 0);
    const meanT = tIdx.reduce((s, i) => s + clvValue[i]!, 0) / tIdx.length;
    assertClose(clv.difference, meanT - 100, 1e-9, 'incremental CLV per customer, counted in the test');
    assertClose(clv.incremental, (meanT - 100) * tIdx.length, 1e-6, 'incremental CLV in total = difference × target customers');
    assert.ok(r.warnings.some((w) => /^clv: 1 customer has no value and is left out/.test(w)));
    assert.equal(r.status, 'complete');
    assert.equal(r.source, 'transactions');
    for (const a of r.analysis.arms) {
      const [n, buyers, revenue] = expected[a.arm]!;
      assert.equal(a.customers, n, `${a.arm} size`);
      assertClose(a.outcomes[0]!.mean, buyers! / n!, 1e-12, `${a.arm} response rate, counted in the test`);
      assertClose(a.outcomes[1]!.sum, revenue!, 1e-6, `${a.arm} revenue in the window`);
      assertClose(
        a.outcomes[2]!.sum,
        0.4 * revenue! - (a.arm === 'target' ? 0.25 * n! : 0),
        1e-6,
        `${a.arm} margin = 40% of revenue − contact cost`,
      );
    }
    assert.deepEqual(
      r.analysis.arms.map((a) => a.role),
      ['control', 'test', 'observed'],
    );
    const lift = r.analysis.comparisons.find((c) => c.outcome === 'responded')!;
    const ci = newcombeInterval(expected.target![1]!, expected.target![0]!, expected.control![1]!, expected.control![0]!);
    assertClose(lift.lower, ci.lower, 1e-15, 'Newcombe lower on the counted responders');
    assert.ok(lift.significant && r.analysis.verdicts[0]!.effect);
    assert.match(r.analysis.verdicts[0]!.text, /^a lift of \d+\.\d points \(95% CI [\d.]+ to [\d.]+\) in responses; /);
    assert.equal(r.analysis.srm!.mismatch, false);
    assertClose(r.analysis.srm!.planned[0]!, 0.95 * 0.2, 1e-12, 'planned control share');
    assert.equal(r.margin.available, true);
    assert.ok(r.segments!.rows.length > 0 && r.segments!.rows.every((s) => s.by === 'value_tier'));
    const tables = campaignTables(r);
    assert.deepEqual(tables.map((t) => t.id).slice(0, 3), ['experiment.verdicts', 'campaign.incremental', 'experiment.arms']);
    const inc = tables[1]!;
    assert.deepEqual(
      inc.rows.map((row) => row[0]),
      ['revenue per customer', 'margin per customer', 'predicted CLV per customer'],
    );
    const lists = assignmentListTable(await loadAssignments(engine, 'spring-voucher'));
    assert.equal(lists.rows.length, N);
    assert.equal(tableToCsv(lists).split('\n')[0], 'customer_id,arm,u');
    assert.deepEqual(new Set(lists.rows.map((row) => row[1])), new Set(['target', 'control', 'holdout']));
    assert.match(tableToCsv(inc).split('\n')[0]!, /^measure,per_customer,total,lower,upper,clear$/);

    // a second campaign overlapping the window, another salt: overlaps are reported, holdout customers stay in the holdout
    const second = await createCampaign(
      engine,
      parseCampaign(
        CAMPAIGN.replace('Spring voucher', 'Spring call').replace('spring-2024', 'call-2024').replace('2024-03-01', '2024-03-15'),
      ),
    );
    const heldAgain = new Set(second.assignment.ids.filter((_, i) => second.assignment.arm[i] === 2));
    assert.deepEqual(heldAgain, held, 'the global holdout is the same customers');
    const r2 = await campaignResults(engine, 'spring-voucher', { bootstrap: false });
    const overlap = r2.overlaps.reduce((s, o) => s + o.customers, 0);
    assert.equal(overlap, N - held.size, 'every non-holdout customer is in both campaigns');
    assert.ok(r2.warnings.some((w) => /^Overlapping campaigns in this window: spring-call/.test(w)));
    const heldId = [...held][0]!;
    assert.deepEqual(
      (await customerCampaigns(engine, heldId)).map((x) => [x.id, x.arm]),
      [
        ['spring-voucher', 'holdout'],
        ['spring-call', 'holdout'],
      ],
    );
    const status = Object.fromEntries((await listCampaigns(engine)).map((c) => [c.id, c.status]));
    assert.deepEqual(status, { 'spring-voucher': 'complete', 'spring-call': 'in window' });

    // a response file replaces the transactions as the outcome
    const respFile = join(dir, 'responses.csv');
    const targets = created.assignment.ids.filter((_, i) => created.assignment.arm[i] === 0).slice(0, 50);
    writeFileSync(
      respFile,
      ['customer_id,revenue', ...targets.map((id) => `${id},10`), ',5', 'X1,abc', 'not-in-campaign,3'].join('\n') + '\n',
    );
    const rep = await loadCampaignResponses(engine, 'spring-voucher', respFile, { revenueColumn: 'revenue' });
    assert.deepEqual([rep.rowsRead, rep.rowsLoaded, rep.unknownCustomers], [53, 51, 1]);
    assert.deepEqual(
      rep.quarantine.map((q) => [q.line, q.reason]),
      [
        [52, 'missing_customer_id'],
        [53, 'non_numeric_outcome'],
      ],
    );
    const r3 = await campaignResults(engine, 'spring-voucher', { bootstrap: false });
    assert.equal(r3.source, 'response file');
    assert.equal(r3.analysis.arms[1]!.outcomes[0]!.sum, 50);
    assert.equal(r3.analysis.arms[0]!.outcomes[0]!.sum, 0);
    await assert.rejects(
      campaignResults(engine, 'nope'),
      (e: unknown) =>
        e instanceof InputError && e.code === 'campaign_not_found' && /campaigns: spring-call, spring-voucher/.test(e.message),
    );
    assert.equal((await getCampaign(engine, 'spring-voucher')).campaign.target.kind, 'rule');
  } finally {
    await engine.close();
  }
});

test('an audience that matches nobody and a campaign whose control arm is empty are clear errors', async () => {
  const engine = await openWorkspace();
  try {
    await ingestText(engine, 'history2.csv', historyLog());
    await assert.rejects(
      createCampaign(engine, parseCampaign(CAMPAIGN.replace('value > 0', 'value < 0'))),
      (e: unknown) =>
        e instanceof InputError &&
        e.code === 'empty_audience' &&
        /No customer matches the rule "value < 0" in the snapshot as of 2024-02-29/.test(e.message),
    );
    // a one-customer id list with a 1% control share: nobody in the control group
    await createCampaign(
      engine,
      parseCampaign(
        CAMPAIGN.replace('{rule: "value > 0"}', '{ids: ["1"]}')
          .replace('control_share: 0.2', 'control_share: 0.01')
          .replace('global_holdout_share: 0.05', 'global_holdout_share: 0')
          .replace('salt: spring-2024', 'salt: x'),
        'tiny.yaml',
      ),
      { replace: true },
    );
    await assert.rejects(
      campaignResults(engine, 'spring-voucher'),
      (e: unknown) => e instanceof InputError && e.code === 'empty_control' && /The control arm "control" has no customers/.test(e.message),
    );
  } finally {
    await engine.close();
  }
});
