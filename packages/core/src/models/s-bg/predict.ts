import { checkPositiveParams } from '../shared/validate-params.js';
import { InputError } from '../../errors.js';
import { betaDiscountedSurvivalSum } from '../shared/beta-geometric-sums.js';
import type { SbgParams } from './likelihood.js';

function assertParams(p: SbgParams, fn: string): void {
  checkPositiveParams(p, fn);
}

function assertPeriods(k: number, fn: string): void {
  if (!(Number.isInteger(k) && k >= 0))
    throw new InputError('bad_horizon', `${fn}: periods must be an integer ≥ 0; got ${k}.`, { periods: k });
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
  if (!(initial > 0 && initial < Infinity))
    throw new InputError('invalid_cohort', `sbgProjectSurvivors: the cohort size must be finite and > 0; got ${initial}.`, { initial });
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
  if (!(d > 0 && d < Infinity))
    throw new InputError('invalid_discount', `sbgDerl: the discount rate per period must be finite and > 0; got ${d}.`, { d });
  if (!(Number.isInteger(renewals) && renewals >= 0))
    throw new InputError('invalid_renewals', `sbgDerl: renewals must be an integer ≥ 0; got ${renewals}.`, { renewals });
  return (1 + d) * betaDiscountedSurvivalSum(params.alpha, params.beta + renewals, 1 / (1 + d));
}
