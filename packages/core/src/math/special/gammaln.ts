import stdlibGammaln from '@stdlib/math-base-special-gammaln';

/**
 * Natural logarithm of the gamma function, ln Γ(x), for x > 0 (and the real line where Γ is defined).
 *
 * A thin typed re-export of `@stdlib/math-base-special-gammaln` (Cephes/FreeBSD algorithm), kept
 * behind our own name so every model imports special functions from one place.
 *
 * Out-of-domain input (x a non-positive integer) returns +Infinity; NaN returns NaN. Never throws.
 *
 * @param x - argument
 * @returns ln |Γ(x)|
 * @example
 * gammaln(10); // => 12.801827480081469 (= ln 9!)
 */
export function gammaln(x: number): number {
  return stdlibGammaln(x);
}
