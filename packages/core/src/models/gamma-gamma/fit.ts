import { InputError } from '../../errors.js';
import { compressRows, distinctValues } from '../shared/compress.js';
import type { FitOptions, FitResult, SpendData } from '../shared/model-types.js';
import { validateSpend } from '../shared/validate-spend.js';
import { fitGammaGammaOnSums, type GammaGammaGammaSums, type GammaGammaXStats } from './fit-sums.js';
import type { GammaGammaParamName } from './likelihood.js';

/**
 * Fit the Gamma-Gamma model by maximum likelihood on the customers with x > 0, compressed to distinct
 * (x, mx) pairs, with an analytic gradient, via `fitMle` on the per-x objective shared with the fit on
 * the shards (`fitGammaGammaOnSums`: the γ-dependent sums are summed here over the pairs). Also reports the weighted Pearson
 * correlation between x and mx in `diagnostics.frequencySpendCorrelation` and warns when its absolute
 * value exceeds 0.3: the model assumes spend is independent of frequency (Fader & Hardie 2013 §1
 * report 0.11 on CDNOW as acceptable).
 *
 * @param data - x, mx (currency units), optional weights; rows with x = 0 are ignored
 * @param options - iteration cap, tolerance, user start
 * @returns FitResult with params p, q, gamma; diagnostics { frequencySpendCorrelation, customers }
 * @throws {InputError} `no_repeat_purchases` when fewer than 2 customers have x > 0, or invalid data
 * @throws {ConvergenceError} when the optimiser fails (context.lastState)
 * @example
 * fitGammaGamma({ x, mx: zbar }).params; // => ≈ { p: 6.249, q: 3.745, gamma: 15.448 } (CDNOW, USD; FH 2013)
 */
export function fitGammaGamma(data: SpendData, options: FitOptions<GammaGammaParamName> = {}): FitResult<GammaGammaParamName> {
  const used = validateSpend(data, 'fitGammaGamma');
  const n = data.x.length;
  let m = 0;
  for (let i = 0; i < n; i++) if (data.x[i] > 0) m++;
  if (m < 2) {
    throw new InputError(
      'no_repeat_purchases',
      `fitGammaGamma needs at least 2 customers with a repeat purchase (x > 0) to fit spend; got ${m} of ${n.toLocaleString('en-US')}.`,
      { customers: n, repeaters: m },
    );
  }
  const xs = new Float64Array(m),
    ms = new Float64Array(m),
    ws = new Float64Array(m);
  for (let i = 0, j = 0; i < n; i++) {
    if (data.x[i] > 0) {
      xs[j] = data.x[i];
      ms[j] = data.mx[i];
      ws[j] = data.weights ? data.weights[i] : 1;
      j++;
    }
  }
  const c = compressRows([xs, ms], ws);
  const X = c.columns[0],
    MX = c.columns[1],
    W = c.weights,
    k = c.size;
  const ux = distinctValues(X, W).values;
  const at = new Map<number, number>();
  ux.forEach((x, u) => at.set(x, u));
  const ix = Int32Array.from(X, (x) => at.get(x)!);
  const stats: GammaGammaXStats = {
    x: ux,
    n: new Float64Array(ux.length),
    lnM: new Float64Array(ux.length),
    m1: new Float64Array(ux.length),
    m2: new Float64Array(ux.length),
  };
  for (let i = 0; i < k; i++) {
    const u = ix[i],
      w = W[i],
      v = MX[i];
    stats.n[u] += w;
    stats.lnM[u] += w * Math.log(v);
    stats.m1[u] += w * v;
    stats.m2[u] += w * v * v;
  }
  // the γ-dependent sums per distinct x, over the pairs
  const sumsAt = (g: number): GammaGammaGammaSums => {
    const z = (): Float64Array => new Float64Array(ux.length);
    const s = { a: z(), b: z(), d: z(), e: z() };
    for (let i = 0; i < k; i++) {
      const u = ix[i],
        w = W[i],
        xm = X[i] * MX[i],
        den = g + xm;
      s.a[u] += w * Math.log1p(xm / g);
      s.b[u] += w * Math.log(den);
      s.d[u] += (w * xm) / den;
      s.e[u] += w / den;
    }
    return s;
  };
  const fit = fitGammaGammaOnSums(stats, sumsAt, used, options);
  return fit;
}
