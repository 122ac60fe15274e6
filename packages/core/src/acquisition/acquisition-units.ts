import { bootstrapMeans } from '../math/stats/bootstrap-means.js';
import type { Rng } from '../math/random/rng.js';

/**
 * The building blocks of the acquisition report: one unit per level (channel) × acquisition month,
 * holding its new customers, spend, margin realised to date, predicted remaining CLV, the cumulative
 * margin by month since acquisition (realised, then projected) and bootstrap means. Every row of the
 * report (month or quarter cohort, channel, overall) is a sum of units. Pure: typed arrays only.
 */
export interface Units {
  levels: string[];
  /** Absolute month index (months since 1970-01) of unit month 0, and the number of months. */
  firstMonth: number;
  months: number;
  /** Months since acquisition covered by `cumulative` (0 … K). */
  K: number;
  /** Bootstrap resamples per unit. */
  B: number;
  n: Float64Array;
  realised: Float64Array;
  predicted: Float64Array;
  /** Spend of the unit's channel and month; NaN when no spend row exists. */
  spend: Float64Array;
  /** Months from the unit's month to the report month (its customers' age). */
  age: Float64Array;
  /** Total cumulative margin of the unit's customers after k months since acquisition, units × (K + 1). */
  cumulative: Float64Array;
  /** Bootstrap means of LTV per customer, units × B. */
  boot: Float64Array;
}

export interface UnitInput {
  levels: string[];
  /** Per customer: level index, acquisition month (absolute), realised margin, predicted CLV. */
  level: Int32Array;
  month: Int32Array;
  realised: Float64Array;
  predicted: Float64Array;
  /** Per customer: margin per expected purchase × the curve's scale, and the curve pattern. */
  weight: Float64Array;
  pattern: Int32Array;
  /** Cumulative expected purchases per pattern at 1 … K months after the report day (patterns × K). */
  curve: Float64Array;
  /** Net revenue by level, acquisition month and months since acquisition (from SQL). */
  revenue: { level: number; month: number; k: number; revenue: number }[];
  spend: { level: number; month: number; amount: number }[];
  reportMonth: number;
  K: number;
  B: number;
  rng: Rng;
}

/**
 * Builds the units.
 *
 * ## Method
 * Realised margin of a unit is spread over its months since acquisition in proportion to the unit's
 * net revenue in each month (all of it in month 0 when the net revenue is not positive), so the
 * cumulative realised margin reaches the unit's realised total at its age. After the age, the
 * projected margin is added: Σᵢ weightᵢ · curve(patternᵢ, k − age) (the model's expected purchases
 * after the report day times each customer's expected margin per purchase). Bootstrap: each unit is
 * resampled on its own (a stratified bootstrap over customers).
 */
export function buildUnits(input: UnitInput): Units {
  const L = input.levels.length,
    K = input.K,
    B = input.B,
    n = input.level.length;
  let first = input.reportMonth,
    last = input.reportMonth;
  for (let i = 0; i < n; i++) {
    first = Math.min(first, input.month[i]!);
    last = Math.max(last, input.month[i]!);
  }
  for (const s of input.spend) {
    first = Math.min(first, s.month);
    last = Math.max(last, s.month);
  }
  const months = last - first + 1,
    U = L * months;
  const unitOf = (level: number, month: number): number => level * months + (month - first);
  const u = {
    n: new Float64Array(U),
    realised: new Float64Array(U),
    predicted: new Float64Array(U),
    spend: new Float64Array(U).fill(NaN),
    age: new Float64Array(U),
    cumulative: new Float64Array(U * (K + 1)),
  };
  for (let j = 0; j < U; j++) u.age[j] = input.reportMonth - (first + (j % months));
  const projected = new Float64Array(U * K);
  const cell = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const j = unitOf(input.level[i]!, input.month[i]!);
    cell[i] = j;
    u.n[j]!++;
    u.realised[j]! += input.realised[i]!;
    u.predicted[j]! += input.predicted[i]!;
    const w = input.weight[i]!,
      base = input.pattern[i]! * K,
      at = j * K;
    if (w !== 0) for (let t = 0; t < K; t++) projected[at + t]! += w * input.curve[base + t]!;
  }
  for (const s of input.spend) {
    const j = unitOf(s.level, s.month);
    u.spend[j] = (Number.isNaN(u.spend[j]!) ? 0 : u.spend[j]!) + s.amount;
  }
  const revenue = new Float64Array(U * (K + 1));
  const revenueTotal = new Float64Array(U);
  for (const r of input.revenue) {
    const j = unitOf(r.level, r.month);
    revenue[j * (K + 1) + Math.min(r.k, K)]! += r.revenue;
    revenueTotal[j]! += r.revenue;
  }
  for (let j = 0; j < U; j++) {
    const rate = revenueTotal[j]! > 0 ? u.realised[j]! / revenueTotal[j]! : NaN;
    const age = u.age[j]!;
    let c = 0;
    for (let k = 0; k <= K; k++) {
      if (k <= age) c += Number.isNaN(rate) ? (k === 0 ? u.realised[j]! : 0) : revenue[j * (K + 1) + k]! * rate;
      u.cumulative[j * (K + 1) + k] = k <= age ? c : u.realised[j]! + projected[j * K + Math.min(K - 1, k - age - 1)]!;
    }
  }
  // customers grouped by unit for the bootstrap (a counting sort)
  const offsets = new Int32Array(U + 1);
  for (let i = 0; i < n; i++) offsets[cell[i]! + 1]!++;
  for (let j = 0; j < U; j++) offsets[j + 1]! += offsets[j]!;
  const fill = offsets.slice(0, U);
  const ltv = new Float64Array(n);
  for (let i = 0; i < n; i++) ltv[fill[cell[i]!]!++] = input.realised[i]! + input.predicted[i]!;
  const boot = bootstrapMeans(ltv, offsets, B, input.rng);
  return { levels: input.levels, firstMonth: first, months, K, B, ...u, boot };
}
