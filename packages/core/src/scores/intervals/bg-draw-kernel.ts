import { compressRows } from '../../models/shared/compress.js';
import { bgAliveMean } from '../../models/bg-nbd/alive-mean.js';
import { quantilePairSelect } from '../../math/stats/quantile-pair-select.js';
import type { RfmData } from '../../models/shared/model-types.js';
import type { ParameterDraws } from './parameter-draws.js';

/** Per-draw natural parameters of a BG/NBD-family model, one typed array per parameter (length D). */
export interface BgDrawColumns {
  r: Float64Array;
  alpha: Float64Array;
  a: Float64Array;
  b: Float64Array;
}

/**
 * Splits BG/NBD or MBG/NBD parameter draws into one column per parameter (internal to the intervals).
 *
 * @param draws - draws whose names include r, alpha, a, b
 * @returns the four columns, each of length draws.count
 * @example
 * bgDrawColumns(drawParameters(fit, 200, 1)).alpha.length; // => 200
 */
export function bgDrawColumns(draws: ParameterDraws): BgDrawColumns {
  const k = draws.names.length,
    D = draws.count;
  const col = (name: string): Float64Array => {
    const i = draws.names.indexOf(name);
    return Float64Array.from({ length: D }, (_, d) => draws.values[d * k + i]!);
  };
  return { r: col('r'), alpha: col('alpha'), a: col('a'), b: col('b') };
}

/** Outputs of {@link bgDrawBlock}: per pattern the two ends of each band, per draw the weighted totals. */
export interface DrawBlockOutput {
  /** Probabilities of the lower and upper ends (e.g. 0.05 and 0.95). */
  pLo: number;
  pHi: number;
  /** P(alive) band ends per pattern. */
  paLo: Float64Array;
  paHi: Float64Array;
  /** Expected-purchases band ends per pattern. */
  eLo: Float64Array;
  eHi: Float64Array;
  /** Σⱼ weightⱼ · Eⱼ,d added per draw d. */
  totalE: Float64Array;
  /** Σⱼ valueⱼ · Eⱼ,d added per draw d. */
  totalV: Float64Array;
}

/**
 * P(alive) and expected purchases in (T, T + t] of a block of distinct patterns under every parameter
 * draw of a BG/NBD (d = 0) or MBG/NBD (d = 1) model: the pLo and pHi quantiles over the draws per pattern,
 * and the weighted sums added to the per-draw totals. The values are those of bgPAlive (FHL 2005 note
 * "Computing P(alive)"; Batislam et al. 2007 eq. 6) and of P(alive) · bgAliveMean (FHL eq. 10).
 *
 * ## Method
 * E[N | alive] depends on (x, T) only, so it is evaluated once per distinct (x, T) of the block and draw.
 * P(alive) = 1/(1 + e^L), L = ln a − ln(b + x − 1 + d) + (r + x)(ln(α + T) − ln(α + tₓ)): the first two
 * terms are kept per draw while x stays the same (patterns come sorted by x), and ln(α + v) is tabulated
 * per draw for the distinct tₓ and T values of the block when there are at most as many as patterns
 * (ages and recencies in whole days repeat; otherwise log1p((T − tₓ)/(α + tₓ)) per pattern), so the
 * inner loop costs one exp per pattern and draw (the difference of tabulated logs loses at most a few
 * 1e-16 against log1p((T − tₓ)/(α + tₓ)), i.e. ~1e-14 relative in P(alive) at x = 100). The D values of a
 * pattern stay in two small scratch arrays (cache-resident) for the two quantiles
 * ({@link quantilePairSelect}); nothing of size block × D is allocated. Internal kernel; never throws.
 *
 * @param p - draw columns ({@link bgDrawColumns})
 * @param d - 0 BG/NBD, 1 MBG/NBD
 * @param t - horizon, in the time unit of T
 * @param block - distinct patterns, sorted by x
 * @param weight - customers per pattern
 * @param value - per pattern, the value of one expected purchase summed over its customers
 * @param out - quantile levels, band arrays (block length) and per-draw totals (length D)
 * @example
 * bgDrawBlock(bgDrawColumns(draws), 0, 52, patterns, weights, values, out); // out.paLo[j] … filled
 */
export function bgDrawBlock(
  p: BgDrawColumns,
  d: 0 | 1,
  t: number,
  block: RfmData,
  weight: Float64Array,
  value: Float64Array,
  out: DrawBlockOutput,
): void {
  const D = p.r.length,
    m = block.x.length;
  const { r, alpha, a, b } = p;
  const pairs = compressRows([block.x as Float64Array, block.T as Float64Array]);
  const curve = new Float64Array(pairs.size * D);
  const px = pairs.columns[0]!,
    pT = pairs.columns[1]!;
  for (let q = 0; q < pairs.size; q++) {
    for (let k = 0; k < D; k++) curve[q * D + k] = bgAliveMean(r[k]!, alpha[k]!, a[k]!, b[k]!, d, t, px[q]!, pT[q]!);
  }
  // ln(α_d + v) for the distinct tₓ and T values of the block, when they repeat (else log1p per pattern)
  const both = new Float64Array(2 * m);
  both.set(block.tx as Float64Array, 0);
  both.set(block.T as Float64Array, m);
  const values = compressRows([both]);
  const tabulate = values.size <= m;
  const vals = values.columns[0]!,
    idx = values.rowPattern;
  const lnAv = new Float64Array(tabulate ? values.size * D : 0);
  if (tabulate) for (let v = 0; v < values.size; v++) for (let k = 0; k < D; k++) lnAv[v * D + k] = Math.log(alpha[k]! + vals[v]!);

  const lnOdds = new Float64Array(D),
    sa = new Float64Array(D),
    se = new Float64Array(D),
    q2 = new Float64Array(2);
  const { pLo, pHi, totalE, totalV } = out;
  let lastX = NaN;
  for (let j = 0; j < m; j++) {
    const x = block.x[j]!;
    const w = weight[j]!,
      v = value[j]!;
    const cb = pairs.rowPattern[j]! * D;
    if (x === 0 && d === 0) {
      for (let k = 0; k < D; k++) {
        const ev = curve[cb + k]!;
        sa[k] = 1;
        se[k] = ev;
        totalE[k] += w * ev;
        totalV[k] += v * ev;
      }
    } else {
      if (x !== lastX) {
        lastX = x;
        for (let k = 0; k < D; k++) lnOdds[k] = Math.log(a[k]!) - Math.log(b[k]! + x - 1 + d);
      }
      const iTx = idx[j]! * D,
        iT = idx[m + j]! * D,
        tx = block.tx[j]!,
        gap = block.T[j]! - tx;
      for (let k = 0; k < D; k++) {
        const L = lnOdds[k]! + (r[k]! + x) * (tabulate ? lnAv[iT + k]! - lnAv[iTx + k]! : Math.log1p(gap / (alpha[k]! + tx)));
        const pa = 1 / (1 + Math.exp(L));
        const ev = pa * curve[cb + k]!;
        sa[k] = pa;
        se[k] = ev;
        totalE[k] += w * ev;
        totalV[k] += v * ev;
      }
    }
    quantilePairSelect(sa, 0, D, pLo, pHi, q2);
    out.paLo[j] = q2[0]!;
    out.paHi[j] = q2[1]!;
    quantilePairSelect(se, 0, D, pLo, pHi, q2);
    out.eLo[j] = q2[0]!;
    out.eHi[j] = q2[1]!;
  }
}
