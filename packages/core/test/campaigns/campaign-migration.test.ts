// A DuckDB workspace whose campaign tables were written before write tokens (issue 16) gains the
// token columns on first use: its campaign, assignment and response file read as before (their
// '' tokens match), and the next assignment replaces them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCampaign } from '../../src/campaigns/campaign-definition.js';
import { assignArms } from '../../src/campaigns/assignment.js';
import {
  customerCampaigns,
  getCampaign,
  listCampaigns,
  loadAssignments,
  readCampaign,
  saveAssignments,
} from '../../src/campaigns/campaign-store.js';
import { responseRowsSql } from '../../src/campaigns/campaign-sql.js';
import { createDuckDbEngine } from '../../src/engine/duckdb/duckdb-engine.js';
import { ensureWorkspace } from '../../src/transactions/ingest.js';

/** The campaign tables as an older workspace holds them. */
const OLD_DDL = `CREATE TABLE campaigns (campaign_id VARCHAR NOT NULL, name VARCHAR NOT NULL, definition VARCHAR NOT NULL,
  send_date DATE NOT NULL, window_days INTEGER NOT NULL, window_end DATE NOT NULL, control_share DOUBLE NOT NULL,
  holdout_share DOUBLE NOT NULL, salt VARCHAR NOT NULL, created_at TIMESTAMP NOT NULL, assigned_at TIMESTAMP, audience_as_of DATE, customers BIGINT);
CREATE TABLE campaign_assignments (campaign_id VARCHAR NOT NULL, customer_id VARCHAR NOT NULL, arm VARCHAR NOT NULL);
CREATE TABLE campaign_responses (campaign_id VARCHAR NOT NULL, customer_id VARCHAR NOT NULL, responded DOUBLE NOT NULL, revenue DOUBLE, margin DOUBLE);`;

test('an older DuckDB workspace: campaign tables without write tokens gain them and read as before', async () => {
  const engine = createDuckDbEngine();
  try {
    await ensureWorkspace(engine);
    await engine.exec(OLD_DDL);
    const c = parseCampaign(
      'name: Old one\ntarget: {ids: ["a", "b", "c"]}\naction: mail\nsend_date: 2024-03-01\nresponse_window_days: 30\ncontrol_share: 0.5\nsalt: old\n',
    );
    await engine.exec(
      `INSERT INTO campaigns VALUES ($1, $2, $3, DATE '2024-03-01', 30, DATE '2024-03-31', 0.5, 0, 'old', TIMESTAMP '2024-02-01 10:00:00', TIMESTAMP '2024-02-01 10:01:00', NULL, 3)`,
      [c.id, c.name, JSON.stringify(c)],
    );
    await engine.exec(
      `INSERT INTO campaign_assignments VALUES ('old-one', 'a', 'target'), ('old-one', 'b', 'control'), ('old-one', 'c', 'target')`,
    );
    await engine.exec(`INSERT INTO campaign_responses VALUES ('old-one', 'a', 1, 5, NULL)`);

    assert.equal((await getCampaign(engine, 'old-one')).customers, 3);
    const a = await loadAssignments(engine, 'old-one');
    assert.deepEqual([a.ids, a.counts], [['b', 'a', 'c'], { target: 2, control: 1, holdout: 0 }]);
    assert.deepEqual(
      (await listCampaigns(engine)).map((r) => [r.id, r.customers]),
      [['old-one', 3]],
    );
    assert.deepEqual(
      (await customerCampaigns(engine, 'b')).map((r) => [r.id, r.arm]),
      [['old-one', 'control']],
    );
    const { versions } = await readCampaign(engine, 'old-one');
    const [{ n }] = (await engine.rows<{ n: number }>(responseRowsSql(), [versions.id, versions.responses])) as [{ n: number }];
    assert.equal(Number(n), 1, 'the response file still belongs to the campaign');

    await saveAssignments(engine, 'old-one', assignArms(['a', 'b'], c), null);
    assert.deepEqual((await loadAssignments(engine, 'old-one')).ids.length, 2);
    const after = await readCampaign(engine, 'old-one');
    assert.notEqual(after.versions.assignments, '');
    assert.equal(after.versions.responses, '', 'a new assignment drops the responses');
  } finally {
    await engine.close();
  }
});
