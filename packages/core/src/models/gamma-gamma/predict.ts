import { checkPositiveParams } from '../shared/validate-params.js';
import { validateSpend } from '../shared/validate-spend.js';
import { type GammaGammaParams, GAMMA_GAMMA_PARAMS } from './likelihood.js';

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
  checkPositiveParams(params, 'gammaGammaExpectedSpend', GAMMA_GAMMA_PARAMS);
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
