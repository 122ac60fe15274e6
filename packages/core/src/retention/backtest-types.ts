import type { CountModelName } from '../models/count-models.js';
import type { Period } from '../summary/summary.js';
import type { CalibrationBin, GainsPoint } from './backtest-metrics.js';
import type { TimingRow } from './backtest-timing.js';
import type { RetentionOptions } from './retention-options.js';

/** Options and results of the retention backtest (see `retentionBacktest`). */

export interface BacktestOptions {
  /** Rank as of this day using only the data up to it (D). */
  calibrationEnd: string;
  /** Measure what happened in (D, E]. */
  holdoutEnd: string;
  period?: Period;
  /** The count model (default: chosen by a holdout validation within the data up to D). */
  model?: CountModelName;
  /** Lookback and thresholds; the risk horizon is the holdout (E − D days). */
  retention?: Omit<RetentionOptions, 'horizonDays'>;
}

/** How well one score separates the customers who bought in the holdout from those who did not. */
export interface ScoreAuc {
  key: string;
  label: string;
  description: string;
  auc: number;
  se: number;
  lower: number;
  upper: number;
}

/** The backtest of the retention ranking: what `cvm at-risk --backtest` prints. */
export interface RetentionBacktest {
  calibrationEnd: string;
  holdoutEnd: string;
  holdoutDays: number;
  period: Period;
  model: CountModelName;
  modelChoice: string;
  params: Record<string, number>;
  computedAt: string;
  customers: number;
  /** Customers with a purchase in (D, E]. */
  bought: number;
  baseRate: number;
  /** The score the lists rank by, first; then the alternatives and the naive baselines. */
  scores: ScoreAuc[];
  /** Precision and lift of the ranked list at 10% and 20%, both ends. */
  precision: {
    end: 'most at risk' | 'least at risk';
    outcome: 'did not buy' | 'bought';
    share: number;
    customers: number;
    events: number;
    rate: number;
    baseRate: number;
    lift: number;
  }[];
  /** The most-at-risk-first list's gains curve (event: did not buy), 5% steps. */
  gains: GainsPoint[];
  calibration: CalibrationBin[];
  brier: { brier: number; baseline: number };
  /** Next-purchase date error among the customers who bought in the holdout (calendar days). */
  timing: TimingRow[];
  /** By churn-risk label as of D: customers, holdout buyers and holdout revenue. */
  valueCaptured: {
    risk: string;
    customers: number;
    customerShare: number;
    buyers: number;
    buyerShare: number;
    revenue: number;
    revenueShare: number;
  }[];
  lists: { list: string; customers: number; bought: number; rate: number }[];
  options: Required<RetentionOptions>;
  warnings: string[];
}

/** What each customer of the summary (as of D) did in (D, E]: purchase days, the first of them (day number), purchase value. */
export interface BacktestOutcomes {
  holdoutEnd: string;
  days: Float64Array;
  next: Float64Array;
  revenue: Float64Array;
}
