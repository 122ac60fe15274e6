import { Analysis, type AnalysisOptions, type ModelsStage } from '../analysis/analysis.js';
import type { Engine } from '../engine/engine.js';
import { overviewOfSummary } from '../pipeline.js';
import { ingestFile, type IngestOptions, type IngestReport } from '../transactions/ingest.js';
import { innerEngine } from '../engine/serial-engine.js';
import { ingestLogFile, isClickHouseEngine } from '../engine/clickhouse/clickhouse-workspace.js';
import { readDataVersion } from '../transactions/data-version.js';
import { refreshCustomers, type RefreshBase, type RefreshResult } from './refresh.js';
import { scoringFitOf, type ScoringFit } from './scoring-fit.js';
import { refreshedColumns } from './refreshed-row.js';

/** What the last append did to the served state (issue 16): refreshed incrementally, or recomputed in full (and why). */
export type RefreshInfo =
  | ({ mode: 'incremental'; dataVersion: number; sourceId: number; timeMs: number } & Omit<RefreshResult, 'summary' | 'scores'>)
  | { mode: 'full'; dataVersion: number | null; reason: string };

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

  /** Re-fits the models on the full data and recomputes every stage on next use; resolves with the new fit. */
  refit(): Promise<ScoringFit | null> {
    this.invalidate();
    return this.scoringFit();
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
    const i = c.index.get(id);
    if (i === undefined) return 'gone';
    const row: Record<string, string | number | null> = { customer_id: id, clv_lo: null, clv_hi: null };
    for (const col of c.columns) {
      const v = 'codes' in col.values ? col.values.labels[col.values.codes[i]!]! : col.values[i]!;
      row[col.key] = typeof v === 'number' && !Number.isFinite(v) ? null : v;
    }
    return row;
  }

  /**
   * Ingests a file (either engine); an appended one refreshes the touched customers (see the class),
   * anything else invalidates every stage, as does `mode: 'full'` (an upload from the dashboard,
   * whose user expects every page, the customer table included, on the new data at once).
   */
  override async ingest(path: string, options: IngestOptions = {}, mode: 'incremental' | 'full' = 'incremental'): Promise<IngestReport> {
    const prior = await this.settledBase();
    // ClickHouse: validated in DuckDB, then inserted (the bulk inserts need the engine's own methods)
    const inner = innerEngine(this.engine);
    const report = isClickHouseEngine(inner) ? await ingestLogFile(inner, path, options) : await ingestFile(this.engine, path, options);
    if (report.status === 'unchanged') return report;
    if (!prior || report.status !== 'ingested' || mode === 'full') {
      this.invalidate();
      this.lastRefresh = {
        mode: 'full',
        dataVersion: null,
        reason: !prior
          ? 'the previous stages were not computed (or incremental refresh is off)'
          : report.status !== 'ingested'
            ? 'a replaced file also removed rows'
            : 'an upload recomputes every stage',
      };
      return report;
    }
    const t0 = performance.now();
    try {
      const r = await refreshCustomers(this.engine, prior.base, { sourceIds: [report.sourceId], summary: this.options.summary });
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
          reflects: this.reflects.get(`${old}:${key}`) ?? prior.dataVersion,
        }));
      this.invalidate();
      for (const s of keep) if (s.at !== undefined) this.seed(s.key, s.p, s.at, s.reflects);
      const now = new Date().toISOString();
      this.seed('data-version', Promise.resolve(data), now);
      this.seed('overview', Promise.resolve({ report: overview, summary: r.summary }), now);
      const models: ModelsStage = prior.models.status === 'ok' && r.scores ? { ...prior.models, scores: r.scores } : prior.models;
      this.seed('models', Promise.resolve(models), now);
      this.seed('scoring-fit', Promise.resolve(prior.base.fit), prior.base.fit?.fittedAt ?? now, prior.base.fit?.dataVersion);
      const { summary: _s, scores: _c, ...counts } = r;
      this.lastRefresh = {
        mode: 'incremental',
        dataVersion: data.version,
        sourceId: report.sourceId,
        timeMs: performance.now() - t0,
        ...counts,
      };
    } catch (error) {
      this.invalidate();
      this.lastRefresh = { mode: 'full', dataVersion: null, reason: `the incremental refresh failed: ${(error as Error).message}` };
    }
    return report;
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
  private async settledBase(): Promise<{ base: RefreshBase; models: ModelsStage; dataVersion: number } | null> {
    const done = (key: string): boolean => this.finished.has(`${this.version}:${key}`);
    if (!this.incremental || !done('overview') || !done('models') || !done('customer-table')) return null;
    const models = await this.models();
    const { summary } = await this.overview();
    const fit = models.status === 'ok' ? await this.scoringFit() : null;
    const dataVersion = this.reflects.get(`${this.version}:overview`) ?? (await this.workspaceVersion()).version;
    return { base: { summary, scores: models.status === 'ok' ? models.scores : null, fit }, models, dataVersion };
  }
}
