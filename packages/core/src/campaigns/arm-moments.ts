import type { ExperimentData, OutcomeKind } from './experiment-types.js';

/** One outcome in one arm. */
export interface ArmOutcome {
  outcome: string;
  kind: OutcomeKind;
  /** Rows with a value. */
  n: number;
  /** Sum of the values (responders for a rate). */
  sum: number;
  mean: number;
  /** Unbiased variance (n − 1); NaN for n < 2. */
  variance: number;
}

/** The kind of an outcome: given, or `rate` when every value is 0 or 1. */
export function outcomeKind(values: Float64Array, given?: OutcomeKind): OutcomeKind {
  if (given) return given;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v !== 0 && v !== 1 && !Number.isNaN(v)) return 'mean';
  }
  return 'rate';
}

/**
 * Size, sum, mean and variance of one outcome per arm, in two passes (means first, then squared
 * deviations, which keeps the variance accurate for large means). NaN values are left out.
 *
 * @returns one entry per arm, in `armNames` order
 * @example
 * armMoments({ arm: Uint32Array.of(0, 1, 1), armNames: ['c', 't'], control: 0, outcomes: [] }, Float64Array.of(1, 0, 1), 'rate')[1].mean; // => 0.5
 */
export function armMoments(data: ExperimentData, values: Float64Array, kind: OutcomeKind, name = ''): ArmOutcome[] {
  const k = data.armNames.length;
  const n = new Float64Array(k),
    sum = new Float64Array(k),
    ss = new Float64Array(k);
  const arm = data.arm;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isNaN(v)) continue;
    n[arm[i]!]++;
    sum[arm[i]!] += v;
  }
  const mean = Array.from(n, (c, j) => (c > 0 ? sum[j]! / c : NaN));
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isNaN(v)) continue;
    const d = v - mean[arm[i]!]!;
    ss[arm[i]!] += d * d;
  }
  return Array.from(n, (c, j) => ({ outcome: name, kind, n: c, sum: sum[j]!, mean: mean[j]!, variance: c >= 2 ? ss[j]! / (c - 1) : NaN }));
}

/** The non-missing values of one arm, as a new array (for the bootstrap). */
export function armValues(data: ExperimentData, values: Float64Array, armIndex: number, count: number): Float64Array {
  const out = new Float64Array(count);
  let j = 0;
  for (let i = 0; i < values.length; i++) {
    if (data.arm[i] === armIndex && !Number.isNaN(values[i]!)) out[j++] = values[i]!;
  }
  return j === count ? out : out.subarray(0, j);
}
