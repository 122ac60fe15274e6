/**
 * ln(1 − eˣ) for x ≤ 0, accurate over the whole range.
 *
 * ## Method
 * Mächler (2012), "Accurately computing log(1 − exp(−|a|))", Rmpfr vignette: use ln(−expm1(x)) when
 * x > −ln 2 (there 1 − eˣ is small and expm1 keeps its digits) and log1p(−eˣ) otherwise (there eˣ is
 * small and log1p keeps its digits). Either branch alone loses up to all digits at the other end.
 *
 * x > 0 returns NaN (the log of a negative number); x = 0 returns −Infinity. Never throws.
 *
 * @param x - a log-probability, ≤ 0
 * @returns ln(1 − eˣ)
 * @example
 * log1mexp(-1e-20); // => -46.051701859880914 (= ln 1e-20)
 */
export function log1mexp(x: number): number {
  if (x > 0 || x !== x) return NaN;
  return x > -Math.LN2 ? Math.log(-Math.expm1(x)) : Math.log1p(-Math.exp(x));
}
