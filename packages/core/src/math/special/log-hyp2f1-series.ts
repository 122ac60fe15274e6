/**
 * ln ₂F₁(a, b; c; z) by summing the Gauss power series Σ (a)ₖ(b)ₖ/((c)ₖ k!) zᵏ entirely in log space,
 * for −1 < z < 1. It never overflows, so it is the fallback for parameters where ₂F₁ itself is beyond
 * the double range (e.g. BG/NBD's ₂F₁(r + x, b + x; a + b + x − 1; z) with x in the thousands).
 *
 * Abramowitz & Stegun (1964) eq. 15.1.1 (the series); DLMF §15.2.
 *
 * ## Method
 * Each term is kept as (ln|tₖ|, sign), with ln|tₖ₊₁| = ln|tₖ| + ln|(a+k)(b+k)z / ((c+k)(k+1))|. The
 * running sum is held relative to a scale s (the largest ln|tₖ| so far) and rescaled whenever a bigger
 * term arrives, so every exp() argument is ≤ 0. Terms first grow while |(a+k)(b+k)z| > |(c+k)(k+1)|
 * and then decay geometrically with ratio → z; the loop stops once the ratio is below 1 and the geometric
 * bound on the remaining tail, |tₖ| q/(1 − q) with q = max(|ratio·z|, |z|), is below 1e-16 of the sum. Cost is O(peak index + 40 / (1 − |z|)) terms, so the routine is meant for
 * moderate |z| (the models call it with z ≤ ~0.99); it gives up after `maxTerms` and returns NaN.
 * A zero numerator (a or b a non-positive integer) ends the series exactly (a polynomial).
 *
 * Returns NaN when the sum is ≤ 0 (no real logarithm), when |z| ≥ 1, when c is a non-positive integer
 * reached before the series ends, or when it did not converge. Never throws.
 *
 * @param a - first numerator parameter
 * @param b - second numerator parameter
 * @param c - denominator parameter (not a non-positive integer)
 * @param z - argument, |z| < 1
 * @param maxTerms - cap on the number of terms (default 1,000,000)
 * @returns ln ₂F₁(a, b; c; z)
 * @example
 * logHyp2f1Series(1, 1, 2, 0.5); // => 0.326634259978281 (= ln(2 ln 2), since ₂F₁(1,1;2;z) = −ln(1−z)/z)
 */
export function logHyp2f1Series(a: number, b: number, c: number, z: number, maxTerms: number = 1_000_000): number {
  if (!(Math.abs(z) < 1) || a !== a || b !== b || c !== c) return NaN;
  if (z === 0) return 0;
  const lz = Math.log(Math.abs(z));
  const zNeg = z < 0;
  let logT = 0; // ln|t_k|
  let sign = 1; // sign of t_k
  let scale = 0; // ln of the reference magnitude
  let sum = 1; // Σ sign_j exp(ln|t_j| − scale)
  for (let k = 0; k < maxTerms; k++) {
    const num = (a + k) * (b + k);
    if (num === 0) break; // the series terminates: a polynomial
    const den = (c + k) * (k + 1);
    if (den === 0) return NaN; // pole of (c)_k
    const ratio = num / den;
    logT += Math.log(Math.abs(ratio)) + lz;
    if (ratio < 0) sign = -sign;
    if (zNeg) sign = -sign;
    if (logT > scale) {
      sum = sum * Math.exp(scale - logT) + sign;
      scale = logT;
    } else {
      sum += sign * Math.exp(logT - scale);
    }
    const q = Math.max(Math.abs(ratio * z), Math.abs(z)); // bound on later term ratios
    if (Math.abs(ratio * z) < 1 && logT - scale - Math.log1p(-q) < Math.log(Math.abs(sum)) - 36.8) {
      // the geometric tail bound |t_k| q / (1 − q) is below 1e-16 |S|
      return sum > 0 ? scale + Math.log(sum) : NaN;
    }
  }
  // reached only by a terminated polynomial (break) or by running out of terms
  const terminated = (a <= 0 && Number.isInteger(a)) || (b <= 0 && Number.isInteger(b));
  return terminated && sum > 0 ? scale + Math.log(sum) : NaN;
}
