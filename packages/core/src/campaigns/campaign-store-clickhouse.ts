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
import { specsFromDuckDbDdl } from '../engine/clickhouse/clickhouse-ddl.js';
import { ensureClickHouseWorkspace, type ClickHouseTableSpec } from '../engine/clickhouse/clickhouse-schema.js';
import { EngineError } from '../errors.js';
import { ARMS, type Assignment } from './assignment.js';
import type { Campaign } from './campaign-definition.js';
import { CAMPAIGN_DDL } from './campaign-sql.js';
import { writeToken } from './campaign-token.js';
import { beginWrite, CAMPAIGN_WRITES_TABLE, checkWrite, cleanUpCampaign } from './campaign-writes-clickhouse.js';

/** The campaign tables in ClickHouse types, read off the DuckDB DDL, partitioned by write token. */
export const CLICKHOUSE_CAMPAIGN_TABLES: readonly ClickHouseTableSpec[] = specsFromDuckDbDdl(CAMPAIGN_DDL, {
  campaigns: 'cityHash64(campaign_id)',
  campaign_assignments: 'cityHash64(customer_id)',
  campaign_responses: 'cityHash64(customer_id)',
}).map((t) => ({ ...t, orderBy: t.name === 'campaigns' ? 'campaign_id' : '(campaign_id, customer_id)', partitionBy: 'version' }));

const spec = (name: string): ClickHouseTableSpec => CLICKHOUSE_CAMPAIGN_TABLES.find((t) => t.name === name)!;
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

const day = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

/** A campaign row as stored: the definition JSON, the columns SQL reads, and the tokens it owns. */
export interface ClickHouseCampaignRow {
  campaign: Pick<Campaign, 'id' | 'name' | 'sendDate' | 'windowDays' | 'windowEnd' | 'controlShare' | 'holdoutShare' | 'salt'>;
  definition: string;
  /** Creation time, seconds since 1970 (DateTime). */
  createdAt: number;
  /** Assignment time in seconds since 1970, the audience's snapshot day, customers (null: not assigned). */
  assigned: { at: number; audienceAsOf: string | null; customers: number } | null;
  /** Tokens of the assignment and the responses ('' = none). */
  assignmentVersion: string;
  responsesVersion: string;
  /** Order of publication (the latest row is the campaign). */
  revision: number;
}

/** Publishes a campaign row (a new revision, after `row.revision`): from now on readers see it and its tokens. */
async function publish(ch: ClickHouseEngine, row: ClickHouseCampaignRow): Promise<void> {
  const c = row.campaign;
  const a = row.assigned;
  // later than the row it follows, and (with its random digits) than one published at the same moment
  const revision = Math.max(Date.now() * 1000 + Math.floor(Math.random() * 1000), row.revision + 1);
  const batch: ColumnBatch = {
    length: 1,
    f64: {
      send_date: Float64Array.of(day(c.sendDate)),
      window_days: Float64Array.of(c.windowDays),
      window_end: Float64Array.of(day(c.windowEnd)),
      control_share: Float64Array.of(c.controlShare),
      holdout_share: Float64Array.of(c.holdoutShare),
      created_at: Float64Array.of(row.createdAt),
      assigned_at: Float64Array.of(a ? a.at : NaN),
      audience_as_of: Float64Array.of(a?.audienceAsOf ? day(a.audienceAsOf) : NaN),
      customers: Float64Array.of(a ? a.customers : NaN),
      revision: Float64Array.of(revision),
    },
    strings: {
      campaign_id: [c.id],
      name: [c.name],
      definition: [row.definition],
      salt: [c.salt],
      version: [writeToken()],
      assignment_version: [row.assignmentVersion],
      responses_version: [row.responsesVersion],
    },
  };
  await ch.insertColumns('campaigns', spec('campaigns').columns, batch);
}

/** The latest row of a campaign (null when there is none). */
export async function readCampaignRow(ch: ClickHouseEngine, id: string): Promise<ClickHouseCampaignRow | null> {
  const [r] = await ch.rows<{
    definition: string;
    created: number;
    assigned: number | null;
    as_of: string | null;
    customers: number | null;
    assignment_version: string;
    responses_version: string;
    revision: number;
  }>(
    `SELECT definition, toUInt32(created_at) AS created, toUInt32(assigned_at) AS assigned, toString(audience_as_of) AS as_of, customers,
  assignment_version, responses_version, revision
FROM campaigns WHERE campaign_id = $1 ORDER BY revision DESC, version DESC LIMIT 1`,
    [id],
  );
  if (!r) return null;
  return {
    campaign: JSON.parse(r.definition) as Campaign,
    definition: r.definition,
    createdAt: Number(r.created),
    assigned: r.assigned === null ? null : { at: Number(r.assigned), audienceAsOf: r.as_of, customers: Number(r.customers) },
    assignmentVersion: r.assignment_version,
    responsesVersion: r.responses_version,
    revision: Number(r.revision),
  };
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
 * Stores a campaign (replacing any earlier one of the same id), optionally with its assignment,
 * published in one step: a reader sees the earlier campaign or the new one, never a part of it.
 */
export async function saveClickHouseCampaign(
  ch: ClickHouseEngine,
  campaign: Campaign,
  definition: string,
  createdAt: number,
  assigned: { assignment: Assignment; at: number; audienceAsOf: string | null } | null,
): Promise<void> {
  const previous = await readCampaignRow(ch, campaign.id);
  let assignmentVersion = '';
  if (assigned) {
    assignmentVersion = await beginWrite(ch, campaign.id);
    await insertAssignments(ch, campaign.id, assignmentVersion, assigned.assignment);
  } else await cleanUpCampaign(ch, campaign.id);
  await publish(ch, {
    campaign,
    definition,
    createdAt,
    assigned: assigned && { at: assigned.at, audienceAsOf: assigned.audienceAsOf, customers: assigned.assignment.ids.length },
    assignmentVersion,
    responsesVersion: '',
    revision: previous?.revision ?? 0,
  });
}

/**
 * Stores a new assignment of a stored campaign (its responses no longer apply), published in one step.
 * @returns false when there is no such campaign (nothing is written then).
 */
export async function saveClickHouseAssignments(
  ch: ClickHouseEngine,
  id: string,
  a: Assignment,
  at: number,
  audienceAsOf: string | null,
): Promise<boolean> {
  const row = await readCampaignRow(ch, id);
  if (!row) return false;
  const version = await beginWrite(ch, id);
  await insertAssignments(ch, id, version, a);
  await publish(ch, { ...row, assigned: { at, audienceAsOf, customers: a.ids.length }, assignmentVersion: version, responsesVersion: '' });
  return true;
}

/**
 * Stores the response rows of a stored campaign (columns campaign_id, customer_id, responded,
 * revenue, margin; NaN = NULL) under a token and publishes them with the campaign's latest row.
 * @returns false when there is no such campaign.
 */
export async function saveClickHouseResponses(ch: ClickHouseEngine, id: string, rows: ColumnBatch): Promise<boolean> {
  if (!(await readCampaignRow(ch, id))) return false;
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
  // the latest row again, read after the rows are in: a concurrent re-assignment published meanwhile is kept
  const row = await readCampaignRow(ch, id);
  if (!row) return false;
  await publish(ch, { ...row, responsesVersion: version });
  return true;
}

/** Deletes a campaign: its rows (the latest last) and every token it published or abandoned. */
export async function deleteClickHouseCampaign(ch: ClickHouseEngine, id: string): Promise<void> {
  await cleanUpCampaign(ch, id, false);
}
