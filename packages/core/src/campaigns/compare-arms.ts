import { bootstrapMeanDifference } from '../math/stats/bootstrap-mean-difference.js';
import { newcombeInterval, twoProportionPValue } from '../math/stats/proportion-intervals.js';
import { relativeInterval } from '../math/stats/ratio-interval.js';
import { welchTest } from '../math/stats/welch.js';
import { armValues, type ArmOutcome } from './arm-moments.js';
import type { ExperimentData, OutcomeKind } from './experiment-types.js';

/** Bootstrap percentile intervals of a `mean` outcome. */
export interface BootstrapIntervals {
  lower: number;
  upper: number;
  relativeLower: number;
  relativeUpper: number;
  standardError: number;
  resamples: number;
  seed: number;
}

/** One test arm against the control on one outcome. */
export interface Comparison {
  arm: string;
  control: string;
  outcome: string;
  label: string;
  kind: OutcomeKind;
  money: boolean;
  nTest: number;
  nControl: number;
  /** Rate or mean per customer. */
  meanTest: number;
  meanControl: number;
  /** meanTest − meanControl (a proportion for rates: 0.045 = 4.5 points). */
  difference: number;
  lower: number;
  upper: number;
  /** `newcombe` (rates: Newcombe 1998 hybrid score) or `welch` (means: Welch's t). */
  method: 'newcombe' | 'welch';
  /** meanTest / meanControl − 1, with the log-ratio (delta-method) interval. */
  relative: number;
  relativeLower: number;
  relativeUpper: number;
  /** Two-sided: pooled two-proportion z test (rates) or Welch's t test (means). */
  pValue: number;
  /** Holm-adjusted over every comparison of the analysis (set by the caller). */
  pAdjusted: number;
  bootstrap: BootstrapIntervals | null;
  /** difference × nTest: the extra responders or currency the arm produced against the control. */
  incremental: number;
  incrementalLower: number;
  incrementalUpper: number;
  /** The interval excludes 0. */
  significant: boolean;
}

/** Inputs of one comparison. */
export interface CompareInput {
  data: ExperimentData;
  values: Float64Array;
  armIndex: number;
  test: ArmOutcome;
  control: ArmOutcome;
  label: string;
  money: boolean;
  level: number;
  bootstrap: { resamples?: number; seed?: number } | false;
}

/**
 * Compares one arm with the control on one outcome: for a rate, Newcombe's hybrid score interval
 * and the pooled z test; for a mean, Welch's interval and test, plus (unless disabled) a seeded
 * percentile bootstrap; the relative change with the log-ratio interval; incremental totals for the
 * arm's size. `pAdjusted` is left equal to `pValue` (the analysis adjusts over all comparisons).
 */
export function compareArm(input: CompareInput): Comparison {
  const { data, test: t, control: c, level } = input;
  const rate = t.kind === 'rate';
  let lower: number, upper: number, pValue: number;
  let vt: number, vc: number;
  if (rate) {
    ({ lower, upper } = newcombeInterval(t.sum, t.n, c.sum, c.n, level));
    pValue = twoProportionPValue(t.sum, t.n, c.sum, c.n);
    vt = (t.mean * (1 - t.mean)) / t.n;
    vc = (c.mean * (1 - c.mean)) / c.n;
  } else {
    const w = welchTest({ n: t.n, mean: t.mean, variance: t.variance }, { n: c.n, mean: c.mean, variance: c.variance }, level);
    ({ lower, upper, pValue } = w);
    vt = t.variance / t.n;
    vc = c.variance / c.n;
  }
  const rel = relativeInterval(t.mean, vt, c.mean, vc, level);
  let bootstrap: BootstrapIntervals | null = null;
  if (!rate && input.bootstrap !== false) {
    const b = bootstrapMeanDifference(
      armValues(data, input.values, input.armIndex, t.n),
      armValues(data, input.values, data.control, c.n),
      { resamples: input.bootstrap.resamples, seed: input.bootstrap.seed, level },
    );
    bootstrap = {
      lower: b.difference.lower,
      upper: b.difference.upper,
      relativeLower: b.relative.lower,
      relativeUpper: b.relative.upper,
      standardError: b.standardError,
      resamples: b.resamples,
      seed: b.seed,
    };
  }
  const difference = t.mean - c.mean;
  return {
    arm: data.armNames[input.armIndex]!,
    control: data.armNames[data.control]!,
    outcome: t.outcome,
    label: input.label,
    kind: t.kind,
    money: input.money,
    nTest: t.n,
    nControl: c.n,
    meanTest: t.mean,
    meanControl: c.mean,
    difference,
    lower,
    upper,
    method: rate ? 'newcombe' : 'welch',
    relative: c.mean > 0 ? t.mean / c.mean - 1 : NaN,
    relativeLower: rel.lower,
    relativeUpper: rel.upper,
    pValue,
    pAdjusted: pValue,
    bootstrap,
    incremental: difference * t.n,
    incrementalLower: lower * t.n,
    incrementalUpper: upper * t.n,
    significant: lower > 0 || upper < 0,
  };
}
