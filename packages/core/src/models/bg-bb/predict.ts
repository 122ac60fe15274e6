import { checkPositiveParams } from '../shared/validate-params.js';
import { InputError } from '../../errors.js';
import { betaln } from '../../math/special/betaln.js';
import { gammaln } from '../../math/special/gammaln.js';
import type { BgBbData, BgBbParams } from './likelihood.js';
import { bgBbPatternLogLik, validateBgBb } from './likelihood.js';
import { betaDiscountedSurvivalSum, betaSurvivalSum } from '../shared/beta-geometric-sums.js';

function assertParams(p: BgBbParams, fn: string): void {
  checkPositiveParams(p, fn);
}

function assertCount(v: number, name: string, fn: string, min: number): void {
  if (!(Number.isInteger(v) && v >= min))
    throw new InputError('bad_horizon', `${fn}: ${name} must be an integer ≥ ${min} (transaction opportunities); got ${v}.`, { [name]: v });
}

/** ln P(alive at opportunity n | x, tx, n) = ln[B(α+x, β+n−x)B(γ, δ+n)/(B(α,β)B(γ,δ)L)]. */
function logAliveAtN(p: BgBbParams, x: number, tx: number, n: number): number {
  const a = betaln(p.alpha + x, p.beta + n - x) - betaln(p.alpha, p.beta) + betaln(p.gamma, p.delta + n) - betaln(p.gamma, p.delta);
  return Math.min(0, a - bgBbPatternLogLik(p, x, tx, n));
}

/**
 * Probability that each customer is alive at the next opportunity, n + 1.
 *
 * Fader, Hardie & Shang (2010), eq. 11: P(alive at n+1 | x, tx, n) =
 * B(α+x, β+n−x)/B(α,β) · B(γ, δ+n+1)/B(γ,δ) / L(α, β, γ, δ | x, tx, n), in log space.
 *
 * @param params - α, β, γ, δ
 * @param data - x, tx, n (weights ignored)
 * @returns P(alive at n+1) per row
 * @throws {InputError} on malformed data or parameters
 * @example
 * bgBbPAlive(donationsMle, { x: Float64Array.of(6), tx: Float64Array.of(6), n: Float64Array.of(6) }); // => [0.93…]
 */
export function bgBbPAlive(params: BgBbParams, data: BgBbData): Float64Array {
  validateBgBb(data, 'bgBbPAlive');
  assertParams(params, 'bgBbPAlive');
  const out = new Float64Array(data.x.length);
  for (let i = 0; i < out.length; i++) {
    const n = data.n[i];
    // P(alive at n+1) = P(alive at n | data) · (δ+n)/(γ+δ+n)
    out[i] = Math.exp(logAliveAtN(params, data.x[i], data.tx[i], n)) * ((params.delta + n) / (params.gamma + params.delta + n));
  }
  return out;
}

/**
 * Expected transactions of each customer in the next n* opportunities (n+1 … n+n*), given their history.
 *
 * Fader, Hardie & Shang (2010), eq. 13, written as
 * P(alive at n | data) · (α+x)/(α+β+n) · Σᵢ₌₁^{n*} B(γ, δ+n+i)/B(γ, δ+n), which is exact at γ = 1
 * (the paper's δ/(γ−1) form is 0/0 there); see {@link betaSurvivalSum}.
 *
 * @param params - α, β, γ, δ
 * @param nStar - number of future opportunities (integer ≥ 0)
 * @param data - x, tx, n (weights ignored)
 * @returns expected transactions per row over the next n* opportunities
 * @throws {InputError} on malformed data, parameters or n*
 * @example
 * bgBbExpectedTransactions(donationsMle, 5, donations); // expected donations 2002–2006 per pattern
 */
export function bgBbExpectedTransactions(params: BgBbParams, nStar: number, data: BgBbData): Float64Array {
  validateBgBb(data, 'bgBbExpectedTransactions');
  assertParams(params, 'bgBbExpectedTransactions');
  assertCount(nStar, 'nStar', 'bgBbExpectedTransactions', 0);
  const { alpha, beta, gamma, delta } = params;
  const out = new Float64Array(data.x.length);
  for (let i = 0; i < out.length; i++) {
    const x = data.x[i],
      n = data.n[i];
    const pa = Math.exp(logAliveAtN(params, x, data.tx[i], n));
    out[i] = pa * ((alpha + x) / (alpha + beta + n)) * betaSurvivalSum(gamma, delta + n, nStar);
  }
  return out;
}

/**
 * Expected transactions of a just-acquired customer in the first n opportunities (unconditional).
 *
 * Fader, Hardie & Shang (2010), eq. 7: E[X(n)] = α/(α+β) · δ/(γ−1) · [1 − Γ(γ+δ)Γ(1+δ+n)/(Γ(γ+δ+n)Γ(1+δ))],
 * evaluated as α/(α+β) · Σᵢ₌₁ⁿ B(γ, δ+i)/B(γ, δ) ({@link betaSurvivalSum}, exact at γ = 1).
 *
 * @param params - α, β, γ, δ
 * @param n - number of opportunities (integer ≥ 0)
 * @returns expected number of transactions
 * @throws {InputError} on invalid parameters or n
 * @example
 * bgBbExpectedTransactionsNew({ alpha: 1, beta: 1, gamma: 1, delta: 1 }, 1); // => 0.25 (= ½ · ½)
 */
export function bgBbExpectedTransactionsNew(params: BgBbParams, n: number): number {
  assertParams(params, 'bgBbExpectedTransactionsNew');
  assertCount(n, 'n', 'bgBbExpectedTransactionsNew', 0);
  return (params.alpha / (params.alpha + params.beta)) * betaSurvivalSum(params.gamma, params.delta, n);
}

/**
 * Probability that a just-acquired customer makes exactly x transactions in the first n opportunities.
 *
 * Fader, Hardie & Shang (2010), eq. 8:
 * P(X(n) = x) = C(n,x) B(α+x, β+n−x)/B(α,β) · B(γ, δ+n)/B(γ,δ) + Σᵢ₌ₓ^{n−1} C(i,x) B(α+x, β+i−x)/B(α,β) · B(γ+1, δ+i)/B(γ,δ),
 * summed in log space.
 *
 * @param params - α, β, γ, δ
 * @param n - opportunities (integer ≥ 0)
 * @param x - transactions (integer, 0 ≤ x ≤ n)
 * @returns P(X(n) = x)
 * @throws {InputError} on invalid parameters, n or x
 * @example
 * bgBbProbabilityOfTransactions(donationsMle, 6, 0); // share of donors with no repeat donation in 6 years
 */
export function bgBbProbabilityOfTransactions(params: BgBbParams, n: number, x: number): number {
  assertParams(params, 'bgBbProbabilityOfTransactions');
  assertCount(n, 'n', 'bgBbProbabilityOfTransactions', 0);
  if (!(Number.isInteger(x) && x >= 0 && x <= n))
    throw new InputError('invalid_count', `bgBbProbabilityOfTransactions: x must be an integer in [0, n]; got ${x} with n = ${n}.`, {
      x,
      n,
    });
  const { alpha: a, beta: b, gamma: c, delta: d } = params;
  const lnC = (k: number, j: number): number => gammaln(k + 1) - gammaln(j + 1) - gammaln(k - j + 1);
  const norm = betaln(a, b) + betaln(c, d);
  let m = lnC(n, x) + betaln(a + x, b + n - x) + betaln(c, d + n);
  let s = 1;
  for (let i = x; i < n; i++) {
    const v = lnC(i, x) + betaln(a + x, b + i - x) + betaln(c + 1, d + i);
    if (v > m) {
      s = s * Math.exp(m - v) + 1;
      m = v;
    } else s += Math.exp(v - m);
  }
  return Math.exp(m + Math.log(s) - norm);
}

/**
 * Discounted expected residual transactions (DERT) of each customer: the present value at n of the
 * transactions at opportunities n+1, n+2, …, each discounted by (1+d)^(−i).
 *
 * Fader, Hardie & Shang (2010), eq. 14:
 * DERT(d) = B(α+x+1, β+n−x)/B(α,β) · B(γ, δ+n+1)/(B(γ,δ)(1+d)) · ₂F₁(1, δ+n+1; γ+δ+n+1; 1/(1+d)) / L,
 * computed as P(alive at n | data) · (α+x)/(α+β+n) · Σᵢ≥₁ B(γ, δ+n+i)/B(γ, δ+n) (1+d)^(−i)
 * ({@link betaDiscountedSurvivalSum}). Multiply by the value per transaction for residual CLV.
 *
 * @param params - α, β, γ, δ
 * @param d - discount rate per opportunity (e.g. 0.10 per year for annual opportunities), > 0
 * @param data - x, tx, n (weights ignored)
 * @returns DERT per row
 * @throws {InputError} on malformed data, parameters or d
 * @example
 * bgBbDert(donationsMle, 0.1, donations); // discounted future donations per pattern
 */
export function bgBbDert(params: BgBbParams, d: number, data: BgBbData): Float64Array {
  validateBgBb(data, 'bgBbDert');
  assertParams(params, 'bgBbDert');
  if (!(d > 0 && d < Infinity))
    throw new InputError('invalid_discount', `bgBbDert: the discount rate d per opportunity must be finite and > 0; got ${d}.`, { d });
  const { alpha, beta, gamma, delta } = params;
  const q = 1 / (1 + d);
  const out = new Float64Array(data.x.length);
  for (let i = 0; i < out.length; i++) {
    const x = data.x[i],
      n = data.n[i];
    const pa = Math.exp(logAliveAtN(params, x, data.tx[i], n));
    out[i] = pa * ((alpha + x) / (alpha + beta + n)) * betaDiscountedSurvivalSum(gamma, delta + n, q);
  }
  return out;
}
