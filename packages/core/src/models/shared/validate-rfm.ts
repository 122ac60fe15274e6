import { InputError } from '../../errors.js';
import type { RfmData } from './model-types.js';

/**
 * Check a recency/frequency summary once, at the API boundary, so the numeric kernels never see bad
 * input: equal column lengths, x a non-negative integer, 0 ≤ tx ≤ T, T > 0 or T = 0 with x = 0 (a
 * customer whose first purchase is on the calibration end; all finite), weights
 * finite and ≥ 0. Returns the number of customers with a repeat purchase (x > 0, weighted) and the
 * total weight.
 *
 * @param data - x, tx, T (same time unit) and optional weights
 * @param fn - name of the calling function, for the message (e.g. "fitBgNbd")
 * @returns weighted counts: customers, and customers with x > 0
 * @throws {InputError} code `rfm_length_mismatch`, `rfm_empty` or `rfm_invalid_value`, naming the first
 *   bad row, its values and how many rows are bad.
 * @example
 * validateRfm({ x: Float64Array.of(2), tx: Float64Array.of(30.43), T: Float64Array.of(38.86) }, 'fitBgNbd');
 * // => { customers: 1, repeaters: 1 }
 */
export function validateRfm(data: RfmData, fn: string): { customers: number; repeaters: number } {
  const { x, tx, T, weights } = data;
  const n = x.length;
  if (tx.length !== n || T.length !== n || (weights && weights.length !== n)) {
    throw new InputError(
      'rfm_length_mismatch',
      `${fn}: columns must have equal lengths; got x ${n}, tx ${tx.length}, T ${T.length}${weights ? `, weights ${weights.length}` : ''}.`,
      { x: n, tx: tx.length, T: T.length, weights: weights?.length ?? null },
    );
  }
  if (n === 0) throw new InputError('rfm_empty', `${fn}: needs at least one customer; got an empty summary.`, { customers: 0 });
  let bad = 0,
    first = -1,
    customers = 0,
    repeaters = 0;
  for (let i = 0; i < n; i++) {
    const xi = x[i],
      ti = tx[i],
      Ti = T[i],
      wi = weights ? weights[i] : 1;
    // T = 0 (first purchase on the calibration end) is valid for a customer with no repeat yet: no information, likelihood 1
    const ok =
      xi >= 0 &&
      Number.isInteger(xi) &&
      (Ti > 0 || (Ti === 0 && xi === 0)) &&
      Ti < Infinity &&
      ti >= 0 &&
      ti <= Ti * (1 + 1e-12) &&
      wi >= 0 &&
      wi < Infinity;
    if (!ok) {
      if (first < 0) first = i;
      bad++;
      continue;
    }
    customers += wi;
    if (xi > 0) repeaters += wi;
  }
  if (bad > 0) {
    const i = first;
    throw new InputError(
      'rfm_invalid_value',
      `${fn}: ${bad.toLocaleString('en-US')} of ${n.toLocaleString('en-US')} rows are invalid; first at row ${i}: ` +
        `x ${x[i]}, tx ${tx[i]}, T ${T[i]}${weights ? `, weight ${weights[i]}` : ''}. ` +
        'Need x a non-negative integer, 0 ≤ tx ≤ T, T > 0 (T = 0 only with x = 0), weights ≥ 0, all finite (same time unit for tx and T).',
      { invalidRows: bad, firstRow: i, x: x[i], tx: tx[i], T: T[i] },
    );
  }
  return { customers, repeaters };
}
