import stdlibBetaln from '@stdlib/math-base-special-betaln';

/**
 * Natural logarithm of the beta function, ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b), for a, b > 0.
 *
 * Thin re-export of `@stdlib/math-base-special-betaln`, which avoids the cancellation of the naive
 * three-gammaln formula when one argument is large.
 *
 * Out-of-domain input (a < 0 or b < 0) returns NaN. Never throws.
 *
 * @param a - first shape, > 0
 * @param b - second shape, > 0
 * @returns ln B(a, b)
 * @example
 * betaln(2, 3); // => -2.4849066497880004 (= ln 1/12)
 */
export function betaln(a: number, b: number): number {
  return stdlibBetaln(a, b);
}
