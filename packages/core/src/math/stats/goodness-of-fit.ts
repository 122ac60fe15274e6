import { chiSquareSf } from './chi-square.js';

/** Pearson's chi-square goodness-of-fit result. */
export interface GoodnessOfFit {
  statistic: number;
  df: number;
  pValue: number;
  /** Expected counts under the planned shares. */
  expected: number[];
}

/**
 * Pearson's chi-square goodness-of-fit test of observed counts against planned shares:
 * X² = Σ (Oᵢ − Eᵢ)²/Eᵢ with Eᵢ = N·sᵢ (shares normalised to sum 1), k − 1 degrees of freedom. Used
 * as the sample-ratio-mismatch check of an experiment (Fabijan et al. 2019, "Diagnosing sample
 * ratio mismatch in online controlled experiments", KDD). Categories with a planned share of 0 and
 * no observations are skipped; a category with share 0 but observations gives X² = Infinity, p = 0.
 *
 * @param observed - counts per category
 * @param shares - planned shares per category (any positive scale)
 * @example
 * chiSquareGoodnessOfFit([5050, 4950], [0.5, 0.5]).pValue; // => 0.3173 (X² = 1)
 */
export function chiSquareGoodnessOfFit(observed: readonly number[], shares: readonly number[]): GoodnessOfFit {
  const total = observed.reduce((s, v) => s + v, 0);
  const shareSum = shares.reduce((s, v) => s + v, 0);
  const expected = shares.map((s) => (total * s) / shareSum);
  let statistic = 0;
  let k = 0;
  for (let i = 0; i < observed.length; i++) {
    const e = expected[i]!,
      o = observed[i]!;
    if (e === 0 && o === 0) continue;
    k++;
    statistic += e === 0 ? Infinity : ((o - e) * (o - e)) / e;
  }
  const df = k - 1;
  return { statistic, df, pValue: df > 0 ? (statistic === Infinity ? 0 : chiSquareSf(statistic, df)) : NaN, expected };
}
