import stdlibDigamma from '@stdlib/math-base-special-digamma';

/**
 * The digamma function ψ(x) = d/dx ln Γ(x). Used by the analytic gradients of the models.
 *
 * Thin re-export of `@stdlib/math-base-special-digamma` (Boost algorithm).
 *
 * Poles (x a non-positive integer) return NaN. Never throws.
 *
 * @param x - argument
 * @returns ψ(x)
 * @example
 * digamma(1); // => -0.5772156649015329 (minus the Euler–Mascheroni constant)
 */
export function digamma(x: number): number {
  return stdlibDigamma(x);
}
