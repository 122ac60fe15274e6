/** The analysis's options and the shapes of its base stages (split from analysis.ts). */
import type { SummaryOptions } from '../summary/summary.js';
import type { ModelScores, ModelsReport } from '../pipeline.js';
import type { ProfitSummary } from '../pipeline-profit.js';
import type { CostModel } from '../profitability/cost-model.js';
import type { ProfitabilityResult } from '../profitability/profitability.js';
import type { ProfitabilityReport } from '../profitability/profit-report.js';
import type { RetentionOptions } from '../retention/retention-options.js';
import type { ExpansionOptions } from '../expansion/expansion-stage.js';

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
  /** Rules, offers and headroom settings (expansion, issue 13). */
  expansion?: ExpansionOptions;
  /** Risk horizon, lookback and thresholds of the retention scores and lists. */
  retention?: RetentionOptions;
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
