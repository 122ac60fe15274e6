// What the acquisition report takes and returns.
import type { CostModel } from '../profitability/cost-model.js';
import type { ProfitabilityResult } from '../profitability/profitability.js';
import type { ModelScores, ModelsReport } from '../pipeline.js';
import type { CustomerSummary } from '../summary/summary.js';
import type { AttributionRule } from '../inputs/attribution-sql.js';

export interface AcquisitionOptions {
  /** The per-customer summary as of the report day (its calibration end). */
  summary: CustomerSummary;
  /** The fitted models and scores of `runModelsWithScores` on that summary. */
  models: { report: ModelsReport; scores: ModelScores | null };
  /** Margin basis: a cost model (realised margin = profit of the customer P&L) … */
  costModel?: CostModel | null;
  /** … with its activity file (support contacts, …) … */
  activitiesFile?: string;
  /** The P&L of `costModel` (and `activitiesFile`) when already computed (an analysis's profitability stage): not computed again. */
  profit?: ProfitabilityResult | null;
  /** … or a gross margin as a fraction of net revenue (default 1: revenue, with a warning). */
  margin?: number;
  /** Acquisition cohorts by `month` (default) or `quarter`. */
  cohort?: 'month' | 'quarter';
  /** Dimension of the rows: `channel` (default) or a customer attribute (then no CAC). */
  by?: string;
  /** How the acquisition channel is decided (default `file-then-first-order`). */
  attribution?: AttributionRule;
  /** Horizon of the predicted remaining CLV, months (default 36). */
  horizonMonths?: number;
  /** Annual discount rate of the predicted CLV (default 0.1). */
  annualDiscountRate?: number;
  /** A channel whose payback takes longer than this many months is flagged (default 12). */
  paybackHorizonMonths?: number;
  /** How far payback is projected with the model, months since acquisition (default 60). */
  projectionMonths?: number;
  /** Bootstrap resamples for the LTV:CAC intervals (default 1,000; fewer on very large bases, see `resamples` in the report). */
  bootstrap?: number;
  /** Seed of the bootstrap (default 1). */
  seed?: number;
}

/** One row: a level (channel) and cohort, a level over all cohorts, or everything. */
export interface AcquisitionRow {
  /** The channel (or attribute level); `all` for the overall row. */
  level: string;
  /** `YYYY-MM` or `YYYY-Qn`; null for a level's or the overall row. */
  cohort: string | null;
  newCustomers: number;
  /** Marketing spend (currency); null when none is recorded for the row (or the rows are not channels). */
  spend: number | null;
  /** Spend / new customers (currency); null without spend or without new customers. */
  cac: number | null;
  /** Margin realised to date per acquired customer (currency); null without new customers. */
  realisedPerCustomer: number | null;
  /** Predicted remaining CLV per acquired customer over the horizon, discounted (currency); null without new customers. */
  predictedPerCustomer: number | null;
  /** realised + predicted (currency); null without new customers. */
  ltvPerCustomer: number | null;
  ltvToCac: number | null;
  /** 95% percentile bootstrap interval of LTV:CAC over customers (CAC fixed). */
  ltvToCacLow: number | null;
  ltvToCacHigh: number | null;
  /** Months after the acquisition month until cumulative margin per customer covers CAC (0 = within it); null when not reached. */
  paybackMonths: number | null;
  /** True when the payback month lies beyond what some of the row's customers have lived (taken from the model). */
  paybackProjected: boolean;
  /** What a reader should know about the row, in words ("no spend recorded", …); empty when nothing. */
  note: string;
}

export interface AcquisitionReport {
  asOf: string;
  computedAt: string;
  cohort: 'month' | 'quarter';
  by: string;
  /** The attribution rule in words. */
  attribution: string;
  /** The margin basis in words. */
  basis: string;
  horizonMonths: number;
  annualDiscountRate: number;
  paybackHorizonMonths: number;
  projectionMonths: number;
  resamples: number;
  seed: number;
  model: { name: string; params: Record<string, number> };
  /** First and last month of the spend file (`YYYY-MM`), or null. */
  spendWindow: { first: string; last: string } | null;
  /** One row per level over the cohorts of the spend window, best LTV:CAC first. */
  levels: AcquisitionRow[];
  /** One row per level and cohort. */
  cohorts: AcquisitionRow[];
  overall: AcquisitionRow;
  /** Findings in words: LTV:CAC below 1, payback beyond the horizon, spend without customers, … */
  flags: string[];
  /** How the numbers were made (rules, units, exclusions). */
  notes: string[];
  warnings: string[];
}
