import { AsyncLocalStorage } from 'node:async_hooks';
import {
  LiveAnalysis,
  loadCostModel,
  type ScoringFit,
  type AnalysisOptions,
  type CostModel,
  type Engine,
  type ProfitStage,
  type SummaryOptions,
} from '@cvm/core';

/** The stage keys one request used (see {@link WorkspaceState.trackStages}). */
const stageUse = new AsyncLocalStorage<Set<string>>();

export interface StateOptions {
  /** Summary options for every report (period, calibration and holdout ends). */
  summary?: SummaryOptions;
  /** Calibration end of the models' holdout validation (default: the middle of the log). */
  validateAt?: string;
  /** Cost model file (read on first use): enables profitability. */
  costs?: string;
  /** Fit the models (default true). */
  models?: boolean;
  /** Refresh only the customers an appended batch touched, scoring them with the current fit (default true; issue 16). */
  incremental?: boolean;
}

/** What the stages one request read reflect (issue 16): see {@link WorkspaceState.trackStages}. */
export interface StageStamp {
  /** When the newest of them was computed (ISO). */
  computedAt?: string;
  /** The oldest data version among them, when one was carried over from an older version by an incremental refresh. */
  reflects?: number;
  /** The fit behind the scores, when the request read the models. */
  fit?: ScoringFit | null;
}

/**
 * What the server knows about its workspace: the core's {@link Analysis} (every stage computed once
 * per data version, shared by all routes and, under `cvm serve`, with the printed report), plus the
 * per-customer table materialised for paging. An upload bumps the data version; the next request
 * recomputes. Stages are memoised as promises, so concurrent requests share one computation.
 */
export class WorkspaceState extends LiveAnalysis {
  readonly summaryOptions: SummaryOptions;
  readonly validateAt: string | undefined;
  private readonly costsPath: string | undefined;

  constructor(engine: Engine, options: StateOptions & Omit<AnalysisOptions, 'summary' | 'validateAt'> = {}) {
    super(engine, { ...options, summary: options.summary ?? {}, validateAt: options.validateAt });
    this.summaryOptions = options.summary ?? {};
    this.validateAt = options.validateAt;
    this.costsPath = options.costs;
  }

  /** The server's cost model (--costs, read once per data version on first use); null without one. */
  override costModel(): Promise<CostModel | null> {
    if (!this.options.costModel && this.costsPath !== undefined) {
      return this.cached('cost-model', () => loadCostModel(this.costsPath!)).then((model) => {
        (this.options as AnalysisOptions).costModel = model;
        return model;
      });
    }
    return super.costModel();
  }

  /** Profitability under the server's cost model; null without one. */
  override profitability(): Promise<ProfitStage | null> {
    return this.costModel().then(() => super.profitability());
  }

  /** Memoises a stage (see `Analysis.cached`) and notes its key for the request being served, if any. */
  override cached<T>(key: string, compute: () => Promise<T>): Promise<T> {
    stageUse.getStore()?.add(key);
    return super.cached(key, compute);
  }

  /**
   * Runs `serve` (one request) noting the stages it reads, and returns when the newest of them was
   * computed (ISO; undefined when it read none), the oldest data version among those carried over by
   * an incremental refresh, and the fit when it read the models: for the response's
   * `X-Cvm-Computed-At`, `X-Cvm-Reflects-Version` and `X-Cvm-Fit-*` headers (issue 16).
   */
  async trackStages(serve: () => Promise<void>): Promise<StageStamp> {
    const used = new Set<string>();
    await stageUse.run(used, serve);
    const stamp: StageStamp = {};
    for (const key of used) {
      const at = this.computedAt(key);
      if (at !== undefined && (stamp.computedAt === undefined || at > stamp.computedAt)) stamp.computedAt = at;
      const v = this.stageReflects(key);
      if (v !== undefined && (stamp.reflects === undefined || v < stamp.reflects)) stamp.reflects = v;
    }
    if (used.has('models') && this.computedAt('models') !== undefined) stamp.fit = await this.scoringFit().catch(() => null);
    return stamp;
  }

  /** Sort orders of the customer table, cached per data version (see `tablePage`). */
  readonly permutations = (sort: string, dir: 'asc' | 'desc', load: () => Promise<Float64Array>): Promise<Float64Array> =>
    this.cached(`perm:${sort}:${dir}`, load);
}
