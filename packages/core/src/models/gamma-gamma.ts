import { InputError } from '../errors.js';
import { checkPositiveParams } from './validate-params.js';
import { digammaDifference } from '../math/special/digamma-difference.js';
import { gammaln } from '../math/special/gammaln.js';
import { lnPochhammer } from '../math/special/log-pochhammer.js';
import { createRng } from '../math/random/rng.js';
import { sampleGamma } from '../math/random/sample-gamma.js';
import { compressRows, distinctValues } from './compress.js';
import { fitMle } from './fit-mle.js';
import type { FitOptions, FitResult, SpendData } from './model-types.js';
import { validateSpend } from './validate-spend.js';

/*
 * Gamma-Gamma model of monetary value — Fader & Hardie (2013), "The Gamma-Gamma model of monetary
 * value" (note), after Colombo & Jiang (1999), "A stochastic RFM model", J. Interactive Marketing 13(3).
 * A customer's transaction values are iid Gamma(p, ν) (rate ν); ν varies across customers as
 * Gamma(q, γ) (rate γ). Spend is assumed independent of the purchase process, so it pairs with any
 * count model. Only customers with x > 0 repeat transactions (mean value mx) enter.
 */

const NAMES = ['p', 'q', 'gamma'] as const;
/** A Gamma-Gamma parameter name. */
export type GammaGammaParamName = (typeof NAMES)[number];
/** Gamma-Gamma parameters p (shape of a transaction's value), q and γ (shape and rate of ν). */
export type GammaGammaParams = Record<GammaGammaParamName, number>;

/** |corr(x, mx)| above which the fit warns that the independence assumption looks doubtful. */
const CORRELATION_WARNING = 0.3;

/**
 * ln f(mx | x) for one customer (Fader & Hardie 2013, eq. 3 with z̄ = mx), x > 0, natural parameters,
 * rearranged to stay accurate when q and γ are huge (no heterogeneity in ν):
 * ln(q)ₚₓ − ln Γ(px) − q·log1p(x·mx/γ) − px ln(γ + x·mx) + (px − 1) ln mx + px ln x.
 */
function rowLogLik(p: number, q: number, g: number, x: number, mx: number): number {
  const px = p * x;
  return (
    lnPochhammer(q, px) -
    gammaln(px) -
    q * Math.log1p((x * mx) / g) -
    px * Math.log(g + x * mx) +
    (px - 1) * Math.log(mx) +
    px * Math.log(x)
  );
}

/**
 * Gamma-Gamma log-likelihood per customer and in total (Fader & Hardie 2013, eq. 3):
 * ln Γ(px + q) − ln Γ(px) − ln Γ(q) + q ln γ + (px − 1) ln mx + px ln x − (px + q) ln(γ + x·mx).
 * Rows with x = 0 carry no spend information: their entry is 0 and they add nothing to the total.
 *
 * @param params - p, q, γ (> 0); γ is in the currency unit of mx
 * @param data - x (repeat transactions), mx (their mean value), optional weights
 * @param out - optional array (length n) for the per-row LL
 * @returns per-row LL and the weighted total
 * @throws {InputError} invalid parameters or data
 * @example
 * gammaGammaLogLikelihood({ p: 6.249, q: 3.745, gamma: 15.448 }, cdnowSpend).total; // => ≈ −4055.92 (FH 2013)
 */
export function gammaGammaLogLikelihood(
  params: GammaGammaParams,
  data: SpendData,
  out?: Float64Array,
): { total: number; perCustomer: Float64Array } {
  checkPositiveParams(params, 'gammaGammaLogLikelihood', NAMES);
  validateSpend(data, 'gammaGammaLogLikelihood');
  const n = data.x.length;
  const res = out ?? new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const v = data.x[i] > 0 ? rowLogLik(params.p, params.q, params.gamma, data.x[i], data.mx[i]) : 0;
    res[i] = v;
    total += (data.weights ? data.weights[i] : 1) * v;
  }
  return { total, perCustomer: res };
}

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
    { model: 'gamma-gamma', paramNames: NAMES, nObs: used, starts, negLogLik: (t) => nll(t), gradient: (t, out) => nll(t, out) },
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

/**
 * Expected mean transaction value of each customer (Fader & Hardie 2013, eq. 5):
 * E[M | x, mx] = p(γ + x·mx)/(px + q − 1), a weighted average of the population mean pγ/(q − 1) and
 * the customer's own mean mx. For x = 0 it is the population mean (Infinity when q ≤ 1: no finite mean).
 * mx = 0 with x > 0 (repeat purchases worth nothing, which the fit cannot take) is accepted: the
 * formula is continuous there and gives pγ/(px + q − 1), the population mean shrunk by x purchases
 * seen at 0.
 *
 * @param params - p, q, γ
 * @param x - repeat transactions per customer
 * @param mx - their mean value (currency units; ignored where x = 0)
 * @param out - optional output array
 * @returns expected value of a future transaction, currency units of mx
 * @throws {InputError} invalid parameters or lengths
 * @example
 * gammaGammaExpectedSpend({ p: 6.249, q: 3.745, gamma: 15.448 }, Float64Array.of(0), Float64Array.of(0)); // => [35.17] (USD)
 */
export function gammaGammaExpectedSpend(params: GammaGammaParams, x: Float64Array, mx: Float64Array, out?: Float64Array): Float64Array {
  checkPositiveParams(params, 'gammaGammaExpectedSpend', NAMES);
  validateSpend({ x, mx }, 'gammaGammaExpectedSpend', { allowZero: true });
  const { p, q, gamma } = params;
  const res = out ?? new Float64Array(x.length);
  const pop = q > 1 ? (p * gamma) / (q - 1) : Infinity;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i];
    res[i] = xi > 0 ? (p * (gamma + xi * mx[i])) / (p * xi + q - 1) : pop;
  }
  return res;
}

/**
 * Simulate spend: per customer ν ~ Gamma(q, rate γ), then x transaction values ~ Gamma(p, rate ν),
 * reported as their mean mx (0 when x = 0). Deterministic for a seed.
 *
 * @param params - p, q, γ
 * @param n - number of customers
 * @param x - transactions per customer (a number for all, or an array of n)
 * @param seed - PRNG seed
 * @returns x and mx
 * @throws {InputError} invalid parameters
 * @example
 * simulateGammaGamma({ p: 6.25, q: 3.74, gamma: 15.4 }, 1000, 3, 1).mx.length; // => 1000
 */
export function simulateGammaGamma(params: GammaGammaParams, n: number, x: number | Float64Array, seed: number): SpendData {
  checkPositiveParams(params, 'simulateGammaGamma', NAMES);
  const rng = createRng(seed);
  const X = new Float64Array(n),
    MX = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const xi = typeof x === 'number' ? x : x[i];
    X[i] = xi;
    const nu = sampleGamma(rng, params.q, params.gamma);
    let s = 0;
    for (let j = 0; j < xi; j++) s += sampleGamma(rng, params.p, nu);
    MX[i] = xi > 0 ? s / xi : 0;
  }
  return { x: X, mx: MX };
}
