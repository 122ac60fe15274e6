import type { Engine } from '../engine/engine.js';
import { serialEngine } from '../engine/serial-engine.js';
import { CvmError } from '../errors.js';
import { ingestFile, type IngestOptions, type IngestReport } from '../transactions/ingest.js';
import type { CustomerSummary, SummaryOptions } from '../summary/summary.js';
import { runModelsWithScores, runOverview, type ModelScores, type ModelsReport, type OverviewReport } from '../pipeline.js';
import { runSegmentsReport, segmentWithScores, type SegmentsReport } from '../pipeline-segments.js';
import { runProfitSummary, type ProfitSummary } from '../pipeline-profit.js';
import type { Segmentation } from '../segments/segmentation.js';
import type { CostModel } from '../profitability/cost-model.js';
import type { ProfitabilityResult } from '../profitability/profitability.js';
import type { ProfitabilityReport } from '../profitability/profit-report.js';
import { cohortReport, type CohortOptions, type CohortReport } from '../cohorts/cohorts.js';
import { loadCustomerTable } from '../customers/customer-table.js';
import { profitColumns, scoreColumns, segmentColumns, summaryColumns } from '../customers/customer-columns.js';
import type { ServedTable } from '../tables/served-table.js';

/** What an analysis of one workspace is run with; the CLI's flags and the server's options map onto it. */
export interface AnalysisOptions {
  /** Period, calibration and holdout ends of the per-customer summary. */
  summary?: SummaryOptions;
  /** Calibration end of the models' holdout validation (default: the middle of the log). */
  validateAt?: string;
  /** Fit the CLV models (default true; `--no-models` turns them off). */
  models?: boolean;
  /** Cost model for profitability (none: profitability is not computed). */
  costModel?: CostModel | null;
}

/**
 * The models stage: fitted and scored (`ok`); validated but no count model can be trusted, so the
 * report shows historic value (`fallback`, the report says why); or not run at all, with the reason
 * in words (`skipped`: turned off, too few customers, …).
 */
export type ModelsStage =
  | { status: 'ok'; report: ModelsReport; scores: ModelScores }
  | { status: 'fallback'; report: ModelsReport; reason: string }
  | { status: 'skipped'; code: string; reason: string };

/** The profitability stage (null without a cost model). */
export interface ProfitStage {
  summary: ProfitSummary;
  result: ProfitabilityResult;
  report: ProfitabilityReport;
  computedAt: string;
}

/**
 * One analysis of a workspace: the main job's stages, each computed once per data version and
 * shared by whoever asks (the CLI's report, every server route, the dashboard). This is the one
 * place where the stages are wired in order: overview (summary) → models and scores → segments
 * (tiers by predicted CLV when the models ran) → profitability (profit CLV from the scores). An
 * ingest through {@link Analysis.ingest} bumps the data version, so every stage recomputes on next use.
 *
 * @example
 * const a = new Analysis(await openWorkspace({ dir: '.cvm' }), { costModel });
 * const report = await buildMainReport(a); // overview, models, segments, profitability
 */
export class Analysis {
  readonly engine: Engine;
  readonly options: AnalysisOptions;
  private version = 0;
  private memo = new Map<string, Promise<unknown>>();

  constructor(engine: Engine, options: AnalysisOptions = {}) {
    this.engine = serialEngine(engine);
    this.options = options;
  }

  /** Data version: 0 at start, +1 per ingest that changed the data. */
  get dataVersion(): number {
    return this.version;
  }

  /** Memoises `compute` under `key` for the current data version; a failed computation is not kept. */
  cached<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const k = `${this.version}:${key}`;
    let p = this.memo.get(k) as Promise<T> | undefined;
    if (!p) {
      p = compute();
      this.memo.set(k, p);
      p.catch(() => this.memo.delete(k));
    }
    return p;
  }

  /** Ingests a file (see `ingestFile`); a change of the data invalidates every stage. */
  async ingest(path: string, options: IngestOptions = {}): Promise<IngestReport> {
    const report = await ingestFile(this.engine, path, options);
    if (report.status !== 'unchanged') {
      this.version++;
      this.memo.clear();
    }
    return report;
  }

  /** The overview report and the per-customer summary it rests on. */
  overview(): Promise<{ report: OverviewReport; summary: CustomerSummary }> {
    return this.cached('overview', () => runOverview(this.engine, [], {}, this.options.summary ?? {}));
  }

  /**
   * Holdout validation, the chosen model and every customer's scores; skipped (with the reason)
   * when models are turned off or the data cannot support them (e.g. too few customers), so that
   * everything else still runs.
   */
  models(): Promise<ModelsStage> {
    return this.cached('models', async () => {
      if (this.options.models === false) return { status: 'skipped', code: 'models_off', reason: 'the models were turned off (--no-models)' };
      const { summary } = await this.overview();
      try {
        const { report, scores } = await runModelsWithScores(this.engine, summary, { period: summary.period, validateAt: this.options.validateAt });
        if (scores === null) return { status: 'fallback', report, reason: report.fallback?.reason ?? 'no count model can be trusted on this data' };
        return { status: 'ok', report, scores };
      } catch (error) {
        if (!(error instanceof CvmError)) throw error;
        return { status: 'skipped', code: error.code, reason: error.message };
      }
    });
  }

  /** Model scores when the models ran, else undefined. */
  async scores(): Promise<ModelScores | undefined> {
    const m = await this.models();
    return m.status === 'ok' ? m.scores : undefined;
  }

  /** Segmentation as of the summary day: tiers by predicted CLV and P(alive) in the lifecycle rules when scored, else by historic net revenue. */
  segmentation(): Promise<Segmentation> {
    return this.cached('segmentation', async () => {
      const { summary } = await this.overview();
      return segmentWithScores(this.engine, { asOf: summary.calibrationEnd, scores: await this.scores() });
    });
  }

  /** The main job's segments section: tiers, Pareto view, lifecycle counts, the last two quarters' migration. */
  segmentsReport(): Promise<SegmentsReport> {
    return this.cached('segments-report', async () => {
      const { summary } = await this.overview();
      return runSegmentsReport(this.engine, { asOf: summary.calibrationEnd, scores: await this.scores(), segmentation: await this.segmentation() });
    });
  }

  /** Profitability under the cost model, with profit-based CLV when scored; null without a cost model. */
  profitability(): Promise<ProfitStage | null> {
    const model = this.options.costModel;
    if (!model) return Promise.resolve(null);
    return this.cached('profitability', async () => {
      const r = await runProfitSummary(this.engine, model, await this.scores());
      return { ...r, computedAt: new Date().toISOString() };
    });
  }

  /**
   * The customer table: every customer of the summary with the summary's columns, the model scores
   * (when fitted), the segment labels and profit (with a cost model), loaded into the engine so the
   * API can page, sort, filter and download it in SQL. Later reports add their columns here.
   */
  customerTable(): Promise<ServedTable> {
    return this.cached('customer-table', async () => {
      const { summary } = await this.overview();
      const models = await this.models();
      const columns = summaryColumns(summary);
      if (models.status === 'ok') columns.push(...scoreColumns(models.scores, models.report.units!.horizon));
      columns.push(...segmentColumns(await this.segmentation(), summary.customerId));
      const profit = await this.profitability();
      if (profit) columns.push(...profitColumns(profit.result.customers, summary.customerId, `${profit.result.period.start} to ${profit.result.period.end}`));
      return loadCustomerTable(this.engine, summary.customerId, columns, { title: `Customers as of ${summary.calibrationEnd}` });
    });
  }

  /** Acquisition cohorts × periods since acquisition. */
  cohorts(options: CohortOptions = {}): Promise<CohortReport> {
    return this.cached(`cohorts:${JSON.stringify(options)}`, () => cohortReport(this.engine, options));
  }
}
