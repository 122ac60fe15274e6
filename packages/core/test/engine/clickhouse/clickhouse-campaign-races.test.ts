// Two processes writing one campaign at once on ClickHouse (src/campaigns/campaign-store-clickhouse.ts,
// campaign-rows-clickhouse.ts). A creation of a new id held half way through its assignment while a
// second connection creates the same id: the second is refused with `campaign_exists` naming the
// first (as on DuckDB, whose file lock and one-writer server run them one after the other); before
// the lease both passed the existence check and the later one silently replaced the earlier. A delete
// from a second connection while a re-assignment, a response file or a replace is half done: the
// campaign stays deleted and the write fails with `campaign_deleted`; before the tombstone the write
// published the campaign again after the delete. Runs on the 2-shard ClickHouse 18.16 cluster and chDB.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { assignArms } from '../../../src/campaigns/assignment.js';
import { parseCampaign } from '../../../src/campaigns/campaign-definition.js';
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
import { InputError } from '../../../src/errors.js';
import { openTestClickHouse, type ClickHouseBackend } from '../../helpers/clickhouse.js';
import { tempDir } from '../../helpers/temp-dir.js';

const IDS = Array.from({ length: 300 }, (_, i) => `c${i + 1}`);

const definition = (salt: string) =>
  parseCampaign(
    `name: Voucher ${salt}\nid: voucher\ntarget: {ids: [${IDS.map((i) => `"${i}"`).join(', ')}]}\naction: voucher\nsend_date: 2024-03-01\nresponse_window_days: 30\ncontrol_share: 0.2\nglobal_holdout_share: 0\nsalt: ${salt}\n`,
  );

/** `ch` whose first insert into `table` runs `during` (the other process) after its first half. */
function interrupted(ch: ClickHouseEngine, table: string, during: () => Promise<void>): ClickHouseEngine {
  let fired = false;
  return {
    ...ch,
    async insertColumns(t, columns, batch) {
      if (t !== table || fired) return ch.insertColumns(t, columns, batch);
      fired = true;
      const half = Math.floor(batch.length / 2);
      const part = (from: number, to: number) => ({
        length: to - from,
        f64: Object.fromEntries(Object.entries(batch.f64).map(([k, v]) => [k, v.subarray(from, to)])),
        strings: Object.fromEntries(Object.entries(batch.strings).map(([k, v]) => [k, v.slice(from, to)])),
      });
      await ch.insertColumns(t, columns, part(0, half));
      await during();
      await ch.insertColumns(t, columns, part(half, batch.length));
    },
  };
}

/** The error a promise rejects with, or 'resolved'. */
const outcome = (p: Promise<unknown>): Promise<unknown> =>
  p.then(
    () => 'resolved',
    (e: unknown) => e,
  );

/** An assignment as customer → arm, in id order (stored assignments are read back by arm). */
const armsById = (a: { ids: string[]; arm: Uint8Array }): [string, number][] =>
  a.ids.map((id, i): [string, number] => [id, a.arm[i]!]).sort((x, y) => (x[0] < y[0] ? -1 : 1));

const code = (e: unknown): string => (e instanceof InputError ? e.code : String(e));

/** Checks that no reader sees the campaign any more. */
async function assertDeleted(e: ClickHouseEngine, what: string): Promise<void> {
  assert.equal(code(await outcome(getCampaign(e, 'voucher'))), 'campaign_not_found', `${what}: the campaign`);
  assert.equal(code(await outcome(loadAssignments(e, 'voucher'))), 'campaign_not_found', `${what}: its assignment`);
  assert.deepEqual(await listCampaigns(e), [], `${what}: the list`);
  assert.deepEqual(await customerCampaigns(e, 'c1'), [], `${what}: a customer's campaigns`);
}

for (const backend of ['cluster', 'chdb'] as ClickHouseBackend[]) {
  /** A second connection to the same workspace (another process); chDB has one session. */
  const other = (ch: ClickHouseEngine): ClickHouseEngine => (backend === 'cluster' ? createClickHouseEngine(ch.target) : ch);

  test(`${backend}: of two creations of a new campaign id at once, the second is refused naming the first`, {
    timeout: 300_000,
  }, async (t) => {
    const opened = await openTestClickHouse(t, backend);
    if (!opened) return;
    const ch = opened.engine;
    const b = other(ch);
    try {
      const first = definition('first');
      const second = definition('second');
      let refused: unknown = null;
      await saveCampaign(
        interrupted(ch, 'campaign_assignments', async () => {
          refused = await outcome(saveCampaign(b, second, { assignment: { assignment: assignArms(IDS, second), audienceAsOf: null } }));
        }),
        first,
        { assignment: { assignment: assignArms(IDS, first), audienceAsOf: null } },
      );
      assert.ok(refused instanceof InputError, `refused, got ${String(refused)}`);
      assert.equal(refused.code, 'campaign_exists');
      assert.match(refused.message, /being created by another process \(.* pid \d+, started \d{4}-.*, its lease expires at \d{4}-/);
      assert.match(String((refused.context as { holder: string }).holder), new RegExp(`pid ${process.pid}$`));
      const stored = await getCampaign(b, 'voucher');
      assert.equal(stored.campaign.salt, 'first', 'the first creation is the campaign');
      assert.deepEqual(armsById(await loadAssignments(b, 'voucher')), armsById(assignArms(IDS, first)), 'with its own assignment, whole');
      // once it is stored: the ordinary refusal, and a replace goes through
      assert.equal(code(await outcome(saveCampaign(b, second))), 'campaign_exists');
      await saveCampaign(b, second, { replace: true });
      assert.equal((await getCampaign(ch, 'voucher')).campaign.salt, 'second');
    } finally {
      if (b !== ch) await b.close();
      await opened.drop();
    }
  });

  test(`${backend}: a delete while a re-assignment, a response file or a replace is half done keeps the campaign deleted`, {
    timeout: 300_000,
  }, async (t) => {
    const opened = await openTestClickHouse(t, backend);
    if (!opened) return;
    const ch = opened.engine;
    const b = other(ch);
    const dir = tempDir('cvm-campaign-races-');
    const v1 = definition('s1');
    const create = (e: ClickHouseEngine, c = v1) =>
      saveCampaign(e, c, { assignment: { assignment: assignArms(IDS, c), audienceAsOf: null } });
    const deleting = (table: string) => interrupted(ch, table, () => deleteCampaign(b, 'voucher'));
    try {
      await create(ch);
      const reassign = await outcome(saveAssignments(deleting('campaign_assignments'), 'voucher', assignArms(IDS.slice(0, 100), v1), null));
      await assertDeleted(b, 'after a delete during a re-assignment');
      assert.equal(code(reassign), 'campaign_deleted', 'the re-assignment is told');

      await create(ch);
      const file = join(dir, 'responses.csv');
      writeFileSync(
        file,
        `customer_id,revenue\n${IDS.slice(0, 80)
          .map((id, k) => `${id},${k + 1}`)
          .join('\n')}\n`,
      );
      const responses = await outcome(loadCampaignResponses(deleting('campaign_responses'), 'voucher', file, { revenueColumn: 'revenue' }));
      await assertDeleted(b, 'after a delete during a response file');
      assert.equal(code(responses), 'campaign_deleted', 'the response file is told');

      await create(ch);
      const v2 = definition('s2');
      const replace = await outcome(
        saveCampaign(deleting('campaign_assignments'), v2, {
          replace: true,
          assignment: { assignment: assignArms(IDS, v2), audienceAsOf: null },
        }),
      );
      await assertDeleted(b, 'after a delete during a replace');
      assert.equal(code(replace), 'campaign_deleted', 'the replace is told');

      // the id is free again: a new campaign of it, read whole; the deleted ones' rows are gone
      const v3 = definition('s3');
      await create(ch, v3);
      assert.equal((await getCampaign(b, 'voucher')).campaign.salt, 's3');
      assert.deepEqual(armsById(await loadAssignments(b, 'voucher')), armsById(assignArms(IDS, v3)));
      assert.deepEqual(
        (await listCampaigns(b)).map((c) => [c.id, c.name, c.customers]),
        [['voucher', 'Voucher s3', IDS.length]],
      );
      const [n] = await ch.rows<{ n: number }>("SELECT count(*) AS n FROM campaign_responses WHERE campaign_id = 'voucher'");
      assert.equal(Number(n!.n), 0, 'the overtaken response file left no rows');
    } finally {
      if (b !== ch) await b.close();
      await opened.drop();
    }
  });
}
