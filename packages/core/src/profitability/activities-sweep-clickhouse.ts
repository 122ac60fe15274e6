/**
 * The activity tables of P&L runs on ClickHouse (`cvm_activities_…`, see `activities-clickhouse.ts`)
 * that a killed process left behind, found and dropped at the next P&L run on the workspace.
 *
 * A table's name carries the server's time at its creation (seconds since 1970, base 36:
 * `cvm_activities_<time>_<random>`; tables named before that, `cvm_activities_<12 hex digits>`, are
 * aged by `system.tables.metadata_modification_time`), and the process using it holds a lease on
 * `activities:<table>` (`clickhouse-ingest-lease.ts`), renewed while it runs and released when it
 * drops the table. A table is dropped only when it is older than {@link STALE_ACTIVITY_TABLE_SECONDS}
 * by the server's clock and no live lease holds it, so a P&L still running in another process,
 * however long, keeps its table.
 */
import type { ClickHouseEngine } from '../engine/clickhouse/clickhouse-engine.js';
import { leaseIsLive } from '../engine/clickhouse/clickhouse-ingest-lease.js';

/** Age past which an activity table nobody holds is dropped, in seconds (a day). */
export const STALE_ACTIVITY_TABLE_SECONDS = 86_400;

const NAMED = /^cvm_activities_([0-9a-z]{1,10})_[0-9a-f]{8,}$/;
const LEGACY = /^cvm_activities_[0-9a-f]{12}$/;

/** The name of a new activity table created at `serverSeconds` (the server's `now()`). */
export function activityTableName(serverSeconds: number, random: string): string {
  return `cvm_activities_${Math.floor(serverSeconds).toString(36)}_${random}`;
}

/** The lease scope of an activity table in use. */
export const activityLeaseScope = (table: string): string => `activities:${table}`;

/**
 * Drops every activity table of the workspace older than `minAgeSeconds` that no live process holds,
 * on every node (the Distributed table and the shards' tables).
 * @returns the names dropped.
 * @example
 * await sweepActivityTables(ch); // => ['cvm_activities_sn6k0w_3fa2b1c4'] after a killed P&L a day ago
 */
export async function sweepActivityTables(ch: ClickHouseEngine, minAgeSeconds = STALE_ACTIVITY_TABLE_SECONDS): Promise<string[]> {
  const tables = await ch.rows<{ name: string; now: number; modified: number }>(
    `SELECT name, toUInt32(now()) AS now, min(toUInt32(metadata_modification_time)) AS modified FROM system.tables
WHERE database IN ($1, $2) AND substring(name, 1, 15) = 'cvm_activities_' GROUP BY name ORDER BY name`,
    [ch.database, ch.localDatabase],
  );
  const dropped: string[] = [];
  for (const t of tables) {
    const named = NAMED.exec(t.name);
    if (!named && !LEGACY.test(t.name)) continue;
    const created = named ? Number.parseInt(named[1]!, 36) : Number(t.modified);
    if (Number(t.now) - created < minAgeSeconds) continue;
    if (await leaseIsLive(ch, activityLeaseScope(t.name))) continue;
    // the name matched one of the two patterns above: [0-9a-z_] only
    await ch.execOnShards(`DROP TABLE IF EXISTS ${ch.database}.${t.name}`, 'default');
    if (ch.localDatabase !== ch.database) await ch.execOnShards(`DROP TABLE IF EXISTS ${ch.localDatabase}.${t.name}`, 'default');
    dropped.push(t.name);
  }
  return dropped;
}
