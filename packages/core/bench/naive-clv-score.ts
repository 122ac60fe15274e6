/**
 * Direct per-customer CLV scoring, written for the benchmarks as the reference that `scoreCountModel`
 * is compared with: the model's conditional expectation Eᵢ(t) (`model.expectedPurchases`) evaluated
 * for every customer at every step of the discounting grid, with no grouping by distinct (x, T).
 * Same grid, discounting and formula as `scoreCountModel` (scores/clv.ts), so the two must agree to
 * rounding. Benchmark-only code: never imported by `src/`.
 */
import type { CountModel } from '../src/models/count-models.js';
import type { RfmData } from '../src/models/shared/model-types.js';
import type { ClvOptions, CountScores } from '../src/scores/clv.js';

/**
 * CLVᵢ = mᵢ sᵢ Σₖ [Eᵢ(tₖ) − Eᵢ(tₖ₋₁)] (1 + D)^(−(tₖ − h/2)/P), with Eᵢ evaluated per customer.
 * Times (horizon, step) are in the model's period; the discount rate is annual.
 */
export function scoreCountModelDirect(model: CountModel, params: Record<string, number>, data: RfmData, options: ClvOptions): CountScores {
  const n = data.x.length;
  const { horizon, annualDiscountRate: D, periodsPerYear: P, spend, margin } = options;
  const step = Math.min(options.step ?? (P > 100 ? 28 : 4), horizon);
  const grid: number[] = [];
  for (let t = step; t < horizon - 1e-9; t += step) grid.push(t);
  grid.push(horizon);
  const pAlive = model.pAlive(params, data);
  const discounted = new Float64Array(n);
  let prev: Float64Array = new Float64Array(n);
  let t0 = 0;
  for (const t of grid) {
    const e = model.expectedPurchases(params, t, data);
    const factor = Math.pow(1 + D, -(t - (t - t0) / 2) / P);
    for (let i = 0; i < n; i++) discounted[i] += (e[i] - prev[i]) * factor;
    prev = e;
    t0 = t;
  }
  const clv = new Float64Array(n);
  for (let i = 0; i < n; i++) clv[i] = discounted[i] * spend[i] * (typeof margin === 'number' ? margin : margin[i]);
  return { pAlive, expectedPurchases: prev, clv };
}
