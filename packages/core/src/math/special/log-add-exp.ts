/**
 * ln(eᵃ + eᵇ) without overflow or underflow: max(a, b) + ln(1 + e^{−|a−b|}).
 *
 * −Infinity is the log of zero and is handled (logAddExp(−∞, b) = b). NaN in, NaN out.
 *
 * @param a - log of the first term
 * @param b - log of the second term
 * @returns ln(eᵃ + eᵇ)
 * @example
 * logAddExp(1000, 1000); // => 1000.6931471805599
 */
export function logAddExp(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}
