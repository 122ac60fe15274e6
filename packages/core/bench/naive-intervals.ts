/**
 * A straightforward implementation of `countModelIntervals`, written for the benchmark and the test
 * as one would first write it: customer by customer (no compression to distinct patterns), each
 * parameter draw scored through the public model API (`model.pAlive`, `model.expectedPurchases`:
 * FHL 2005 eq. 10 through the ₂F₁ routine with its own validation), all D values per customer kept,
 * fully sorted, and the type-7 quantiles read off the sorted values. The totals use the same mixture
 * interval and process variance (conditionalMoments at the point estimate) as the product code, so
 * the comparison checks the per-draw evaluation, the quantiles and the sums.
 * Benchmark/test-only code: never imported by `src/`. Memory O(customers × draws).
 */
import type { CountModel } from '../src/models/count-models.js';
import type { FitResult, RfmData } from '../src/models/shared/model-types.js';
import { quantileSorted } from '../src/math/stats/quantile-sorted.js';
import { scoreCountModel, type ClvOptions } from '../src/scores/clv.js';
import { mixtureInterval } from '../src/scores/intervals/aggregate-interval.js';
import { drawParameters } from '../src/scores/intervals/parameter-draws.js';
import { conditionalMoments } from '../src/scores/intervals/process-variance.js';

/** Per-customer bands and per-draw totals of {@link naiveIntervals}. */
export interface NaiveIntervals {
  paLo: Float64Array;
  paHi: Float64Array;
  eLo: Float64Array;
  eHi: Float64Array;
  /** Expected total purchases per draw, and its mean. */
  totalE: Float64Array;
  meanE: number;
  /** Interval of the total purchases (mixture with the process noise). */
  total: { lo: number; hi: number };
  /** Expected total CLV per draw. */
  totalV: Float64Array;
}

/**
 * Intervals of P(alive) and expected purchases per customer, and of the total purchases (see the file note).
 *
 * @param model - count model
 * @param fit - its fit
 * @param data - x, tx, T per customer (weights ignored: one customer per row)
 * @param clv - CLV options (horizon, discounting, spend, margin)
 * @param level - central coverage
 * @param D - parameter draws
 * @param seed - their seed
 * @returns bands and totals
 * @example
 * naiveIntervals(COUNT_MODEL_REGISTRY['bg-nbd'], fit, rfm, clv, 0.9, 200, 1).paLo[0]; // => 0.6…
 */
export function naiveIntervals(
  model: CountModel,
  fit: FitResult<string>,
  data: RfmData,
  clv: ClvOptions,
  level: number,
  D: number,
  seed: number,
): NaiveIntervals {
  const n = data.x.length;
  const draws = drawParameters(fit, D, seed);
  const point = scoreCountModel(model, fit.params, data, clv);
  const allA = new Float64Array(n * D),
    allE = new Float64Array(n * D);
  const totalE = new Float64Array(D),
    totalV = new Float64Array(D);
  for (let d = 0; d < D; d++) {
    const th = draws.params(d);
    const pa = model.pAlive(th, data);
    const e = model.expectedPurchases(th, clv.horizon, data);
    for (let i = 0; i < n; i++) {
      allA[i * D + d] = pa[i]!;
      allE[i * D + d] = e[i]!;
      totalE[d] += e[i]!;
      if (point.expectedPurchases[i]! > 0) totalV[d] += (e[i]! * point.clv[i]!) / point.expectedPurchases[i]!;
    }
  }
  const a = (1 - level) / 2;
  const paLo = new Float64Array(n),
    paHi = new Float64Array(n),
    eLo = new Float64Array(n),
    eHi = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const sa = allA.subarray(i * D, (i + 1) * D).sort(),
      se = allE.subarray(i * D, (i + 1) * D).sort();
    paLo[i] = quantileSorted(sa, a);
    paHi[i] = quantileSorted(sa, 1 - a);
    eLo[i] = quantileSorted(se, a);
    eHi[i] = quantileSorted(se, 1 - a);
  }
  const mom = conditionalMoments(model.name, fit.params, clv.horizon, data);
  let variance = 0;
  for (let i = 0; i < n; i++) variance += mom.variance[i]!;
  let meanE = 0;
  for (let d = 0; d < D; d++) meanE += totalE[d]! / D;
  return { paLo, paHi, eLo, eHi, totalE, meanE, total: mixtureInterval(totalE, variance, level), totalV };
}
