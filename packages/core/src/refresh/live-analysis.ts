import { Analysis, type AnalysisOptions, type ModelsStage } from '../analysis/analysis.js';
import type { Engine } from '../engine/engine.js';
import { overviewOfSummary } from '../pipeline.js';
import { ingestFile, type IngestOptions, type IngestReport } from '../transactions/ingest.js';
import { innerEngine } from '../engine/serial-engine.js';
import { ingestLogFile, isClickHouseEngine } from '../engine/clickhouse/clickhouse-workspace.js';
import { readDataVersion } from '../transactions/data-version.js';
import { refreshCustomers } from './refresh.js';
import type { RefreshInfo, SettledBase } from './refresh-info.js';
import { scoringFitOf, type ScoringFit } from './scoring-fit.js';
import { refreshedColumns, refreshedRowOf } from './refreshed-row.js';
import { readWorkspaceStamp, sameStamp, sourcesAfter, type WorkspaceStamp } from './workspace-stamp.js';
import { ensureInputTables } from '../inputs/input-ingest.js';

export type { RefreshInfo } from './refresh-info.js';

/** Stages an incremental refresh computes again instead of carrying over (the server's 'scores' derive from 'models'). */
const FRESH = new Set(['data-version', 'overview', 'models', 'scoring-fit', 'scores', 'refreshed-columns']);

/**
 * An {@link Analysis} that keeps up with continuous ingestion (issue 16, item 5): after an appended
 * file or event batch it refreshes only the customers the batch touched (`refreshCustomers`) and
 * scores them with the current fit's parameters; the overview (whole-log totals) is recomputed, the
 * models stage carries the merged scores, and every other stage (segments, tiers, profitability,
 * retention, the customer table, …) is carried over unchanged and says which data version it
 * reflects ({@link LiveAnalysis.stageReflects}) until the next re-fit ({@link LiveAnalysis.refit}),
 * which recomputes everything on the full data.
 *
 * The incremental path needs the previous version's overview, models and customer table computed
 * (the server warms them at start) and an appended source; a replaced file, a failed refresh or
 * `incremental: false` fall back to invalidating every stage, as {@link Analysis.ingest} does.
 * @example
 * const live = new LiveAnalysis(engine);
 * await live.customerTable();
 * await live.ingest('events.ndjson'); // touched customers refreshed, scored with the previous fit
 * (await live.scoringFit())?.dataVersion; // still the version the parameters were fitted at
 */
export class LiveAnalysis extends Analysis {
  readonly incremental: boolean;
  /** What the last ingest did (null before one). */
  lastRefresh: RefreshInfo | null = null;
  private reflects = new Map<string, number>();
  /** The workspace stamp the stages are at (null until first read), and the queue of ingests and checks. */
  private seen: WorkspaceStamp | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(engine: Engine, options: AnalysisOptions & { incremental?: boolean } = {}) {
    super(engine, options);
    this.incremental = options.incremental ?? true;
  }

  /** The parameters every score of this version was made with, and the data version they were fitted at; null without a trustworthy fit. */
  scoringFit(): Promise<ScoringFit | null> {
    return this.cached('scoring-fit', async () => {
      const m = await this.models();
      if (m.status !== 'ok') return null;
      const { summary } = await this.overview();
      const v = await this.workspaceVersion();
      return scoringFitOf(m.report, m.scores, summary, {
        dataVersion: v.version,
        fittedAt: this.computedAt('models') ?? new Date().toISOString(),
      });
    });
  }

  /** The data version (newest ingest) a stage reflects: undefined when computed on the current data, else the older version it was carried from. */
  stageReflects(key: string): number | undefined {
    return this.reflects.get(`${this.version}:${key}`);
  }

  /** Whether some stage (or the fit) reflects an older data version than the data: what a scheduled re-fit waits for. */
  get stale(): boolean {
    return this.reflects.size > 0;
  }

  /** Re-fits the models on the full data (in turn with ingests and looks) and recomputes every stage on next use; resolves with the new fit. */
  refit(): Promise<ScoringFit | null> {
    return this.exclusive(async () => this.invalidate()).then(() => this.scoringFit());
  }

  /**
   * A customer's refreshed summary and score columns (keys as in the customer table) when the
   * customer table is carried over from an older version; null when the table is current, `gone`
   * when the customer has no purchase left (every one cancelled since). The CLV interval is null
   * until the next re-fit.
   */
  async refreshedRow(id: string): Promise<Record<string, string | number | null> | 'gone' | null> {
    if (this.stageReflects('customer-table') === undefined) return null;
    const c = await this.cached('refreshed-columns', async () => refreshedColumns(await this.overview(), await this.models()));
    return refreshedRowOf(c, id);
  }

  /**
   * Ingests a file (either engine); an appended one refreshes the touched customers (see the class),
   * anything else invalidates every stage, as does `mode: 'full'` (an upload from the dashboard,
   * whose user expects every page, the customer table included, on the new data at once). Runs
   * one at a time with {@link LiveAnalysis.noticeChanges}, and takes in what other processes
   * ingested meanwhile.
   */
  override ingest(path: string, options: IngestOptions = {}, mode: 'incremental' | 'full' = 'incremental'): Promise<IngestReport> {
    return this.exclusive(async () => {
      const prior = await this.settledBase();
      await this.knownStamp();
      // ClickHouse: validated in DuckDB, then inserted (the bulk inserts need the engine's own methods)
      const inner = innerEngine(this.engine);
      const report = isClickHouseEngine(inner) ? await ingestLogFile(inner, path, options) : await ingestFile(this.engine, path, options);
      if (report.status === 'unchanged') return report;
      await this.catchUp(prior, mode === 'full' ? 'an upload recomputes every stage' : undefined);
      return report;
    });
  }

  /**
   * Notices data another process wrote into the workspace since the stages were computed (a
   * `cvm ingest` into the ClickHouse database being served): reads the workspace's stamp (two small
   * aggregates, see `readWorkspaceStamp`) and, when it moved, refreshes as an ingest here would:
   * appended log files incrementally (the touched customers), a replaced log file or a new input file
   * (customers, spend, prospects, surveys) by recomputing every stage. Resolves with what it did, or
   * null when nothing changed.
   * @example
   * const r = await live.noticeChanges(); // e.g. { mode: 'incremental', touched: 12, … } after another process's ingest
   */
  noticeChanges(): Promise<RefreshInfo | null> {
    return this.exclusive(async () => {
      const seen = await this.knownStamp();
      const now = await readWorkspaceStamp(this.engine);
      if (sameStamp(seen, now)) return null;
      await this.catchUp(await this.settledBase(), undefined, now);
      return this.lastRefresh;
    });
  }

  /** Runs `work` after every ingest or check before it has settled. */
  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const p = this.queue.then(work, work);
    this.queue = p.catch(() => undefined);
    return p;
  }

  /** The stamp of the data the stages reflect: read on first use (the data version the stages were computed at, and the input files then). */
  private async knownStamp(): Promise<WorkspaceStamp> {
    if (this.seen) return this.seen;
    await ensureInputTables(this.engine);
    const v = await this.workspaceVersion();
    this.seen = { log: { top: v.version, files: v.files }, inputs: (await readWorkspaceStamp(this.engine)).inputs };
    return this.seen;
  }

  /**
   * Brings the stages to the data now in the workspace (stamp `now`, read when not given): the log
   * files appended since the known stamp are refreshed incrementally from `prior`; anything else
   * (no prior, a replaced file, a changed input file, `full`) invalidates every stage.
   */
  private async catchUp(prior: SettledBase | null, full?: string, now?: WorkspaceStamp): Promise<void> {
    const seen = this.seen!;
    const ids = await sourcesAfter(this.engine, seen.log.top);
    const stamp = now ?? (await readWorkspaceStamp(this.engine));
    this.seen = stamp;
    const reason =
      full ??
      (!prior
        ? 'the previous stages were not computed (or incremental refresh is off)'
        : stamp.inputs !== seen.inputs
          ? 'an input file (customers, spend, prospects or surveys) was ingested or replaced'
          : ids.length === 0 || stamp.log.files !== seen.log.files + ids.length
            ? 'a replaced file also removed rows'
            : null);
    if (reason !== null) {
      this.invalidate();
      this.lastRefresh = { mode: 'full', dataVersion: null, reason };
      return;
    }
    const t0 = performance.now();
    try {
      const r = await refreshCustomers(this.engine, prior!.base, { sourceIds: ids, summary: this.options.summary });
      const overview = await overviewOfSummary(this.engine, r.summary);
      const data = await readDataVersion(this.engine);
      const carried = [...this.memo.keys()].filter((k) => k.startsWith(`${this.version}:`)).map((k) => k.slice(k.indexOf(':') + 1));
      const old = this.version;
      const keep = carried
        .filter((key) => !FRESH.has(key))
        .map((key) => ({
          key,
          p: this.memo.get(`${old}:${key}`)!,
          at: this.finished.get(`${old}:${key}`),
          reflects: this.reflects.get(`${old}:${key}`) ?? prior!.dataVersion,
        }));
      this.invalidate();
      for (const s of keep) if (s.at !== undefined) this.seed(s.key, s.p, s.at, s.reflects);
      const now = new Date().toISOString();
      this.seed('data-version', Promise.resolve(data), now);
      this.seed('overview', Promise.resolve({ report: overview, summary: r.summary }), now);
      const models: ModelsStage = prior!.models.status === 'ok' && r.scores ? { ...prior!.models, scores: r.scores } : prior!.models;
      this.seed('models', Promise.resolve(models), now);
      this.seed('scoring-fit', Promise.resolve(prior!.base.fit), prior!.base.fit?.fittedAt ?? now, prior!.base.fit?.dataVersion);
      const { summary: _s, scores: _c, ...counts } = r;
      this.lastRefresh = {
        mode: 'incremental',
        dataVersion: data.version,
        sourceId: ids.at(-1)!,
        timeMs: performance.now() - t0,
        ...counts,
      };
    } catch (error) {
      this.invalidate();
      this.lastRefresh = { mode: 'full', dataVersion: null, reason: `the incremental refresh failed: ${(error as Error).message}` };
    }
  }

  /** Starts a new version with nothing computed. */
  private invalidate(): void {
    this.version++;
    this.memo.clear();
    this.finished.clear();
    this.reflects.clear();
  }

  /** Puts a computed stage into the current version, with when it was computed and (if older) the data version it reflects. */
  private seed(key: string, p: Promise<unknown>, at: string, reflects?: number): void {
    const k = `${this.version}:${key}`;
    this.memo.set(k, p);
    this.finished.set(k, at);
    if (reflects !== undefined) this.reflects.set(k, reflects);
  }

  /** The current version's summary, scores and fit, when the overview, models and customer table are computed; else null. */
  private async settledBase(): Promise<SettledBase | null> {
    const done = (key: string): boolean => this.finished.has(`${this.version}:${key}`);
    if (!this.incremental || !done('overview') || !done('models') || !done('customer-table')) return null;
    const models = await this.models();
    const { summary } = await this.overview();
    const fit = models.status === 'ok' ? await this.scoringFit() : null;
    const dataVersion = this.reflects.get(`${this.version}:overview`) ?? (await this.workspaceVersion()).version;
    return { base: { summary, scores: models.status === 'ok' ? models.scores : null, fit }, models, dataVersion };
  }
}
