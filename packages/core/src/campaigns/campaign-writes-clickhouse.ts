/**
 * Writes of a campaign on ClickHouse that a reader never sees half done (issue 16). ClickHouse has
 * no transactions, so a campaign's rows are never changed in place:
 *
 * 1. A write (an assignment, a response file) takes a fresh token ({@link writeToken}), records it
 *    in `campaign_writes` and inserts its rows under it (`version`; every campaign table is
 *    partitioned by token).
 * 2. Once the rows are all there (counted back), it publishes a new campaign row naming the tokens
 *    it owns, with a higher `revision`. One INSERT of one row is atomic, and readers take the latest
 *    row of a campaign and then only the rows of its tokens, so before the publish they see the
 *    earlier campaign whole, after it the new one whole; a write that failed or is still running is
 *    invisible, and `--replace` changes a campaign in one step.
 * 3. The next write of the campaign ({@link cleanUpCampaign}) drops what no reader can reach any
 *    more: the earlier campaign rows (oldest first, so the latest stays visible), the tokens an
 *    earlier row named, and tokens never published that are older than {@link ORPHAN_GRACE_SECONDS}
 *    (a crashed write; a younger one may be a write still running in another process). A reader
 *    that took the campaign row before a write published keeps its rows until the write after.
 * 4. A delete publishes a tombstone that writes begun before it cannot override, then drops the
 *    rest (`campaign-rows-clickhouse.ts`); such a write fails with `campaign_deleted`.
 */
import type { ClickHouseEngine } from '../engine/clickhouse/clickhouse-engine.js';
import { clickhouseString } from '../engine/clickhouse/clickhouse-dialect.js';
import type { ClickHouseTableSpec } from '../engine/clickhouse/clickhouse-schema.js';
import { EngineError } from '../errors.js';
import { writeToken } from './campaign-token.js';

/** The tokens of a campaign's writes, one row each, partitioned by token (dropped with the token's rows). */
export const CAMPAIGN_WRITES_TABLE: ClickHouseTableSpec = {
  name: 'campaign_writes',
  columns: [
    ['campaign_id', 'String'],
    ['version', 'String'],
    ['started_at', 'DateTime'],
  ],
  orderBy: 'campaign_id',
  partitionBy: 'version',
  shardKey: 'cityHash64(campaign_id)',
};

/** How long a token never published is left alone, in seconds (a day: no write of a campaign takes longer). */
export const ORPHAN_GRACE_SECONDS = 86_400;

/** The campaign tables a write puts rows in. */
export type CampaignTable = 'campaigns' | 'campaign_assignments' | 'campaign_responses';

/** Drops one token's partition of a table on every shard (nothing happens when there is none). */
export async function dropToken(ch: ClickHouseEngine, table: CampaignTable | 'campaign_writes', version: string): Promise<void> {
  if (version === '') return;
  await ch.execOnShards(`ALTER TABLE ${ch.localDatabase}.${table} DROP PARTITION ${clickhouseString(version)}`);
}

/**
 * Drops a campaign's unreachable rows (see the module note): every row but the latest, and every
 * token but the latest row's. When the latest is a delete's tombstone, that is the whole campaign
 * but the tombstone (kept, so that writes begun before the delete stay below it). Tokens of writes
 * still running are left alone (younger than {@link ORPHAN_GRACE_SECONDS} and never named by a
 * campaign row).
 */
export async function cleanUpCampaign(ch: ClickHouseEngine, id: string): Promise<void> {
  const rows = await ch.rows<{ version: string; assignment_version: string; responses_version: string }>(
    'SELECT version, assignment_version, responses_version FROM campaigns WHERE campaign_id = $1 ORDER BY revision, version',
    [id],
  );
  const latest = rows.at(-1);
  const keep = new Set(latest ? [latest.version, latest.assignment_version, latest.responses_version] : []);
  const named = new Set(rows.flatMap((r) => [r.assignment_version, r.responses_version]));
  const writes = await ch.rows<{ version: string; age: number }>(
    'SELECT version, toInt64(toUInt32(now())) - toInt64(toUInt32(min(started_at))) AS age FROM campaign_writes WHERE campaign_id = $1 GROUP BY version',
    [id],
  );
  for (const r of rows) if (!keep.has(r.version)) await dropToken(ch, 'campaigns', r.version);
  for (const w of writes) {
    if (keep.has(w.version) || (!named.has(w.version) && Number(w.age) < ORPHAN_GRACE_SECONDS)) continue;
    await dropToken(ch, 'campaign_assignments', w.version);
    await dropToken(ch, 'campaign_responses', w.version);
    await dropToken(ch, 'campaign_writes', w.version);
  }
}

/** Cleans up the campaign's unreachable rows, then records and returns a fresh token for a write of it. */
export async function beginWrite(ch: ClickHouseEngine, id: string): Promise<string> {
  await cleanUpCampaign(ch, id);
  const version = writeToken();
  await ch.exec('INSERT INTO campaign_writes (campaign_id, version, started_at) VALUES ($1, $2, now())', [id, version]);
  return version;
}

/**
 * Checks, before a token is published, that its write is still recorded (no clean-up took it for a
 * crashed one) and that `table` holds `expected` rows under it.
 * @throws EngineError `campaign_write_lost` otherwise (nothing is published then).
 */
export async function checkWrite(ch: ClickHouseEngine, id: string, version: string, table: CampaignTable, expected: number): Promise<void> {
  const [w] = await ch.rows<{ n: number }>('SELECT count(*) AS n FROM campaign_writes WHERE campaign_id = $1 AND version = $2', [
    id,
    version,
  ]);
  // `table` is one of the campaign tables (the type above), never user text
  const [r] = await ch.rows<{ n: number }>(`SELECT count(*) AS n FROM ${table} WHERE campaign_id = $1 AND version = $2`, [id, version]);
  if (Number(w?.n ?? 0) === 0 || Number(r?.n ?? 0) !== expected)
    throw new EngineError(
      'campaign_write_lost',
      `The ${table.replace('campaign_', '')} of campaign "${id}" written under ${version} hold ${Number(r?.n ?? 0)} of ${expected} rows${Number(w?.n ?? 0) === 0 ? ' and their write was cleaned up as abandoned' : ''}; nothing was published, run it again`,
      { id, version, table },
    );
}
