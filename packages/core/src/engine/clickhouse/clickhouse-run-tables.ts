/**
 * Tables a run creates on ClickHouse for its own use and drops when done (issue 16): a P&L's activity
 * rows (`cvm_activities_…`), a rules run's basket lines (`cvm_basket_lines_…`), a database scoring's
 * staged summary and pattern scores (`cvm_summary_…`, `cvm_pattern_scores_…`). A table's name is
 * `<prefix><time>_<random>`, the time being the server's at its creation (seconds since 1970, base
 * 36), and the process using it holds a lease on `<scope>:<table>` (`clickhouse-ingest-lease.ts`),
 * renewed while it runs and released when it drops the table. A table a killed process left behind
 * is dropped by a later run's {@link sweepRunTables}: only when it is older than
 * {@link STALE_RUN_TABLE_SECONDS} by the server's clock and no live lease holds it, so a run still
 * going in another process, however long, keeps its table.
 */
import { randomBytes } from 'node:crypto';
import type { ClickHouseEngine } from './clickhouse-engine.js';
import { leaseIsLive, tryLease } from './clickhouse-ingest-lease.js';
import { ensureClickHouseWorkspace, type ClickHouseTableSpec } from './clickhouse-schema.js';

/** Age past which a run table nobody holds is dropped, in seconds (a day). */
export const STALE_RUN_TABLE_SECONDS = 86_400;

/** A kind of run table: its name prefix (`cvm_…_`, [a-z_] only), its lease scope and, optionally, an older naming aged by its metadata time. */
export interface RunTableKind {
  prefix: string;
  /** The lease scope's head: a table `t` in use is leased as `<scope>:t`. */
  scope: string;
  /**
   * The lease is the run's, `<scope>:<time>_<random>` (the name without the prefix), one for the
   * tables of kinds sharing the scope that {@link leaseRunTables} names together.
   */
  runLease?: true;
  /** Names of an older scheme without the time (aged by `system.tables.metadata_modification_time`). */
  legacy?: RegExp;
}

/** The name of a new run table created at `serverSeconds` (the server's `now()`). */
export function runTableName(kind: RunTableKind, serverSeconds: number, random: string): string {
  return `${kind.prefix}${Math.floor(serverSeconds).toString(36)}_${random}`;
}

/** The lease scope of a run table in use. */
export const runTableLeaseScope = (kind: RunTableKind, table: string): string =>
  `${kind.scope}:${kind.runLease ? table.slice(kind.prefix.length) : table}`;

/** Drops a table on every node (the Distributed table and the shards' tables); idempotent. `table` must be [0-9a-z_] only. */
export async function dropOnEveryNode(ch: ClickHouseEngine, table: string): Promise<void> {
  await ch.execOnShards(`DROP TABLE IF EXISTS ${ch.database}.${table}`, 'default');
  if (ch.localDatabase !== ch.database) await ch.execOnShards(`DROP TABLE IF EXISTS ${ch.localDatabase}.${table}`, 'default');
}

/** A run table in use: its name and how to drop it (and end its lease). */
export interface RunTable {
  table: string;
  drop(): Promise<void>;
}

/**
 * Names new run tables, one of each of `kinds` (with the same time and random part), and takes their
 * lease, for a caller that creates them itself (e.g. `CREATE … AS SELECT` on every shard); `drop`
 * drops them on every node (those created) and ends the lease. Several kinds must share a scope and
 * have `runLease` (one lease for the run).
 * @example
 * const t = await leaseRunTables(ch, [SUMMARY_TABLES, PATTERN_SCORE_TABLES]);
 * try { await ch.execOnShards(`CREATE TABLE ${ch.localDatabase}.${t.tables[0]} … AS …`); … } finally { await t.drop(); }
 */
export async function leaseRunTables(
  ch: ClickHouseEngine,
  kinds: readonly RunTableKind[],
): Promise<{ tables: string[]; drop(): Promise<void> }> {
  if (kinds.length === 0 || (kinds.length > 1 && kinds.some((k) => !k.runLease || k.scope !== kinds[0]!.scope)))
    throw new TypeError('leaseRunTables: several kinds need one scope and runLease');
  const [now] = await ch.rows<{ t: number }>('SELECT toUInt32(now()) AS t');
  const random = randomBytes(4).toString('hex');
  const tables = kinds.map((k) => runTableName(k, Number(now!.t), random));
  // held while the tables are in use: another process's sweep leaves them alone however long this run takes
  const lease = await tryLease(ch, runTableLeaseScope(kinds[0]!, tables[0]!));
  const drop = async (): Promise<void> => {
    for (const table of tables) await dropOnEveryNode(ch, table);
    if ('release' in lease) await lease.release();
  };
  return { tables, drop };
}

/**
 * Creates a run table of `kind` (a MergeTree table on every shard plus a Distributed table, as
 * `spec` without its name says) and takes its lease; nothing is left when the creation fails.
 * @example
 * const t = await createRunTable(ch, BASKET_LINES, { columns, orderBy: 'customer_id', shardKey: 'cityHash64(customer_id)' });
 * try { … } finally { await t.drop(); }
 */
export async function createRunTable(ch: ClickHouseEngine, kind: RunTableKind, spec: Omit<ClickHouseTableSpec, 'name'>): Promise<RunTable> {
  const run = await leaseRunTables(ch, [kind]);
  const [table, drop] = [run.tables[0]!, run.drop];
  try {
    await ensureClickHouseWorkspace(ch, [{ ...spec, name: table }]);
  } catch (error) {
    await drop().catch(() => {});
    throw error;
  }
  return { table, drop };
}

/**
 * Drops every run table of `kind` in the workspace older than `minAgeSeconds` that no live process
 * holds, on every node (the Distributed table and the shards' tables).
 * @returns the names dropped.
 * @example
 * await sweepRunTables(ch, BASKET_LINES); // => ['cvm_basket_lines_sn6k0w_3fa2b1c4'] after a killed run a day ago
 */
export async function sweepRunTables(ch: ClickHouseEngine, kind: RunTableKind, minAgeSeconds = STALE_RUN_TABLE_SECONDS): Promise<string[]> {
  if (!/^cvm_[a-z_]+_$/.test(kind.prefix)) throw new TypeError(`sweepRunTables: bad prefix ${kind.prefix}`);
  const named = new RegExp(`^${kind.prefix}([0-9a-z]{1,10})_[0-9a-f]{8,}$`);
  const tables = await ch.rows<{ name: string; now: number; modified: number }>(
    `SELECT name, toUInt32(now()) AS now, min(toUInt32(metadata_modification_time)) AS modified FROM system.tables
WHERE database IN ($1, $2) AND substring(name, 1, ${kind.prefix.length}) = $3 GROUP BY name ORDER BY name`,
    [ch.database, ch.localDatabase, kind.prefix],
  );
  const dropped: string[] = [];
  for (const t of tables) {
    const time = named.exec(t.name);
    if (!time && !kind.legacy?.test(t.name)) continue;
    const created = time ? Number.parseInt(time[1]!, 36) : Number(t.modified);
    if (Number(t.now) - created < minAgeSeconds) continue;
    if (await leaseIsLive(ch, runTableLeaseScope(kind, t.name))) continue;
    // the name matched the prefix ([a-z_]) and the pattern: [0-9a-z_] only
    await dropOnEveryNode(ch, t.name);
    dropped.push(t.name);
  }
  return dropped;
}
