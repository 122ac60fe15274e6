import { InputError } from '../../errors.js';
import { quantilePairSelect } from '../../math/stats/quantile-pair-select.js';
import { compressRfm } from '../../models/shared/compress.js';
import type { CountModel } from '../../models/count-models.js';
import type { FitResult, RfmData } from '../../models/shared/model-types.js';
import { scoreCountModel, type ClvOptions } from '../clv.js';
import { mixtureInterval, type TotalInterval } from './aggregate-interval.js';
import { bgDrawBlock, bgDrawColumns } from './bg-draw-kernel.js';
import { genericDrawBlock, type Moments } from './generic-draw-block.js';
import { drawParameters } from './parameter-draws.js';
import { conditionalMoments, type ConditionalMoments } from './process-variance.js';

/** Options of {@link countModelIntervals}. */
export interface IntervalOptions {
  /** Central coverage of every interval (default 0.9). */
  level?: number;
  /** Parameter draws (default 200). */
  draws?: number;
  /** PRNG seed of the draws (default 1). */
  seed?: number;
  /** Patterns evaluated together (default 16,384): memory grows with block × draws, overhead per block. */
  blockSize?: number;
  /**
   * Conditional moments (mean, variance, P(alive)) of the purchases in (T, T + t]; default:
   * {@link conditionalMoments} for BG/NBD, MBG/NBD and Pareto/NBD. A model without it (it must then be
   * given) has no process noise in its totals.
   */
  moments?: (params: Record<string, number>, t: number, data: RfmData) => ConditionalMoments;
}

/** Lower and upper ends of one interval per customer. */
export interface Band {
  lo: Float64Array;
  hi: Float64Array;
}

/** Intervals of every customer's scores and of the totals (see {@link countModelIntervals}). */
export interface ForecastIntervals {
  level: number;
  draws: number;
  /** Distinct (x, tₓ, T) patterns the draws were evaluated on. */
  patterns: number;
  pAlive: Band;
  /** Expected purchases over the horizon. */
  expectedPurchases: Band;
  clv: Band;
  /** Total purchases over the horizon: parameter uncertainty plus the customers' process noise. */
  totalPurchases: TotalInterval;
  /** Total CLV: as totalPurchases, with each purchase valued at its discounted expected margin. */
  totalClv: TotalInterval;
  /** How the intervals were made, in words. */
  method: string;
}

const BLOCK_SIZE = 16_384;

/**
 * Intervals for every customer's P(alive), expected purchases and CLV over the horizon, and for the
 * totals, carrying the uncertainty of the fitted parameters.
 *
 * ## Method
 * D parameter vectors are drawn from the asymptotic normal of the log-parameters ({@link drawParameters}:
 * N(ln θ̂, inverse observed information), the fit's Hessian). For each draw, P(alive) and the expected
 * purchases E(H) are evaluated on the distinct (x, tₓ, T) patterns only (E = P(alive) · E(H | alive, x, T),
 * the curve once per distinct (x, T)), in blocks of 16,384 patterns so memory stays O(block × D). A
 * customer's interval is the central `level` quantile range (Hyndman–Fan type 7) of its pattern's D
 * values. CLV = E(H) × (discounted / undiscounted purchases of the pattern, at θ̂) × spend × margin:
 * the discount profile over the horizon is taken at the point estimate (it moves by far less than
 * 0.1% between draws), spend per purchase at its point prediction (its own uncertainty is not included).
 *
 * Totals: each draw gives an expected total μ_d = Σ E_d; the realised total also varies because
 * purchases are random given the parameters, with variance V = Σ Var(Xᵢ | historyᵢ, θ̂) (customers are
 * independent given θ; {@link conditionalMoments}). The interval is that of the mixture
 * (1/D) Σ N(μ_d, V) ({@link mixtureInterval}); `parameterOnly` shows the μ_d quantiles alone, which are
 * too narrow for a realised total (see the coverage tests).
 *
 * Cost: O(patterns × D) model evaluations (BG/NBD family: one exp per pattern and draw in
 * {@link bgDrawBlock}, with E[N | alive] per distinct (x, T); Pareto/NBD and custom moments: the
 * model's P(alive) per draw), both quantiles of a pattern from one partial sort, plus O(customers)
 * for the output. About 4 CPU-s for 1M customers (264k patterns) and 200 draws (bench `intervals-1m`).
 *
 * @param model - the count model (from COUNT_MODEL_REGISTRY)
 * @param fit - its fit (parameters and covariance) on `data`
 * @param data - per-customer x, tx, T (weights count customers in the totals)
 * @param clv - the CLV options of the point scores (horizon, discounting, spend, margin)
 * @param options - level (default 0.9), draws (default 200), seed (default 1)
 * @returns per-customer bands and the totals' intervals
 * @throws {InputError} `invalid_level` for a level outside (0, 1); `no_covariance` when the fit has no
 *   usable covariance (see drawParameters)
 * @example
 * const iv = countModelIntervals(COUNT_MODEL_REGISTRY['bg-nbd'], fit, cdnow, clvOptions, { level: 0.9 });
 * iv.totalPurchases; // => { estimate: 1…, lo: …, hi: … } expected purchases of the base in the next 52 weeks
 */
export function countModelIntervals(
  model: CountModel,
  fit: FitResult<string>,
  data: RfmData,
  clv: ClvOptions,
  options: IntervalOptions = {},
): ForecastIntervals {
  const level = options.level ?? 0.9;
  if (!(level > 0 && level < 1))
    throw new InputError('invalid_level', `The interval level must be between 0 and 1 (e.g. 0.9 for 90%); got ${level}.`, { level });
  const D = options.draws ?? 200;
  const draws = drawParameters(fit, D, options.seed ?? 1);
  const n = data.x.length;
  const c = compressRfm({ x: data.x, tx: data.tx, T: data.T, weights: data.weights });
  const P = c.size;
  // patterns ordered by (x, T) so that a block shares few (x, T) pairs
  const order = Int32Array.from({ length: P }, (_, j) => j).sort((i, j) => c.x[i]! - c.x[j]! || c.T[i]! - c.T[j]!);
  const px = new Float64Array(P),
    ptx = new Float64Array(P),
    pT = new Float64Array(P),
    pw = new Float64Array(P);
  const rank = new Int32Array(P);
  order.forEach((j, k) => {
    px[k] = c.x[j]!;
    ptx[k] = c.tx[j]!;
    pT[k] = c.T[j]!;
    pw[k] = c.weights[j]!;
    rank[j] = k;
  });
  const patterns: RfmData = { x: px, tx: ptx, T: pT };
  // value of a purchase per pattern: Σ spend·margin over its customers (and of squares, for the noise)
  const value = new Float64Array(P),
    value2 = new Float64Array(P);
  const margin = clv.margin;
  for (let i = 0; i < n; i++) {
    const v = clv.spend[i]! * (typeof margin === 'number' ? margin : margin[i]!);
    const k = rank[c.rowPattern[i]!]!;
    const w = data.weights ? data.weights[i]! : 1;
    value[k] += w * v;
    value2[k] += w * v * v;
  }
  const H = clv.horizon;
  const moments: Moments =
    options.moments ?? ((p: Record<string, number>, t: number, dd: RfmData) => conditionalMoments(model.name, p, t, dd));
  const unit = scoreCountModel(model, fit.params, patterns, { ...clv, spend: new Float64Array(P).fill(1), margin: 1 });
  const ratio = Float64Array.from(unit.expectedPurchases, (e, k) => (e > 0 ? unit.clv[k]! / e : 0));
  let pointPurchases = 0,
    pointClv = 0;
  for (let k = 0; k < P; k++) {
    pointPurchases += pw[k]! * unit.expectedPurchases[k]!;
    pointClv += ratio[k]! * unit.expectedPurchases[k]! * value[k]!;
  }

  const a = (1 - level) / 2;
  const paLo = new Float64Array(P),
    paHi = new Float64Array(P),
    eLo = new Float64Array(P),
    eHi = new Float64Array(P);
  const totalE = new Float64Array(D),
    totalV = new Float64Array(D);
  const bgVariant = options.moments ? undefined : model.name === 'bg-nbd' ? 0 : model.name === 'mbg-nbd' ? 1 : undefined;
  const bgDraws = bgVariant === undefined ? undefined : bgDrawColumns(draws);
  const unitValue = Float64Array.from(ratio, (v, k) => v * value[k]!);
  const BLOCK = Math.max(1, Math.floor(options.blockSize ?? BLOCK_SIZE));
  const buffers = bgDraws ? undefined : { a: new Float64Array(Math.min(BLOCK, P) * D), e: new Float64Array(Math.min(BLOCK, P) * D) };
  const q2 = new Float64Array(2);
  for (let s = 0; s < P; s += BLOCK) {
    const e = Math.min(P, s + BLOCK),
      m = e - s;
    const block: RfmData = { x: px.subarray(s, e), tx: ptx.subarray(s, e), T: pT.subarray(s, e) };
    if (bgDraws) {
      const bands = { paLo: paLo.subarray(s, e), paHi: paHi.subarray(s, e), eLo: eLo.subarray(s, e), eHi: eHi.subarray(s, e) };
      bgDrawBlock(bgDraws, bgVariant!, H, block, pw.subarray(s, e), unitValue.subarray(s, e), {
        pLo: a,
        pHi: 1 - a,
        ...bands,
        totalE,
        totalV,
      });
      continue;
    }
    genericDrawBlock(model, draws, moments, H, block, pw.subarray(s, e), unitValue.subarray(s, e), buffers!.a, buffers!.e, totalE, totalV);
    for (let j = 0; j < m; j++) {
      quantilePairSelect(buffers!.a, j * D, D, a, 1 - a, q2);
      paLo[s + j] = q2[0]!;
      paHi[s + j] = q2[1]!;
      quantilePairSelect(buffers!.e, j * D, D, a, 1 - a, q2);
      eLo[s + j] = q2[0]!;
      eHi[s + j] = q2[1]!;
    }
  }

  // process noise at the point estimate
  const mom = moments(fit.params, H, patterns);
  let varE = 0,
    varV = 0;
  for (let k = 0; k < P; k++) {
    varE += pw[k]! * mom.variance[k]!;
    varV += ratio[k]! * ratio[k]! * value2[k]! * mom.variance[k]!;
  }
  const total = (estimate: number, means: Float64Array, variance: number): TotalInterval => {
    let mean = 0;
    for (const v of means) mean += v / D;
    const po = mixtureInterval(means, 0, level);
    return { estimate, mean, ...mixtureInterval(means, variance, level), parameterOnly: po, processSd: Math.sqrt(variance) };
  };

  const out = { pAlive: band(n), expectedPurchases: band(n), clv: band(n) };
  for (let i = 0; i < n; i++) {
    const k = rank[c.rowPattern[i]!]!;
    out.pAlive.lo[i] = paLo[k]!;
    out.pAlive.hi[i] = paHi[k]!;
    out.expectedPurchases.lo[i] = eLo[k]!;
    out.expectedPurchases.hi[i] = eHi[k]!;
    const v = ratio[k]! * clv.spend[i]! * (typeof margin === 'number' ? margin : margin[i]!);
    const l = v * eLo[k]!,
      h = v * eHi[k]!;
    out.clv.lo[i] = Math.min(l, h);
    out.clv.hi[i] = Math.max(l, h);
  }
  return {
    level,
    draws: D,
    patterns: P,
    ...out,
    totalPurchases: total(pointPurchases, totalE, varE),
    totalClv: total(pointClv, totalV, varV),
    method: `${Math.round(level * 100)}% intervals from ${D} draws of the parameters from the asymptotic normal of the log-parameters (inverse Hessian of the ${fit.model} fit), evaluated on ${P.toLocaleString('en-US')} distinct (x, t_x, T) patterns; totals add the purchase-count noise given the parameters; spend per purchase at its point prediction`,
  };
}

function band(n: number): Band {
  return { lo: new Float64Array(n), hi: new Float64Array(n) };
}
