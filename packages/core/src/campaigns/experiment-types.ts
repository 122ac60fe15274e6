/**
 * Types of the experiment analysis: one row per customer with an arm and outcome columns, the same
 * shape whether it comes from a campaign in the workspace or from a flat file.
 */

/** `rate`: a 0/1 outcome (visited, bought), compared as proportions; `mean`: any number (revenue). */
export type OutcomeKind = 'rate' | 'mean';

/** One outcome column, aligned with the rows. */
export interface ExperimentOutcome {
  /** Machine name, e.g. `revenue`. */
  name: string;
  /** Words for people, e.g. `revenue per customer`; default the name. */
  label?: string;
  /** Default: `rate` when every value is 0 or 1, else `mean`. */
  kind?: OutcomeKind;
  /** Per row; NaN = no value for this row (left out of this outcome only). */
  values: Float64Array;
  /** Money outcomes report the incremental total in currency. */
  money?: boolean;
}

/** A categorical attribute of the rows (the `by` columns: tier, lifecycle stage, channel, …). */
export interface ExperimentSegment {
  name: string;
  /** Per row; '' = unknown. */
  values: readonly string[];
}

/** The input of the analysis. */
export interface ExperimentData {
  /** Per row: index into `armNames`. */
  arm: Uint32Array;
  armNames: readonly string[];
  /** Index of the control arm in `armNames`. */
  control: number;
  outcomes: readonly ExperimentOutcome[];
  segments?: readonly ExperimentSegment[];
  /**
   * Arms reported but not compared (e.g. a campaign's global holdout, kept out of all campaigns);
   * indices into `armNames`.
   */
  observeOnly?: readonly number[];
}

/** Options of the analysis. */
export interface AnalysisOptions {
  /** Confidence level of every interval, default 0.95. */
  level?: number;
  /** Planned share of each arm (aligned with `armNames`) for the sample-ratio-mismatch check; omitted = no check. */
  plannedShares?: readonly number[];
  /** p-value below which the split counts as mismatched, default 0.001 (Fabijan et al. 2019). */
  srmThreshold?: number;
  /** Bootstrap of `mean` outcomes (percentile, seeded); false = none. Default 2,000 resamples, seed 1. */
  bootstrap?: { resamples?: number; seed?: number } | false;
}
