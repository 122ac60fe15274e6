import { InputError } from '../../errors.js';
import type { SpendData } from './model-types.js';

/**
 * Check a spend summary once, at the API boundary: equal lengths, x a non-negative integer, and where
 * x > 0 a finite mean value mx > 0 (≥ 0 with `allowZero`: the predictions are defined at 0); weights
 * finite and ≥ 0. Returns the weighted number of customers with x > 0 (those the Gamma-Gamma model uses).
 *
 * @param data - x, mx, optional weights
 * @param fn - calling function, for the message
 * @param options - `ids` (customer ids, to name the first bad customer instead of a row index),
 *   `allowZero` (accept mx = 0 where x > 0)
 * @returns weighted count of customers with x > 0
 * @throws {InputError} `spend_length_mismatch` or `spend_invalid_value` (first bad customer or row, count)
 * @example
 * validateSpend({ x: Float64Array.of(0, 2), mx: Float64Array.of(0, 22.35) }, 'fitGammaGamma'); // => 1
 */
export function validateSpend(data: SpendData, fn: string, options: { ids?: readonly string[]; allowZero?: boolean } = {}): number {
  const { x, mx, weights } = data;
  const n = x.length;
  if (mx.length !== n || (weights && weights.length !== n)) {
    throw new InputError(
      'spend_length_mismatch',
      `${fn}: columns must have equal lengths; got x ${n}, mx ${mx.length}${weights ? `, weights ${weights.length}` : ''}.`,
      { x: n, mx: mx.length },
    );
  }
  let bad = 0,
    first = -1,
    used = 0;
  for (let i = 0; i < n; i++) {
    const w = weights ? weights[i] : 1;
    const ok =
      x[i] >= 0 &&
      Number.isInteger(x[i]) &&
      w >= 0 &&
      w < Infinity &&
      (x[i] === 0 || ((mx[i] > 0 || (options.allowZero === true && mx[i] === 0)) && mx[i] < Infinity));
    if (!ok) {
      if (first < 0) first = i;
      bad++;
    } else if (x[i] > 0) used += w;
  }
  if (bad > 0) {
    throw new InputError(
      'spend_invalid_value',
      `${fn}: ${bad.toLocaleString('en-US')} of ${n.toLocaleString('en-US')} ${options.ids ? 'customers have' : 'rows are'} invalid spend; first ${options.ids ? `customer ${options.ids[first]}` : `at row ${first}`}: x ${x[first]}, mx ${mx[first]}. ` +
        `Need x a non-negative integer and, where x > 0, a finite mean value mx > ${options.allowZero ? '=' : ''} 0.`,
      { invalidRows: bad, firstRow: first, ...(options.ids ? { customerId: options.ids[first] } : {}), x: x[first], mx: mx[first] },
    );
  }
  return used;
}
