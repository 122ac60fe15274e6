import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDuckDbEngine } from '../duckdb/duckdb-engine.js';
import { EngineError, InputError } from '../../errors.js';
import { ensureWorkspace, ingestFile, type IngestOptions, type IngestReport } from '../../transactions/ingest.js';
import { probeFile, sha256File } from '../../transactions/file-probe.js';
import { sourceCounts } from '../../transactions/ingest-queries.js';
import { claimSourceId } from './clickhouse-source-claim.js';
import type { ClickHouseEngine } from './clickhouse-engine.js';
import { copyTable, dropSource, preloadEarlierRows } from './clickhouse-copy.js';
import { takeIngestLease, type IngestLeaseOptions } from './clickhouse-ingest-lease.js';

export interface ClickHouseIngestOptions extends IngestOptions, Pick<IngestLeaseOptions, 'leaseSeconds'> {
  /** Rows per INSERT into ClickHouse (default 200,000). */
  batchRows?: number;
}

/** Timings of one ClickHouse ingest, in milliseconds, for the benchmark. */
export interface ClickHouseIngestTimings {
  preloadMs: number;
  validateMs: number;
  insertMs: number;
  rowsPreloaded: number;
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
 * - Exact-duplicate check against earlier files: the earlier rows are first copied from ClickHouse
 *   into the temporary DuckDB (as CSV), so the check is DuckDB's own. This moves the whole
 *   workspace through Node and only happens when the check can apply (`dedupe` not `off` and
 *   earlier rows exist); docs/scaling.md gives the shard-local design for large workspaces.
 * - Not atomic across the cluster: the `sources` row is written last, and on failure the new
 *   source's partitions are dropped again.
 * - One ingest of a path, and of a content, at a time: the ingest holds a lease on its path, then
 *   on its SHA-256, for as long as it runs (`clickhouse-ingest-lease.ts`; `leaseSeconds`, default
 *   600, is how long a crashed process's lease blocks them), so a second path with the same bytes
 *   waits for the first to be in and is then `unchanged`. Unless `dedupe` is `off`, it also leases
 *   the workspace's transactions (`duplicateCheck`): two different files ingested at once would each
 *   miss the other's rows in the exact-duplicate check, so such ingests run one at a time, as
 *   DuckDB's file lock runs them; with `dedupe: 'off'` different files go in in parallel.
 *
 * @throws InputError / DataQualityError exactly as {@link ingestFile} (nothing is added then);
 *   InputError `ingest_in_progress` when another process is ingesting the same path or content, or
 *   (unless `dedupe` is `off`) any transaction file;
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
      // two different files at once would each miss the other's rows in the exact-duplicate check
      const all =
        options.dedupe === 'off' ? null : await takeIngestLease(ch, { duplicateCheck: true }, { leaseSeconds: options.leaseSeconds });
      try {
        return await ingestLeased(ch, path, sha256, options, timings ?? { preloadMs: 0, validateMs: 0, insertMs: 0, rowsPreloaded: 0 });
      } finally {
        await all?.release();
      }
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

  const scratch = mkdtempSync(join(tmpdir(), 'cvm-ch-ingest-'));
  const duck = createDuckDbEngine();
  try {
    await ensureWorkspace(duck);
    let start = Date.now();
    if (options.dedupe !== 'off') t.rowsPreloaded = await preloadEarlierRows(ch, duck, previous, scratch);
    t.preloadMs += Date.now() - start;

    start = Date.now();
    const report = await ingestFile(duck, path, options);
    t.validateMs += Date.now() - start;
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
    await duck.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}
