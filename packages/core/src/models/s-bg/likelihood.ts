import { InputError } from '../../errors.js';
import { betaln } from '../../math/special/betaln.js';
import { digamma } from '../../math/special/digamma.js';

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
 * @throws {InputError} `sbg_too_short` or `sbg_invalid_counts` (first bad period named)
 */
export function validateActiveCounts(active: Float64Array, fn: string): void {
  if (active.length < 2) {
    throw new InputError(
      'sbg_too_short',
      `${fn}: needs active counts for at least periods 0 and 1 (the cohort size and the customers left after the first renewal); got ${active.length}.`,
      { periods: active.length },
    );
  }
  if (!(active[0] > 0 && active[0] < Infinity))
    throw new InputError('sbg_invalid_counts', `${fn}: the cohort size (period 0) must be finite and > 0; got ${active[0]}.`, {
      period: 0,
      value: active[0],
    });
  for (let t = 1; t < active.length; t++) {
    if (!(active[t] >= 0 && active[t] <= active[t - 1])) {
      throw new InputError(
        'sbg_invalid_counts',
        `${fn}: active customers must be ≥ 0 and never increase (a cohort only loses customers); period ${t} has ${active[t]} after ${active[t - 1]}.`,
        { period: t, value: active[t], previous: active[t - 1] },
      );
    }
  }
}

/**
 * sBG log-likelihood of a cohort's active counts (Fader & Hardie 2007, eq. 5), with its gradient in
 * (α, β) into `grad` when given; NaN outside α, β > 0. Internal: {@link sbgLogLikelihood} is the checked entry.
 */
export function sbgLogLikGradient(p: SbgParams, active: Float64Array, grad: Float64Array | null): number {
  const { alpha: a, beta: b } = p;
  if (!(a > 0 && b > 0)) return NaN;
  const k = active.length - 1;
  const lab = betaln(a, b);
  let ll = 0,
    ga = 0,
    gb = 0;
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
  return sbgLogLikGradient(params, active, null);
}
