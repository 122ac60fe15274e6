import { log1mexp } from './log1mexp.js';

/**
 * ln(eᵃ − eᵇ) for a ≥ b, computed as a + ln(1 − e^{b−a}) with {@link log1mexp}.
 *
 * a < b returns NaN; a = b returns −Infinity; b = −Infinity returns a. Never throws.
 *
 * @param a - log of the larger term
 * @param b - log of the smaller term
 * @returns ln(eᵃ − eᵇ)
 * @example
 * logDiffExp(0, -1e-18); // => -41.44653167389282 (= ln 1e-18)
 */
export function logDiffExp(a: number, b: number): number {
  if (b === -Infinity) return a;
  return a + log1mexp(b - a);
}
