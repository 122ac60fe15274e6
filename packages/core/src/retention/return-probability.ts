import { gaussLegendre } from '../math/quadrature/gauss-legendre.js';
import { compressRows, type CompressedRows } from '../models/shared/compress.js';
import type { CountModelName } from '../models/count-models.js';
import { waitingTimeCdf } from './waiting-time.js';

const NODES = 32;

/**
 * P(at least one purchase in (T, T + h] | alive at T, x, T) under a fitted count model (h in model
 * periods). With k = r + x, A = α + T (the posterior of the purchase rate, see waiting-time.ts):
 * - BG/NBD and MBG/NBD: 1 − (A/(A + h))^k exactly (dropout happens only at a purchase, so an alive
 *   customer cannot leave before buying).
 * - Pareto/NBD: the customer may die first (μ | alive ~ Gamma(s, β + T), independent of λ), so
 *   P = E[λ/(λ+μ) (1 − e^(−(λ+μ)h))] = ∫₀ʰ E[λe^(−λu)] E[e^(−μu)] du
 *     = ∫₀^W k e^(−kw) (B/(B + A(eʷ − 1)))^s dw,  B = β + T, W = ln(1 + h/A)  (u = A(eʷ − 1)),
 *   by 32-point Gauss–Legendre on [0, min(W, 40/k)] (the factor e^(−kw) is below e^(−40) past 40/k).
 *   With s → 0 it reduces to the BG/NBD form.
 * NaN for invalid input; never throws.
 * @example
 * aliveReturnProbability('bg-nbd', { r: 1, alpha: 10 }, 0, 0, 10); // => 0.5
 */
export function aliveReturnProbability(model: CountModelName, params: Record<string, number>, x: number, T: number, h: number): number {
  const k = params.r! + x,
    A = params.alpha! + T;
  if (model !== 'pareto-nbd') return waitingTimeCdf(k, A, h);
  if (!(k > 0 && A > 0 && h >= 0)) return NaN;
  if (h === 0) return 0;
  const s = params.s!,
    B = params.beta! + T;
  const W = Math.min(Math.log1p(h / A), 40 / k);
  const g = gaussLegendre(NODES);
  let sum = 0;
  for (let i = 0; i < NODES; i++) {
    const w = 0.5 * W * (g.x[i]! + 1);
    // (B/(B + A(eʷ − 1)))^s = exp(−s · log1p(A·expm1(w)/B))
    sum += g.w[i]! * k * Math.exp(-k * w - s * Math.log1p((A * Math.expm1(w)) / B));
  }
  return 0.5 * W * sum;
}

/**
 * P(at least one purchase in the next `h` periods | x, tₓ, T) for every customer:
 * P(alive) · {@link aliveReturnProbability}, evaluated once per distinct (x, T).
 * @param pAlive - P(alive) per customer from the same fitted model
 * @param pairs - `compressRows([data.x, data.T])` when the caller has it already
 * @example
 * returnProbability('bg-nbd', params, { x, tx, T }, 13, pAlive); // chance of a purchase in the next 13 weeks
 */
export function returnProbability(
  model: CountModelName,
  params: Record<string, number>,
  data: { x: Float64Array; T: Float64Array },
  h: number,
  pAlive: Float64Array,
  pairs: CompressedRows = compressRows([data.x, data.T]),
): Float64Array {
  const px = pairs.columns[0]!,
    pT = pairs.columns[1]!;
  const alive = new Float64Array(pairs.size);
  for (let j = 0; j < pairs.size; j++) alive[j] = aliveReturnProbability(model, params, px[j]!, pT[j]!, h);
  const out = new Float64Array(data.x.length);
  const row = pairs.rowPattern;
  for (let i = 0; i < out.length; i++) out[i] = pAlive[i]! * alive[row[i]!]!;
  return out;
}
