import type { ObjectiveFn, ValueAndGradientFn } from './optimize-types.js';

/**
 * Central finite-difference gradient: ∂f/∂xᵢ ≈ (f(x + hᵢeᵢ) − f(x − hᵢeᵢ)) / (2hᵢ), with
 * hᵢ = relStep · max(1, |xᵢ|). The default relStep = 6e-6 ≈ ε^(1/3) balances truncation error O(h²)
 * against rounding error O(ε|f|/h) (Nocedal & Wright 2006, §8.1, eq. 8.9).
 *
 * Costs 2·dim + 1 evaluations. `x` is restored before returning. A non-finite f on either side falls
 * back to the one-sided difference on the other side; if both fail the component is NaN.
 *
 * @param f - objective
 * @param x - point (modified during the call, restored after)
 * @param out - receives the gradient
 * @param relStep - relative step (default 6e-6)
 * @returns f(x)
 * @example
 * const g = new Float64Array(2);
 * centralDifferenceGradient((v) => v[0] * v[0] + 3 * v[1], new Float64Array([1, 2]), g); // => 7; g ≈ [2, 3]
 */
export function centralDifferenceGradient(f: ObjectiveFn, x: Float64Array, out: Float64Array, relStep: number = 6e-6): number {
  const f0 = f(x);
  for (let i = 0; i < x.length; i++) {
    const xi = x[i];
    const h = relStep * Math.max(1, Math.abs(xi));
    x[i] = xi + h;
    const fp = f(x);
    x[i] = xi - h;
    const fm = f(x);
    x[i] = xi;
    if (Number.isFinite(fp) && Number.isFinite(fm)) out[i] = (fp - fm) / (2 * h);
    else if (Number.isFinite(fp)) out[i] = (fp - f0) / h;
    else if (Number.isFinite(fm)) out[i] = (f0 - fm) / h;
    else out[i] = NaN;
  }
  return f0;
}

/**
 * Wraps an objective into a {@link ValueAndGradientFn} that uses {@link centralDifferenceGradient}.
 *
 * @param f - objective
 * @param relStep - relative step (default 6e-6)
 * @returns value-and-gradient function
 * @example
 * const fg = withNumericGradient((v) => v[0] * v[0]);
 * fg(new Float64Array([3]), new Float64Array(1)); // => 9 (gradient ≈ 6 written to out)
 */
export function withNumericGradient(f: ObjectiveFn, relStep: number = 6e-6): ValueAndGradientFn {
  return (x, out) => centralDifferenceGradient(f, x, out, relStep);
}
