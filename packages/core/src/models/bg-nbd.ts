import { checkCount, checkHorizon, checkPositiveParams } from './validate-params.js';
import { bgLogLikRow, fitBgFamily, BG_PARAM_NAMES, type BgNbdParamName } from './bg-nbd-kernel.js';
import { bgConditionalExpectation, bgPAlive, bgProbability, bgSimulate } from './bg-nbd-predict-kernel.js';
import type { FitOptions, FitResult, RfmData } from './model-types.js';
import { validateRfm } from './validate-rfm.js';

/*
 * BG/NBD — Fader, Hardie & Lee (2005), "'Counting your customers' the easy way: an alternative to the
 * Pareto/NBD model", Marketing Science 24(2). While alive a customer buys at Poisson rate λ ~ Gamma(r, α);
 * after each repeat purchase she drops out with probability p ~ Beta(a, b).
 *
 * Time unit: every time (tx, T, horizon t) is in the unit of the summary (days or weeks), and α is
 * per that unit. All functions are pure; the heavy lifting is in bg-nbd-kernel.ts (shared with MBG/NBD).
 */

/** BG/NBD parameters: r, α (shape and rate of the purchase-rate gamma), a, b (dropout-probability beta). */
export type BgNbdParams = Record<BgNbdParamName, number>;

const MODEL = 'bg-nbd';

/**
 * BG/NBD log-likelihood per customer and in total (FHL 2005, eq. 6).
 *
 * @param params - r, α, a, b (> 0)
 * @param data - x, tx, T in one time unit (optional weights: each row stands for that many customers)
 * @param out - optional array (length n) to receive the per-row LL (unweighted, for one customer)
 * @returns per-row LL and the weighted total Σ wᵢ LLᵢ
 * @throws {InputError} invalid parameters or data (see validateRfm)
 * @example
 * bgNbdLogLikelihood({ r: 0.2426, alpha: 4.4135, a: 0.7929, b: 2.4258 }, cdnowSample).total; // => −9582.43 (FHL 2005)
 */
export function bgNbdLogLikelihood(params: BgNbdParams, data: RfmData, out?: Float64Array): { total: number; perCustomer: Float64Array } {
  checkPositiveParams(params, 'bgNbdLogLikelihood', BG_PARAM_NAMES);
  validateRfm(data, 'bgNbdLogLikelihood');
  const { r, alpha, a, b } = params;
  const n = data.x.length;
  const res = out ?? new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const v = bgLogLikRow(r, alpha, a, b, 0, data.x[i], data.tx[i], data.T[i]);
    res[i] = v;
    total += (data.weights ? data.weights[i] : 1) * v;
  }
  return { total, perCustomer: res };
}

/**
 * Fit BG/NBD by maximum likelihood (FHL 2005 §3) on compressed (x, tx, T) patterns with an analytic
 * gradient, via the shared harness {@link fitMle} (BFGS in log parameters, 2 deterministic starts).
 *
 * @param data - x, tx, T in one time unit (days or weeks; α comes out per that unit), optional weights
 * @param options - iteration cap, tolerance, user start (natural parameters), see FitOptions
 * @returns FitResult with params r, alpha, a, b, LL, AIC/BIC, SEs, 95% intervals, warnings
 * @throws {InputError} `no_repeat_purchases` when nobody has x > 0 (message gives the count), or invalid data
 * @throws {ConvergenceError} when the optimiser fails (context.lastState has the last parameters)
 * @example
 * fitBgNbd(cdnowSample).params; // => { r: 0.2426, alpha: 4.4135, a: 0.7929, b: 2.4258 } (weeks; FHL 2005 §4), LL −9582.43
 */
export function fitBgNbd(data: RfmData, options: FitOptions<BgNbdParamName> = {}): FitResult<BgNbdParamName> {
  return fitBgFamily(data, options, 0, MODEL, 'fitBgNbd');
}

/**
 * Probability each customer is still alive at T (FHL 2005 eq. A.9; Fader, Hardie & Lee 2008 note
 * "Computing P(alive) using the BG/NBD model"): 1 / (1 + δ a/(b + x − 1) ((α + T)/(α + tx))^(r+x)).
 *
 * Known flaw of the model: δ = 0 for x = 0, so a customer with no repeat purchase is alive with
 * probability 1 however long ago she bought (BG/NBD only allows dropout after a repeat purchase).
 * MBG/NBD (`mbgNbdPAlive` in mbg-nbd.ts) fixes this.
 *
 * @param params - r, α, a, b
 * @param data - x, tx, T (same time unit as the fit)
 * @param out - optional output array (length n)
 * @returns P(alive) per row, in [0, 1]
 * @throws {InputError} invalid parameters or data
 * @example
 * bgNbdPAlive(fit.params, { x: [2], tx: [30.43], T: [38.86] }); // => [≈0.727] (CDNOW customer 1, weeks)
 */
export function bgNbdPAlive(params: BgNbdParams, data: RfmData, out?: Float64Array): Float64Array {
  checkPositiveParams(params, 'bgNbdPAlive', BG_PARAM_NAMES);
  validateRfm(data, 'bgNbdPAlive');
  const { r, alpha, a, b } = params;
  const n = data.x.length;
  const res = out ?? new Float64Array(n);
  for (let i = 0; i < n; i++) res[i] = bgPAlive(r, alpha, a, b, 0, data.x[i], data.tx[i], data.T[i]);
  return res;
}

/**
 * Conditional expected number of repeat purchases in the next t periods, E[Y(t) | x, tx, T]
 * (FHL 2005 eq. 10), with the Gauss hypergeometric term evaluated in log space (Euler-transformed when
 * it would overflow, see logHyp2f1), so x in the thousands stays finite.
 *
 * @param params - r, α, a, b
 * @param t - horizon, in the time unit of T (e.g. 39 weeks)
 * @param data - x, tx, T
 * @param out - optional output array (length n)
 * @returns expected purchases in (T, T + t] per row
 * @throws {InputError} invalid parameters, data, or t < 0
 * @example
 * bgNbdExpectedPurchases(fit.params, 39, { x: [2], tx: [30.43], T: [38.86] }); // => [≈1.226] (FHL 2005 §5, weeks)
 */
export function bgNbdExpectedPurchases(params: BgNbdParams, t: number, data: RfmData, out?: Float64Array): Float64Array {
  checkPositiveParams(params, 'bgNbdExpectedPurchases', BG_PARAM_NAMES);
  checkHorizon(t, 'bgNbdExpectedPurchases');
  validateRfm(data, 'bgNbdExpectedPurchases');
  const { r, alpha, a, b } = params;
  const n = data.x.length;
  const res = out ?? new Float64Array(n);
  for (let i = 0; i < n; i++) res[i] = bgConditionalExpectation(r, alpha, a, b, 0, t, data.x[i], data.tx[i], data.T[i]);
  return res;
}

/**
 * Expected number of repeat purchases in (0, t] for a customer just acquired (FHL 2005 eq. 9):
 * (a + b − 1)/(a − 1) · [1 − (α/(α + t))^r ₂F₁(r, b; a + b − 1; t/(α + t))].
 *
 * @param params - r, α, a, b
 * @param t - horizon in the fit's time unit
 * @returns E[X(t)]
 * @throws {InputError} invalid parameters or t < 0
 * @example
 * bgNbdExpectedPurchasesNew(fit.params, 39); // => ≈1.195 repeat purchases in the first 39 weeks (CDNOW)
 */
export function bgNbdExpectedPurchasesNew(params: BgNbdParams, t: number): number {
  checkPositiveParams(params, 'bgNbdExpectedPurchasesNew', BG_PARAM_NAMES);
  checkHorizon(t, 'bgNbdExpectedPurchasesNew');
  return bgConditionalExpectation(params.r, params.alpha, params.a, params.b, 0, t, 0, 0, 0);
}

/**
 * P(X(t) = k): probability that a customer just acquired makes exactly k repeat purchases in (0, t]
 * (FHL 2005 eq. 8).
 *
 * @param params - r, α, a, b
 * @param t - horizon in the fit's time unit
 * @param k - number of repeat purchases, integer ≥ 0
 * @returns the probability
 * @throws {InputError} invalid parameters, t < 0 or k not a non-negative integer
 * @example
 * bgNbdProbabilityOfPurchases(fit.params, 39, 0); // => ≈0.574 (CDNOW: share with no repeat in 39 weeks)
 */
export function bgNbdProbabilityOfPurchases(params: BgNbdParams, t: number, k: number): number {
  checkPositiveParams(params, 'bgNbdProbabilityOfPurchases', BG_PARAM_NAMES);
  checkHorizon(t, 'bgNbdProbabilityOfPurchases');
  checkCount(k, 'bgNbdProbabilityOfPurchases');
  return bgProbability(params.r, params.alpha, params.a, params.b, 0, t, k);
}

/**
 * Simulate n customers from BG/NBD (the generative story of FHL 2005 §2), deterministic for a seed.
 *
 * @param params - r, α, a, b
 * @param n - number of customers
 * @param T - observation length per customer (a number for all, or an array of n), time unit of α
 * @param seed - PRNG seed (xoshiro128**, see createRng)
 * @returns x, tx, T
 * @throws {InputError} invalid parameters
 * @example
 * simulateBgNbd({ r: 0.24, alpha: 4.4, a: 0.79, b: 2.4 }, 1000, 39, 7).x.length; // => 1000
 */
export function simulateBgNbd(params: BgNbdParams, n: number, T: number | Float64Array, seed: number): RfmData {
  checkPositiveParams(params, 'simulateBgNbd', BG_PARAM_NAMES);
  return bgSimulate(params.r, params.alpha, params.a, params.b, 0, n, T, seed);
}
