/**
 * Leases that keep two ingests of the same file path, of the same content, or of the same input
 * kind, apart on a ClickHouse workspace (issue 16). DuckDB's file lock keeps a second writer out; on
 * ClickHouse two processes ingesting the same path (or two customers files) at once would each drop
 * the other's earlier rows and mix their own, and two paths with the same bytes would both go in
 * (each one's "seen before" check ran before the other's `sources` row existed). An ingest first
 * takes a lease on its scope (`path:…`, then `content:SHA256`, or `input:…`); a second ingest of the
 * scope while the lease is live gets `ingest_in_progress` naming the holder and when it started.
 * The same leases serve other one-at-a-time writes ({@link tryLease}: a campaign's creation, an
 * activity table in use).
 *
 * ## Method
 * As for source ids (`clickhouse-source-claim.ts`): a process that sees no live lease writes its own
 * (scope, random token, holder, start, expiry) into `ingest_leases` and reads the scope back; it
 * holds the lease only when its own is the only live one (inserts are synchronous, so two processes
 * cannot both see themselves alone). When two see each other, both withdraw (drop their token's
 * partition) and try again after a random pause; the next attempt finds the winner and fails. A
 * lease expires `leaseSeconds` after it was last renewed (default {@link DEFAULT_INGEST_LEASE_SECONDS});
 * the holder renews it every third of that while the ingest runs, so only a crashed process's lease
 * runs out. Times are the server's (`now()`), so the processes' clocks do not matter.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { InputError } from '../../errors.js';
import { ensureWorkspaceTable } from '../workspace-table.js';
import type { ClickHouseEngine } from './clickhouse-engine.js';
import { clickhouseString } from './clickhouse-dialect.js';
import type { ClickHouseTableSpec } from './clickhouse-schema.js';

/** Ingest leases: one row per take or renewal, partitioned by token (a lease is released by dropping its partition). */
export const INGEST_LEASES_TABLE: ClickHouseTableSpec = {
  name: 'ingest_leases',
  columns: [
    ['scope', 'String'],
    ['token', 'String'],
    ['holder', 'String'],
    ['started_at', 'DateTime'],
    ['expires_at', 'DateTime'],
  ],
  orderBy: '(scope, token)',
  partitionBy: 'token',
  shardKey: 'cityHash64(scope)',
};

/** How long a lease lasts without renewal, in seconds: a crashed ingest blocks its path or kind this long at most. */
export const DEFAULT_INGEST_LEASE_SECONDS = 600;

/**
 * What an ingest leases: a transaction file's path (as `sources.path` holds it), its content
 * (SHA-256, so that two paths with the same bytes are not ingested at once), an input kind, or the
 * workspace's transactions as a whole (`duplicateCheck`: an ingest whose exact-duplicate check
 * applies compares its rows with every earlier file's, so from its check until its rows are stored
 * it must not overlap another such ingest's; `clickhouse-ingest.ts` waits for it).
 */
export type IngestScope = { path: string } | { sha256: string } | { kind: string } | { duplicateCheck: true };

export interface IngestLeaseOptions {
  /**
   * Seconds a lease lasts without renewal, at least 3 (default: the engine URL's `ingest_lease=`,
   * else {@link DEFAULT_INGEST_LEASE_SECONDS}).
   */
  leaseSeconds?: number;
  /** Attempts when two processes take the lease at the same moment (default 20). */
  attempts?: number;
  /** The longest random pause between attempts, in ms (default 200). */
  maxPauseMs?: number;
}

/** A lease held: `release` ends it (the renewals stop and the row goes). */
export interface IngestLease {
  release(): Promise<void>;
}

/** Another process's live lease: its holder (host and pid) and times in UTC (ISO 8601). */
export interface LeaseHolder {
  holder: string;
  startedAt: string;
  expiresAt: string;
}

interface LiveLease {
  token: string;
  holder: string;
  started: string;
  expires: string;
}

const scopeText = (s: IngestScope): string =>
  'path' in s ? `path:${s.path}` : 'sha256' in s ? `content:${s.sha256}` : 'kind' in s ? `input:${s.kind}` : 'transactions:duplicate-check';
const iso = (t: string): string => `${t.replace(' ', 'T')}Z`;

/** The live leases of a scope (expired ones are ignored), with the holder and times in UTC. */
async function liveLeases(ch: ClickHouseEngine, scope: string): Promise<LiveLease[]> {
  return ch.rows<LiveLease>(
    `SELECT token, any(holder) AS holder, toString(min(started_at), 'UTC') AS started, toString(max(expires_at), 'UTC') AS expires
FROM ingest_leases WHERE scope = $1 GROUP BY token HAVING max(expires_at) > now() ORDER BY started, token`,
    [scope],
  );
}

/**
 * Takes the lease of any scope (a text such as `path:…`, `campaign:…`) by the rule of the module
 * note, renewed in the background until released; or, when another process holds it, that holder
 * (null when every attempt met another process taking it at the same moment).
 * @throws InputError `bad_lease` for a lease under 3 seconds.
 * @example
 * const got = await tryLease(ch, 'campaign:spring');
 * if ('release' in got) try { … } finally { await got.release(); }
 */
export async function tryLease(
  ch: ClickHouseEngine,
  scope: string,
  options: IngestLeaseOptions = {},
): Promise<IngestLease | { held: LeaseHolder | null }> {
  const seconds = options.leaseSeconds ?? ch.target.ingestLeaseSeconds ?? DEFAULT_INGEST_LEASE_SECONDS;
  if (!Number.isInteger(seconds) || seconds < 3)
    throw new InputError('bad_lease', `An ingest lease lasts a whole number of seconds, at least 3; got ${seconds}`, {
      leaseSeconds: seconds,
    });
  await ensureWorkspaceTable(ch, '', INGEST_LEASES_TABLE);
  const holder = `${hostname()} pid ${process.pid}`;
  const attempts = options.attempts ?? 20;
  let others: LiveLease[] = [];
  for (let attempt = 0; attempt < attempts; attempt++) {
    others = await liveLeases(ch, scope);
    if (others.length > 0) break;
    const token = randomBytes(12).toString('hex');
    const write = (): Promise<void> =>
      ch.exec('INSERT INTO ingest_leases (scope, token, holder, started_at, expires_at) VALUES ($1, $2, $3, now(), now() + $4)', [
        scope,
        token,
        holder,
        seconds,
      ]);
    await write();
    const live = await liveLeases(ch, scope);
    if (live.length === 1 && live[0]!.token === token) return renewing(ch, token, write, seconds);
    await drop(ch, token);
    others = live.filter((l) => l.token !== token);
    await sleep(Math.floor(Math.random() * (options.maxPauseMs ?? 200)));
  }
  const o = others[0];
  return { held: o ? { holder: o.holder, startedAt: iso(o.started), expiresAt: iso(o.expires) } : null };
}

/** Whether another process holds a live lease on `scope` (read only: nothing is written). */
export async function leaseIsLive(ch: ClickHouseEngine, scope: string): Promise<boolean> {
  await ensureWorkspaceTable(ch, '', INGEST_LEASES_TABLE);
  return (await liveLeases(ch, scope)).length > 0;
}

/**
 * Takes the lease of an ingest's scope, renewed in the background until released.
 * @throws InputError `ingest_in_progress` (with the path, content hash or kind, the other ingest's
 *   holder, start and expiry) when another live lease holds the scope; `bad_lease` for a lease
 *   under 3 seconds.
 * @example
 * const lease = await takeIngestLease(ch, { path: 'orders.csv' });
 * try { … } finally { await lease.release(); }
 */
export async function takeIngestLease(ch: ClickHouseEngine, scope: IngestScope, options: IngestLeaseOptions = {}): Promise<IngestLease> {
  const got = await tryLease(ch, scopeText(scope), options);
  if ('release' in got) return got;
  const o = got.held;
  const what =
    'path' in scope
      ? `of ${scope.path}`
      : 'sha256' in scope
        ? `of a file with the same content (SHA-256 ${scope.sha256.slice(0, 12)}…, another path)`
        : 'kind' in scope
          ? `of the ${scope.kind} file`
          : 'of transactions';
  const why =
    'duplicateCheck' in scope
      ? ' The exact-duplicate check compares a file with every earlier file, so the checks and inserts of such ingests run one at a time (files are validated in parallel); pass --dedupe off (no duplicate check) to store files in parallel.'
      : '';
  throw new InputError(
    'ingest_in_progress',
    o
      ? `Another ingest ${what} into this ClickHouse workspace is in progress (${o.holder}, started ${o.startedAt}); wait for it to finish. If that process has died, its lease expires at ${o.expiresAt}.${why}`
      : `Another ingest ${what} into this ClickHouse workspace kept starting at the same moment; try again`,
    { ...scope, holder: o?.holder ?? null, startedAt: o?.startedAt ?? null, expiresAt: o?.expiresAt ?? null },
  );
}

const drop = (ch: ClickHouseEngine, token: string): Promise<void> =>
  ch.execOnShards(`ALTER TABLE ${ch.localDatabase}.ingest_leases DROP PARTITION ${clickhouseString(token)}`);

/** A held lease: renewed every third of its length (a failed renewal is retried at the next tick) until released. */
function renewing(ch: ClickHouseEngine, token: string, write: () => Promise<void>, seconds: number): IngestLease {
  let pending: Promise<void> = Promise.resolve();
  const timer = setInterval(
    () => {
      pending = pending.then(write).catch(() => {});
    },
    Math.floor((seconds * 1000) / 3),
  );
  timer.unref();
  return {
    async release() {
      clearInterval(timer);
      // a renewal still on its way would bring the row back after the drop
      await pending;
      await drop(ch, token);
    },
  };
}
