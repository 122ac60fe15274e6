// Campaigns with randomised control groups (src/campaigns/) on ClickHouse against DuckDB: the same
// log in both workspaces, the same campaign created, assigned, measured from the window's
// transactions and from a response file, overlapped by a second campaign, replaced and deleted. The
// assignment (which customer is in which arm) must be identical, counts exact, money and every
// uplift number (intervals, p-values, bootstrap, segments, uplift model) equal to 1e-9 relative.
// Runs on the local 2-shard ClickHouse 18.16 cluster and on chDB (a current ClickHouse).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCampaign } from '../../../src/campaigns/campaign-definition.js';
import { createCampaign, selectAudience } from '../../../src/campaigns/campaign-audience.js';
import { previewCampaign } from '../../../src/campaigns/campaign-preview.js';
import { powerForCampaign } from '../../../src/campaigns/campaign-power.js';
import { campaignResults } from '../../../src/campaigns/campaign-results.js';
import { loadCampaignResponses } from '../../../src/campaigns/campaign-responses.js';
import {
  customerCampaigns,
  deleteCampaign,
  getCampaign,
  listCampaigns,
  loadAssignments,
  saveAssignments,
} from '../../../src/campaigns/campaign-store.js';
import { campaignTables } from '../../../src/campaigns/campaign-tables.js';
import { ARMS, assignArms } from '../../../src/campaigns/assignment.js';
import type { Engine } from '../../../src/engine/engine.js';
import { EngineError, InputError } from '../../../src/errors.js';
import { CLICKHOUSE_CAMPAIGN_TABLES } from '../../../src/campaigns/campaign-store-clickhouse.js';
import { ensureClickHouseWorkspace } from '../../../src/engine/clickhouse/clickhouse-schema.js';
import { createRng } from '../../../src/math/random/rng.js';
import { assertDeepClose } from '../../helpers/assert-deep-close.js';
import { sameLogOnBoth } from '../../helpers/cdnow-engines.js';
import { openTestClickHouse, type ClickHouseBackend } from '../../helpers/clickhouse.js';
import { tempDir } from '../../helpers/temp-dir.js';

const N = 1500;
/** Customer ids: numbers, plus two that need quoting in SQL (a quote and a backslash). */
const IDS = [...Array.from({ length: N }, (_, i) => String(i + 1)), "o'k", 'back\\slash'];

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

/**
 * History in 2023 for every customer (1–3 purchases), some purchases in February 2024 (base rates),
 * and the window of March 2024: target customers (by the hash split the campaign will make) buy with
 * probability 0.3, the others 0.18; one return in the window.
 */
function writeLog(dir: string): { file: string; responders: Record<string, number> } {
  const rng = createRng(5);
  const split = assignArms(IDS, { salt: 'spring-2024', controlShare: 0.2, holdoutShare: 0.05 });
  const armOf = new Map(split.ids.map((id, i) => [id, ARMS[split.arm[i]!]]));
  const responders: Record<string, number> = { target: 0, control: 0, holdout: 0 };
  const csv = (id: string): string => (/[",]/.test(id) ? `"${id.replaceAll('"', '""')}"` : id);
  const lines = ['customer,date,amount'];
  for (const id of IDS) {
    const k = 1 + Math.floor(rng() * 3);
    for (let j = 0; j < k; j++)
      lines.push(
        `${csv(id)},${new Date(Date.UTC(2023, 0, 1 + Math.floor(rng() * 300))).toISOString().slice(0, 10)},${(10 + 90 * rng()).toFixed(2)}`,
      );
    if (rng() < 0.15)
      lines.push(`${csv(id)},2024-02-${String(1 + Math.floor(rng() * 28)).padStart(2, '0')},${(20 + 30 * rng()).toFixed(2)}`);
    const arm = armOf.get(id)!;
    if (rng() < (arm === 'target' ? 0.3 : 0.18)) {
      lines.push(`${csv(id)},2024-03-${String(1 + Math.floor(rng() * 30)).padStart(2, '0')},${(15 + 40 * rng()).toFixed(2)}`);
      responders[arm]!++;
    }
  }
  lines.push('1,2024-02-29,12.00', '2,2024-03-10,-7.50');
  const file = join(dir, 'log.csv');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return { file, responders };
}

for (const backend of ['cluster', 'chdb'] as ClickHouseBackend[]) {
  test(`${backend}: a campaign's assignment, power, results, overlaps and response file equal DuckDB's`, {
    timeout: 600_000,
  }, async (t) => {
    const dir = tempDir('cvm-campaign-ch-');
    const { file, responders } = writeLog(dir);
    const both = await sameLogOnBoth(t, backend, file, {
      mapping: { customer: 'customer', date: 'date', amount: 'amount' },
      dateFormat: 'iso',
      maxDate: '2030-01-01',
    });
    if (!both) return;
    const engines: [string, Engine][] = [
      ['ClickHouse', both.ch],
      ['DuckDB', both.duck],
    ];
    /** Runs `f` on both engines; ClickHouse's answer first. */
    const onBoth = async <T>(f: (e: Engine) => Promise<T>): Promise<[T, T]> => [await f(both.ch), await f(both.duck)];
    try {
      const campaign = parseCampaign(CAMPAIGN);
      const [pa, pb] = await onBoth((e) => previewCampaign(e, campaign, { effects: { responseRate: 0.05 } }));
      assertDeepClose(pa, pb);
      const [ca, cb] = await onBoth((e) => createCampaign(e, campaign));
      assert.equal(ca.audience.asOf, '2024-02-29');
      assert.equal(ca.assignment.ids.length, IDS.length, 'every customer is in the audience');
      // the same customers in the same arms, and the arms the test computed from the hash
      assert.deepEqual(ca.assignment.ids, cb.assignment.ids);
      assert.deepEqual([...ca.assignment.arm], [...cb.assignment.arm]);
      assert.deepEqual(ca.assignment.counts, cb.assignment.counts);
      const expected = assignArms(IDS, campaign);
      assert.deepEqual(ca.assignment.counts, expected.counts);
      for (const [name, e] of engines) {
        const back = await loadAssignments(e, campaign.id);
        assert.deepEqual(back.counts, expected.counts, `${name}: stored counts`);
        const armOf = new Map(expected.ids.map((id, i) => [id, expected.arm[i]]));
        back.ids.forEach((id, i) => assert.equal(back.arm[i], armOf.get(id), `${name}: arm of ${id}`));
      }
      await assert.rejects(createCampaign(both.ch, campaign), (e: unknown) => e instanceof InputError && e.code === 'campaign_exists');

      const [wa, wb] = await onBoth((e) => powerForCampaign(e, campaign.id, { effects: { responseRate: 0.05, revenue: 2 } }));
      assertDeepClose(wa, wb);

      const options = { by: ['value_tier', 'lifecycle_stage'], bootstrap: { resamples: 300, seed: 7 }, uplift: { seed: 3 } };
      const [ra, rb] = await onBoth((e) => campaignResults(e, campaign.id, options));
      assertDeepClose(ra, rb);
      assertDeepClose(campaignTables(ra), campaignTables(rb));
      // the responders counted when the log was written
      for (const arm of ra.analysis.arms) assert.equal(arm.outcomes[0]!.sum, responders[arm.arm], `${arm.arm} responders`);
      assert.equal(ra.status, 'complete');
      assert.ok(ra.analysis.comparisons.find((c) => c.outcome === 'responded')!.significant, 'the lift is found on both');

      // a second campaign overlapping the window: the overlaps and the customer's campaigns
      const second = parseCampaign(
        CAMPAIGN.replace('Spring voucher', 'Spring call').replace('spring-2024', 'call-2024').replace('2024-03-01', '2024-03-15'),
      );
      const [sa, sb] = await onBoth((e) => createCampaign(e, second));
      assert.deepEqual([...sa.assignment.arm], [...sb.assignment.arm]);
      const [oa, ob] = await onBoth((e) => campaignResults(e, campaign.id, { bootstrap: false }));
      assertDeepClose(oa, ob);
      assert.equal(
        oa.overlaps.reduce((s, o) => s + o.customers, 0),
        IDS.length - expected.counts.holdout,
        'every customer outside the holdout is in both',
      );
      const [la, lb] = await onBoth(listCampaigns);
      assert.deepEqual(la, lb);
      assert.deepEqual(
        la.map((c) => [c.id, c.status, c.customers]),
        [
          ['spring-voucher', 'complete', IDS.length],
          ['spring-call', 'in window', IDS.length],
        ],
      );
      for (const id of ["o'k", 'back\\slash', '7']) {
        const [ka, kb] = await onBoth((e) => customerCampaigns(e, id));
        assert.deepEqual(ka, kb);
        assert.equal(ka.length, 2, `${id} is in both campaigns`);
      }
      const [ga, gb] = await onBoth((e) => getCampaign(e, campaign.id));
      assert.deepEqual({ ...ga, assignedAt: null }, { ...gb, assignedAt: null });
      assert.ok(ga.assignedAt !== null);

      // a response file replaces the transactions as the outcome
      const resp = join(dir, 'responses.csv');
      const targets = ca.assignment.ids.filter((_, i) => ca.assignment.arm[i] === 0).slice(0, 60);
      writeFileSync(
        resp,
        `${['customer_id,revenue,done', ...targets.map((id, k) => `"${id.replaceAll('"', '""')}",${(k * 1.37).toFixed(2)},${k % 3 === 0 ? 0 : 1}`), ',5,1', 'X1,abc,1', 'not-in-campaign,3,1'].join('\n')}\n`,
      );
      const [fa, fb] = await onBoth((e) =>
        loadCampaignResponses(e, campaign.id, resp, { revenueColumn: 'revenue', respondedColumn: 'done' }),
      );
      assert.deepEqual(fa, fb);
      assert.deepEqual([fa.rowsRead, fa.rowsLoaded, fa.unknownCustomers], [63, 61, 1]);
      const [xa, xb] = await onBoth((e) => campaignResults(e, campaign.id, { bootstrap: { resamples: 200, seed: 2 } }));
      assert.equal(xa.source, 'response file');
      assert.equal(xa.analysis.arms[1]!.outcomes[0]!.sum, 40, '40 of the 60 listed target customers responded');
      assertDeepClose(xa, xb);

      // re-assigning (as POST /api/campaigns/ID/assign does) drops the responses
      await onBoth(async (e) => {
        const audience = await selectAudience(e, campaign);
        await saveAssignments(e, campaign.id, assignArms(audience.ids, campaign), audience.asOf);
      });
      const [qa, qb] = await onBoth((e) => campaignResults(e, campaign.id, { bootstrap: false }));
      assert.equal(qa.source, 'transactions');
      assertDeepClose(qa, qb);
      assertDeepClose(qa.analysis, oa.analysis);

      // replacing re-assigns and drops the responses; deleting leaves the other campaign
      const [ya, yb] = await onBoth((e) =>
        createCampaign(e, parseCampaign(CAMPAIGN.replace('control_share: 0.2', 'control_share: 0.5')), { replace: true }),
      );
      assert.deepEqual([...ya.assignment.arm], [...yb.assignment.arm]);
      const [za, zb] = await onBoth((e) => campaignResults(e, campaign.id, { bootstrap: false }));
      assert.equal(za.source, 'transactions');
      assertDeepClose(za, zb);
      await onBoth((e) => deleteCampaign(e, 'spring-call'));
      const [da, db] = await onBoth(listCampaigns);
      assert.deepEqual(da, db);
      assert.deepEqual(
        da.map((c) => c.id),
        ['spring-voucher'],
      );
    } finally {
      await both.done();
    }
  });
}

for (const backend of ['cluster', 'chdb'] as ClickHouseBackend[]) {
  test(`${backend}: empty campaign tables of an older workspace (not partitioned, or by campaign) are recreated; ones with rows are refused`, async (t) => {
    const opened = await openTestClickHouse(t, backend);
    if (!opened) return;
    const ch = opened.engine;
    try {
      // what the server created before campaigns were stored on ClickHouse: the same columns, no partition key
      const old = CLICKHOUSE_CAMPAIGN_TABLES.map(({ partitionBy: _p, ...rest }) => rest);
      await ensureClickHouseWorkspace(ch, old);
      const partitioned = async (): Promise<string[]> =>
        (
          await ch.rows<{ name: string }>(
            "SELECT name FROM system.tables WHERE database = $1 AND partition_key = 'version' AND name LIKE 'campaign%' ORDER BY name",
            [ch.localDatabase],
          )
        ).map((r) => r.name);
      assert.deepEqual(await partitioned(), []);
      assert.deepEqual(await listCampaigns(ch), []);
      assert.deepEqual(await partitioned(), ['campaign_assignments', 'campaign_responses', 'campaign_writes', 'campaigns']);
    } finally {
      await opened.drop();
    }
    const again = await openTestClickHouse(t, backend);
    if (!again) return;
    try {
      await ensureClickHouseWorkspace(
        again.engine,
        CLICKHOUSE_CAMPAIGN_TABLES.map(({ partitionBy: _p, ...rest }) => rest),
      );
      await again.engine.exec("INSERT INTO campaign_assignments (campaign_id, customer_id, arm) VALUES ('c', '1', 'target')");
      await assert.rejects(listCampaigns(again.engine), (e: unknown) => e instanceof EngineError && e.code === 'old_campaign_tables');
    } finally {
      await again.drop();
    }
    // the layout before write tokens: one partition per campaign
    const byCampaign = await openTestClickHouse(t, backend);
    if (!byCampaign) return;
    try {
      await ensureClickHouseWorkspace(
        byCampaign.engine,
        CLICKHOUSE_CAMPAIGN_TABLES.map((x) => ({ ...x, partitionBy: 'campaign_id' })),
      );
      assert.deepEqual(await listCampaigns(byCampaign.engine), [], 'empty: recreated');
      await byCampaign.engine.execOnShards(`DROP TABLE IF EXISTS ${byCampaign.engine.database}.campaigns`);
      if (byCampaign.engine.localDatabase !== byCampaign.engine.database)
        await byCampaign.engine.execOnShards(`DROP TABLE IF EXISTS ${byCampaign.engine.localDatabase}.campaigns`);
      await ensureClickHouseWorkspace(
        byCampaign.engine,
        CLICKHOUSE_CAMPAIGN_TABLES.filter((x) => x.name === 'campaigns').map((x) => ({ ...x, partitionBy: 'campaign_id' })),
      );
      await byCampaign.engine.exec(
        "INSERT INTO campaigns (campaign_id, name, definition, send_date, window_days, window_end, control_share, holdout_share, salt, created_at) VALUES ('c', 'c', '{}', '2024-01-01', 1, '2024-01-02', 0.1, 0, 's', now())",
      );
      // another engine object: the tables are checked again (once per engine)
      const fresh = { ...byCampaign.engine };
      await assert.rejects(listCampaigns(fresh), (e: unknown) => e instanceof EngineError && e.code === 'old_campaign_tables');
    } finally {
      await byCampaign.drop();
    }
  });
}
