import { InputError } from '../../errors.js';
import { digammaDifference } from '../../math/special/digamma-difference.js';
import { gammaln } from '../../math/special/gammaln.js';
import { lnPochhammer } from '../../math/special/log-pochhammer.js';
import { compressRows, distinctValues } from '../shared/compress.js';
import { fitMle } from '../shared/fit-mle.js';
import type { FitOptions, FitResult, SpendData } from '../shared/model-types.js';
import { validateSpend } from '../shared/validate-spend.js';
import { type GammaGammaParamName, GAMMA_GAMMA_PARAMS } from './likelihood.js';

/** |corr(x, mx)| above which the fit warns that the independence assumption looks doubtful. */
const CORRELATION_WARNING = 0.3;

/**
 * Fit the Gamma-Gamma model by maximum likelihood on the customers with x > 0, compressed to distinct
 * (x, mx) pairs, with an analytic gradient, via {@link fitMle}. Also reports the weighted Pearson
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
  // constants per pattern: w ln mx, w x (ln mx + ln x); weighted moments for the correlation
  let sw = 0,
    sx = 0,
    sm = 0,
    sxx = 0,
    smm = 0,
    sxm = 0,
    cLnMx = 0;
  const xLogs = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    const w = W[i],
      x = X[i],
      v = MX[i];
    xLogs[i] = x * (Math.log(v) + Math.log(x));
    cLnMx += w * Math.log(v);
    sw += w;
    sx += w * x;
    sm += w * v;
    sxx += w * x * x;
    smm += w * v * v;
    sxm += w * x * v;
  }
  const cov = sxm / sw - (sx / sw) * (sm / sw);
  const corr = cov / Math.sqrt((sxx / sw - (sx / sw) ** 2) * (smm / sw - (sm / sw) ** 2));
  const meanM = sm / sw;

  const dv = distinctValues(X, W);
  const ux = dv.values,
    uw = dv.weights;
  // Terms in x alone (ln(q)ₚₓ − ln Γ(px) and their digammas) are evaluated once per distinct x.
  // q ln γ − (px + q) ln(γ + x·mx) is written as −q·log1p(x·mx/γ) − px ln(γ + x·mx): the first form
  // cancels catastrophically when q, γ → ∞ together (a fit without heterogeneity in ν).
  const nll = (t: Float64Array, grad?: Float64Array): number => {
    const p = Math.exp(t[0]),
      q = Math.exp(t[1]),
      g = Math.exp(t[2]);
    let ll = -cLnMx;
    let gp = 0,
      gq = 0,
      gg = 0;
    for (let u = 0; u < ux.length; u++) {
      const w = uw[u],
        px = p * ux[u];
      ll += w * (lnPochhammer(q, px) - gammaln(px));
      if (grad) {
        gp += w * ux[u] * digammaDifference(px, q);
        gq += w * digammaDifference(q, px);
      }
    }
    for (let i = 0; i < k; i++) {
      const w = W[i],
        x = X[i],
        px = p * x,
        xm = x * MX[i];
      const den = g + xm;
      const lden = Math.log(den);
      const l1 = Math.log1p(xm / g);
      ll += w * (p * xLogs[i] - q * l1 - px * lden);
      if (grad) {
        gp += w * (xLogs[i] - x * lden);
        gq -= w * l1;
        gg += (w * ((q * xm) / g - px)) / den; // ∂/∂γ [q ln γ − (px + q) ln(γ + x·mx)]
      }
    }
    if (grad) {
      grad[0] = -gp * p;
      grad[1] = -gq * q;
      grad[2] = -gg * g;
    }
    return -ll;
  };
  const starts: Float64Array[] = [];
  const s = options.start;
  if (s) starts.push(Float64Array.of(Math.log(s.p ?? 1), Math.log(s.q ?? 2), Math.log(s.gamma ?? meanM)));
  starts.push(Float64Array.of(0, Math.log(2), Math.log(meanM))); // p = 1, q = 2: prior mean pγ/(q−1) = mean(mx)
  starts.push(Float64Array.of(Math.log(5), Math.log(3), Math.log(0.4 * meanM)));
  const fit = fitMle<GammaGammaParamName>(
    {
      model: 'gamma-gamma',
      paramNames: GAMMA_GAMMA_PARAMS,
      nObs: used,
      starts,
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
