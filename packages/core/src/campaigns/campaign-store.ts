import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Engine } from '../engine/engine.js';
import { InputError } from '../errors.js';
import { csvQuoted } from '../report/csv.js';
import type { ClickHouseEngine } from '../engine/clickhouse/clickhouse-engine.js';
import { innerEngine } from '../engine/serial-engine.js';
import { isClickHouseEngine } from '../engine/clickhouse/clickhouse-workspace.js';
import type { Campaign } from './campaign-definition.js';
import { ARMS, hashUnit, type ArmName, type Assignment } from './assignment.js';
import {
  CAMPAIGN_DDL,
  assignmentListSql,
  campaignExistsSql,
  campaignIdsSql,
  deleteAssignmentsSql,
  deleteCampaignSql,
  deleteResponsesSql,
  insertAssignmentsFromCsvSql,
  insertCampaignSql,
  markAssignedSql,
  selectCampaignSql,
} from './campaign-sql.js';
import {
  dropCampaignRows,
  ensureClickHouseCampaignTables,
  readCampaignRow,
  writeAssignments,
  writeCampaignRow,
} from './campaign-store-clickhouse.js';

export {
  campaignStatus,
  customerCampaigns,
  listCampaigns,
  type CampaignListRow,
  type CampaignStatus,
  type CustomerCampaign,
} from './campaign-list.js';

/** A stored campaign with its assignment facts. */
export interface StoredCampaign {
  campaign: Campaign;
  /** Snapshot day the audience rule was evaluated on (null for id lists or before assignment). */
  audienceAsOf: string | null;
  assignedAt: string | null;
  customers: number | null;
}

/** The ClickHouse engine under `engine`, or null on DuckDB. */
function clickhouseOf(engine: Engine): ClickHouseEngine | null {
  const base = innerEngine(engine);
  return isClickHouseEngine(base) ? base : null;
}

/** Creates the campaign tables when missing (on ClickHouse: on every shard, see `campaign-store-clickhouse.ts`). */
export async function ensureCampaignTables(engine: Engine): Promise<void> {
  const ch = clickhouseOf(engine);
  if (ch) await ensureClickHouseCampaignTables(ch);
  else await engine.exec(CAMPAIGN_DDL);
}

/** Runs `steps` in a transaction on DuckDB; ClickHouse has none, so there they run one after another. */
async function inTransaction(engine: Engine, steps: () => Promise<void>): Promise<void> {
  if (clickhouseOf(engine)) return steps();
  await engine.exec('BEGIN TRANSACTION');
  try {
    await steps();
    await engine.exec('COMMIT');
  } catch (error) {
    await engine.exec('ROLLBACK').catch(() => {});
    throw error;
  }
}

/** Removes a campaign with its assignments and responses. */
async function removeCampaign(engine: Engine, id: string): Promise<void> {
  const ch = clickhouseOf(engine);
  if (ch) await dropCampaignRows(ch, id, ['campaign_responses', 'campaign_assignments', 'campaigns']);
  else for (const sql of deleteCampaignSql()) await engine.exec(sql, [id]);
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
  const now = new Date().toISOString();
  await inTransaction(engine, async () => {
    await removeCampaign(engine, campaign.id);
    const ch = clickhouseOf(engine);
    if (ch)
      await writeCampaignRow(ch, {
        campaign,
        definition: definitionJson(campaign),
        createdAt: Math.floor(Date.parse(now) / 1000),
        assigned: null,
      });
    else
      await engine.exec(insertCampaignSql(engine.dialect, campaign, now), [
        campaign.id,
        campaign.name,
        definitionJson(campaign),
        campaign.salt,
      ]);
  });
}

/**
 * Deletes a campaign with its assignments and responses (nothing happens when it does not exist).
 * @example
 * await deleteCampaign(engine, 'spring-voucher');
 */
export async function deleteCampaign(engine: Engine, id: string): Promise<void> {
  await ensureCampaignTables(engine);
  await inTransaction(engine, () => removeCampaign(engine, id));
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
  }>(selectCampaignSql(engine.dialect), [id]);
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
    customers: r.customers === null ? null : Number(r.customers),
  };
}

/** Stores an assignment (replacing the campaign's earlier one) and marks the campaign assigned. */
export async function saveAssignments(engine: Engine, campaignId: string, a: Assignment, audienceAsOf: string | null): Promise<void> {
  await ensureCampaignTables(engine);
  const assignedAt = new Date().toISOString();
  const ch = clickhouseOf(engine);
  if (ch) {
    const row = await readCampaignRow(ch, campaignId);
    if (!row) throw new InputError('campaign_not_found', `No campaign "${campaignId}" to assign`, { id: campaignId });
    await writeAssignments(ch, campaignId, a);
    const campaign = JSON.parse(row.definition) as Campaign;
    await writeCampaignRow(ch, { ...row, campaign, assigned: { at: assignedAt, audienceAsOf, customers: a.ids.length } });
    return;
  }
  await inTransaction(engine, async () => {
    await engine.exec(deleteResponsesSql(), [campaignId]);
    await engine.exec(deleteAssignmentsSql(), [campaignId]);
    await stageAssignmentsCsv(a, (path) => engine.exec(insertAssignmentsFromCsvSql(campaignId, path)));
    await engine.exec(markAssignedSql(engine.dialect, assignedAt, audienceAsOf), [campaignId, a.ids.length]);
  });
}

/** Writes an assignment as a CSV file (customer_id, arm) in a private temporary directory for `load`, then removes it. */
async function stageAssignmentsCsv(a: Assignment, load: (path: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'cvm-assign-'));
  try {
    const path = join(dir, 'assignments.csv');
    // written in chunks of 50,000 lines: no single string of the whole file
    const fd = openSync(path, 'w');
    try {
      let chunk = 'customer_id,arm\n';
      for (let i = 0; i < a.ids.length; i++) {
        const id = a.ids[i]!;
        chunk += `${/[",\r\n]/.test(id) || id.trim() !== id || id === '' ? csvQuoted(id) : id},${ARMS[a.arm[i]!]}\n`;
        if (i % 50_000 === 49_999) {
          writeSync(fd, chunk);
          chunk = '';
        }
      }
      writeSync(fd, chunk);
    } finally {
      closeSync(fd);
    }
    await load(path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
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
