import { compressRows } from '../models/shared/compress.js';
import type { CountModel } from '../models/count-models.js';
import type { RfmData } from '../models/shared/model-types.js';
import { InputError } from '../errors.js';
import { checkNumber } from '../numeric-limits.js';

/** Periods per year for each time unit (a year = 365.25 days). */
export const PERIODS_PER_YEAR = { day: 365.25, week: 365.25 / 7 } as const;

export interface ClvOptions {
  /** Horizon in model periods (e.g. 52 weeks). */
  horizon: number;
  /** Annual discount rate, e.g. 0.1 for 10% a year. */
  annualDiscountRate: number;
  /** Model periods per year (PERIODS_PER_YEAR.week for weekly summaries). */
  periodsPerYear: number;
  /** Expected value per purchase, per customer (Gamma-Gamma or historic mean). */
  spend: Float64Array;
  /** Margin as a fraction of spend: one number for everyone or one per customer. */
  margin: number | Float64Array;
  /** Step of the discounting grid in periods (default: about four weeks). */
  step?: number;
  /** Called after each step of the grid with (steps done, steps in all), for progress on a terminal. */
  onStep?: (done: number, total: number) => void;
}

export interface CountScores {
  pAlive: Float64Array;
  /** Expected repeat purchases over the horizon. */
  expectedPurchases: Float64Array;
  /** Discounted expected margin over the horizon (currency). */
  clv: Float64Array;
}

/**
 * Scores every customer with a fitted count model: P(alive), expected purchases over the horizon and
 * CLV, the discounted expected margin over the horizon:
 *
 *   CLVᵢ = mᵢ · sᵢ · Σₖ [Eᵢ(tₖ) − Eᵢ(tₖ₋₁)] · (1 + D)^(−(tₖ − h/2)/P)
 *
 * with tₖ = k·h (step h, last step clipped to the horizon), Eᵢ(t) the conditional expected repeat
 * purchases in (T, T + t], sᵢ the expected spend per purchase, mᵢ the margin, D the annual discount
 * rate and P periods per year: purchases in each step are discounted from the middle of the step.
 *
 * ## Method
 * Eᵢ(t) = P(alive)ᵢ · E(t | alive, xᵢ, Tᵢ) for all three count models, so the curve is evaluated once
 * per distinct (x, T) (with tₓ = T, where P(alive) is known) and scaled by P(alive)ᵢ / P(alive | x, T, T).
 * Cost: O(distinct (x, T) × steps) model evaluations plus O(n) arithmetic.
 *
 * @throws InputError `bad_horizon` (horizon ≤ 0 or beyond 10 years), `bad_discount_rate` (outside
 *   [0, 1]), `bad_margin` (see `NUMERIC_LIMITS`)
 */
export function scoreCountModel(model: CountModel, params: Record<string, number>, data: RfmData, options: ClvOptions): CountScores {
  const n = data.x.length;
  const { horizon, annualDiscountRate: D, periodsPerYear: P } = options;
  if (!(P > 0 && Number.isFinite(P)))
    throw new InputError(
      'bad_period',
      `periodsPerYear must be a positive number (e.g. ${PERIODS_PER_YEAR.week.toFixed(2)} for weeks); got ${P}`,
      { periodsPerYear: P },
    );
  checkNumber('horizonYears', horizon / P, `the horizon (${horizon} periods of 1/${+P.toFixed(2)} year)`);
  checkNumber('discountRate', D, 'the annual discount rate');
  const margin = options.margin;
  if (typeof margin === 'number' ? !Number.isFinite(margin) : margin.length !== n)
    throw new InputError('bad_margin', 'The margin must be a finite fraction or one value per customer', {});
  const step = Math.min(options.step ?? (P > 100 ? 28 : 4), horizon);
  const grid: number[] = [];
  for (let t = step; t < horizon - 1e-9; t += step) grid.push(t);
  grid.push(horizon);
  const pAlive = model.pAlive(params, data);
  const pairs = compressRows([data.x, data.T]);
  const m = pairs.size;
  const px = pairs.columns[0]!,
    pT = pairs.columns[1]!;
  const alive: RfmData = { x: px, tx: pT, T: pT };
  const pAliveAtT = model.pAlive(params, alive);
  const total = new Float64Array(m); // E(horizon | alive, x, T)
  const discounted = new Float64Array(m);
  const prev = new Float64Array(m);
  let t0 = 0,
    done = 0;
  for (const t of grid) {
    options.onStep?.(done++, grid.length);
    const e = model.expectedPurchases(params, t, alive);
    const factor = Math.pow(1 + D, -(t - (t - t0) / 2) / P);
    for (let j = 0; j < m; j++) {
      const curve = e[j]! / pAliveAtT[j]!;
      discounted[j]! += (curve - prev[j]!) * factor;
      prev[j] = curve;
    }
    t0 = t;
  }
  total.set(prev);
  const expectedPurchases = new Float64Array(n);
  const clv = new Float64Array(n);
  const row = pairs.rowPattern;
  for (let i = 0; i < n; i++) {
    const j = row[i]!;
    const a = pAlive[i]!;
    expectedPurchases[i] = a * total[j]!;
    clv[i] = a * discounted[j]! * options.spend[i]! * (typeof margin === 'number' ? margin : margin[i]!);
  }
  return { pAlive, expectedPurchases, clv };
}
