import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Engine } from '../engine/engine.js';
import { InputError } from '../errors.js';
import { ensureSnapshot } from '../segments/ensure-snapshot.js';
import { compileAudienceRule } from './audience-rule.js';
import { addDays, type Campaign } from './campaign-definition.js';
import { ARMS, assignArms, type ArmName, type Assignment } from './assignment.js';
import {
  AUDIENCE_COLUMNS, CAMPAIGN_DDL, assignmentListSql, audienceSql, campaignExistsSql, campaignIdsSql, dataEndSql, deleteAssignmentsSql, deleteCampaignSql, deleteResponsesSql, insertAssignmentsFromCsvSql, insertAssignmentsSql,
  insertCampaignSql, listCampaignsSql, markAssignedSql, selectCampaignSql,
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

/** Creates the campaign tables when missing. */
export async function ensureCampaignTables(engine: Engine): Promise<void> {
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
    throw new InputError('campaign_exists', `A campaign with id "${campaign.id}" exists already; give the new one another name or id, or replace it (its assignments are deleted)`, { id: campaign.id });
  }
  await engine.exec('BEGIN TRANSACTION');
  try {
    for (const sql of deleteCampaignSql()) await engine.exec(sql, [campaign.id]);
    await engine.exec(insertCampaignSql(engine.dialect, campaign, new Date().toISOString()), [campaign.id, campaign.name, definitionJson(campaign), campaign.salt]);
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
  const [r] = await engine.rows<{ definition: string; audience_as_of: string | null; assigned_at: string | null; customers: number | null }>(selectCampaignSql(), [id]);
  if (!r) {
    const ids = (await engine.rows<{ campaign_id: string }>(campaignIdsSql())).map((x) => x.campaign_id);
    throw new InputError('campaign_not_found', `No campaign "${id}" in this workspace; ${ids.length ? `campaigns: ${ids.join(', ')}` : 'none is defined yet'}`, { id, campaigns: ids });
  }
  return { campaign: JSON.parse(r.definition) as Campaign, audienceAsOf: r.audience_as_of, assignedAt: r.assigned_at, customers: r.customers };
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
  const rows = await engine.rows<{ campaign_id: string; name: string; send_date: string; window_days: number; window_end: string; control_share: number; holdout_share: number; assigned_at: string | null; customers: number | null; data_end: string | null }>(listCampaignsSql());
  return rows.map((r) => ({
    id: r.campaign_id, name: r.name, sendDate: r.send_date, windowDays: r.window_days, windowEnd: r.window_end, controlShare: r.control_share,
    holdoutShare: r.holdout_share, customers: r.customers, dataEnd: r.data_end,
    status: campaignStatus({ sendDate: r.send_date, windowEnd: r.window_end }, r.assigned_at !== null, r.data_end),
  }));
}

/** The audience of a campaign and where it came from. */
export interface Audience {
  ids: string[];
  /** Snapshot day of the rule (null for an id list). */
  asOf: string | null;
  source: string;
}

/**
 * Evaluates a campaign's target. A rule runs over the segment snapshot as of `asOf` (default: the
 * day before the send date, or the last day of data when that is earlier): the data as known when
 * the campaign is sent; the snapshot is computed and stored when missing or stale. An id list is
 * taken as given.
 * @throws InputError `empty_audience` when no customer matches; errors of the rule compiler.
 */
export async function selectAudience(engine: Engine, campaign: Campaign, options: { asOf?: string } = {}): Promise<Audience> {
  if (campaign.target.kind === 'ids') {
    if (campaign.target.ids.length === 0) throw new InputError('empty_audience', `Campaign "${campaign.id}" targets an empty id list`, { id: campaign.id });
    return { ids: campaign.target.ids, asOf: null, source: campaign.target.source };
  }
  const [end] = await engine.rows<{ data_end: string | null }>(dataEndSql());
  if (!end?.data_end) throw new InputError('empty_log', 'The workspace has no transactions: an audience rule needs scored customers (ingest a log first) or use an id list', {});
  const dayBefore = addDays(campaign.sendDate, -1);
  const asOf = options.asOf ?? (end.data_end < dayBefore ? end.data_end : dayBefore);
  await ensureSnapshot(engine, asOf);
  const where = compileAudienceRule(campaign.target.conditions, AUDIENCE_COLUMNS);
  const ids = (await engine.columns(audienceSql(engine.dialect, asOf, where.sql), { customer_id: 'string' }, where.params)).strings.customer_id!;
  if (ids.length === 0) throw new InputError('empty_audience', `No customer matches the rule "${campaign.target.rule}" in the snapshot as of ${asOf}`, { id: campaign.id, rule: campaign.target.rule, asOf });
  return { ids, asOf, source: `rule "${campaign.target.rule}" on the segment snapshot as of ${asOf}` };
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
        const parts = ['customer_id,arm,u'];
        for (let i = 0; i < a.ids.length; i++) parts.push(`"${a.ids[i]!.replaceAll('"', '""')}",${ARMS[a.arm[i]!]},${a.u[i]}`);
        writeFileSync(path, parts.join('\n') + '\n');
        await engine.exec(insertAssignmentsFromCsvSql(campaignId, path));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    } else {
      for (let i = 0; i < a.ids.length; i += BATCH) {
        const rows: [string, string, number][] = [];
        for (let j = i; j < Math.min(i + BATCH, a.ids.length); j++) rows.push([a.ids[j]!, ARMS[a.arm[j]!], a.u[j]!]);
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

/** What {@link createCampaign} did. */
export interface CreatedCampaign {
  campaign: Campaign;
  audience: Audience;
  assignment: Assignment;
}

/**
 * Defines a campaign in the workspace and assigns its audience: stores the definition, evaluates
 * the target (see {@link selectAudience}), assigns by hashing (see `assignArms`) and stores the
 * assignment.
 * @throws InputError `campaign_exists` (without `replace`), `empty_audience`, rule errors.
 * @example
 * const { assignment } = await createCampaign(engine, await loadCampaign('winback.yaml'));
 * assignment.counts; // => { target: 8_912, control: 988, holdout: 0 }
 */
export async function createCampaign(engine: Engine, campaign: Campaign, options: { replace?: boolean; asOf?: string } = {}): Promise<CreatedCampaign> {
  await saveCampaign(engine, campaign, options);
  const audience = await selectAudience(engine, campaign, options);
  const assignment = assignArms(audience.ids, campaign);
  await saveAssignments(engine, campaign.id, assignment, audience.asOf);
  return { campaign, audience, assignment };
}

/**
 * A stored assignment read back (customers by arm, then id), e.g. for the target and control lists
 * (`assignmentListTable`).
 * @throws InputError `campaign_not_found`, `not_assigned`.
 */
export async function loadAssignments(engine: Engine, campaignId: string): Promise<Assignment> {
  const { campaign } = await getCampaign(engine, campaignId);
  const b = await engine.columns(assignmentListSql(), { customer_id: 'string', arm: 'string', u: 'f64' }, [campaignId]);
  if (b.length === 0) throw new InputError('not_assigned', `Campaign "${campaignId}" has no assigned customers yet`, { id: campaignId });
  const arm = Uint8Array.from(b.strings.arm!, (a) => ARMS.indexOf(a as ArmName));
  const counts = { target: 0, control: 0, holdout: 0 };
  for (const a of arm) counts[ARMS[a]!]++;
  const h = campaign.holdoutShare;
  return { ids: b.strings.customer_id!, arm, u: b.f64.u!, counts, planned: [(1 - h) * (1 - campaign.controlShare), (1 - h) * campaign.controlShare, h], duplicates: 0 };
}
