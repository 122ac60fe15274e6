import { checkCount, checkHorizon, checkPositiveParams } from '../shared/validate-params.js';
import { BG_PARAM_NAMES } from '../bg-nbd/likelihood.js';
import { bgConditionalExpectation, bgPAlive, bgProbability } from '../bg-nbd/predict.js';
import type { RfmData } from '../shared/model-types.js';
import { validateRfm } from '../shared/validate-rfm.js';
import type { MbgNbdParams } from './likelihood.js';

/**
 * Probability each customer is still alive at T (Batislam et al. 2007, eq. 6):
 * 1 / (1 + a/(b + x) · ((α + T)/(α + tx))^(r+x)). Unlike BG/NBD this is < 1 for x = 0 as well, and
 * falls as T grows for a customer who never came back.
 *
 * @param params - r, α, a, b
 * @param data - x, tx, T (same time unit as the fit)
 * @param out - optional output array (length n)
 * @returns P(alive) per row, in [0, 1]
 * @throws {InputError} invalid parameters or data
 * @example
 * mbgNbdPAlive(fit.params, { x: [0], tx: [0], T: [38.86] }); // => [≈0.39] (BG/NBD would say 1)
 */
export function mbgNbdPAlive(params: MbgNbdParams, data: RfmData, out?: Float64Array): Float64Array {
  checkPositiveParams(params, 'mbgNbdPAlive', BG_PARAM_NAMES);
  validateRfm(data, 'mbgNbdPAlive');
  const { r, alpha, a, b } = params;
  const n = data.x.length;
  const res = out ?? new Float64Array(n);
  for (let i = 0; i < n; i++) res[i] = bgPAlive(r, alpha, a, b, 1, data.x[i], data.tx[i], data.T[i]);
  return res;
}

/**
 * Conditional expected number of purchases in the next t periods (Batislam et al. 2007, eq. 7):
 * P(alive) · (a + b + x)/(a − 1) · [1 − ((α + T)/(α + T + t))^(r+x) ₂F₁(r + x, b + x + 1; a + b + x; t/(α + T + t))],
 * with the ₂F₁ term in log space (see logHyp2f1).
 *
 * @param params - r, α, a, b
 * @param t - horizon in the time unit of T
 * @param data - x, tx, T
 * @param out - optional output array (length n)
 * @returns expected purchases in (T, T + t] per row
 * @throws {InputError} invalid parameters, data, or t < 0
 * @example
 * mbgNbdExpectedPurchases(fit.params, 39, { x: [2], tx: [30.43], T: [38.86] }); // => [≈1.263] (CDNOW, weeks)
 */
export function mbgNbdExpectedPurchases(params: MbgNbdParams, t: number, data: RfmData, out?: Float64Array): Float64Array {
  checkPositiveParams(params, 'mbgNbdExpectedPurchases', BG_PARAM_NAMES);
  checkHorizon(t, 'mbgNbdExpectedPurchases');
  validateRfm(data, 'mbgNbdExpectedPurchases');
  const { r, alpha, a, b } = params;
  const n = data.x.length;
  const res = out ?? new Float64Array(n);
  for (let i = 0; i < n; i++) res[i] = bgConditionalExpectation(r, alpha, a, b, 1, t, data.x[i], data.tx[i], data.T[i]);
  return res;
}

/**
 * Expected number of repeat purchases in (0, t] for a customer just acquired (Batislam et al. 2007):
 * b/(a − 1) · [1 − (α/(α + t))^r ₂F₁(r, b + 1; a + b; t/(α + t))].
 *
 * @param params - r, α, a, b
 * @param t - horizon in the fit's time unit
 * @returns E[X(t)]
 * @throws {InputError} invalid parameters or t < 0
 * @example
 * mbgNbdExpectedPurchasesNew(fit.params, 39); // => ≈1.18 (CDNOW, 39 weeks)
 */
export function mbgNbdExpectedPurchasesNew(params: MbgNbdParams, t: number): number {
  checkPositiveParams(params, 'mbgNbdExpectedPurchasesNew', BG_PARAM_NAMES);
  checkHorizon(t, 'mbgNbdExpectedPurchasesNew');
  return bgConditionalExpectation(params.r, params.alpha, params.a, params.b, 1, t, 0, 0, 0);
}

/**
 * P(X(t) = k) for a customer just acquired (Batislam et al. 2007):
 * B(a, b + k + 1)/B(a, b) · NB(k) + B(a + 1, b + k)/B(a, b) · (1 − Σ_{j<k} NB(j)), NB the NBD(r, α) count.
 *
 * @param params - r, α, a, b
 * @param t - horizon in the fit's time unit
 * @param k - number of repeat purchases, integer ≥ 0
 * @returns the probability
 * @throws {InputError} invalid parameters, t < 0 or k not a non-negative integer
 * @example
 * mbgNbdProbabilityOfPurchases(fit.params, 39, 0); // => ≈0.58 (CDNOW, 39 weeks)
 */
export function mbgNbdProbabilityOfPurchases(params: MbgNbdParams, t: number, k: number): number {
  checkPositiveParams(params, 'mbgNbdProbabilityOfPurchases', BG_PARAM_NAMES);
  checkHorizon(t, 'mbgNbdProbabilityOfPurchases');
  checkCount(k, 'mbgNbdProbabilityOfPurchases');
  return bgProbability(params.r, params.alpha, params.a, params.b, 1, t, k);
}
