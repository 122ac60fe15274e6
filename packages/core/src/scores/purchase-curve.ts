import { compressRows } from '../models/shared/compress.js';
import type { CountModel } from '../models/count-models.js';
import type { RfmData } from '../models/shared/model-types.js';

/**
 * Every customer's cumulative expected repeat purchases after the end of their history, on a grid of
 * times, stored once per distinct (x, T):
 *
 *   Eᵢ(tₖ) = scaleᵢ · curve[patternᵢ · K + k]
 *
 * with `scaleᵢ` = P(alive)ᵢ / P(alive | x, T, T) and `curve` = E(tₖ | alive, x, T) · P(alive | x, T, T).
 */
export interface PurchaseCurve {
  /** Grid times in model periods (increasing), K of them. */
  grid: Float64Array;
  /** Distinct (x, T) pattern of each customer. */
  pattern: Int32Array;
  /** P(alive)ᵢ / P(alive at the pattern's own T with tₓ = T). */
  scale: Float64Array;
  /** P(alive) of each customer. */
  pAlive: Float64Array;
  /** Patterns × grid, row-major: expected purchases in (T, T + tₖ] of the pattern, alive at T with tₓ = T. */
  curve: Float64Array;
}

/**
 * Evaluates a fitted count model's conditional expectation on a grid for every customer.
 *
 * ## Method
 * For BG/NBD, MBG/NBD and Pareto/NBD, E[X(T, T+t) | x, tₓ, T] = P(alive | x, tₓ, T) · E[X(T, T+t) |
 * alive, x, T] (FHL 2005 eq. 10; Schmittlein et al. 1987 eq. 22), and tₓ enters only through
 * P(alive). So the curve is evaluated once per distinct (x, T) with tₓ = T and rescaled per customer
 * (as `scoreCountModel` does for the CLV). Cost: O(distinct (x, T) × grid) model evaluations plus O(n).
 *
 * @param grid - times after the end of each history, in model periods (days or weeks), increasing
 * @param knownPAlive - `model.pAlive(params, data)` when the caller holds it (the models stage's scores), else computed here
 * @example
 * const c = purchaseCurve(COUNT_MODEL_REGISTRY['bg-nbd'], params, rfm, Float64Array.of(4.35, 8.7));
 * c.scale[0] * c.curve[c.pattern[0] * 2 + 1]; // customer 0's expected repeat purchases in the next ~2 months
 */
export function purchaseCurve(
  model: CountModel,
  params: Record<string, number>,
  data: RfmData,
  grid: Float64Array,
  knownPAlive?: Float64Array,
): PurchaseCurve {
  const n = data.x.length;
  const pAlive = knownPAlive ?? model.pAlive(params, data);
  const pairs = compressRows([data.x, data.T]);
  const px = pairs.columns[0]!,
    pT = pairs.columns[1]!;
  const alive: RfmData = { x: px, tx: pT, T: pT };
  const atT = model.pAlive(params, alive);
  const m = pairs.size,
    K = grid.length;
  const curve = new Float64Array(m * K);
  for (let k = 0; k < K; k++) {
    const e = model.expectedPurchases(params, grid[k]!, alive);
    for (let j = 0; j < m; j++) curve[j * K + k] = e[j]!;
  }
  const scale = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const a = atT[pairs.rowPattern[i]!]!;
    scale[i] = a > 0 ? pAlive[i]! / a : 0;
  }
  return { grid, pattern: pairs.rowPattern, scale, pAlive, curve };
}

/**
 * Each customer's discounted expected repeat purchases over the first `steps` grid points:
 * Σₖ [Eᵢ(tₖ) − Eᵢ(tₖ₋₁)] · (1 + d)^(−(k − ½)/stepsPerYear) — purchases in each step discounted from
 * its middle, as `scoreCountModel` does (CLVᵢ = margin per purchase × this). Assumes an evenly
 * spaced grid starting one step after 0 (e.g. months).
 * @example discountedPurchases(curve, 36, 0.1, 12); // per customer, the next 36 months at 10% a year
 */
export function discountedPurchases(c: PurchaseCurve, steps: number, annualDiscountRate: number, stepsPerYear: number): Float64Array {
  const K = c.grid.length,
    n = c.pattern.length;
  const m = c.curve.length / K;
  const factor = Float64Array.from({ length: steps }, (_, k) => Math.pow(1 + annualDiscountRate, -(k + 0.5) / stepsPerYear));
  const perPattern = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    let v = 0,
      prev = 0;
    for (let k = 0; k < steps; k++) {
      const e = c.curve[j * K + k]!;
      v += (e - prev) * factor[k]!;
      prev = e;
    }
    perPattern[j] = v;
  }
  return Float64Array.from({ length: n }, (_, i) => c.scale[i]! * perPattern[c.pattern[i]!]!);
}
