/**
 * The activity tables of P&L runs on ClickHouse (`cvm_activities_…`, see `activities-clickhouse.ts`)
 * that a killed process left behind, found and dropped at the next P&L run on the workspace: run
 * tables (`clickhouse-run-tables.ts`) leased as `activities:<table>`. Tables named before the time
 * was in the name, `cvm_activities_<12 hex digits>`, are aged by `system.tables.metadata_modification_time`.
 */
import type { ClickHouseEngine } from '../engine/clickhouse/clickhouse-engine.js';
import {
  runTableLeaseScope,
  runTableName,
  STALE_RUN_TABLE_SECONDS,
  sweepRunTables,
  type RunTableKind,
} from '../engine/clickhouse/clickhouse-run-tables.js';

/** Age past which an activity table nobody holds is dropped, in seconds (a day). */
export const STALE_ACTIVITY_TABLE_SECONDS = STALE_RUN_TABLE_SECONDS;

/** The activity tables as run tables. */
export const ACTIVITY_TABLES: RunTableKind = { prefix: 'cvm_activities_', scope: 'activities', legacy: /^cvm_activities_[0-9a-f]{12}$/ };

/** The name of a new activity table created at `serverSeconds` (the server's `now()`). */
export const activityTableName = (serverSeconds: number, random: string): string => runTableName(ACTIVITY_TABLES, serverSeconds, random);

/** The lease scope of an activity table in use. */
export const activityLeaseScope = (table: string): string => runTableLeaseScope(ACTIVITY_TABLES, table);

/**
 * Drops every activity table of the workspace older than `minAgeSeconds` that no live process holds,
 * on every node (the Distributed table and the shards' tables).
 * @returns the names dropped.
 * @example
 * await sweepActivityTables(ch); // => ['cvm_activities_sn6k0w_3fa2b1c4'] after a killed P&L a day ago
 */
export function sweepActivityTables(ch: ClickHouseEngine, minAgeSeconds = STALE_ACTIVITY_TABLE_SECONDS): Promise<string[]> {
  return sweepRunTables(ch, ACTIVITY_TABLES, minAgeSeconds);
}
