import { InputError } from '../errors.js';
import { fitGammaGamma } from '../models/gamma-gamma/fit.js';
import { gammaGammaExpectedSpend } from '../models/gamma-gamma/predict.js';
import type { FitResult } from '../models/shared/model-types.js';
import { validateSpend } from '../models/shared/validate-spend.js';

/** Expected value per future purchase for every customer, and how it was obtained. */
export interface SpendEstimate {
  model: 'gamma-gamma' | 'historic';
  /** The Gamma-Gamma fit (null for `historic`); its `warnings` name the customers left out. */
  fit: FitResult<string> | null;
  /** Currency per purchase, one per customer. */
  expectedSpend: Float64Array;
  /** Customers with repeat purchases that average exactly 0, left out of the Gamma-Gamma fit (first 20 ids). */
  zeroSpend: { count: number; customerIds: string[] };
  /** What the numbers are, in words. */
  label: string;
}

const LIST = 20;
const listIds = (ids: string[], count: number): string =>
  `${ids.join(', ')}${count > ids.length ? ` and ${(count - ids.length).toLocaleString('en-US')} more` : ''}`;

/**
 * Expected spend per purchase (currency).
 *
 * `gamma-gamma` (Fader & Hardie 2013): fitted on the customers with repeat purchases whose mean value
 * is positive. A customer whose repeat purchases average exactly 0 (free or fully discounted orders;
 * the model's likelihood is undefined at 0, and one such customer used to stop the fit for everyone)
 * is left out of the fit, named in a warning, and given the model's own conditional mean at a mean of
 * 0, E[M | x, m̄ₓ = 0] = pγ/(px + q − 1) (eq. 5): the population mean pγ/(q − 1) shrunk by the x
 * purchases seen at 0, rather than 0 (one free order says little about the next) or the population
 * mean (which ignores them).
 *
 * `historic`: the customer's own mean repeat spend; the mean over repeat buyers for one-time buyers.
 *
 * @param data - x (repeat purchases), mx (their mean value, currency), optional weights
 * @param ids - customer ids (to name customers in warnings and errors), same order
 * @throws InputError `spend_invalid_value` naming the first customer with a negative or non-finite
 *   mean; `no_repeat_purchases` (fewer than 2 positive-spend repeat buyers) or `no_repeat_spend`.
 * @example
 * const s = estimateSpend({ x, mx }, ids, 'gamma-gamma');
 * s.zeroSpend; // → { count: 1, customerIds: ['10244'] } on the CDNOW master log
 */
export function estimateSpend(
  data: { x: Float64Array; mx: Float64Array; weights?: Float64Array },
  ids: readonly string[] | undefined,
  model: 'gamma-gamma' | 'historic',
): SpendEstimate {
  const n = data.x.length;
  validateSpend(data, model === 'gamma-gamma' ? 'the Gamma-Gamma spend model' : 'the historic spend model', { ids, allowZero: true });
  if (model === 'historic') {
    let sum = 0,
      count = 0;
    for (let i = 0; i < n; i++)
      if (data.x[i]! > 0) {
        sum += data.mx[i]!;
        count++;
      }
    if (count === 0)
      throw new InputError('no_repeat_spend', 'No customer has a repeat purchase, so no spend per purchase can be estimated', {});
    const mean = sum / count;
    return {
      model,
      fit: null,
      expectedSpend: Float64Array.from(data.x, (x, i) => (x > 0 ? data.mx[i]! : mean)),
      zeroSpend: { count: 0, customerIds: [] },
      label: 'expected spend per purchase = own mean repeat spend (mean over repeat buyers for one-time buyers)',
    };
  }
  const fitX = Float64Array.from(data.x);
  const zeroIds: string[] = [];
  let zeros = 0;
  for (let i = 0; i < n; i++) {
    if (data.x[i]! > 0 && data.mx[i] === 0) {
      fitX[i] = 0; // x = 0 rows carry no spend information: left out of the fit
      zeros++;
      if (zeroIds.length < LIST) zeroIds.push(ids ? ids[i]! : `row ${i}`);
    }
  }
  const fit = fitGammaGamma({ x: fitX, mx: data.mx, weights: data.weights });
  noteZeroSpend(fit, zeros, zeroIds);
  return {
    model,
    fit,
    expectedSpend: gammaGammaExpectedSpend(fit.params as { p: number; q: number; gamma: number }, data.x, data.mx),
    zeroSpend: { count: zeros, customerIds: zeroIds },
    label: gammaGammaSpendLabel(zeros),
  };
}

/** The spend label of a Gamma-Gamma estimate that left `zeros` zero-spend customers out of its fit. */
export const gammaGammaSpendLabel = (zeros: number): string =>
  `expected spend per purchase from Gamma-Gamma (Fader & Hardie 2013)${zeros ? `; ${zeros.toLocaleString('en-US')} zero-spend customer${zeros === 1 ? '' : 's'} left out of the fit` : ''}`;

/**
 * Adds to a Gamma-Gamma fit the warning naming the `zeros` customers (first ids `zeroIds`) whose
 * repeat purchases average 0 and were left out of it (nothing when `zeros` is 0).
 */
export function noteZeroSpend(fit: FitResult<string>, zeros: number, zeroIds: string[]): void {
  if (zeros === 0) return;
  const { p, q, gamma } = fit.params as { p: number; q: number; gamma: number };
  fit.warnings.push(
    `gamma-gamma: ${zeros.toLocaleString('en-US')} customer${zeros === 1 ? '' : 's'} whose repeat purchases average 0 ${zeros === 1 ? 'was' : 'were'} left out of the spend fit ` +
      `(customer${zeros === 1 ? '' : 's'} ${listIds(zeroIds, zeros)}); their expected spend is the model's mean for x purchases seen at 0, ` +
      `p·γ/(p·x + q − 1) = ${((p * gamma) / (p + q - 1)).toFixed(2)} for x = 1, below the population mean ${((p * gamma) / (q - 1)).toFixed(2)}.`,
  );
  fit.diagnostics.zeroSpendCustomers = zeros;
}
