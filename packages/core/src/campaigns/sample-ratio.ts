import { chiSquareGoodnessOfFit } from '../math/stats/goodness-of-fit.js';

/** The sample-ratio-mismatch check of an experiment. */
export interface SampleRatioCheck {
  arms: string[];
  observed: number[];
  /** Planned shares, normalised to sum 1. */
  planned: number[];
  expected: number[];
  statistic: number;
  df: number;
  pValue: number;
  threshold: number;
  /** p < threshold: the split is not what was planned. */
  mismatch: boolean;
  message: string;
}

/**
 * Sample-ratio-mismatch check: Pearson's chi-square of the arm sizes against the planned shares
 * (Fabijan et al. 2019, "Diagnosing sample ratio mismatch in online controlled experiments", KDD;
 * a p-value below 0.001 means the assignment or the data collection is broken and every uplift is
 * suspect).
 * @example
 * sampleRatioCheck(['control', 'target'], [1000, 9000], [0.1, 0.9]).mismatch; // => false
 */
export function sampleRatioCheck(
  arms: readonly string[],
  observed: readonly number[],
  planned: readonly number[],
  threshold = 0.001,
): SampleRatioCheck {
  const total = planned.reduce((s, v) => s + v, 0);
  const shares = planned.map((v) => v / total);
  const gof = chiSquareGoodnessOfFit(observed, shares);
  const mismatch = gof.pValue < threshold;
  const n = observed.reduce((s, v) => s + v, 0);
  const pct = (v: number): string => `${(100 * v).toFixed(1)}%`;
  const split = arms.map((a, i) => `${a} ${pct(observed[i]! / n)} (planned ${pct(shares[i]!)})`).join(', ');
  const p = gof.pValue < 1e-4 ? gof.pValue.toExponential(1) : gof.pValue.toFixed(4);
  const message = mismatch
    ? `Sample ratio mismatch: ${split}; chi-square ${gof.statistic.toFixed(1)}, p = ${p} < ${threshold}. The split is not what was planned: check the assignment and how responses were collected before trusting any uplift.`
    : `Split as planned: ${split}; chi-square ${gof.statistic.toFixed(2)}, p = ${p}.`;
  return {
    arms: [...arms],
    observed: [...observed],
    planned: shares,
    expected: gof.expected,
    statistic: gof.statistic,
    df: gof.df,
    pValue: gof.pValue,
    threshold,
    mismatch,
    message,
  };
}
