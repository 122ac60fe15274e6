import { digammaDifference } from '../../math/special/digamma-difference.js';
import { gammaln } from '../../math/special/gammaln.js';
import { lnPochhammer } from '../../math/special/log-pochhammer.js';
import { fitMle } from '../shared/fit-mle.js';
import type { FitOptions, FitResult } from '../shared/model-types.js';
import { type GammaGammaParamName, GAMMA_GAMMA_PARAMS } from './likelihood.js';

/** |corr(x, mx)| above which the fit warns that the independence assumption looks doubtful. */
const CORRELATION_WARNING = 0.3;

/**
 * What the Gamma-Gamma likelihood needs of the customers with x > 0 and mx > 0 that does not depend
 * on the parameters, one entry per distinct x (weights w are customer counts): n = Σw, lnM = Σw ln mx,
 * m1 = Σw mx, m2 = Σw mx² (the last two for the correlation of x and mx).
 */
export interface GammaGammaXStats {
  x: Float64Array;
  n: Float64Array;
  lnM: Float64Array;
  m1: Float64Array;
  m2: Float64Array;
}

/**
 * The sums over each distinct x's customers that depend on γ (entry u for `GammaGammaXStats.x[u]`):
 * a = Σw log1p(x·mx/γ), b = Σw ln(γ + x·mx), d = Σw x·mx/(γ + x·mx), e = Σw/(γ + x·mx).
 */
export interface GammaGammaGammaSums {
  a: Float64Array;
  b: Float64Array;
  d: Float64Array;
  e: Float64Array;
}

/**
 * −LL of the Gamma-Gamma model (Fader & Hardie 2013, eq. 3) at log-parameters `t` = (ln p, ln q, ln γ),
 * and its gradient in `grad` when given, from per-x statistics and the γ-dependent sums at γ = e^t₂:
 * per customer q ln γ − (px + q) ln(γ + x·mx) is written −q·log1p(x·mx/γ) − px ln(γ + x·mx) (the first
 * form cancels catastrophically when q, γ → ∞ together, a fit without heterogeneity in ν), so
 *
 *   LL = Σₓ [n (ln (q)ₚₓ − ln Γ(px)) + px (lnM + n ln x) − q·a − px·b] − Σₓ lnM,
 *   ∂LL/∂γ = Σₓ [(q/γ)·d − px·e].
 *
 * The one objective of both fits: on pairs in Node (`fitGammaGamma`) and on sums grouped by x on the
 * shards (`fitSpendInDatabase`).
 */
export function gammaGammaNegLogLik(t: Float64Array, s: GammaGammaXStats, sums: GammaGammaGammaSums, grad?: Float64Array): number {
  const p = Math.exp(t[0]),
    q = Math.exp(t[1]),
    g = Math.exp(t[2]);
  let ll = 0,
    gp = 0,
    gq = 0,
    gg = 0;
  for (let u = 0; u < s.x.length; u++) {
    const x = s.x[u],
      w = s.n[u],
      px = p * x;
    const xLogs = x * (s.lnM[u] + w * Math.log(x));
    ll += w * (lnPochhammer(q, px) - gammaln(px)) + p * xLogs - q * sums.a[u] - px * sums.b[u] - s.lnM[u];
    if (grad) {
      gp += w * x * digammaDifference(px, q) + xLogs - x * sums.b[u];
      gq += w * digammaDifference(q, px) - sums.a[u];
      gg += (q / g) * sums.d[u] - px * sums.e[u];
    }
  }
  if (grad) {
    grad[0] = -gp * p;
    grad[1] = -gq * q;
    grad[2] = -gg * g;
  }
  return -ll;
}

/** Weighted Pearson correlation of x and mx and the weighted mean of mx, from per-x statistics. */
export function gammaGammaMoments(s: GammaGammaXStats): { correlation: number; meanM: number } {
  let sw = 0,
    sx = 0,
    sm = 0,
    sxx = 0,
    smm = 0,
    sxm = 0;
  for (let u = 0; u < s.x.length; u++) {
    const x = s.x[u];
    sw += s.n[u];
    sx += s.n[u] * x;
    sm += s.m1[u];
    sxx += s.n[u] * x * x;
    smm += s.m2[u];
    sxm += x * s.m1[u];
  }
  const cov = sxm / sw - (sx / sw) * (sm / sw);
  return { correlation: cov / Math.sqrt((sxx / sw - (sx / sw) ** 2) * (smm / sw - (sm / sw) ** 2)), meanM: sm / sw };
}

/** The deterministic starts of the fit (log-parameters), the user's first. */
export function gammaGammaStarts(meanM: number, start?: FitOptions<GammaGammaParamName>['start']): Float64Array[] {
  const starts: Float64Array[] = [];
  if (start) starts.push(Float64Array.of(Math.log(start.p ?? 1), Math.log(start.q ?? 2), Math.log(start.gamma ?? meanM)));
  starts.push(Float64Array.of(0, Math.log(2), Math.log(meanM))); // p = 1, q = 2: prior mean pγ/(q−1) = mean(mx)
  starts.push(Float64Array.of(Math.log(5), Math.log(3), Math.log(0.4 * meanM)));
  return starts;
}

/**
 * Fits Gamma-Gamma by {@link fitMle} on {@link gammaGammaNegLogLik}, reading the γ-dependent sums
 * from `sumsAt(γ)` (which may throw to stop the fit: the optimiser is deterministic, so a caller
 * can fetch the sums and run it again), and adds the correlation diagnostic and warning.
 *
 * @param used - weighted customers in the fit (x > 0, mx > 0)
 * @returns the fit with diagnostics { frequencySpendCorrelation, customers }
 */
export function fitGammaGammaOnSums(
  stats: GammaGammaXStats,
  sumsAt: (gamma: number) => GammaGammaGammaSums,
  used: number,
  options: FitOptions<GammaGammaParamName> = {},
): FitResult<GammaGammaParamName> {
  const { correlation: corr, meanM } = gammaGammaMoments(stats);
  const nll = (t: Float64Array, grad?: Float64Array): number => gammaGammaNegLogLik(t, stats, sumsAt(Math.exp(t[2])), grad);
  const fit = fitMle<GammaGammaParamName>(
    {
      model: 'gamma-gamma',
      paramNames: GAMMA_GAMMA_PARAMS,
      nObs: used,
      starts: gammaGammaStarts(meanM, options.start),
      negLogLik: (t) => nll(t),
      gradient: (t, out) => nll(t, out),
    },
    options,
  );
  fit.diagnostics.frequencySpendCorrelation = corr;
  fit.diagnostics.customers = used;
  if (Math.abs(corr) > CORRELATION_WARNING) {
    fit.warnings.push(
      `gamma-gamma: frequency and mean spend are correlated (r = ${corr.toFixed(3)}); the model assumes they are independent, ` +
        'so expected spend (and CLV) may be biased. Consider segmenting customers or a model with dependence.',
    );
  }
  return fit;
}
