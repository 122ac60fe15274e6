import type { SqlDialect } from '../engine/engine.js';
import { sqlString } from '../engine/sql.js';

/**
 * The campaign tables. `campaigns` holds one row per campaign (the definition as JSON plus the
 * columns SQL needs); `campaign_assignments` one row per customer and campaign with the arm
 * (target, control, holdout; the hash number that decided it is recomputed from the salt); `campaign_responses` an uploaded
 * response file, for campaigns whose outcome is not a purchase in the log.
 *
 * Every write of assignments or responses carries a fresh token (`version`), and the campaign row
 * names the tokens it owns (`assignment_version`, `responses_version`; '' = none, or the rows of a
 * workspace written before tokens): readers take the campaign row first and then only the rows of
 * those tokens ({@link CampaignVersions}). On ClickHouse (no transactions) a campaign row is never
 * updated: each write publishes a new row with a higher `revision` after its rows are complete, and
 * readers take the latest (see `campaign-store-clickhouse.ts`); on DuckDB there is one row per
 * campaign, updated in a transaction. The new columns come last so that older DuckDB workspaces
 * gain them by `ALTER TABLE … ADD COLUMN` ({@link campaignColumnMigrationsSql}).
 */
export const CAMPAIGN_DDL = `
CREATE TABLE IF NOT EXISTS campaigns (
  campaign_id VARCHAR NOT NULL,
  name VARCHAR NOT NULL,
  definition VARCHAR NOT NULL,
  send_date DATE NOT NULL,
  window_days INTEGER NOT NULL,
  window_end DATE NOT NULL,
  control_share DOUBLE NOT NULL,
  holdout_share DOUBLE NOT NULL,
  salt VARCHAR NOT NULL,
  created_at TIMESTAMP NOT NULL,
  assigned_at TIMESTAMP,
  audience_as_of DATE,
  customers BIGINT,
  version VARCHAR NOT NULL DEFAULT '',
  assignment_version VARCHAR NOT NULL DEFAULT '',
  responses_version VARCHAR NOT NULL DEFAULT '',
  revision BIGINT NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS campaign_assignments (
  campaign_id VARCHAR NOT NULL,
  customer_id VARCHAR NOT NULL,
  arm VARCHAR NOT NULL,
  version VARCHAR NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS campaign_responses (
  campaign_id VARCHAR NOT NULL,
  customer_id VARCHAR NOT NULL,
  responded DOUBLE NOT NULL,
  revenue DOUBLE,
  margin DOUBLE,
  version VARCHAR NOT NULL DEFAULT ''
);`;

/** The columns added to the campaign tables since they were first written (table, column, DuckDB type). */
const ADDED_COLUMNS: readonly (readonly [string, string, string])[] = [
  ['campaigns', 'version', "VARCHAR DEFAULT ''"],
  ['campaigns', 'assignment_version', "VARCHAR DEFAULT ''"],
  ['campaigns', 'responses_version', "VARCHAR DEFAULT ''"],
  ['campaigns', 'revision', 'BIGINT DEFAULT 0'],
  ['campaign_assignments', 'version', "VARCHAR DEFAULT ''"],
  ['campaign_responses', 'version', "VARCHAR DEFAULT ''"],
];

/**
 * The columns of the campaign tables present in a DuckDB workspace (table_name, column_name), to
 * find the ones an older workspace lacks.
 */
export function campaignColumnsSql(): string {
  return "SELECT table_name, column_name FROM information_schema.columns WHERE table_name IN ('campaigns', 'campaign_assignments', 'campaign_responses')";
}

/**
 * `ALTER TABLE … ADD COLUMN` for each added column missing from an older DuckDB workspace (its rows
 * get '' tokens: a campaign row and its assignment and responses then still match).
 */
export function campaignColumnMigrationsSql(present: ReadonlySet<string>): string[] {
  return ADDED_COLUMNS.filter(([t, c]) => !present.has(`${t}.${c}`)).map(([t, c, type]) => `ALTER TABLE ${t} ADD COLUMN ${c} ${type}`);
}

/**
 * What a reader of a campaign's rows needs: its id and the write tokens of the assignment and the
 * responses its (latest) row names ('' = none). Read once with the campaign row, so that every
 * statement of one report reads the same write.
 */
export interface CampaignVersions {
  id: string;
  assignments: string;
  responses: string;
}

/** The columns of the segment snapshot an audience rule may test, with their types. */
export const AUDIENCE_COLUMNS = {
  customer_id: 'text',
  r_score: 'number',
  f_score: 'number',
  m_score: 'number',
  rfm_segment: 'text',
  value_tier: 'text',
  tier_rank: 'number',
  lifecycle_stage: 'text',
  micro_segment: 'text',
  value: 'number',
} as const;

/** Snapshot columns usable as `by` segments of the results. */
export const SEGMENT_COLUMNS = ['value_tier', 'lifecycle_stage', 'rfm_segment', 'micro_segment'] as const;

const ts = (iso: string): string => `CAST(${sqlString(iso.replace('T', ' ').replace('Z', ''))} AS TIMESTAMP)`;

/** Removes a campaign, its assignments and responses. Parameter $1 = campaign id. */
export function deleteCampaignSql(): string[] {
  return [
    'DELETE FROM campaign_responses WHERE campaign_id = $1',
    'DELETE FROM campaign_assignments WHERE campaign_id = $1',
    'DELETE FROM campaigns WHERE campaign_id = $1',
  ];
}

/** Inserts a campaign row (not assigned, no responses); parameters $1 id, $2 name, $3 definition JSON, $4 salt, $5 the row's token. */
export function insertCampaignSql(
  d: SqlDialect,
  c: { sendDate: string; windowDays: number; windowEnd: string; controlShare: number; holdoutShare: number },
  createdAt: string,
): string {
  return `INSERT INTO campaigns VALUES ($1, $2, $3, ${d.dateLiteral(c.sendDate)}, ${Math.trunc(c.windowDays)}, ${d.dateLiteral(c.windowEnd)}, ${Number(c.controlShare)}, ${Number(c.holdoutShare)}, $4, ${ts(createdAt)}, NULL, NULL, NULL, $5, '', '', 0)`;
}

/** Marks a campaign assigned with the assignment written under a token (its responses gone); $1 id, $2 customers, $3 the token. */
export function markAssignedSql(d: SqlDialect, assignedAt: string, audienceAsOf: string | null): string {
  return `UPDATE campaigns SET assigned_at = ${ts(assignedAt)}, audience_as_of = ${audienceAsOf === null ? 'NULL' : d.dateLiteral(audienceAsOf)}, customers = $2,
  assignment_version = $3, responses_version = '' WHERE campaign_id = $1`;
}

/** Makes the responses written under a token the campaign's; $1 id, $2 the token. */
export function markResponsesSql(): string {
  return 'UPDATE campaigns SET responses_version = $2 WHERE campaign_id = $1';
}

/** Bulk load of assignments staged as CSV (customer_id, arm) under a write token, DuckDB's reader. */
export function insertAssignmentsFromCsvSql(campaignId: string, version: string, path: string): string {
  return `INSERT INTO campaign_assignments SELECT ${sqlString(campaignId)}, customer_id, arm, ${sqlString(version)}
FROM read_csv(${sqlString(path)}, header = true, auto_detect = false, quote = '"', escape = '"', columns = {'customer_id': 'VARCHAR', 'arm': 'VARCHAR'})`;
}

/** The stored definition of a campaign with the tokens it owns, from its latest row; $1 id. */
export function selectCampaignSql(d: SqlDialect): string {
  return `SELECT definition, ${d.text('audience_as_of')} AS audience_as_of, ${d.text('assigned_at')} AS assigned_at, customers,
  assignment_version, responses_version
FROM campaigns WHERE campaign_id = $1 ORDER BY revision DESC, version DESC LIMIT 1`;
}

/** A deleted campaign's latest row on ClickHouse is a tombstone, a row with an empty definition: 1 there, else 0. */
const DELETED = "CASE WHEN definition = '' THEN 1 ELSE 0 END AS deleted";

/**
 * Every campaign row with its dates, size and tokens, the latest row of each campaign first (a
 * ClickHouse workspace may hold a campaign's earlier rows until its next write; the caller keeps
 * the first row of each id, unless it is a tombstone: `deleted` = 1).
 */
export function listCampaignsSql(d: SqlDialect): string {
  return `SELECT campaign_id, name, ${d.isoDate('send_date')} AS send_day, window_days, ${d.isoDate('window_end')} AS window_last,
  control_share, holdout_share, ${d.text('assigned_at')} AS assigned_text, customers, assignment_version, ${DELETED}
FROM campaigns ORDER BY campaign_id, revision DESC, version DESC`;
}

/**
 * The audience of a rule: customer ids of the segment snapshot as of a day that satisfy `where`
 * (a condition compiled by `compileAudienceRule`, parameters bound by the caller).
 */
export function audienceSql(d: SqlDialect, asOf: string, where: string): string {
  return `SELECT customer_id FROM segment_snapshots WHERE as_of = ${d.dateLiteral(asOf)} AND (${where}) ORDER BY customer_id`;
}

/**
 * The latest snapshot day on or before a day, and the number of runs up to it (0: none; ClickHouse's
 * max over no rows is a zero date, not NULL).
 */
export function latestSnapshotSql(d: SqlDialect, onOrBefore: string): string {
  return `SELECT ${d.isoDate('max(as_of)')} AS as_of, count(*) AS n FROM segment_snapshot_runs WHERE as_of <= ${d.dateLiteral(onOrBefore)}`;
}

/** The last day with a transaction, and the number of transactions (0: an empty log; see {@link latestSnapshotSql}). */
export function dataEndSql(d: SqlDialect): string {
  return `SELECT ${d.isoDate('max(event_date)')} AS data_end, count(*) AS n FROM transactions`;
}

/** Whether a campaign of an id exists (n = 1; 0 when none, or its latest row is a tombstone); $1 = id. */
export function campaignExistsSql(): string {
  return "SELECT count(*) AS n FROM (SELECT definition FROM campaigns WHERE campaign_id = $1 ORDER BY revision DESC, version DESC LIMIT 1) AS latest WHERE definition <> ''";
}

/** Every campaign id with its rows, the latest first and flagged `deleted` when a tombstone (the caller keeps the live ones). */
export function campaignIdsSql(): string {
  return `SELECT campaign_id, ${DELETED} FROM campaigns ORDER BY campaign_id, revision DESC, version DESC`;
}

/** Assigned customers by arm; $1 = id, $2 = the assignment's token. */
export function armCountsSql(): string {
  return 'SELECT arm, count(*) AS n FROM campaign_assignments WHERE campaign_id = $1 AND version = $2 GROUP BY arm ORDER BY arm';
}

/** Rows of an uploaded response file; $1 = id, $2 = the responses' token. */
export function responseRowsSql(): string {
  return 'SELECT count(*) AS n FROM campaign_responses WHERE campaign_id = $1 AND version = $2';
}

/** Deletes a campaign's uploaded responses; $1 = id. */
export function deleteResponsesSql(): string {
  return 'DELETE FROM campaign_responses WHERE campaign_id = $1';
}

/** Deletes a campaign's assignments; $1 = id. */
export function deleteAssignmentsSql(): string {
  return 'DELETE FROM campaign_assignments WHERE campaign_id = $1';
}

/** The assignment list of a campaign: customer, arm, by arm and customer id; $1 = id, $2 = the assignment's token. */
export function assignmentListSql(): string {
  return 'SELECT customer_id, arm FROM campaign_assignments WHERE campaign_id = $1 AND version = $2 ORDER BY arm, customer_id';
}

/**
 * The campaigns a customer was assigned in, with the arm and the assignment's token; $1 = customer
 * id (the caller keeps the rows of each campaign's published token).
 */
export function customerArmsSql(): string {
  return 'SELECT campaign_id, arm, version FROM campaign_assignments WHERE customer_id = $1';
}
