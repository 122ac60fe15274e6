/**
 * Campaigns in a ClickHouse workspace (issue 16): the three tables of `CAMPAIGN_DDL` as MergeTree
 * tables partitioned by write token, written as `campaign-writes-clickhouse.ts` describes (rows under
 * a fresh token, then a new campaign row naming it; readers take the latest row and its tokens), so
 * a reader never sees a half-written campaign. Assignments and responses are sharded by customer id
 * like the transactions and snapshots, so the results join them on each shard; a campaign's rows
 * by campaign id (all of them on one shard). Rows are inserted as RowBinary (doubles bit for bit).
 */
import type { ColumnBatch } from '../engine/engine.js';
import type { ClickHouseEngine } from '../engine/clickhouse/clickhouse-engine.js';
import { tryLease } from '../engine/clickhouse/clickhouse-ingest-lease.js';
import { ensureClickHouseWorkspace } from '../engine/clickhouse/clickhouse-schema.js';
import { EngineError, InputError } from '../errors.js';
import { ARMS, type Assignment } from './assignment.js';
import type { Campaign } from './campaign-definition.js';
import {
  campaignSpec,
  CLICKHOUSE_CAMPAIGN_TABLES,
  isTombstone,
  nextRevision,
  publishRow,
  readCampaignRow,
  REVISION_EPOCH,
  tombstoneRevision,
  type ClickHouseCampaignRow,
} from './campaign-rows-clickhouse.js';
import { beginWrite, CAMPAIGN_WRITES_TABLE, checkWrite, cleanUpCampaign, dropToken } from './campaign-writes-clickhouse.js';

export { CLICKHOUSE_CAMPAIGN_TABLES };
const spec = campaignSpec;
const epochOf = (revision: number): number => Math.floor(revision / REVISION_EPOCH);
const ensured = new WeakSet<ClickHouseEngine>();

/**
 * Creates the campaign tables once per engine. Workspaces served before this layout (no partition
 * key, or one partition per campaign without write tokens) hold them in an older form: those are
 * recreated when empty, refused when they hold rows.
 * @throws EngineError `old_campaign_tables`, or when a shard refuses the DDL.
 */
export async function ensureClickHouseCampaignTables(ch: ClickHouseEngine): Promise<void> {
  if (ensured.has(ch)) return;
  const old = await ch.rows<{ name: string }>(
    "SELECT name FROM system.tables WHERE database = $1 AND partition_key <> 'version' AND name IN ('campaigns', 'campaign_assignments', 'campaign_responses')",
    [ch.localDatabase],
  );
  for (const { name } of old) {
    const [r] = await ch.rows<{ n: number }>(`SELECT count(*) AS n FROM ${name}`);
    if (Number(r!.n) > 0)
      throw new EngineError(
        'old_campaign_tables',
        `${name} in ${ch.database} has an older layout (not partitioned by write token) and holds rows; drop it and create the campaigns again`,
        { table: name },
      );
    await ch.execOnShards(`DROP TABLE IF EXISTS ${ch.database}.${name}`);
    if (ch.localDatabase !== ch.database) await ch.execOnShards(`DROP TABLE IF EXISTS ${ch.localDatabase}.${name}`);
  }
  await ensureClickHouseWorkspace(ch, [...CLICKHOUSE_CAMPAIGN_TABLES, CAMPAIGN_WRITES_TABLE]);
  ensured.add(ch);
}

/** Rows per RowBinary insert. */
const BATCH = 200_000;

/** Inserts an assignment under a token, in batches. */
async function insertAssignments(ch: ClickHouseEngine, id: string, version: string, a: Assignment): Promise<void> {
  const cols = spec('campaign_assignments').columns;
  for (let i = 0; i < a.ids.length; i += BATCH) {
    const to = Math.min(a.ids.length, i + BATCH);
    const ids = a.ids.slice(i, to);
    await ch.insertColumns('campaign_assignments', cols, {
      length: ids.length,
      f64: {},
      strings: {
        campaign_id: new Array<string>(ids.length).fill(id),
        customer_id: ids,
        arm: Array.from(a.arm.subarray(i, to), (k) => ARMS[k]!),
        version: new Array<string>(ids.length).fill(version),
      },
    });
  }
  await checkWrite(ch, id, version, 'campaign_assignments', a.ids.length);
}

/**
 * Publishes `row` as the campaign's next revision after `base` (the revision the write started
 * from), then checks that no delete came in between.
 * @throws InputError `campaign_deleted` when a delete's tombstone (`campaign-rows-clickhouse.ts`)
 *   was published after `base`: the write is not visible, and its rows are dropped.
 */
async function publish(ch: ClickHouseEngine, row: ClickHouseCampaignRow, base: number): Promise<void> {
  const revision = nextRevision(base);
  await publishRow(ch, row, revision);
  // a tombstone, or a campaign created after one, is in a later epoch than every write begun before it
  const latest = await readCampaignRow(ch, row.campaign.id);
  if (latest && epochOf(latest.revision) > epochOf(revision)) throw await deletedMeanwhile(ch, row.campaign.id);
}

/** The error of a write that a delete overtook, once its rows are dropped (published or under `version`, never published). */
async function deletedMeanwhile(ch: ClickHouseEngine, id: string, version = ''): Promise<InputError> {
  await cleanUpCampaign(ch, id);
  for (const table of ['campaign_assignments', 'campaign_responses', 'campaign_writes'] as const) await dropToken(ch, table, version);
  return new InputError(
    'campaign_deleted',
    `Campaign "${id}" was deleted by another process while this write ran; nothing of this write was kept (create the campaign again to use the id)`,
    { id },
  );
}

/**
 * Stores a campaign (with `replace`, over any earlier one of the same id), optionally with its
 * assignment, published in one step: a reader sees the earlier campaign or the new one, never a
 * part of it. A new campaign (no `replace`) is created under a lease on its id (`campaign:ID` in
 * `ingest_leases`, the rule of `clickhouse-ingest-lease.ts`): of two processes creating the same
 * new id at once, the second is refused instead of replacing the first's.
 * @returns 'exists' (nothing written) when, without `replace`, a campaign of that id exists.
 * @throws InputError `campaign_exists` when another process is creating the same id (naming it);
 *   `campaign_deleted`; EngineError `campaign_write_lost`.
 */
export async function saveClickHouseCampaign(
  ch: ClickHouseEngine,
  campaign: Campaign,
  definition: string,
  createdAt: number,
  assigned: { assignment: Assignment; at: number; audienceAsOf: string | null } | null,
  replace = false,
): Promise<'saved' | 'exists'> {
  if (replace) return writeCampaign(ch, campaign, definition, createdAt, assigned, false);
  const got = await tryLease(ch, `campaign:${campaign.id}`);
  if (!('release' in got)) {
    const o = got.held;
    throw new InputError(
      'campaign_exists',
      `A campaign with id "${campaign.id}" is being created by another process${o ? ` (${o.holder}, started ${o.startedAt}; if it has died, its lease expires at ${o.expiresAt})` : ''}; give the new one another id, or replace it once that one is stored`,
      { id: campaign.id, holder: o?.holder ?? null, startedAt: o?.startedAt ?? null, expiresAt: o?.expiresAt ?? null },
    );
  }
  try {
    return await writeCampaign(ch, campaign, definition, createdAt, assigned, true);
  } finally {
    await got.release();
  }
}

/** {@link saveClickHouseCampaign}'s write (with `mustBeNew`, under the id's lease). */
async function writeCampaign(
  ch: ClickHouseEngine,
  campaign: Campaign,
  definition: string,
  createdAt: number,
  assigned: { assignment: Assignment; at: number; audienceAsOf: string | null } | null,
  mustBeNew: boolean,
): Promise<'saved' | 'exists'> {
  const previous = await readCampaignRow(ch, campaign.id);
  if (mustBeNew && previous && !isTombstone(previous)) return 'exists';
  let assignmentVersion = '';
  if (assigned) {
    assignmentVersion = await beginWrite(ch, campaign.id);
    await insertAssignments(ch, campaign.id, assignmentVersion, assigned.assignment);
  } else await cleanUpCampaign(ch, campaign.id);
  const row = {
    campaign,
    definition,
    createdAt,
    assigned: assigned && { at: assigned.at, audienceAsOf: assigned.audienceAsOf, customers: assigned.assignment.ids.length },
    assignmentVersion,
    responsesVersion: '',
    revision: 0,
  };
  await publish(ch, row, previous?.revision ?? 0);
  return 'saved';
}

/**
 * Stores a new assignment of a stored campaign (its responses no longer apply), published in one step.
 * @returns false when there is no such campaign (nothing is written then).
 * @throws InputError `campaign_deleted` when another process deleted it meanwhile.
 */
export async function saveClickHouseAssignments(
  ch: ClickHouseEngine,
  id: string,
  a: Assignment,
  at: number,
  audienceAsOf: string | null,
): Promise<boolean> {
  const row = await readCampaignRow(ch, id);
  if (!row || isTombstone(row)) return false;
  const version = await beginWrite(ch, id);
  await insertAssignments(ch, id, version, a);
  await publish(
    ch,
    { ...row, assigned: { at, audienceAsOf, customers: a.ids.length }, assignmentVersion: version, responsesVersion: '' },
    row.revision,
  );
  return true;
}

/**
 * Stores the response rows of a stored campaign (columns campaign_id, customer_id, responded,
 * revenue, margin; NaN = NULL) under a token and publishes them with the campaign's latest row.
 * @returns false when there is no such campaign.
 * @throws InputError `campaign_deleted` when another process deleted it meanwhile.
 */
export async function saveClickHouseResponses(ch: ClickHouseEngine, id: string, rows: ColumnBatch): Promise<boolean> {
  const first = await readCampaignRow(ch, id);
  if (!first || isTombstone(first)) return false;
  const version = await beginWrite(ch, id);
  const cols = spec('campaign_responses').columns;
  for (let i = 0; i < rows.length; i += BATCH) {
    const to = Math.min(rows.length, i + BATCH);
    await ch.insertColumns('campaign_responses', cols, {
      length: to - i,
      f64: Object.fromEntries(Object.entries(rows.f64).map(([k, v]) => [k, v.subarray(i, to)])),
      strings: {
        ...Object.fromEntries(Object.entries(rows.strings).map(([k, v]) => [k, v.slice(i, to)])),
        version: new Array<string>(to - i).fill(version),
      },
    });
  }
  await checkWrite(ch, id, version, 'campaign_responses', rows.length);
  // the latest row again, read after the rows are in: a concurrent re-assignment published meanwhile
  // is kept; a delete (and a new campaign of the id) since the first read is not written over
  const row = await readCampaignRow(ch, id);
  if (!row || isTombstone(row) || epochOf(row.revision) > epochOf(first.revision)) throw await deletedMeanwhile(ch, id, version);
  await publish(ch, { ...row, responsesVersion: version }, row.revision);
  return true;
}

/**
 * Deletes a campaign: publishes a tombstone that no write begun before it can override
 * (`campaign-rows-clickhouse.ts`), then drops every earlier row, every token they published and
 * writes abandoned over a day ago (a younger one may be running: it fails with `campaign_deleted`
 * and drops its own rows). Nothing is published when there is no campaign of that id.
 */
export async function deleteClickHouseCampaign(ch: ClickHouseEngine, id: string): Promise<void> {
  const latest = await readCampaignRow(ch, id);
  if (latest && !isTombstone(latest)) {
    const tombstone = { ...latest, definition: '', assigned: null, assignmentVersion: '', responsesVersion: '' };
    await publishRow(ch, tombstone, tombstoneRevision(latest.revision));
  }
  await cleanUpCampaign(ch, id);
}
