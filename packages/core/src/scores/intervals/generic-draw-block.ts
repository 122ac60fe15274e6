import type { CountModel } from '../../models/count-models.js';
import { compressRows } from '../../models/shared/compress.js';
import type { RfmData } from '../../models/shared/model-types.js';
import type { ParameterDraws } from './parameter-draws.js';
import type { ConditionalMoments } from './process-variance.js';

/** Conditional moments of the purchases in (T, T + t] for every row, under given parameters. */
export type Moments = (params: Record<string, number>, t: number, data: RfmData) => ConditionalMoments;

/**
 * Per-draw values of a block of patterns for any count model with a moments function (the path of
 * countModelIntervals for Pareto/NBD and custom moments): per draw, the model's P(alive) on the block
 * and the alive curve once per distinct (x, T) (moments at tₓ = T divided by P(alive | x, T, T)), written
 * to `bufA`/`bufE` at [j·D + d], with the weighted sums added to the per-draw totals. Never throws.
 *
 * @param model - the count model
 * @param draws - parameter draws
 * @param moments - conditional moments function
 * @param H - horizon, time unit of T
 * @param block - the patterns
 * @param weight - customers per pattern
 * @param value - per pattern, the value of one expected purchase summed over its customers
 * @param bufA - P(alive) per pattern and draw (length ≥ block × D)
 * @param bufE - expected purchases per pattern and draw
 * @param totalE - per draw, Σ weight · E added
 * @param totalV - per draw, Σ value · E added
 * @example
 * genericDrawBlock(COUNT_MODEL_REGISTRY['pareto-nbd'], draws, moments, 52, block, w, v, bufA, bufE, totE, totV);
 */
export function genericDrawBlock(
  model: CountModel,
  draws: ParameterDraws,
  moments: Moments,
  H: number,
  block: RfmData,
  weight: Float64Array,
  value: Float64Array,
  bufA: Float64Array,
  bufE: Float64Array,
  totalE: Float64Array,
  totalV: Float64Array,
): void {
  const D = draws.count,
    m = block.x.length;
  const pairs = compressRows([block.x as Float64Array, block.T as Float64Array]);
  const alive: RfmData = { x: pairs.columns[0]!, tx: pairs.columns[1]!, T: pairs.columns[1]! };
  for (let d = 0; d < D; d++) {
    const th = draws.params(d);
    const pa = model.pAlive(th, block);
    const { mean: curve, pAlive: paT } = moments(th, H, alive);
    let sumE = 0,
      sumV = 0;
    for (let j = 0; j < m; j++) {
      const q = pairs.rowPattern[j]!;
      const ev = (pa[j]! * curve[q]!) / paT[q]!;
      bufA[j * D + d] = pa[j]!;
      bufE[j * D + d] = ev;
      sumE += weight[j]! * ev;
      sumV += value[j]! * ev;
    }
    totalE[d] += sumE;
    totalV[d] += sumV;
  }
}
