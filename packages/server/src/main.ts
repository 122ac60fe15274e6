import { serve } from '@hono/node-server';
import { InputError, loadCostModel, type Engine, type IngestOptions, type RefreshInfo } from '@cvm/core';
import { createApp, type AppOptions } from './app.js';
import type { ComputingWork } from './computing.js';
import { describeWatchEvent, watchFolder } from './watch-folder.js';

export interface ServeOptions extends AppOptions {
  /** Interface to bind (default 127.0.0.1). Anything but loopback needs a token. */
  host?: string;
  /** Port (default 4173; 0 picks a free one). */
  port?: number;
  /**
   * A folder to watch for new log files (issue 16): each stable new or changed file is ingested with
   * `ingest` (the served log's mapping), logged through `log`, and the main stages (models re-fitted)
   * are recomputed in the background so the next page is fast.
   */
  watch?: { dir: string; everyMs: number; ingest?: IngestOptions; log?: (line: string) => void };
  /**
   * Re-fit schedule (issue 16): every `everyMs` (0: only on demand, POST /api/refit), when new data
   * arrived since the last fit, the models are re-fitted on the full data and every stage recomputed;
   * in between, new data is scored with the previous parameters. Default {@link DEFAULT_REFIT_EVERY_MS}.
   */
  refit?: { everyMs: number; log?: (line: string) => void };
  /**
   * Data written by other processes (issue 16): every `everyMs` (0: never) the workspace's stamp is
   * read (see `LiveAnalysis.noticeChanges`) and, when another process ingested into it (a
   * `cvm ingest` into the ClickHouse database served), the stages are refreshed as for a watched
   * file, logged through `log`, and warmed in the background.
   */
  poll?: { everyMs: number; log?: (line: string) => void };
  /**
   * issue 18: listen at once and warm the report caches in the background once this settles (noted
   * as computing, so slow reads answer 202 when `answerComputingAfterMs` is set), instead of warming
   * before listening. `cvm serve` passes its report, so the two do not hold their arrays at once.
   */
  warmAfter?: Promise<unknown>;
}

/** Default re-fit schedule of `cvm serve`: hourly, and only when new data arrived since the last fit. */
export const DEFAULT_REFIT_EVERY_MS = 3_600_000;

/**
 * One scheduled re-fit: when an incremental refresh left stages reflecting an older data version,
 * re-fits on the full data and warms the stages; logs the new fit. Never throws (the pages say what failed).
 */
export async function scheduledRefit(app: ReturnType<typeof createApp>, log?: (line: string) => void): Promise<boolean> {
  if (!app.state.stale) return false;
  const t0 = Date.now();
  try {
    const fit = await app.state.refit();
    await app.warm();
    log?.(
      fit
        ? `cvm: re-fitted ${fit.model} at data version ${fit.dataVersion} on ${fit.customers.toLocaleString('en-US')} customers (${((Date.now() - t0) / 1000).toFixed(1)} s)`
        : 'cvm: re-fit done; no count model can be trusted on this data (see /api/models)',
    );
  } catch (error) {
    log?.(`cvm: scheduled re-fit failed: ${(error as Error).message}`);
  }
  return true;
}

/** The log line saying what a refresh after new data did. */
export function describeRefresh(r: RefreshInfo): string {
  return r.mode === 'incremental'
    ? `cvm: refreshed ${r.touched.toLocaleString('en-US')} touched customers (${r.added} new, ${r.removed} gone; scores ${r.rescored === 'all' ? 'of everyone, the last day moved' : 'of the touched'}) with the current fit; segments and the rest reflect the previous version until the next re-fit`
    : `cvm: recomputing every stage: ${r.reason}`;
}

/**
 * One look for data other processes ingested (see {@link ServeOptions.poll}): when the workspace
 * moved, refreshes, logs what it did and warms the stages in the background. Resolves with what the
 * refresh did (null when nothing changed); never throws (a failed look is logged and tried again).
 */
export async function noticeOtherIngests(app: ReturnType<typeof createApp>, log?: (line: string) => void): Promise<RefreshInfo | null> {
  try {
    const r = await app.state.noticeChanges();
    if (!r) return null;
    const v = await app.state.workspaceVersion();
    log?.(`cvm: another process ingested into the workspace: now data version ${v.version}`);
    log?.(describeRefresh(r));
    void app.computing.track('the reports on the new data', app.warm()).catch(() => undefined);
    return r;
  } catch (error) {
    log?.(`cvm: looking for other ingests failed: ${(error as Error).message}`);
    return null;
  }
}

export const DEFAULT_PORT = 4173;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);
/** Shortest token accepted on a non-loopback interface (issue #20). */
export const MIN_PUBLIC_TOKEN = 16;

/**
 * Checks the binding rule and returns the host: loopback by default; any other interface needs a token.
 * @throws InputError `token_required`; `token_too_short` for a token under {@link MIN_PUBLIC_TOKEN} characters on a non-loopback host
 */
export function checkBinding(host = '127.0.0.1', token?: string): string {
  if (!LOOPBACK.has(host) && !token) {
    throw new InputError(
      'token_required',
      `Binding to ${host} exposes the workspace beyond this machine; give --token T (or set CVM_TOKEN), which every API call must then carry`,
      { host },
    );
  }
  if (!LOOPBACK.has(host) && token!.length < MIN_PUBLIC_TOKEN) {
    throw new InputError(
      'token_too_short',
      `Binding to ${host} needs a token of at least ${MIN_PUBLIC_TOKEN} characters (got ${token!.length}), so it cannot be guessed; generate one, e.g. openssl rand -hex 16`,
      { host, length: token!.length },
    );
  }
  return host;
}

/**
 * Binds the app to a port: the only place that does. Refuses a non-loopback host without a token.
 * Bound to loopback, it answers only requests whose Host is a loopback name (127.0.0.1, localhost,
 * [::1]), so a web page on another site cannot read the API through DNS rebinding.
 * Warms the report caches before resolving, so the first page is fast (or, with `warmAfter`, in the
 * background after listening: `warmed` settles when done).
 * @throws InputError `token_required` for a non-loopback host without a token; `port_in_use`;
 *   `cost_model_unreadable` / `bad_cost_model` when `costs` is given and cannot be used.
 */
export async function startServer(
  engine: Engine,
  options: ServeOptions = {},
): Promise<{ url: string; port: number; close(): Promise<void>; computing: ComputingWork; warmed: Promise<void> }> {
  const host = checkBinding(options.host, options.token);
  // A cost model that cannot be read is a startup error, not a surprise on the first request.
  if (options.costs !== undefined) await loadCostModel(options.costs);
  // Bound to loopback: answer only requests addressed to a loopback name (DNS-rebinding defence).
  const allowedHosts = options.allowedHosts ?? (LOOPBACK.has(host) ? ['127.0.0.1', 'localhost', '[::1]', '::1'] : undefined);
  const app = createApp(engine, { ...options, allowedHosts });
  const after = options.warmAfter;
  const warmed =
    after === undefined
      ? app.warm()
      : app.computing.track(
          'the customer table and segments',
          after.then(
            () => app.warm(),
            () => app.warm(),
          ),
        );
  if (after === undefined) await warmed;
  const refitEvery = options.refit?.everyMs ?? DEFAULT_REFIT_EVERY_MS;
  let refitting: Promise<unknown> | null = null;
  const refitTimer =
    refitEvery > 0
      ? setInterval(() => {
          if (refitting) return;
          refitting = scheduledRefit(app, options.refit?.log).finally(() => (refitting = null));
        }, refitEvery)
      : null;
  refitTimer?.unref();
  const pollEvery = options.poll?.everyMs ?? 0;
  let polling: Promise<unknown> | null = null;
  const pollTimer =
    pollEvery > 0
      ? setInterval(() => {
          if (polling) return;
          polling = noticeOtherIngests(app, options.poll?.log).finally(() => (polling = null));
        }, pollEvery)
      : null;
  pollTimer?.unref();
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, hostname: host, port: options.port ?? DEFAULT_PORT }, (info) => {
      const shown = host.includes(':') ? `[${host}]` : host;
      const w = options.watch;
      const watch =
        w &&
        watchFolder(app.state, w.dir, {
          everyMs: w.everyMs,
          ingest: w.ingest,
          onEvent: (e) => {
            w.log?.(describeWatchEvent(e));
            if (e.kind === 'ingested' && e.report.status !== 'unchanged') {
              // issue 16: say whether only the touched customers were refreshed (until the next re-fit) or everything recomputes
              const r = app.state.lastRefresh;
              if (r) w.log?.(describeRefresh(r));
              void app.computing.track('the reports on the new data', app.warm());
            }
          },
        });
      resolve({
        url: `http://${shown}:${info.port}/`,
        port: info.port,
        computing: app.computing,
        warmed,
        // Closing waits for the work under way (a scan of the watched folder, a re-fit, a look for other
        // ingests, the reports being computed): the caller closes the engine next, and closing DuckDB
        // under a running query can bring the process down.
        close: async () => {
          if (refitTimer) clearInterval(refitTimer);
          if (pollTimer) clearInterval(pollTimer);
          await new Promise<void>((res) => server.close(() => res()));
          await watch?.stop();
          await Promise.allSettled([refitting, polling]);
          await app.computing.settled();
        },
      });
    });
    server.on('error', (error: NodeJS.ErrnoException) => {
      if (refitTimer) clearInterval(refitTimer);
      if (pollTimer) clearInterval(pollTimer);
      reject(
        error.code === 'EADDRINUSE'
          ? new InputError(
              'port_in_use',
              `Port ${options.port ?? DEFAULT_PORT} on ${host} is in use; pick another with --port N (or CVM_PORT)`,
              { port: options.port },
            )
          : error,
      );
    });
  });
}
