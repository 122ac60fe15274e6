import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Engine } from '../engine/engine.js';
import { InputError } from '../errors.js';
import { csvQuoted } from '../report/csv.js';
import type { ClickHouseEngine } from '../engine/clickhouse/clickhouse-engine.js';
import { innerEngine, inTransaction } from '../engine/serial-engine.js';
import { isClickHouseEngine } from '../engine/clickhouse/clickhouse-workspace.js';
import type { Campaign } from './campaign-definition.js';
import { ARMS, hashUnit, type ArmName, type Assignment } from './assignment.js';
import {
  CAMPAIGN_DDL,
  assignmentListSql,
  campaignColumnMigrationsSql,
  campaignColumnsSql,
  campaignExistsSql,
  campaignIdsSql,
  deleteAssignmentsSql,
  deleteCampaignSql,
  deleteResponsesSql,
  insertAssignmentsFromCsvSql,
  insertCampaignSql,
  markAssignedSql,
  selectCampaignSql,
  type CampaignVersions,
} from './campaign-sql.js';
import { writeToken } from './campaign-token.js';
import {
  deleteClickHouseCampaign,
  ensureClickHouseCampaignTables,
  saveClickHouseAssignments,
  saveClickHouseCampaign,
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

/**
 * Creates the campaign tables when missing (on ClickHouse: on every shard, see
 * `campaign-store-clickhouse.ts`); an older DuckDB workspace gains the write-token columns.
 */
export async function ensureCampaignTables(engine: Engine): Promise<void> {
  const ch = clickhouseOf(engine);
  if (ch) return ensureClickHouseCampaignTables(ch);
  await engine.exec(CAMPAIGN_DDL);
  const present = await engine.rows<{ table_name: string; column_name: string }>(campaignColumnsSql());
  for (const sql of campaignColumnMigrationsSql(new Set(present.map((r) => `${r.table_name}.${r.column_name}`)))) await engine.exec(sql);
}

/** Removes a campaign with its assignments and responses (DuckDB, inside a transaction). */
async function removeCampaign(engine: Engine, id: string): Promise<void> {
  for (const sql of deleteCampaignSql()) await engine.exec(sql, [id]);
}

/** The definition as stored: an id list is kept as its size only (the ids are the assignments). */
function definitionJson(c: Campaign): string {
  const target = c.target.kind === 'ids' ? { kind: 'ids', ids: [], source: c.target.source, count: c.target.ids.length } : c.target;
  return JSON.stringify({ ...c, target });
}

/**
 * Refuses a campaign id in use (unless `replace`).
 * @throws InputError `campaign_exists`.
 */
export async function checkCampaignIsNew(engine: Engine, id: string, replace = false): Promise<void> {
  await ensureCampaignTables(engine);
  const existing = await engine.rows<{ n: number }>(campaignExistsSql(), [id]);
  if (Number(existing[0]?.n ?? 0) > 0 && !replace) throw campaignExists(id);
}

const campaignExists = (id: string): InputError =>
  new InputError(
    'campaign_exists',
    `A campaign with id "${id}" exists already; give the new one another name or id, or replace it (its assignments are deleted)`,
    { id },
  );

/** What {@link saveCampaign} may store with the definition: an assignment and the snapshot day of its audience. */
export interface InitialAssignment {
  assignment: Assignment;
  audienceAsOf: string | null;
}

/**
 * Stores a campaign definition, with its assignment when given, in one step: on DuckDB in a
 * transaction, on ClickHouse by publishing one campaign row once the assignment's rows are all in
 * (see `campaign-writes-clickhouse.ts`), so a reader sees the earlier campaign or the new one, never
 * a part of it. An existing campaign with the same id is an error unless `replace`, which also
 * removes its assignments and responses.
 * On ClickHouse a new id is created under a lease, so that of two processes creating it at once the
 * second gets `campaign_exists` as it would on DuckDB (whose file lock keeps other processes out;
 * within one process the id is checked again inside the transaction, which a serial engine runs whole).
 * @throws InputError `campaign_exists`, `campaign_deleted` (ClickHouse: deleted by another process
 *   meanwhile); EngineError `campaign_write_lost` (ClickHouse: rows missing, nothing published).
 */
export async function saveCampaign(
  engine: Engine,
  campaign: Campaign,
  options: { replace?: boolean; assignment?: InitialAssignment } = {},
): Promise<void> {
  await checkCampaignIsNew(engine, campaign.id, options.replace);
  const now = new Date().toISOString();
  const a = options.assignment;
  const ch = clickhouseOf(engine);
  if (ch) {
    const assigned = a ? { assignment: a.assignment, at: seconds(now), audienceAsOf: a.audienceAsOf } : null;
    // a new id is checked again under its lease there: another process may have created it since the check above
    if ((await saveClickHouseCampaign(ch, campaign, definitionJson(campaign), seconds(now), assigned, options.replace)) === 'exists')
      throw campaignExists(campaign.id);
    return;
  }
  await inTransaction(engine, async (tx) => {
    // again inside the transaction: another caller on this engine may have stored the id since the check above
    await checkCampaignIsNew(tx, campaign.id, options.replace);
    await removeCampaign(tx, campaign.id);
    await tx.exec(insertCampaignSql(tx.dialect, campaign, now), [
      campaign.id,
      campaign.name,
      definitionJson(campaign),
      campaign.salt,
      writeToken(),
    ]);
    if (a) await assignInDuckDb(tx, campaign.id, a.assignment, now, a.audienceAsOf);
  });
}

const seconds = (iso: string): number => Math.floor(Date.parse(iso) / 1000);

/**
 * Deletes a campaign with its assignments and responses (nothing happens when it does not exist).
 * @example
 * await deleteCampaign(engine, 'spring-voucher');
 */
export async function deleteCampaign(engine: Engine, id: string): Promise<void> {
  await ensureCampaignTables(engine);
  const ch = clickhouseOf(engine);
  if (ch) await deleteClickHouseCampaign(ch, id);
  else await inTransaction(engine, (tx) => removeCampaign(tx, id));
}

/**
 * Reads a stored campaign with the write tokens its readers take rows of ({@link CampaignVersions}).
 * @throws InputError `campaign_not_found` naming the campaigns that exist.
 */
export async function readCampaign(engine: Engine, id: string): Promise<{ stored: StoredCampaign; versions: CampaignVersions }> {
  await ensureCampaignTables(engine);
  const [r] = await engine.rows<{
    definition: string;
    audience_as_of: string | null;
    assigned_at: string | null;
    customers: number | null;
    assignment_version: string | null;
    responses_version: string | null;
  }>(selectCampaignSql(engine.dialect), [id]);
  // on ClickHouse a deleted campaign's latest row is a tombstone (empty definition)
  if (!r || r.definition === '') {
    const all = await engine.rows<{ campaign_id: string; deleted: number }>(campaignIdsSql());
    const ids = all
      .filter((x, i) => (i === 0 || all[i - 1]!.campaign_id !== x.campaign_id) && !Number(x.deleted))
      .map((x) => x.campaign_id);
    throw new InputError(
      'campaign_not_found',
      `No campaign "${id}" in this workspace; ${ids.length ? `campaigns: ${ids.join(', ')}` : 'none is defined yet'}`,
      { id, campaigns: ids },
    );
  }
  const stored = {
    campaign: JSON.parse(r.definition) as Campaign,
    audienceAsOf: r.audience_as_of,
    assignedAt: r.assigned_at,
    customers: r.customers === null ? null : Number(r.customers),
  };
  return { stored, versions: { id, assignments: r.assignment_version ?? '', responses: r.responses_version ?? '' } };
}

/**
 * Reads a stored campaign.
 * @throws InputError `campaign_not_found` naming the campaigns that exist.
 */
export async function getCampaign(engine: Engine, id: string): Promise<StoredCampaign> {
  return (await readCampaign(engine, id)).stored;
}

/**
 * Stores an assignment (replacing the campaign's earlier one and its responses) and marks the
 * campaign assigned, in one step (see {@link saveCampaign}).
 * @throws InputError `campaign_not_found`; EngineError `campaign_write_lost` (ClickHouse).
 */
export async function saveAssignments(engine: Engine, campaignId: string, a: Assignment, audienceAsOf: string | null): Promise<void> {
  await ensureCampaignTables(engine);
  const assignedAt = new Date().toISOString();
  const ch = clickhouseOf(engine);
  if (ch) {
    if (!(await saveClickHouseAssignments(ch, campaignId, a, seconds(assignedAt), audienceAsOf)))
      throw new InputError('campaign_not_found', `No campaign "${campaignId}" to assign`, { id: campaignId });
    return;
  }
  await inTransaction(engine, (tx) => assignInDuckDb(tx, campaignId, a, assignedAt, audienceAsOf));
}

/** Replaces a campaign's assignment and drops its responses in a DuckDB transaction. */
async function assignInDuckDb(
  tx: Engine,
  campaignId: string,
  a: Assignment,
  assignedAt: string,
  audienceAsOf: string | null,
): Promise<void> {
  const version = writeToken();
  await tx.exec(deleteResponsesSql(), [campaignId]);
  await tx.exec(deleteAssignmentsSql(), [campaignId]);
  await stageAssignmentsCsv(a, (path) => tx.exec(insertAssignmentsFromCsvSql(campaignId, version, path)));
  await tx.exec(markAssignedSql(tx.dialect, assignedAt, audienceAsOf), [campaignId, a.ids.length, version]);
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
  const { stored, versions } = await readCampaign(engine, campaignId);
  const campaign = stored.campaign;
  const b = await engine.columns(assignmentListSql(), { customer_id: 'string', arm: 'string' }, [campaignId, versions.assignments]);
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
