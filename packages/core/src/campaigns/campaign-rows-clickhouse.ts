/**
 * Campaign rows on ClickHouse (issue 16): a campaign is its latest row (`revision`, then `version`),
 * published once the rows it names are in (`campaign-writes-clickhouse.ts`). A delete publishes a
 * tombstone (a row with an empty definition) that no publication of a write begun before it can
 * override, so a write still running in another process cannot bring a deleted campaign back.
 *
 * ## Method
 * A revision is an epoch and a clock: `epoch · 2^40 + milliseconds since 2020` (2^40 ms is 34
 * years). A write publishes in the epoch of the row it started from ({@link nextRevision}: later
 * than that row and than the clock, never past the epoch's end), so the latest of concurrent writes
 * of one campaign wins as before. A delete publishes its tombstone at the start of the next epoch
 * plus the clock ({@link tombstoneRevision}): every write that read the campaign before the delete
 * publishes below it and is never the latest row again; a write that starts after the delete reads
 * the tombstone (the campaign does not exist) and a new creation publishes in the tombstone's epoch,
 * above it. Revisions stay below 2^53 (exact in a double) for 8,192 epochs, i.e. that many deletes
 * of one id (about 6,500 on a workspace written before epochs, whose revisions were time · 1000).
 */
import type { ColumnBatch } from '../engine/engine.js';
import type { ClickHouseEngine } from '../engine/clickhouse/clickhouse-engine.js';
import { specsFromDuckDbDdl } from '../engine/clickhouse/clickhouse-ddl.js';
import type { ClickHouseTableSpec } from '../engine/clickhouse/clickhouse-schema.js';
import { EngineError } from '../errors.js';
import type { Campaign } from './campaign-definition.js';
import { CAMPAIGN_DDL } from './campaign-sql.js';
import { writeToken } from './campaign-token.js';

/** The campaign tables in ClickHouse types, read off the DuckDB DDL, partitioned by write token. */
export const CLICKHOUSE_CAMPAIGN_TABLES: readonly ClickHouseTableSpec[] = specsFromDuckDbDdl(CAMPAIGN_DDL, {
  campaigns: 'cityHash64(campaign_id)',
  campaign_assignments: 'cityHash64(customer_id)',
  campaign_responses: 'cityHash64(customer_id)',
}).map((t) => ({ ...t, orderBy: t.name === 'campaigns' ? 'campaign_id' : '(campaign_id, customer_id)', partitionBy: 'version' }));

/** One campaign table's spec. */
export const campaignSpec = (name: string): ClickHouseTableSpec => CLICKHOUSE_CAMPAIGN_TABLES.find((t) => t.name === name)!;

/** The span of one epoch of revisions (see the module note). */
export const REVISION_EPOCH = 2 ** 40;
const CLOCK_ORIGIN = Date.UTC(2020, 0, 1);
const clock = (): number => Math.min(REVISION_EPOCH - 1, Math.max(0, Date.now() - CLOCK_ORIGIN));
const epochStart = (revision: number): number => Math.floor(revision / REVISION_EPOCH) * REVISION_EPOCH;

/**
 * The revision of a write that started from the row of revision `base` (0: no row): in `base`'s
 * epoch, above `base` and the clock, at most the epoch's last revision.
 * @example
 * nextRevision(0); // ms since 2020-01-01, e.g. 217_000_000_000
 */
export function nextRevision(base: number): number {
  const start = epochStart(base);
  return Math.min(start + REVISION_EPOCH - 1, Math.max(base + 1, start + clock()));
}

/**
 * The revision of a tombstone over the row of revision `latest`: the next epoch plus the clock,
 * above every revision a write begun from `latest` or before can publish.
 * @throws EngineError `campaign_revisions_exhausted` past 8,192 epochs (2^53).
 */
export function tombstoneRevision(latest: number): number {
  const revision = epochStart(latest) + REVISION_EPOCH + clock();
  if (revision > Number.MAX_SAFE_INTEGER)
    throw new EngineError('campaign_revisions_exhausted', 'This campaign id has been deleted too many times (8,192); use another id', {
      latest,
    });
  return revision;
}

const day = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

/** A campaign row as stored: the definition JSON, the columns SQL reads, and the tokens it owns. */
export interface ClickHouseCampaignRow {
  campaign: Pick<Campaign, 'id' | 'name' | 'sendDate' | 'windowDays' | 'windowEnd' | 'controlShare' | 'holdoutShare' | 'salt'>;
  /** The definition JSON; '' on a tombstone (a deleted campaign). */
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

/** Whether a row is a tombstone: the campaign was deleted. */
export const isTombstone = (row: Pick<ClickHouseCampaignRow, 'definition'>): boolean => row.definition === '';

/**
 * Publishes a campaign row at `revision` (from {@link nextRevision} of the row the write started
 * from, or {@link tombstoneRevision}): from then on readers see it and its tokens.
 */
export async function publishRow(ch: ClickHouseEngine, row: ClickHouseCampaignRow, revision: number): Promise<void> {
  const c = row.campaign;
  const a = row.assigned;
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
  await ch.insertColumns('campaigns', campaignSpec('campaigns').columns, batch);
}

/** The latest row of a campaign, a tombstone included (null when there is none). */
export async function readCampaignRow(ch: ClickHouseEngine, id: string): Promise<ClickHouseCampaignRow | null> {
  const [r] = await ch.rows<{
    definition: string;
    name: string;
    send: string;
    window_days: number;
    window_end: string;
    control_share: number;
    holdout_share: number;
    salt: string;
    created: number;
    assigned: number | null;
    as_of: string | null;
    customers: number | null;
    assignment_version: string;
    responses_version: string;
    revision: number;
  }>(
    `SELECT definition, name, toString(send_date) AS send, window_days, toString(window_end) AS window_end, control_share, holdout_share, salt,
  toUInt32(created_at) AS created, toUInt32(assigned_at) AS assigned, toString(audience_as_of) AS as_of, customers,
  assignment_version, responses_version, revision
FROM campaigns WHERE campaign_id = $1 ORDER BY revision DESC, version DESC LIMIT 1`,
    [id],
  );
  if (!r) return null;
  return {
    campaign: {
      id,
      name: r.name,
      sendDate: r.send,
      windowDays: Number(r.window_days),
      windowEnd: r.window_end,
      controlShare: r.control_share,
      holdoutShare: r.holdout_share,
      salt: r.salt,
    },
    definition: r.definition,
    createdAt: Number(r.created),
    assigned: r.assigned === null ? null : { at: Number(r.assigned), audienceAsOf: r.as_of, customers: Number(r.customers) },
    assignmentVersion: r.assignment_version,
    responsesVersion: r.responses_version,
    revision: Number(r.revision),
  };
}
