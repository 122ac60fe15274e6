// A campaign on ClickHouse is never seen half written (src/campaigns/campaign-writes-clickhouse.ts):
// a replace, a re-assignment and a response file are read from a second connection while their
// rows are going in (an insert hook runs the reader in the middle of the batch) and after a write
// that fails half way; the reader must see the campaign exactly as before, then the new one whole.
// Before write tokens, the replace dropped the earlier assignment and wrote the new definition
// first, so the reader saw the new definition with half an assignment (or none). The clean-up test
// checks what the next write drops. Runs on the 2-shard ClickHouse 18.16 cluster and on chDB.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { assignArms } from '../../../src/campaigns/assignment.js';
import { parseCampaign } from '../../../src/campaigns/campaign-definition.js';
import { campaignResults } from '../../../src/campaigns/campaign-results.js';
import { loadCampaignResponses } from '../../../src/campaigns/campaign-responses.js';
import {
  customerCampaigns,
  deleteCampaign,
  getCampaign,
  listCampaigns,
  loadAssignments,
  saveAssignments,
  saveCampaign,
} from '../../../src/campaigns/campaign-store.js';
import { createClickHouseEngine, type ClickHouseEngine } from '../../../src/engine/clickhouse/clickhouse-engine.js';
import type { ColumnBatch } from '../../../src/engine/engine.js';
import { openTestClickHouse, type ClickHouseBackend } from '../../helpers/clickhouse.js';
import { tempDir } from '../../helpers/temp-dir.js';

const IDS = Array.from({ length: 400 }, (_, i) => `c${i + 1}`);

const definition = (controlShare: number, salt: string) =>
  parseCampaign(
    `name: Voucher ${salt}\nid: voucher\ntarget: {ids: [${IDS.map((i) => `"${i}"`).join(', ')}]}\naction: voucher\nsend_date: 2024-03-01\nresponse_window_days: 30\ncontrol_share: ${controlShare}\nglobal_holdout_share: 0.05\nsalt: ${salt}\n`,
  );

/** Everything a reader sees of the campaign. */
async function view(e: ClickHouseEngine): Promise<unknown> {
  const stored = await getCampaign(e, 'voucher');
  const a = await loadAssignments(e, 'voucher').catch((err: { code: string }) => err.code);
  const results = await campaignResults(e, 'voucher', { bootstrap: false }).catch((err: { code: string }) => err.code);
  return {
    name: stored.campaign.name,
    controlShare: stored.campaign.controlShare,
    customers: stored.customers,
    assignment: typeof a === 'string' ? a : { ids: a.ids, arm: [...a.arm] },
    list: (await listCampaigns(e)).map((c) => [c.id, c.name, c.customers, c.status]),
    c1: await customerCampaigns(e, 'c1'),
    results:
      typeof results === 'string'
        ? results
        : { source: results.source, arms: results.analysis.arms.map((x) => [x.arm, x.customers, x.outcomes.map((o) => o.sum)]) },
  };
}

/** The first half of a batch (or the rest). */
const part = (b: ColumnBatch, from: number, to: number): ColumnBatch => ({
  length: to - from,
  f64: Object.fromEntries(Object.entries(b.f64).map(([k, v]) => [k, v.subarray(from, to)])),
  strings: Object.fromEntries(Object.entries(b.strings).map(([k, v]) => [k, v.slice(from, to)])),
});

/**
 * `ch` with an insert into `table` that stops half way: `during` runs (the reader), then the rest of
 * the batch goes in, or (with `fail`) the write fails as a lost connection would.
 */
function interrupted(ch: ClickHouseEngine, table: string, during: () => Promise<void>, fail = false): ClickHouseEngine {
  let fired = false;
  return {
    ...ch,
    async insertColumns(t, columns, batch) {
      if (t !== table || fired) return ch.insertColumns(t, columns, batch);
      fired = true;
      const half = Math.floor(batch.length / 2);
      await ch.insertColumns(t, columns, part(batch, 0, half));
      await during();
      if (fail) throw new Error('connection lost (test)');
      await ch.insertColumns(t, columns, part(batch, half, batch.length));
    },
  };
}

/** A second connection to the same workspace (a reader in another process); chDB has one session. */
function readerOf(ch: ClickHouseEngine, backend: ClickHouseBackend): ClickHouseEngine {
  return backend === 'cluster' ? createClickHouseEngine(ch.target) : ch;
}

for (const backend of ['cluster', 'chdb'] as ClickHouseBackend[]) {
  test(`${backend}: a replace, a re-assignment and a response file in progress or failed are invisible to a reader`, {
    timeout: 300_000,
  }, async (t) => {
    const opened = await openTestClickHouse(t, backend);
    if (!opened) return;
    const ch = opened.engine;
    const reader = readerOf(ch, backend);
    const dir = tempDir('cvm-campaign-writes-');
    try {
      const v1 = definition(0.2, 's1');
      await saveCampaign(ch, v1, { assignment: { assignment: assignArms(IDS, v1), audienceAsOf: null } });
      const first = await view(reader);
      assert.equal((first as { customers: number }).customers, IDS.length);

      // a replace in progress: the reader sees the first campaign whole, then the second whole
      const v2 = definition(0.5, 's2');
      let during: unknown = null;
      const replacing = interrupted(ch, 'campaign_assignments', async () => {
        during = await view(reader);
      });
      await saveCampaign(replacing, v2, { replace: true, assignment: { assignment: assignArms(IDS, v2), audienceAsOf: null } });
      assert.deepEqual(during, first, 'during the replace: the earlier campaign, whole');
      const second = await view(reader);
      const expected2 = assignArms(IDS, v2);
      const got2 = second as { controlShare: number; assignment: { arm: number[] } };
      assert.equal(got2.controlShare, 0.5);
      assert.equal(got2.assignment.arm.filter((a) => a === 1).length, expected2.counts.control, 'the second assignment, whole');

      // a replace and a re-assignment that fail half way leave the campaign as it was
      const v3 = definition(0.3, 's3');
      const failing = interrupted(ch, 'campaign_assignments', async () => {}, true);
      await assert.rejects(
        saveCampaign(failing, v3, { replace: true, assignment: { assignment: assignArms(IDS, v3), audienceAsOf: null } }),
      );
      assert.deepEqual(await view(reader), second, 'after a failed replace');
      const failing2 = interrupted(ch, 'campaign_assignments', async () => {}, true);
      await assert.rejects(saveAssignments(failing2, 'voucher', assignArms(IDS.slice(0, 300), v2), null));
      assert.deepEqual(await view(reader), second, 'after a failed re-assignment');

      // response files: the first loaded, the second read half way in and failed half way
      const responses = (ids: string[]) => {
        const path = join(dir, `r${ids.length}.csv`);
        writeFileSync(path, `customer_id,revenue\n${ids.map((id, k) => `${id},${k + 1}`).join('\n')}\n`);
        return path;
      };
      const r1 = responses(IDS.slice(0, 120));
      const loaded = await loadCampaignResponses(ch, 'voucher', r1, { revenueColumn: 'revenue' });
      assert.equal(loaded.rowsLoaded, 120);
      const withR1 = await view(reader);
      assert.equal((withR1 as { results: { source: string } }).results.source, 'response file');
      const r2 = responses(IDS.slice(100, 300));
      let duringR2: unknown = null;
      const loading = interrupted(ch, 'campaign_responses', async () => {
        duringR2 = await view(reader);
      });
      const report = await loadCampaignResponses(loading, 'voucher', r2, { revenueColumn: 'revenue' });
      assert.equal(report.rowsLoaded, 200, 'the second file, whole');
      assert.deepEqual(duringR2, withR1, 'while the second response file goes in: the first one');
      const withR2 = await view(reader);
      assert.notDeepEqual(withR2, withR1);
      await assert.rejects(
        loadCampaignResponses(
          interrupted(ch, 'campaign_responses', async () => {}, true),
          'voucher',
          r1,
          { revenueColumn: 'revenue' },
        ),
      );
      assert.deepEqual(await view(reader), withR2, 'after a failed response file');
    } finally {
      if (reader !== ch) await reader.close();
      await opened.drop();
    }
  });

  test(`${backend}: the next write drops earlier and abandoned writes, keeps one in progress; delete removes the campaign`, {
    timeout: 300_000,
  }, async (t) => {
    const opened = await openTestClickHouse(t, backend);
    if (!opened) return;
    const ch = opened.engine;
    const versions = async (table: string): Promise<string[]> =>
      (await ch.rows<{ v: string }>(`SELECT DISTINCT version AS v FROM ${table} WHERE campaign_id = 'voucher' ORDER BY v`)).map((r) => r.v);
    const published = async (): Promise<string> =>
      (
        await ch.rows<{ v: string }>(
          "SELECT assignment_version AS v FROM campaigns WHERE campaign_id = 'voucher' ORDER BY revision DESC LIMIT 1",
        )
      )[0]!.v;
    try {
      const v1 = definition(0.2, 's1');
      await saveCampaign(ch, v1, { assignment: { assignment: assignArms(IDS, v1), audienceAsOf: null } });
      const a1 = await published();
      await saveAssignments(ch, 'voucher', assignArms(IDS.slice(0, 200), v1), null);
      const a2 = await published();
      assert.deepEqual(await versions('campaign_assignments'), [a1, a2].sort(), 'the earlier write stays for readers in flight');
      // a write abandoned two days ago and one still running (both never published), rows half in
      await ch.exec(
        "INSERT INTO campaign_writes (campaign_id, version, started_at) VALUES ('voucher', 'zabandoned', now() - 172800), ('voucher', 'zrunning', now())",
      );
      await ch.exec(
        "INSERT INTO campaign_assignments (campaign_id, customer_id, arm, version) VALUES ('voucher', 'c1', 'target', 'zabandoned'), ('voucher', 'c2', 'target', 'zrunning')",
      );
      assert.equal((await loadAssignments(ch, 'voucher')).ids.length, 200, 'unpublished rows are not read');
      await saveAssignments(ch, 'voucher', assignArms(IDS.slice(0, 100), v1), null);
      const a3 = await published();
      assert.deepEqual(await versions('campaign_assignments'), [a2, a3, 'zrunning'].sort(), 'a1 and the abandoned write dropped');
      assert.deepEqual(await versions('campaign_writes'), [a2, a3, 'zrunning'].sort());
      assert.equal(
        Number((await ch.rows<{ n: number }>("SELECT count(*) AS n FROM campaigns WHERE campaign_id = 'voucher'"))[0]!.n),
        2,
        'the earlier campaign rows dropped but the one before the latest',
      );
      assert.equal((await loadAssignments(ch, 'voucher')).ids.length, 100);
      await deleteCampaign(ch, 'voucher');
      assert.deepEqual(await listCampaigns(ch), []);
      assert.deepEqual(
        await ch.rows("SELECT definition, assignment_version, responses_version FROM campaigns WHERE campaign_id = 'voucher'"),
        [{ definition: '', assignment_version: '', responses_version: '' }],
        'only the tombstone is left of the campaign rows',
      );
      assert.deepEqual(await versions('campaign_assignments'), ['zrunning'], 'only the write still running is left to its writer');
    } finally {
      await opened.drop();
    }
  });
}
