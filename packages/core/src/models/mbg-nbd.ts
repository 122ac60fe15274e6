import { checkCount, checkHorizon, checkPositiveParams } from './validate-params.js';
import { bgLogLikRow, fitBgFamily, BG_PARAM_NAMES, type BgNbdParamName } from './bg-nbd-kernel.js';
import { bgConditionalExpectation, bgPAlive, bgProbability, bgSimulate } from './bg-nbd-predict-kernel.js';
import type { FitOptions, FitResult, RfmData } from './model-types.js';
import { validateRfm } from './validate-rfm.js';

/*
 * MBG/NBD — Batislam, Denizel & Filiztekin (2007), "Empirical validation and comparison of models for
 * customer base analysis", International Journal of Research in Marketing 24(3). As BG/NBD (purchase
 * rate λ ~ Gamma(r, α), dropout probability p ~ Beta(a, b)), except that a customer may also drop out
 * right after the first purchase, at time 0. That removes BG/NBD's flaw that customers with no repeat
 * purchase are certainly alive (P(alive) = 1 for x = 0).
 *
 * Time unit: every time (tx, T, horizon t) is in the unit of the summary (days or weeks); α is per that
 * unit. The math is shared with BG/NBD (bg-nbd-kernel.ts with d = 1: b + x − 1 becomes b + x).
 */

/** MBG/NBD parameters: r, α (purchase-rate gamma), a, b (dropout-probability beta); same names as BG/NBD. */
export type MbgNbdParams = Record<BgNbdParamName, number>;

const MODEL = 'mbg-nbd';

/**
 * MBG/NBD log-likelihood per customer and in total (Batislam et al. 2007, eq. 5):
 * L = B(a, b + x + 1)/B(a, b) · Γ(r + x)α^r / (Γ(r)(α + T)^(r+x)) + B(a + 1, b + x)/B(a, b) · Γ(r + x)α^r / (Γ(r)(α + tx)^(r+x)).
 *
 * @param params - r, α, a, b (> 0)
 * @param data - x, tx, T in one time unit (optional weights)
 * @param out - optional array (length n) for the per-row LL (unweighted)
 * @returns per-row LL and the weighted total
 * @throws {InputError} invalid parameters or data
 * @example
 * mbgNbdLogLikelihood({ r: 0.5248, alpha: 6.1830, a: 0.8914, b: 1.6140 }, cdnowSample).total; // => ≈ −9582.13
 */
export function mbgNbdLogLikelihood(params: MbgNbdParams, data: RfmData, out?: Float64Array): { total: number; perCustomer: Float64Array } {
  checkPositiveParams(params, 'mbgNbdLogLikelihood', BG_PARAM_NAMES);
  validateRfm(data, 'mbgNbdLogLikelihood');
  const { r, alpha, a, b } = params;
  const n = data.x.length;
  const res = out ?? new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const v = bgLogLikRow(r, alpha, a, b, 1, data.x[i], data.tx[i], data.T[i]);
    res[i] = v;
    total += (data.weights ? data.weights[i] : 1) * v;
  }
  return { total, perCustomer: res };
}

/**
 * Fit MBG/NBD by maximum likelihood on compressed (x, tx, T) patterns with an analytic gradient, via
 * {@link fitMle} (BFGS in log parameters, 2 deterministic starts).
 *
 * @param data - x, tx, T in one time unit, optional weights
 * @param options - iteration cap, tolerance, user start (natural parameters)
 * @returns FitResult with params r, alpha, a, b
 * @throws {InputError} `no_repeat_purchases` when nobody has x > 0, or invalid data
 * @throws {ConvergenceError} when the optimiser fails (context.lastState)
 * @example
 * fitMbgNbd(cdnowSample).params; // => ≈ { r: 0.5248, alpha: 6.1830, a: 0.8914, b: 1.6140 } (weeks), LL −9582.13
 */
export function fitMbgNbd(data: RfmData, options: FitOptions<BgNbdParamName> = {}): FitResult<BgNbdParamName> {
  return fitBgFamily(data, options, 1, MODEL, 'fitMbgNbd');
}

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

/**
 * Simulate n customers from MBG/NBD, deterministic for a seed: as BG/NBD, plus a dropout with
 * probability p at time 0.
 *
 * @param params - r, α, a, b
 * @param n - number of customers
 * @param T - observation length (number, or array of n), time unit of α
 * @param seed - PRNG seed
 * @returns x, tx, T
 * @throws {InputError} invalid parameters
 * @example
 * simulateMbgNbd({ r: 0.52, alpha: 6.2, a: 0.89, b: 1.6 }, 1000, 39, 7).x.length; // => 1000
 */
export function simulateMbgNbd(params: MbgNbdParams, n: number, T: number | Float64Array, seed: number): RfmData {
  checkPositiveParams(params, 'simulateMbgNbd', BG_PARAM_NAMES);
  return bgSimulate(params.r, params.alpha, params.a, params.b, 1, n, T, seed);
}
