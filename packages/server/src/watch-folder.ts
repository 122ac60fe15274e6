import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { IngestOptions, IngestReport } from '@cvm/core';
import type { WorkspaceState } from './workspace-state.js';

/** What one look at the folder did to one file. */
export type WatchEvent =
  | { file: string; kind: 'ingested'; report: IngestReport; dataVersion: number }
  | { file: string; kind: 'failed'; error: string };

/** File names the watcher reads: logs as `cvm ingest` takes them. Hidden files and `.part`/`.tmp` names (a file still being written) are skipped. */
const LOG_NAME = /^[^.].*\.(csv|tsv|txt|ndjson|jsonl|json|parquet)(\.gz)?$/i;

/** A watched folder (see {@link watchFolder}). */
export interface FolderWatch {
  /** Looks at the folder once: ingests each log file whose size and modification time have not changed since the previous look. */
  scan(): Promise<WatchEvent[]>;
  /** Stops the timer; resolves when a scan under way has finished. */
  stop(): Promise<void>;
}

/**
 * Continuous ingestion from a folder (issue 16, item 5): new or changed log files dropped into `dir`
 * are ingested into the served workspace, exactly as `cvm ingest` or an upload would (the same
 * validation and quarantine; a file seen before is `unchanged`, a changed file at the same path
 * replaces its earlier rows), and the reports move to the new data version.
 *
 * A file is read only once it is stable: its size and modification time are the same on two looks in
 * a row (`everyMs` apart), so a file still being copied is not read half-way; writers that can should
 * write `name.csv.part` and rename it when done. Each file version (path, size, time) is tried once:
 * one that fails (unreadable, no header, …) is reported and skipped until it changes. With `everyMs`
 * the folder is looked at on a timer; with 0 only when `scan` is called.
 *
 * @example
 * const watch = watchFolder(state, '/data/drop', { everyMs: 10_000, ingest: { mapping: { customer: 'sampleid' } }, onEvent: console.log });
 * // later: watch.stop();
 */
export function watchFolder(
  state: WorkspaceState,
  dir: string,
  options: { everyMs?: number; ingest?: IngestOptions; onEvent?: (e: WatchEvent) => void } = {},
): FolderWatch {
  const lastSeen = new Map<string, string>(); // path → size:mtime on the previous look
  const tried = new Set<string>(); // path@size:mtime already ingested or failed
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let running: Promise<WatchEvent[]> | null = null;

  const look = async (): Promise<WatchEvent[]> => {
    const events: WatchEvent[] = [];
    const names = (await readdir(dir, { withFileTypes: true })).filter((e) => e.isFile() && LOG_NAME.test(e.name)).map((e) => e.name);
    const seenNow = new Map<string, string>();
    for (const name of names.sort()) {
      const path = join(dir, name);
      const s = await stat(path).catch(() => null);
      if (!s) continue; // removed meanwhile
      const sig = `${s.size}:${s.mtimeMs}`;
      seenNow.set(path, sig);
      if (lastSeen.get(path) !== sig || tried.has(`${path}@${sig}`)) continue;
      tried.add(`${path}@${sig}`);
      let event: WatchEvent;
      try {
        const report = await state.ingest(path, options.ingest ?? {});
        event = { file: name, kind: 'ingested', report, dataVersion: (await state.workspaceVersion()).version };
      } catch (error) {
        event = { file: name, kind: 'failed', error: (error as Error).message };
      }
      events.push(event);
      options.onEvent?.(event);
    }
    lastSeen.clear();
    for (const [k, v] of seenNow) lastSeen.set(k, v);
    return events;
  };

  const scan = (): Promise<WatchEvent[]> => {
    running ??= look().finally(() => {
      running = null;
    });
    return running;
  };

  const tick = (): void => {
    timer = setTimeout(() => {
      scan()
        .catch((error: Error) => options.onEvent?.({ file: dir, kind: 'failed', error: error.message }))
        .finally(() => {
          if (!stopped) tick();
        });
    }, options.everyMs);
  };
  if (options.everyMs) tick();
  return {
    scan,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running?.catch(() => undefined);
    },
  };
}

/** One line for the server's log about a watch event. */
export function describeWatchEvent(e: WatchEvent): string {
  if (e.kind === 'failed') return `cvm watch: ${e.file}: not ingested: ${e.error}`;
  const r = e.report;
  if (r.status === 'unchanged') return `cvm watch: ${e.file}: unchanged (already ingested)`;
  const q = r.rowsQuarantined ? `, ${r.rowsQuarantined.toLocaleString('en-US')} quarantined` : '';
  return `cvm watch: ${e.file}: ${r.status}, ${r.rowsAccepted.toLocaleString('en-US')} rows accepted${q}; data version ${e.dataVersion}`;
}
