import { checkPositiveParams } from '../shared/validate-params.js';
import { InputError } from '../../errors.js';
import { logHyperU } from '../../math/hypergeometric/log-hyperu.js';
import { expSinhNodes } from '../../math/quadrature/exp-sinh-nodes.js';
import { gammaln } from '../../math/special/gammaln.js';
import { lnPochhammer } from '../../math/special/log-pochhammer.js';
import type { RfmData } from '../shared/model-types.js';
import type { ParetoNbdParams } from './likelihood.js';
import { paretoNbdLogPAliveRows } from './p-alive-rows.js';
import { validateRfm } from '../shared/validate-rfm.js';

function assertParams(p: ParetoNbdParams, fn: string): void {
  checkPositiveParams(p, fn);
}

/**
 * Probability that each customer is still alive at the end of calibration, P(τ > T | x, tx, T).
 *
 * Schmittlein, Morrison & Colombo (1987), eq. 11; Fader, Hardie & Lee (2005, "A note on deriving
 * the Pareto/NBD model…"), eq. 19: P(alive) = [(α+T)^(r+x)(β+T)^s · L/(Γ(r+x)αʳβˢ/Γ(r))]⁻¹, computed in
 * log space from the same stable ₂F₁ tail as the likelihood. Time unit: tx, T in the unit of α, β.
 *
 * @param params - r, α, s, β
 * @param data - RFM summary (weights ignored)
 * @returns P(alive) per row, in [0, 1]
 * @throws {InputError} on malformed data or parameters
 * @example
 * paretoNbdPAlive(cdnowParams, { x: Float64Array.of(2), tx: Float64Array.of(30.43), T: Float64Array.of(38.86) });
 * // => Float64Array [0.869…]
 */
export function paretoNbdPAlive(params: ParetoNbdParams, data: RfmData): Float64Array {
  validateRfm(data, 'paretoNbdPAlive');
  assertParams(params, 'paretoNbdPAlive');
  const out = paretoNbdLogPAliveRows(params, data);
  for (let i = 0; i < out.length; i++) out[i] = Math.exp(out[i]!);
  return out;
}

/** [1 − (b/(b+t))^(s−1)] / (s−1), continuous through s = 1 (where it is ln((b+t)/b)). */
function survivalIntegral(s: number, b: number, t: number): number {
  const l = Math.log1p(t / b); // ln((b+t)/b) ≥ 0
  const u = (1 - s) * l;
  return Math.abs(u) < 1e-12 ? l : (Math.expm1(u) / u) * l;
}

/**
 * Expected repeat purchases in (T, T + t] for each customer, given their history (conditional
 * expectation).
 *
 * Schmittlein, Morrison & Colombo (1987), eq. 22; Fader, Hardie & Lee (2005, "A note…"), eq. 20:
 * E[X(T, T+t)] = (r+x)(β+T) / ((α+T)(s−1)) · [1 − ((β+T)/(β+T+t))^(s−1)] · P(alive), written with
 * expm1 so that s = 1 (and s near 1) is exact. t in the time unit of the data.
 *
 * @param params - r, α, s, β
 * @param t - horizon after T (≥ 0), same unit as tx and T
 * @param data - RFM summary (weights ignored)
 * @returns expected purchases per row over the next t time units
 * @throws {InputError} on malformed data, parameters or t
 * @example
 * paretoNbdExpectedPurchases(cdnowParams, 39, cdnow)[0]; // expected purchases in the next 39 weeks
 */
export function paretoNbdExpectedPurchases(params: ParetoNbdParams, t: number, data: RfmData): Float64Array {
  validateRfm(data, 'paretoNbdExpectedPurchases');
  assertParams(params, 'paretoNbdExpectedPurchases');
  assertHorizon(t, 'paretoNbdExpectedPurchases');
  const { r, alpha, s, beta } = params;
  const out = paretoNbdLogPAliveRows(params, data);
  for (let i = 0; i < out.length; i++) {
    const x = data.x[i],
      T = data.T[i];
    const pa = Math.exp(out[i]!);
    out[i] = (((r + x) * (beta + T)) / (alpha + T)) * survivalIntegral(s, beta + T, t) * pa;
  }
  return out;
}

function assertHorizon(t: number, fn: string): void {
  if (!(t >= 0 && t < Infinity))
    throw new InputError('bad_horizon', `${fn}: the horizon t must be finite and ≥ 0 (in the data's time unit); got ${t}.`, { t });
}

/**
 * Expected purchases in (0, t] of a customer just acquired (unconditional mean).
 *
 * Schmittlein, Morrison & Colombo (1987), eq. 17: E[X(t)] = rβ / (α(s−1)) · [1 − (β/(β+t))^(s−1)]
 * (continuous through s = 1). t in the time unit of α and β.
 *
 * @param params - r, α, s, β
 * @param t - horizon (≥ 0)
 * @returns expected number of purchases by time t
 * @throws {InputError} on invalid parameters or t
 * @example
 * paretoNbdExpectedPurchasesNew({ r: 1, alpha: 1, s: 2, beta: 1 }, 1); // => 0.5 (= 1·1/(1·1)·(1 − 1/2))
 */
export function paretoNbdExpectedPurchasesNew(params: ParetoNbdParams, t: number): number {
  assertParams(params, 'paretoNbdExpectedPurchasesNew');
  assertHorizon(t, 'paretoNbdExpectedPurchasesNew');
  return ((params.r * params.beta) / params.alpha) * survivalIntegral(params.s, params.beta, t);
}

/**
 * Probability that a customer just acquired makes exactly k purchases in (0, t].
 *
 * Fader, Hardie & Lee (2005, "A note…"), §4 (P(X(t) = x)), derived here as the mixture
 * P = Γ(r+k)/(Γ(r)k!) · αʳ [ tᵏ(α+t)^(−(r+k)) (β/(β+t))ˢ + sβˢ J ],  J = ∫₀ᵗ τᵏ (α+τ)^(−(r+k)) (β+τ)^(−(s+1)) dτ
 * (alive throughout, or dead at τ < t after k purchases). t in the time unit of α and β.
 *
 * ## Method
 * J is computed by quadrature instead of FHL's ₂F₁ sums: substituting τ = t·e^(−w) gives
 * J = t^(k+1) ∫₀^∞ e^(−(k+1)w) (α + te^(−w))^(−(r+k)) (β + te^(−w))^(−(s+1)) dw, a smooth positive integrand
 * whose singularities lie at distance π off the real axis; it is summed by the exp-sinh rule
 * ({@link expSinhNodes}, h = 1/32) scaled by 1/(k+1), in log space. The result is checked against
 * Σₖ P = 1 and Σₖ k·P = E[X(t)] (see the tests).
 *
 * @param params - r, α, s, β
 * @param t - horizon (> 0)
 * @param k - number of purchases (integer ≥ 0)
 * @returns P(X(t) = k)
 * @throws {InputError} on invalid parameters, t or k
 * @example
 * paretoNbdProbabilityOfPurchases(cdnowParams, 39, 0); // P(no purchase in the first 39 weeks)
 */
export function paretoNbdProbabilityOfPurchases(params: ParetoNbdParams, t: number, k: number): number {
  assertParams(params, 'paretoNbdProbabilityOfPurchases');
  if (!(t > 0 && t < Infinity))
    throw new InputError('bad_horizon', `paretoNbdProbabilityOfPurchases: t must be finite and > 0; got ${t}.`, { t });
  if (!(k >= 0 && Number.isInteger(k)))
    throw new InputError('invalid_count', `paretoNbdProbabilityOfPurchases: k must be an integer ≥ 0; got ${k}.`, { k });
  const { r, alpha, s, beta } = params;
  const lt = Math.log(t);
  const lead = lnPochhammer(r, k) - gammaln(k + 1) + r * Math.log(alpha);
  const alive = k * lt - (r + k) * Math.log(alpha + t) + s * (Math.log(beta) - Math.log(beta + t));
  // J by exp-sinh in w, scaled by 1/(k+1)
  const q = expSinhNodes(1 / 32);
  const c = 1 / (k + 1);
  const lc = Math.log(c);
  let m = -Infinity;
  for (let i = 0; i < q.n; i++) {
    const w = c * q.t[i];
    const te = t * Math.exp(-w);
    const v = -(k + 1) * w - (r + k) * Math.log(alpha + te) - (s + 1) * Math.log(beta + te) + q.logW[i] + lc;
    scratch[i] = v;
    if (v > m) m = v;
  }
  let sum = 0;
  for (let i = 0; i < q.n; i++) sum += Math.exp(scratch[i] - m);
  const logJ = (k + 1) * lt + m + Math.log(sum);
  const dead = Math.log(s) + s * Math.log(beta) + logJ;
  const hi = Math.max(alive, dead);
  return Math.exp(lead + hi + Math.log(Math.exp(alive - hi) + Math.exp(dead - hi)));
}

const scratch = new Float64Array(1024);

/**
 * Discounted expected residual transactions (DERT) of each customer: the present value, at T, of
 * the purchases they will make after T, with continuous discounting at rate δ per time unit.
 *
 * Fader, Hardie & Lee (2005), "RFM and CLV: using iso-value curves for customer base analysis",
 * J. Marketing Research 42(4), eq. 2 (Appendix):
 * DERT = αʳβˢ δ^(s−1) Γ(r+x+1) U(s, s; δ(β+T)) / (Γ(r)(α+T)^(r+x+1) L(r, α, s, β | x, tx, T)),
 * i.e. P(alive) · (r+x)/(α+T) · (β+T)ˢ δ^(s−1) U(s, s; δ(β+T)), with U the confluent hypergeometric
 * function of the second kind ({@link logHyperU}). Multiply by the expected margin per transaction
 * for CLV. For an annual rate of 15% with weekly data, δ = ln(1.15)/52 ≈ 0.00269.
 *
 * @param params - r, α, s, β
 * @param delta - continuous discount rate per time unit of the data (> 0)
 * @param data - RFM summary (weights ignored)
 * @returns DERT per row (discounted number of future transactions)
 * @throws {InputError} on malformed data, parameters or δ
 * @example
 * paretoNbdDert(cdnowParams, Math.log(1.15) / 52, cdnow); // discounted future purchases per customer
 */
export function paretoNbdDert(params: ParetoNbdParams, delta: number, data: RfmData): Float64Array {
  validateRfm(data, 'paretoNbdDert');
  assertParams(params, 'paretoNbdDert');
  if (!(delta > 0 && delta < Infinity))
    throw new InputError(
      'invalid_discount',
      `paretoNbdDert: the continuous discount rate δ must be finite and > 0 (per time unit of the data); got ${delta}.`,
      { delta },
    );
  const { r, alpha, s, beta } = params;
  const out = paretoNbdLogPAliveRows(params, data);
  let lastT = NaN;
  let logU = 0;
  for (let i = 0; i < out.length; i++) {
    const x = data.x[i],
      T = data.T[i];
    if (T !== lastT) {
      lastT = T;
      logU = s * Math.log(beta + T) + (s - 1) * Math.log(delta) + logHyperU(s, s, delta * (beta + T));
    }
    out[i] = Math.exp(out[i]! + Math.log((r + x) / (alpha + T)) + logU);
  }
  return out;
}
