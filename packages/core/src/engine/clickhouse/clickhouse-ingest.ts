import { setTimeout as sleep } from 'node:timers/promises';
import type { Engine } from '../engine.js';
import { createDuckDbEngine } from '../duckdb/duckdb-engine.js';
import { EngineError, InputError } from '../../errors.js';
import { ensureWorkspace, ingestFile, type IngestOptions, type IngestReport } from '../../transactions/ingest.js';
import { probeFile, sha256File } from '../../transactions/file-probe.js';
import { sourceCounts } from '../../transactions/ingest-queries.js';
import { claimSourceId } from './clickhouse-source-claim.js';
import type { ClickHouseEngine } from './clickhouse-engine.js';
import { copyTable, dropSource } from './clickhouse-copy.js';
import { earlierDuplicatesOnClickHouse } from './clickhouse-dedupe.js';
import { DEFAULT_INGEST_LEASE_SECONDS, takeIngestLease, type IngestLease, type IngestLeaseOptions } from './clickhouse-ingest-lease.js';

export interface ClickHouseIngestOptions extends IngestOptions, Pick<IngestLeaseOptions, 'leaseSeconds'> {
  /** Rows per INSERT into ClickHouse (default 200,000). */
  batchRows?: number;
  /**
   * Seconds to wait for another ingest's duplicate check and insert before giving up with
   * `ingest_in_progress` (default: the lease length, so a dead holder's lease has run out by then).
   */
  duplicateCheckWaitSeconds?: number;
}

/** Timings of one ClickHouse ingest, in milliseconds, for the benchmark. */
export interface ClickHouseIngestTimings {
  validateMs: number;
  /** Waiting for the `transactions:duplicate-check` lease. */
  waitMs: number;
  /** The shard-local check against earlier files (keys sent, the duplicates' `rn` read). */
  checkMs: number;
  insertMs: number;
  /** Keys sent to the shards for the check, and duplicates found there. */
  keysSent: number;
  duplicatesFound: number;
}

/**
 * Ingests one file into a ClickHouse workspace with exactly DuckDB's validation and quarantine: the
 * file is read and validated by {@link ingestFile} in a temporary in-memory DuckDB (same rows
 * accepted, same reasons, same counts), then the accepted rows, the quarantine and the `sources`
 * row are inserted into ClickHouse in TabSeparated batches, and the counts are read back from
 * ClickHouse and checked against DuckDB's.
 *
 * - Same content seen before (SHA-256 in ClickHouse's `sources`): nothing is added (`unchanged`).
 * - Same path, new content: the earlier sources' partitions are dropped from every shard before the
 *   new rows go in (`replaced`).
 * - Exact-duplicate check against earlier files: shard-local (`clickhouse-dedupe.ts`): the accepted
 *   rows' keys go to a run table sharded like `transactions`, each shard compares them with its own
 *   rows, and only the duplicates' row numbers come back to the temporary DuckDB, which marks them
 *   `duplicate_row` as its own check would (the `earlierDuplicates` hook of {@link ingestFile}).
 * - Not atomic across the cluster: the `sources` row is written last, and on failure the new
 *   source's partitions are dropped again.
 * - One ingest of a path, and of a content, at a time: the ingest holds a lease on its path, then
 *   on its SHA-256, for as long as it runs (`clickhouse-ingest-lease.ts`; `leaseSeconds`, default
 *   600, is how long a crashed process's lease blocks them), so a second path with the same bytes
 *   is refused while the first goes in and is `unchanged` afterwards.
 * - Different files validate in parallel; their duplicate checks and inserts run one at a time.
 *   When the check applies, the ingest takes the workspace's `transactions:duplicate-check` lease
 *   just before the check against earlier files and holds it until its rows are stored (or it
 *   fails), so the check sees every row that a checked ingest stored before it, and no checked
 *   ingest stores rows between its check and its insert. An ingest that finds the lease held waits
 *   for it (progress `waiting`), up to `duplicateCheckWaitSeconds`. `dedupe: 'off'` takes no such
 *   lease: its rows may go in beside a check, as before.
 * @throws InputError / DataQualityError exactly as {@link ingestFile} (nothing is added then);
 *   InputError `ingest_in_progress` when another process is ingesting the same path or content, or
 *   holds the duplicate check longer than `duplicateCheckWaitSeconds`;
 *   InputError `date_before_1970` when accepted dates precede 1970-01-01 (ClickHouse's Date range);
 *   EngineError `row_accounting` when ClickHouse's counts differ from DuckDB's.
 * @example
 * const r = await ingestFileToClickHouse(engine, 'data/cdnow/cdnow_sample_elog.csv', { mapping: { customer: 'sampleid', quantity: 'cds' } });
 * r.rowsAccepted; // → 6919
 */
export async function ingestFileToClickHouse(
  ch: ClickHouseEngine,
  path: string,
  options: ClickHouseIngestOptions = {},
  timings?: ClickHouseIngestTimings,
): Promise<IngestReport> {
  const lease = await takeIngestLease(ch, { path }, { leaseSeconds: options.leaseSeconds });
  try {
    const sha256 = await sha256File(path);
    // the same bytes under another path, being ingested right now, would pass the "seen" check too
    const content = await takeIngestLease(ch, { sha256 }, { leaseSeconds: options.leaseSeconds });
    try {
      return await ingestLeased(
        ch,
        path,
        sha256,
        options,
        timings ?? { validateMs: 0, waitMs: 0, checkMs: 0, insertMs: 0, keysSent: 0, duplicatesFound: 0 },
      );
    } finally {
      await content.release();
    }
  } finally {
    await lease.release();
  }
}

/** {@link ingestFileToClickHouse} once the leases of the path and of its content are held. */
async function ingestLeased(
  ch: ClickHouseEngine,
  path: string,
  sha256: string,
  options: ClickHouseIngestOptions,
  t: ClickHouseIngestTimings,
): Promise<IngestReport> {
  const batchRows = options.batchRows ?? 200_000;
  const seen = await ch.rows<{ source_id: number }>('SELECT source_id FROM sources WHERE sha256 = $1 ORDER BY source_id LIMIT 1', [sha256]);
  if (seen.length > 0) {
    const probe = await probeFile(path);
    const counts = await sourceCounts(ch, seen[0]!.source_id);
    return {
      file: path,
      format: probe.format,
      encoding: probe.encoding,
      bytes: probe.bytes,
      sha256,
      status: 'unchanged',
      sourceId: seen[0]!.source_id,
      mapping: null,
      dateFormat: null,
      timezone: options.timezone ?? 'UTC',
      duplicateCheck: false,
      acceptedRange: [options.minDate ?? '1970-01-01', options.maxDate ?? ''],
      ...counts,
    };
  }
  const previous = (await ch.rows<{ source_id: number }>('SELECT source_id FROM sources WHERE path = $1', [path])).map((r) => r.source_id);

  const duck = createDuckDbEngine();
  // taken by the check against earlier files, held until the rows are stored (see the note above)
  const held: { lease?: IngestLease } = {};
  try {
    await ensureWorkspace(duck);
    const earlierDuplicates = async (engine: Engine, keys: string): Promise<Float64Array> => {
      let start = Date.now();
      held.lease = await waitForDuplicateCheck(ch, options);
      t.waitMs += Date.now() - start;
      start = Date.now();
      const found = await earlierDuplicatesOnClickHouse(ch, engine, keys, previous, batchRows, t);
      t.checkMs += Date.now() - start;
      return found;
    };
    let start = Date.now();
    const aside = t.waitMs + t.checkMs;
    const report = await ingestFile(duck, path, { ...options, earlierDuplicates });
    t.validateMs += Date.now() - start - (t.waitMs + t.checkMs - aside);
    const local = report.sourceId;
    const [early] = await duck.rows<{ n: number }>(
      `SELECT count(*) AS n FROM transactions WHERE source_id = $1 AND event_date < DATE '1970-01-01'`,
      [local],
    );
    if (early!.n > 0) {
      throw new InputError(
        'date_before_1970',
        `${early!.n} accepted rows of ${path} are dated before 1970-01-01, which ClickHouse's Date type cannot hold; pass --min-date 1970-01-01 or later`,
        { rows: early!.n },
      );
    }

    start = Date.now();
    // claimed once the file is valid (a rejected file takes no id); not max + 1: another process may be ingesting too
    const sourceId = await claimSourceId(ch, 'sources');
    for (const id of previous) await dropSource(ch, id);
    try {
      await copyTable(duck, ch, 'transactions', local, sourceId, batchRows);
      await copyTable(duck, ch, 'quarantine', local, sourceId, batchRows);
      const counts = await sourceCounts(ch, sourceId);
      if (counts.rowsAccepted !== report.rowsAccepted || counts.rowsQuarantined !== report.rowsQuarantined) {
        throw new EngineError(
          'row_accounting',
          `ClickHouse holds ${counts.rowsAccepted} accepted and ${counts.rowsQuarantined} quarantined rows of ${path}; DuckDB validated ${report.rowsAccepted} and ${report.rowsQuarantined}`,
          { path },
        );
      }
      await copyTable(duck, ch, 'sources', local, sourceId, batchRows);
    } catch (error) {
      await dropSource(ch, sourceId).catch(() => {});
      throw error;
    }
    t.insertMs += Date.now() - start;
    return { ...report, sourceId, status: previous.length > 0 ? 'replaced' : report.status };
  } finally {
    await held.lease?.release();
    await duck.close();
  }
}

/**
 * Takes the workspace's `transactions:duplicate-check` lease, waiting while another process holds it
 * (progress `waiting`, a try every 0.5–1 s) for up to `duplicateCheckWaitSeconds`.
 * @throws InputError `ingest_in_progress` (naming the holder) when it is still held after the wait.
 */
async function waitForDuplicateCheck(ch: ClickHouseEngine, options: ClickHouseIngestOptions): Promise<IngestLease> {
  const lease = { leaseSeconds: options.leaseSeconds };
  const wait = options.duplicateCheckWaitSeconds ?? options.leaseSeconds ?? ch.target.ingestLeaseSeconds ?? DEFAULT_INGEST_LEASE_SECONDS;
  const until = Date.now() + wait * 1000;
  for (let told = false; ; told = true) {
    try {
      return await takeIngestLease(ch, { duplicateCheck: true }, lease);
    } catch (error) {
      if (!(error instanceof InputError && error.code === 'ingest_in_progress') || Date.now() >= until) throw error;
    }
    if (!told) options.onProgress?.('waiting');
    await sleep(500 + Math.floor(Math.random() * 500));
  }
}
