import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Engine } from '../engine/engine.js';
import { InputError } from '../errors.js';
import { innerEngine } from '../engine/serial-engine.js';
import { isClickHouseEngine } from '../engine/clickhouse/clickhouse-workspace.js';
import { specsFromDuckDbDdl } from '../engine/clickhouse/clickhouse-ddl.js';
import { ensureWorkspaceTable } from '../engine/workspace-table.js';
import { addDays, type Campaign } from './campaign-definition.js';
import { ARMS, hashUnit, type ArmName, type Assignment } from './assignment.js';
import {
  CAMPAIGN_DDL,
  assignmentListSql,
  customerCampaignsSql,
  campaignExistsSql,
  campaignIdsSql,
  deleteAssignmentsSql,
  deleteCampaignSql,
  deleteResponsesSql,
  insertAssignmentsFromCsvSql,
  insertAssignmentsSql,
  insertCampaignSql,
  listCampaignsSql,
  markAssignedSql,
  selectCampaignSql,
} from './campaign-sql.js';

/** Rows per INSERT statement for engines without a CSV reader. */
const BATCH = 2000;

/** Where a campaign stands relative to the data in the workspace (not the wall clock). */
export type CampaignStatus = 'defined' | 'assigned' | 'in window' | 'complete';

/** A stored campaign with its assignment facts. */
export interface StoredCampaign {
  campaign: Campaign;
  /** Snapshot day the audience rule was evaluated on (null for id lists or before assignment). */
  audienceAsOf: string | null;
  assignedAt: string | null;
  customers: number | null;
}

/** One row of {@link listCampaigns}. */
export interface CampaignListRow {
  id: string;
  name: string;
  sendDate: string;
  windowDays: number;
  windowEnd: string;
  controlShare: number;
  holdoutShare: number;
  customers: number | null;
  status: CampaignStatus;
  dataEnd: string | null;
}

/** Sharding of the campaign tables on ClickHouse: per-customer rows by customer id. */
const CAMPAIGN_SHARD_KEYS = {
  campaigns: 'cityHash64(campaign_id)',
  campaign_assignments: 'cityHash64(customer_id)',
  campaign_responses: 'cityHash64(customer_id)',
};

/** Creates the campaign tables when missing. */
export async function ensureCampaignTables(engine: Engine): Promise<void> {
  const base = innerEngine(engine);
  if (isClickHouseEngine(base)) {
    // issue 16: created empty on every shard, so the pages that list campaigns answer; storing campaigns there is not done yet
    for (const spec of specsFromDuckDbDdl(CAMPAIGN_DDL, CAMPAIGN_SHARD_KEYS)) await ensureWorkspaceTable(base, '', spec);
    return;
  }
  await engine.exec(CAMPAIGN_DDL);
}

/** The definition as stored: an id list is kept as its size only (the ids are the assignments). */
function definitionJson(c: Campaign): string {
  const target = c.target.kind === 'ids' ? { kind: 'ids', ids: [], source: c.target.source, count: c.target.ids.length } : c.target;
  return JSON.stringify({ ...c, target });
}

/**
 * Stores a campaign definition. An existing campaign with the same id is an error unless `replace`,
 * which also removes its assignments and responses.
 * @throws InputError `campaign_exists`.
 */
export async function saveCampaign(engine: Engine, campaign: Campaign, options: { replace?: boolean } = {}): Promise<void> {
  await ensureCampaignTables(engine);
  const existing = await engine.rows<{ n: number }>(campaignExistsSql(), [campaign.id]);
  if ((existing[0]?.n ?? 0) > 0 && !options.replace) {
    throw new InputError(
      'campaign_exists',
      `A campaign with id "${campaign.id}" exists already; give the new one another name or id, or replace it (its assignments are deleted)`,
      { id: campaign.id },
    );
  }
  await engine.exec('BEGIN TRANSACTION');
  try {
    for (const sql of deleteCampaignSql()) await engine.exec(sql, [campaign.id]);
    await engine.exec(insertCampaignSql(engine.dialect, campaign, new Date().toISOString()), [
      campaign.id,
      campaign.name,
      definitionJson(campaign),
      campaign.salt,
    ]);
    await engine.exec('COMMIT');
  } catch (error) {
    await engine.exec('ROLLBACK').catch(() => {});
    throw error;
  }
}

/**
 * Deletes a campaign with its assignments and responses (nothing happens when it does not exist).
 * @example
 * await deleteCampaign(engine, 'spring-voucher');
 */
export async function deleteCampaign(engine: Engine, id: string): Promise<void> {
  await ensureCampaignTables(engine);
  await engine.exec('BEGIN TRANSACTION');
  try {
    for (const sql of deleteCampaignSql()) await engine.exec(sql, [id]);
    await engine.exec('COMMIT');
  } catch (error) {
    await engine.exec('ROLLBACK').catch(() => {});
    throw error;
  }
}

/**
 * Reads a stored campaign.
 * @throws InputError `campaign_not_found` naming the campaigns that exist.
 */
export async function getCampaign(engine: Engine, id: string): Promise<StoredCampaign> {
  await ensureCampaignTables(engine);
  const [r] = await engine.rows<{
    definition: string;
    audience_as_of: string | null;
    assigned_at: string | null;
    customers: number | null;
  }>(selectCampaignSql(), [id]);
  if (!r) {
    const ids = (await engine.rows<{ campaign_id: string }>(campaignIdsSql())).map((x) => x.campaign_id);
    throw new InputError(
      'campaign_not_found',
      `No campaign "${id}" in this workspace; ${ids.length ? `campaigns: ${ids.join(', ')}` : 'none is defined yet'}`,
      { id, campaigns: ids },
    );
  }
  return {
    campaign: JSON.parse(r.definition) as Campaign,
    audienceAsOf: r.audience_as_of,
    assignedAt: r.assigned_at,
    customers: r.customers,
  };
}

/** The status of a campaign given the last day of data. */
export function campaignStatus(c: { sendDate: string; windowEnd: string }, assigned: boolean, dataEnd: string | null): CampaignStatus {
  if (!assigned) return 'defined';
  if (dataEnd === null || dataEnd < c.sendDate) return 'assigned';
  return dataEnd >= addDays(c.windowEnd, -1) ? 'complete' : 'in window';
}

/**
 * Every stored campaign with its status: `defined` (no assignment yet), `assigned` (the data do not
 * reach the send date), `in window` (the data end inside the response window: results are
 * provisional), `complete` (the data cover the whole window).
 */
export async function listCampaigns(engine: Engine): Promise<CampaignListRow[]> {
  await ensureCampaignTables(engine);
  const rows = await engine.rows<{
    campaign_id: string;
    name: string;
    send_date: string;
    window_days: number;
    window_end: string;
    control_share: number;
    holdout_share: number;
    assigned_at: string | null;
    customers: number | null;
    data_end: string | null;
  }>(listCampaignsSql());
  return rows.map((r) => ({
    id: r.campaign_id,
    name: r.name,
    sendDate: r.send_date,
    windowDays: r.window_days,
    windowEnd: r.window_end,
    controlShare: r.control_share,
    holdoutShare: r.holdout_share,
    customers: r.customers,
    dataEnd: r.data_end,
    status: campaignStatus({ sendDate: r.send_date, windowEnd: r.window_end }, r.assigned_at !== null, r.data_end),
  }));
}

/** Stores an assignment (replacing the campaign's earlier one) and marks the campaign assigned. */
export async function saveAssignments(engine: Engine, campaignId: string, a: Assignment, audienceAsOf: string | null): Promise<void> {
  await ensureCampaignTables(engine);
  await engine.exec('BEGIN TRANSACTION');
  try {
    await engine.exec(deleteResponsesSql(), [campaignId]);
    await engine.exec(deleteAssignmentsSql(), [campaignId]);
    if (engine.dialect.name === 'duckdb') {
      const dir = mkdtempSync(join(tmpdir(), 'cvm-assign-'));
      try {
        const path = join(dir, 'assignments.csv');
        // written in chunks of 50,000 lines: no single string of the whole file
        const fd = openSync(path, 'w');
        try {
          let chunk = 'customer_id,arm\n';
          for (let i = 0; i < a.ids.length; i++) {
            const id = a.ids[i]!;
            chunk += `${/[",\r\n]/.test(id) || id.trim() !== id || id === '' ? `"${id.replaceAll('"', '""')}"` : id},${ARMS[a.arm[i]!]}\n`;
            if (i % 50_000 === 49_999) {
              writeSync(fd, chunk);
              chunk = '';
            }
          }
          writeSync(fd, chunk);
        } finally {
          closeSync(fd);
        }
        await engine.exec(insertAssignmentsFromCsvSql(campaignId, path));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    } else {
      for (let i = 0; i < a.ids.length; i += BATCH) {
        const rows: [string, string][] = [];
        for (let j = i; j < Math.min(i + BATCH, a.ids.length); j++) rows.push([a.ids[j]!, ARMS[a.arm[j]!]]);
        await engine.exec(insertAssignmentsSql(campaignId, rows));
      }
    }
    await engine.exec(markAssignedSql(engine.dialect, new Date().toISOString(), audienceAsOf), [campaignId, a.ids.length]);
    await engine.exec('COMMIT');
  } catch (error) {
    await engine.exec('ROLLBACK').catch(() => {});
    throw error;
  }
}

/**
 * A stored assignment read back (customers by arm, then id; the hash numbers recomputed from the
 * salt), e.g. for the target and control lists (`assignmentListTable`).
 * @throws InputError `campaign_not_found`, `not_assigned`.
 */
export async function loadAssignments(engine: Engine, campaignId: string): Promise<Assignment> {
  const { campaign } = await getCampaign(engine, campaignId);
  const b = await engine.columns(assignmentListSql(), { customer_id: 'string', arm: 'string' }, [campaignId]);
  if (b.length === 0) throw new InputError('not_assigned', `Campaign "${campaignId}" has no assigned customers yet`, { id: campaignId });
  const arm = Uint8Array.from(b.strings.arm!, (a) => ARMS.indexOf(a as ArmName));
  const counts = { target: 0, control: 0, holdout: 0 };
  for (const a of arm) counts[ARMS[a]!]++;
  const h = campaign.holdoutShare;
  const ids = b.strings.customer_id!;
  return {
    ids,
    arm,
    u: Float64Array.from(ids, (id, i) => (arm[i] === 2 ? NaN : hashUnit(campaign.salt, id))),
    counts,
    planned: [(1 - h) * (1 - campaign.controlShare), (1 - h) * campaign.controlShare, h],
    duplicates: 0,
  };
}

/** One campaign a customer was in. */
export interface CustomerCampaign {
  id: string;
  name: string;
  sendDate: string;
  windowEnd: string;
  arm: ArmName;
}

/**
 * The campaigns a customer was assigned in and the arm (target, control or the global holdout), by
 * send date: for the customer drill-down.
 * @example
 * await customerCampaigns(engine, '42'); // => [{ id: 'spring-voucher', arm: 'control', … }]
 */
export async function customerCampaigns(engine: Engine, customerId: string): Promise<CustomerCampaign[]> {
  await ensureCampaignTables(engine);
  const rows = await engine.rows<{ campaign_id: string; name: string; send_date: string; window_end: string; arm: ArmName }>(
    customerCampaignsSql(),
    [customerId],
  );
  return rows.map((r) => ({ id: r.campaign_id, name: r.name, sendDate: r.send_date, windowEnd: r.window_end, arm: r.arm }));
}
