/**
 * ln Σ exp(vᵢ) over the first `n` entries of `values`, shifted by the maximum so that nothing overflows.
 *
 * Empty input (n = 0) or all −Infinity returns −Infinity (the log of an empty sum). Any NaN returns NaN;
 * any +Infinity returns +Infinity.
 *
 * @param values - log-terms
 * @param n - how many leading entries to use (default: all)
 * @returns ln Σ exp(values[i])
 * @example
 * logSumExp(new Float64Array([1000, 1000, 1000])); // => 1001.0986122886682
 */
export function logSumExp(values: Float64Array, n: number = values.length): number {
  let m = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v !== v) return NaN;
    if (v > m) m = v;
  }
  if (m === -Infinity || m === Infinity) return m;
  let s = 0;
  for (let i = 0; i < n; i++) s += Math.exp(values[i] - m);
  return m + Math.log(s);
}
