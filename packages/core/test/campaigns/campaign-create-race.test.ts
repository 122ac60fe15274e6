// Two creations of one new campaign id at once in one process on DuckDB (src/campaigns/campaign-store.ts),
// as a library user's concurrent calls make them: both pass the existence check before either has
// stored anything; the second transaction must be refused with `campaign_exists` instead of replacing
// the first silently.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCampaign } from '../../src/campaigns/campaign-definition.js';
import { getCampaign, loadAssignments, saveCampaign } from '../../src/campaigns/campaign-store.js';
import { assignArms } from '../../src/campaigns/assignment.js';
import { serialEngine } from '../../src/engine/serial-engine.js';
import { InputError } from '../../src/errors.js';
import { openWorkspace } from '../../src/workspace.js';

const IDS = Array.from({ length: 50 }, (_, i) => `c${i + 1}`);

const armsById = (a: { ids: string[]; arm: Uint8Array }): [string, number][] =>
  a.ids.map((id, i): [string, number] => [id, a.arm[i]!]).sort((x, y) => (x[0] < y[0] ? -1 : 1));

const definition = (salt: string) =>
  parseCampaign(`id: voucher
name: Voucher ${salt}
target: {ids: [${IDS.join(', ')}]}
action: voucher
send_date: 2024-03-01
response_window_days: 30
control_share: 0.5
salt: ${salt}
`);

// The raw DuckDB engine holds one connection and is not for concurrent callers (serial-engine.ts):
// concurrent callers, like the server's requests, go through serialEngine.
{
  test(`DuckDB behind a serial engine: of two creations of one new id at once, the second is refused and the first stays whole`, async () => {
    const raw = await openWorkspace();
    const engine = serialEngine(raw);
    try {
      const first = definition('first');
      const second = definition('second');
      const outcomes = await Promise.allSettled([
        saveCampaign(engine, first, { assignment: { assignment: assignArms(IDS, first), audienceAsOf: null } }),
        saveCampaign(engine, second, { assignment: { assignment: assignArms(IDS, second), audienceAsOf: null } }),
      ]);
      assert.equal(outcomes[0].status, 'fulfilled', `the first is stored: ${String((outcomes[0] as PromiseRejectedResult).reason)}`);
      assert.equal(outcomes[1].status, 'rejected', 'the second is refused');
      const reason = (outcomes[1] as PromiseRejectedResult).reason;
      assert.ok(reason instanceof InputError && reason.code === 'campaign_exists', `campaign_exists, got ${String(reason)}`);
      const stored = await getCampaign(engine, 'voucher');
      assert.equal(stored.campaign.salt, 'first', 'the first creation is the campaign');
      assert.deepEqual(armsById(await loadAssignments(engine, 'voucher')), armsById(assignArms(IDS, first)), 'with its own assignment');
      assert.notDeepEqual(armsById(assignArms(IDS, second)), armsById(assignArms(IDS, first)), 'the two salts assign differently');
    } finally {
      await raw.close();
    }
  });
}
