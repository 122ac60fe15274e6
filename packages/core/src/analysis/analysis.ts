import { readDataVersion, type DataVersion } from '../transactions/data-version.js';
import type { Engine } from '../engine/engine.js';
import { serialEngine } from '../engine/serial-engine.js';
import { ingestFile, type IngestOptions, type IngestReport } from '../transactions/ingest.js';
import type { CustomerSummary, SummaryOptions } from '../summary/summary.js';
import { runOverview, type ModelScores, type ModelsReport, type OverviewReport } from '../pipeline.js';
import { runSegmentsReport, segmentWithScores, type SegmentsReport } from '../pipeline-segments.js';
import { runProfitSummary, type ProfitSummary } from '../pipeline-profit.js';
import type { Segmentation } from '../segments/segmentation.js';
import type { CostModel } from '../profitability/cost-model.js';
import type { ProfitabilityResult } from '../profitability/profitability.js';
import type { ProfitabilityReport } from '../profitability/profit-report.js';
import { cohortReport, type CohortOptions, type CohortReport } from '../cohorts/cohorts.js';
import type { ServedTable } from '../tables/served-table.js';
// expansion (issue 13), retention (issue 12) and feedback (issue 15): their stage bodies live in
// expansion-stages.ts and retention-stages.ts
import type {
  BasketsStage,
  ExpansionOptions,
  HeadroomGrouping,
  HeadroomStage,
  OfferBacktestStage,
  OffersStage,
  RuleThresholds,
  RulesStage,
} from '../expansion/expansion-stage.js';
import { RETENTION_DEFAULTS, type RetentionOptions } from '../retention/retention-options.js';
import type { RetentionStage } from '../retention/retention-stage.js';
import type { LifecycleTrends } from '../retention/trends.js';
import type { BacktestOptions, RetentionBacktest } from '../retention/backtest.js';
import type { FeedbackStage } from '../feedback/feedback-stage.js';
import { basketsStage, headroomStage, offerBacktestStage, offersStage, rulesStage } from './expansion-stages.js';
import { customerTableStage, modelsStage } from './base-stages.js';
import {
  feedbackStage,
  retentionBacktestStage,
  retentionListsTableStage,
  retentionStage,
  retentionTrendsStage,
} from './retention-stages.js';

export type { AnalysisOptions, ModelsStage, ProfitStage } from './analysis-types.js';
import type { AnalysisOptions, ModelsStage, ProfitStage } from './analysis-types.js';

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
  protected version = 0;
  protected memo = new Map<string, Promise<unknown>>();
  protected finished = new Map<string, string>();

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
      p.then(
        () => this.finished.set(k, new Date().toISOString()),
        () => this.memo.delete(k),
      );
    }
    return p;
  }

  /** When the stage memoised under `key` finished computing for the current data version (ISO); undefined while it runs or before. */
  computedAt(key: string): string | undefined {
    return this.finished.get(`${this.version}:${key}`);
  }

  /** The workspace's data version (newest ingest, files, transactions), read once per data version. */
  workspaceVersion(): Promise<DataVersion> {
    return this.cached('data-version', () => readDataVersion(this.engine));
  }

  /** Ingests a file (see `ingestFile`); a change of the data invalidates every stage. */
  async ingest(path: string, options: IngestOptions = {}): Promise<IngestReport> {
    const report = await ingestFile(this.engine, path, options);
    if (report.status !== 'unchanged') {
      this.version++;
      this.memo.clear();
      this.finished.clear();
    }
    return report;
  }

  /** The overview report and the per-customer summary it rests on. */
  overview(): Promise<{ report: OverviewReport; summary: CustomerSummary }> {
    // the retention stage's history as of lookbackDays earlier, and the segments' second-to-last
    // purchase day, are read in the summary's pass (issue 12)
    const history = {
      historyLookbackDays: this.options.retention?.lookbackDays ?? RETENTION_DEFAULTS.lookbackDays,
      previousPurchase: true,
    };
    return this.cached('overview', () => runOverview(this.engine, [], {}, { ...history, ...this.options.summary }));
  }

  /**
   * Holdout validation, the chosen model and every customer's scores; skipped (with the reason)
   * when models are turned off or the data cannot support them (e.g. too few customers), so that
   * everything else still runs.
   */
  models(): Promise<ModelsStage> {
    return modelsStage(this);
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
      return segmentWithScores(this.engine, { asOf: summary.calibrationEnd, scores: await this.scores(), summary });
    });
  }

  /** The main job's segments section: tiers, Pareto view, lifecycle counts, the last two quarters' migration. */
  segmentsReport(): Promise<SegmentsReport> {
    return this.cached('segments-report', async () => {
      const { summary } = await this.overview();
      return runSegmentsReport(this.engine, {
        asOf: summary.calibrationEnd,
        scores: await this.scores(),
        segmentation: await this.segmentation(),
      });
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
    return customerTableStage(this);
  }

  /**
   * Retention as of the summary day (issue 12): every customer's P(return), churn risk, next purchase
   * date, value at risk and P(alive) change, the at-risk and win-back lists, value at risk by tier and
   * stage. Needs the models.
   * @throws InputError `models_required` when the models did not run (with their reason);
   *   DataQualityError `no_trustworthy_model` when no count model can be trusted (the fallback)
   */
  retention(): Promise<RetentionStage> {
    return retentionStage(this);
  }

  /** The customer table cut to the columns the retention lists read (see `retentionListTable`): what `cvm at-risk` and `cvm win-back` serve. */
  retentionListsTable(): Promise<ServedTable> {
    return retentionListsTableStage(this);
  }

  /**
   * Customers by lifecycle flow (new, returning, reactivated, lapsed) and revenue per month up to the
   * summary day; the lapse window is the lifecycle's lapsed threshold at the base's median rhythm.
   */
  retentionTrends(): Promise<LifecycleTrends> {
    return retentionTrendsStage(this);
  }

  /**
   * Backtest of the retention ranking (see `retentionBacktest`): as of `calibrationEnd` with only the
   * data up to it, measured on (calibrationEnd, holdoutEnd]. Same period and thresholds as the analysis.
   */
  retentionBacktest(o: Pick<BacktestOptions, 'calibrationEnd' | 'holdoutEnd' | 'model'>): Promise<RetentionBacktest> {
    return retentionBacktestStage(this, o);
  }

  /**
   * The feedback report (issue 15): NPS and CSAT by tier, segment, channel, cohort and month, the
   * non-response bias and the satisfaction-profit chain; `not_computed` (with how to add them)
   * when the workspace holds no survey responses.
   */
  feedback(): Promise<FeedbackStage> {
    return feedbackStage(this);
  }

  /** Acquisition cohorts × periods since acquisition. */
  cohorts(options: CohortOptions = {}): Promise<CohortReport> {
    return this.cached(`cohorts:${JSON.stringify(options)}`, () => cohortReport(this.engine, options));
  }

  // ── expansion (issue 13): baskets, rules, next best offers, up-sell headroom, backtest ──────
  // A log without product ids answers not_computed with the reason (headroom then runs on spend alone).

  /** The product cost model (the `costModel` option; the server reads its --costs file here). */
  costModel(): Promise<CostModel | null> {
    return Promise.resolve(this.options.costModel ?? null);
  }

  /** Product baskets up to the summary day, read once for rules and offers; not_computed without product ids. */
  baskets(): Promise<BasketsStage> {
    return basketsStage(this);
  }

  /**
   * Association rules at the given thresholds (default: the `expansion.rules` option, else
   * `RULE_DEFAULTS`); the four most recently asked threshold sets are kept.
   * @throws InputError when a threshold is out of range or the itemsets explode (which threshold to raise)
   */
  rules(thresholds: RuleThresholds = {}): Promise<RulesStage> {
    return rulesStage(this, thresholds);
  }

  /** Next best offers (top k per customer, with reasons) as of the summary day. */
  offers(): Promise<OffersStage> {
    return offersStage(this);
  }

  /**
   * Backtest of the offers against popularity: calibration end default the models' validation
   * day (else the middle of the log), holdout end default the summary day.
   * @throws InputError `bad_date`, `bad_holdout`, `empty_holdout`
   */
  offerBacktest(o: { calibrationEnd?: string; holdoutEnd?: string; k?: number } = {}): Promise<OfferBacktestStage> {
    return offerBacktestStage(this, o);
  }

  /** Up-sell headroom against the upper quartile of the customer's segment (value tier by default), weighted by P(alive) when scored. */
  headroom(groupBy: HeadroomGrouping = 'value_tier'): Promise<HeadroomStage> {
    return headroomStage(this, groupBy);
  }
}
