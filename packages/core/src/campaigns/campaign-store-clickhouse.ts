/**
 * Campaigns in a ClickHouse workspace (issue 16): the three tables of `CAMPAIGN_DDL` as MergeTree
 * tables with one partition per campaign, so replacing or deleting a campaign, its assignment or its
 * responses drops that partition on every shard (synchronous, unlike a DELETE mutation), and the
 * campaign row is rewritten whole when it is marked assigned (ClickHouse has no UPDATE). Assignments
 * and responses are sharded by customer id like the transactions and snapshots, so the results join
 * them on each shard. Rows are inserted as RowBinary (doubles bit for bit). ClickHouse has no
 * transactions: a failure between the steps leaves what was written (the CLI and the API report it,
 * and a `--replace` starts the campaign afresh).
 */
import type { ColumnBatch } from '../engine/engine.js';
import type { ClickHouseEngine } from '../engine/clickhouse/clickhouse-engine.js';
import { clickhouseString } from '../engine/clickhouse/clickhouse-dialect.js';
import { specsFromDuckDbDdl } from '../engine/clickhouse/clickhouse-ddl.js';
import { ensureClickHouseWorkspace, type ClickHouseTableSpec } from '../engine/clickhouse/clickhouse-schema.js';
import { EngineError } from '../errors.js';
import { ARMS, type Assignment } from './assignment.js';
import type { Campaign } from './campaign-definition.js';
import { CAMPAIGN_DDL } from './campaign-sql.js';

/** The campaign tables in ClickHouse types, read off the DuckDB DDL, partitioned by campaign. */
export const CLICKHOUSE_CAMPAIGN_TABLES: readonly ClickHouseTableSpec[] = specsFromDuckDbDdl(CAMPAIGN_DDL, {
  campaigns: 'cityHash64(campaign_id)',
  campaign_assignments: 'cityHash64(customer_id)',
  campaign_responses: 'cityHash64(customer_id)',
}).map((t) => ({ ...t, orderBy: t.name === 'campaigns' ? 'campaign_id' : '(campaign_id, customer_id)', partitionBy: 'campaign_id' }));

const spec = (name: string): ClickHouseTableSpec => CLICKHOUSE_CAMPAIGN_TABLES.find((t) => t.name === name)!;
const ensured = new WeakSet<ClickHouseEngine>();

/**
 * Creates the campaign tables once per engine. Workspaces served before campaigns were stored on
 * ClickHouse hold them empty and unpartitioned: those are recreated (refused if one holds rows).
 * @throws EngineError `old_campaign_tables`, or when a shard refuses the DDL.
 */
export async function ensureClickHouseCampaignTables(ch: ClickHouseEngine): Promise<void> {
  if (ensured.has(ch)) return;
  const old = await ch.rows<{ name: string }>(
    "SELECT name FROM system.tables WHERE database = $1 AND partition_key = '' AND name IN ('campaigns', 'campaign_assignments', 'campaign_responses')",
    [ch.localDatabase],
  );
  for (const { name } of old) {
    const [r] = await ch.rows<{ n: number }>(`SELECT count(*) AS n FROM ${name}`);
    if (Number(r!.n) > 0)
      throw new EngineError(
        'old_campaign_tables',
        `${name} in ${ch.database} is not partitioned by campaign and holds rows; drop it and create the campaigns again`,
        { table: name },
      );
    await ch.execOnShards(`DROP TABLE IF EXISTS ${ch.database}.${name}`);
    if (ch.localDatabase !== ch.database) await ch.execOnShards(`DROP TABLE IF EXISTS ${ch.localDatabase}.${name}`);
  }
  await ensureClickHouseWorkspace(ch, CLICKHOUSE_CAMPAIGN_TABLES);
  ensured.add(ch);
}

/** Removes a campaign's rows from some of the campaign tables, on every shard. */
export async function dropCampaignRows(
  ch: ClickHouseEngine,
  id: string,
  tables: readonly ('campaigns' | 'campaign_assignments' | 'campaign_responses')[],
): Promise<void> {
  for (const t of tables) await ch.execOnShards(`ALTER TABLE ${ch.localDatabase}.${t} DROP PARTITION ${clickhouseString(id)}`);
}

const day = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
const seconds = (iso: string): number => Math.floor(Date.parse(iso) / 1000);

/** The campaign row as stored: the definition JSON and the columns SQL reads. */
export interface ClickHouseCampaignRow {
  campaign: Pick<Campaign, 'id' | 'name' | 'sendDate' | 'windowDays' | 'windowEnd' | 'controlShare' | 'holdoutShare' | 'salt'>;
  definition: string;
  /** Creation time, seconds since 1970 (DateTime). */
  createdAt: number;
  assigned: { at: string; audienceAsOf: string | null; customers: number } | null;
}

/** Writes the campaign row (replacing the campaign's earlier row). */
export async function writeCampaignRow(ch: ClickHouseEngine, row: ClickHouseCampaignRow): Promise<void> {
  const c = row.campaign;
  const a = row.assigned;
  await dropCampaignRows(ch, c.id, ['campaigns']);
  const batch: ColumnBatch = {
    length: 1,
    f64: {
      send_date: Float64Array.of(day(c.sendDate)),
      window_days: Float64Array.of(c.windowDays),
      window_end: Float64Array.of(day(c.windowEnd)),
      control_share: Float64Array.of(c.controlShare),
      holdout_share: Float64Array.of(c.holdoutShare),
      created_at: Float64Array.of(row.createdAt),
      assigned_at: Float64Array.of(a ? seconds(a.at) : NaN),
      audience_as_of: Float64Array.of(a?.audienceAsOf ? day(a.audienceAsOf) : NaN),
      customers: Float64Array.of(a ? a.customers : NaN),
    },
    strings: { campaign_id: [c.id], name: [c.name], definition: [row.definition], salt: [c.salt] },
  };
  await ch.insertColumns('campaigns', spec('campaigns').columns, batch);
}

/** The stored row's definition and creation time (null when there is none). */
export async function readCampaignRow(ch: ClickHouseEngine, id: string): Promise<{ definition: string; createdAt: number } | null> {
  const [r] = await ch.rows<{ definition: string; created: number }>(
    'SELECT definition, toUInt32(created_at) AS created FROM campaigns WHERE campaign_id = $1',
    [id],
  );
  return r ? { definition: r.definition, createdAt: Number(r.created) } : null;
}

/** Rows per RowBinary insert. */
const BATCH = 200_000;

/** Inserts an assignment (the campaign's earlier one and its responses dropped first). */
export async function writeAssignments(ch: ClickHouseEngine, id: string, a: Assignment): Promise<void> {
  await dropCampaignRows(ch, id, ['campaign_responses', 'campaign_assignments']);
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
      },
    });
  }
}

/** Inserts response rows (columns campaign_id, customer_id, responded, revenue, margin; NaN = NULL), the campaign's earlier ones dropped first. */
export async function writeResponses(ch: ClickHouseEngine, id: string, rows: ColumnBatch): Promise<void> {
  await dropCampaignRows(ch, id, ['campaign_responses']);
  const cols = spec('campaign_responses').columns;
  for (let i = 0; i < rows.length; i += BATCH) {
    const to = Math.min(rows.length, i + BATCH);
    await ch.insertColumns('campaign_responses', cols, {
      length: to - i,
      f64: Object.fromEntries(Object.entries(rows.f64).map(([k, v]) => [k, v.subarray(i, to)])),
      strings: Object.fromEntries(Object.entries(rows.strings).map(([k, v]) => [k, v.slice(i, to)])),
    });
  }
}
