import { InputError } from '../errors.js';
import { betaln } from '../math/special/betaln.js';
import { digamma } from '../math/special/digamma.js';
import { fitMle } from './fit-mle.js';
import type { FitOptions, FitResult } from './model-types.js';
import { betaDiscountedSurvivalSum } from './beta-geometric-sums.js';

/** sBG parameter names, in the order of the fit's parameter vector. */
export const SBG_PARAMS = ['alpha', 'beta'] as const;

/** An sBG parameter name. */
export type SbgParam = (typeof SBG_PARAMS)[number];

/**
 * Shifted-beta-geometric parameters (Fader & Hardie 2007): each customer's per-period churn
 * probability θ ~ Beta(α, β). A period is the contract period (e.g. a year).
 */
export type SbgParams = Record<SbgParam, number>;

/**
 * Check a cohort's active counts at the API boundary: at least two entries, finite, ≥ 0,
 * non-increasing, and a positive starting size.
 *
 * @throws {InputError} `SBG_TOO_SHORT` or `SBG_INVALID_COUNTS` (first bad period named)
 */
export function validateActiveCounts(active: Float64Array, fn: string): void {
  if (active.length < 2) {
    throw new InputError('SBG_TOO_SHORT', `${fn}: needs active counts for at least periods 0 and 1 (the cohort size and the customers left after the first renewal); got ${active.length}.`, { periods: active.length });
  }
  if (!(active[0] > 0 && active[0] < Infinity)) throw new InputError('SBG_INVALID_COUNTS', `${fn}: the cohort size (period 0) must be finite and > 0; got ${active[0]}.`, { period: 0, value: active[0] });
  for (let t = 1; t < active.length; t++) {
    if (!(active[t] >= 0 && active[t] <= active[t - 1])) {
      throw new InputError('SBG_INVALID_COUNTS', `${fn}: active customers must be ≥ 0 and never increase (a cohort only loses customers); period ${t} has ${active[t]} after ${active[t - 1]}.`, { period: t, value: active[t], previous: active[t - 1] });
    }
  }
}

function logLik(p: SbgParams, active: Float64Array, grad: Float64Array | null): number {
  const { alpha: a, beta: b } = p;
  if (!(a > 0 && b > 0)) return NaN;
  const k = active.length - 1;
  const lab = betaln(a, b);
  let ll = 0, ga = 0, gb = 0;
  // ln P(T = t) = ln B(α+1, β+t−1) − ln B(α, β); ln S(k) = ln B(α, β+k) − ln B(α, β)
  for (let t = 1; t <= k; t++) {
    const churned = active[t - 1] - active[t];
    if (churned === 0) continue;
    ll += churned * (betaln(a + 1, b + t - 1) - lab);
    if (grad !== null) {
      const ps = digamma(a + b + t);
      ga += churned * (digamma(a + 1) - ps);
      gb += churned * (digamma(b + t - 1) - ps);
    }
  }
  const left = active[k];
  if (left > 0) {
    ll += left * (betaln(a, b + k) - lab);
    if (grad !== null) {
      const ps = digamma(a + b + k);
      ga += left * (digamma(a) - ps);
      gb += left * (digamma(b + k) - ps);
    }
  }
  if (grad !== null) {
    const n0 = active[0];
    const ps = digamma(a + b);
    grad[0] = ga - n0 * (digamma(a) - ps);
    grad[1] = gb - n0 * (digamma(b) - ps);
  }
  return ll;
}

/**
 * sBG log-likelihood of one cohort's active counts.
 *
 * Fader & Hardie (2007), "How to project customer retention", J. Interactive Marketing 21(1),
 * eqs. 2–3 and the likelihood of §3: LL = Σₜ₌₁ᵏ (nₜ₋₁ − nₜ) ln P(T = t) + nₖ ln S(k), with
 * P(T = t) = B(α+1, β+t−1)/B(α, β) and S(t) = B(α, β+t)/B(α, β).
 *
 * @param params - α, β (> 0)
 * @param active - n₀ … nₖ: customers active at the start (period 0) and after each of k renewal points
 * @returns LL; NaN for non-positive parameters
 * @throws {InputError} on invalid counts (see {@link validateActiveCounts})
 * @example
 * sbgLogLikelihood({ alpha: 0.704, beta: 1.182 }, Float64Array.of(1000, 631, 468, 382, 326, 289, 262, 241)); // => −1680.27
 */
export function sbgLogLikelihood(params: SbgParams, active: Float64Array): number {
  validateActiveCounts(active, 'sbgLogLikelihood');
  return logLik(params, active, null);
}

/**
 * Fit the sBG model to one cohort's active counts by maximum likelihood (analytic gradient, BFGS in
 * log-parameters via {@link fitMle}). Fader & Hardie (2007), §3.
 *
 * @param active - customers active at periods 0 … k (k ≥ 1)
 * @param options - {@link FitOptions}
 * @returns {@link FitResult} with params alpha, beta; nObs is the cohort size
 * @throws {InputError} on invalid counts
 * @throws {ConvergenceError} when the optimiser fails (e.g. nobody churns: β → ∞)
 * @example
 * fitSbg(Float64Array.of(1000, 631, 468, 382, 326, 289, 262, 241)).params; // => { alpha: 0.704, beta: 1.182 }
 */
export function fitSbg(active: Float64Array, options: FitOptions<SbgParam> = {}): FitResult<SbgParam> {
  validateActiveCounts(active, 'fitSbg');
  const p: SbgParams = { alpha: 1, beta: 1 };
  const g = new Float64Array(2);
  const starts: Float64Array[] = [];
  if (options.start) starts.push(Float64Array.of(Math.log(options.start.alpha ?? 1), Math.log(options.start.beta ?? 1)));
  starts.push(new Float64Array(2));
  return fitMle<SbgParam>(
    {
      model: 's-bg',
      paramNames: SBG_PARAMS,
      nObs: active[0],
      starts,
      negLogLik: (t) => {
        p.alpha = Math.exp(t[0]); p.beta = Math.exp(t[1]);
        const ll = logLik(p, active, null);
        return ll === ll ? -ll : Infinity;
      },
      gradient: (t, out) => {
        p.alpha = Math.exp(t[0]); p.beta = Math.exp(t[1]);
        const ll = logLik(p, active, g);
        out[0] = -g[0] * p.alpha; out[1] = -g[1] * p.beta;
        return ll === ll ? -ll : Infinity;
      },
    },
    options,
  );
}

function assertParams(p: SbgParams, fn: string): void {
  if (!(p.alpha > 0 && p.beta > 0 && Number.isFinite(p.alpha + p.beta))) {
    throw new InputError('INVALID_PARAMS', `${fn}: sBG parameters must be finite and > 0; got alpha ${p.alpha}, beta ${p.beta}.`, { ...p });
  }
}

function assertPeriods(k: number, fn: string): void {
  if (!(Number.isInteger(k) && k >= 0)) throw new InputError('INVALID_HORIZON', `${fn}: periods must be an integer ≥ 0; got ${k}.`, { periods: k });
}

/**
 * Survival curve S(0 … periods): the share of a cohort still active after t renewal points.
 *
 * Fader & Hardie (2007), eq. 3: S(t) = B(α, β+t)/B(α, β), by the recurrence S(t) = S(t−1)·(β+t−1)/(α+β+t−1).
 *
 * @param params - α, β
 * @param periods - last period (integer ≥ 0)
 * @returns S(0) = 1, S(1), …, S(periods)
 * @throws {InputError} on invalid parameters or periods
 * @example
 * sbgSurvivalCurve({ alpha: 1, beta: 1 }, 2); // => Float64Array [1, 0.5, 0.3333…]
 */
export function sbgSurvivalCurve(params: SbgParams, periods: number): Float64Array {
  assertParams(params, 'sbgSurvivalCurve');
  assertPeriods(periods, 'sbgSurvivalCurve');
  const out = new Float64Array(periods + 1);
  out[0] = 1;
  for (let t = 1; t <= periods; t++) out[t] = (out[t - 1] * (params.beta + t - 1)) / (params.alpha + params.beta + t - 1);
  return out;
}

/**
 * Retention rates r(1 … periods): the share of customers active at t−1 who renew at t.
 *
 * Fader & Hardie (2007), eq. 4: r(t) = S(t)/S(t−1) = (β+t−1)/(α+β+t−1), rising with t (sorting by churn
 * propensity, not individual change). Index 0 of the result is r(1).
 *
 * @param params - α, β
 * @param periods - number of rates (integer ≥ 0)
 * @returns r(1), …, r(periods)
 * @throws {InputError} on invalid parameters or periods
 * @example
 * sbgRetentionRates({ alpha: 1, beta: 1 }, 2); // => Float64Array [0.5, 0.6666…]
 */
export function sbgRetentionRates(params: SbgParams, periods: number): Float64Array {
  assertParams(params, 'sbgRetentionRates');
  assertPeriods(periods, 'sbgRetentionRates');
  const out = new Float64Array(periods);
  for (let t = 1; t <= periods; t++) out[t - 1] = (params.beta + t - 1) / (params.alpha + params.beta + t - 1);
  return out;
}

/**
 * Churn probabilities P(T = 1 … periods): the probability that a new customer's last active period
 * is t (churns at the t-th renewal point).
 *
 * Fader & Hardie (2007), eq. 2: P(T = t) = B(α+1, β+t−1)/B(α, β) = S(t−1) − S(t). Index 0 is P(T = 1).
 *
 * @param params - α, β
 * @param periods - number of probabilities (integer ≥ 0)
 * @returns P(T = 1), …, P(T = periods)
 * @throws {InputError} on invalid parameters or periods
 * @example
 * sbgChurnProbabilities({ alpha: 1, beta: 1 }, 2); // => Float64Array [0.5, 0.1666…]
 */
export function sbgChurnProbabilities(params: SbgParams, periods: number): Float64Array {
  assertParams(params, 'sbgChurnProbabilities');
  assertPeriods(periods, 'sbgChurnProbabilities');
  const out = new Float64Array(periods);
  let p = params.alpha / (params.alpha + params.beta);
  for (let t = 1; t <= periods; t++) {
    out[t - 1] = p;
    p *= (params.beta + t - 1) / (params.alpha + params.beta + t); // P(T=t+1)/P(T=t)
  }
  return out;
}

/**
 * Projected active customers of a cohort: initial · S(t) for t = 0 … periods (Fader & Hardie 2007,
 * §4, the projections of their Figure 3 and Table 2).
 *
 * @param params - α, β
 * @param initial - cohort size at period 0 (> 0)
 * @param periods - last period (integer ≥ 0)
 * @returns expected active customers at t = 0 … periods
 * @throws {InputError} on invalid parameters, size or periods
 * @example
 * sbgProjectSurvivors({ alpha: 0.704, beta: 1.182 }, 1000, 12)[12]; // expected survivors in year 12
 */
export function sbgProjectSurvivors(params: SbgParams, initial: number, periods: number): Float64Array {
  if (!(initial > 0 && initial < Infinity)) throw new InputError('INVALID_COHORT', `sbgProjectSurvivors: the cohort size must be finite and > 0; got ${initial}.`, { initial });
  const s = sbgSurvivalCurve(params, periods);
  for (let t = 0; t <= periods; t++) s[t] *= initial;
  return s;
}

/**
 * Discounted expected residual lifetime (DERL) of a customer who has made n renewals, just before
 * the next renewal decision: the expected number of future payments, the next one undiscounted and
 * each later one discounted by (1+d) per period.
 *
 * Fader & Hardie (2010), "Customer-base valuation in a contractual setting: the perils of ignoring
 * heterogeneity", Marketing Science 29(1), eq. 6 (stated there for n−1 renewals):
 * DERL(d | α, β, n) = (β+n)/(α+β+n) · ₂F₁(1, β+n+1; α+β+n+1; 1/(1+d)), computed as
 * (1+d) · Σᵢ≥₁ B(α, β+n+i)/B(α, β+n) (1+d)^(−i) ({@link betaDiscountedSurvivalSum}).
 * Multiply by the payment per period for the expected residual lifetime value.
 *
 * @param params - α, β
 * @param d - discount rate per period (> 0)
 * @param renewals - renewals made so far, n (integer ≥ 0; 0 = a customer in their first period)
 * @returns DERL in payments
 * @throws {InputError} on invalid parameters, d or n
 * @example
 * sbgDerl({ alpha: 0.704, beta: 1.182 }, 0.1, 0); // expected discounted payments of a new customer's future renewals
 */
export function sbgDerl(params: SbgParams, d: number, renewals: number): number {
  assertParams(params, 'sbgDerl');
  if (!(d > 0 && d < Infinity)) throw new InputError('INVALID_DISCOUNT', `sbgDerl: the discount rate per period must be finite and > 0; got ${d}.`, { d });
  if (!(Number.isInteger(renewals) && renewals >= 0)) throw new InputError('INVALID_RENEWALS', `sbgDerl: renewals must be an integer ≥ 0; got ${renewals}.`, { renewals });
  return (1 + d) * betaDiscountedSurvivalSum(params.alpha, params.beta + renewals, 1 / (1 + d));
}
