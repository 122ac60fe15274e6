import { checkPositiveParams } from '../shared/validate-params.js';
import { gammaln } from '../../math/special/gammaln.js';
import { lnPochhammer } from '../../math/special/log-pochhammer.js';
import type { SpendData } from '../shared/model-types.js';
import { validateSpend } from '../shared/validate-spend.js';

/*
 * Gamma-Gamma model of monetary value — Fader & Hardie (2013), "The Gamma-Gamma model of monetary
 * value" (note), after Colombo & Jiang (1999), "A stochastic RFM model", J. Interactive Marketing 13(3).
 * A customer's transaction values are iid Gamma(p, ν) (rate ν); ν varies across customers as
 * Gamma(q, γ) (rate γ). Spend is assumed independent of the purchase process, so it pairs with any
 * count model. Only customers with x > 0 repeat transactions (mean value mx) enter.
 */

/** Gamma-Gamma parameter names, in the order of the log-parameter vector: p, q, γ. */
export const GAMMA_GAMMA_PARAMS = ['p', 'q', 'gamma'] as const;
/** A Gamma-Gamma parameter name. */
export type GammaGammaParamName = (typeof GAMMA_GAMMA_PARAMS)[number];
/** Gamma-Gamma parameters p (shape of a transaction's value), q and γ (shape and rate of ν). */
export type GammaGammaParams = Record<GammaGammaParamName, number>;

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
  checkPositiveParams(params, 'gammaGammaLogLikelihood', GAMMA_GAMMA_PARAMS);
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
