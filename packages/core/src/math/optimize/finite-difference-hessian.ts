import type { ObjectiveFn, ValueAndGradientFn } from './optimize-types.js';

/**
 * Finite-difference Hessian of f at x, dim × dim, row-major, symmetrised.
 *
 * With a gradient: central differences of the gradient, Hᵢⱼ ≈ (∂ᵢf(x + hⱼeⱼ) − ∂ᵢf(x − hⱼeⱼ)) / (2hⱼ),
 * hⱼ = 1e-5·max(1, |xⱼ|), then (H + Hᵀ)/2 (2·dim gradient calls). Without: the second-order central
 * formulas on f with hⱼ = 1e-4·max(1, |xⱼ|) ≈ ε^(1/4) (Nocedal & Wright 2006, eqs. 8.20–8.21;
 * 1 + 2·dim + 2·dim(dim − 1) calls). `x` is restored before returning.
 *
 * Non-finite evaluations leave NaN in the affected entries (the caller reports that the standard
 * errors are unavailable). Never throws.
 *
 * @param f - objective (used when `fg` is absent)
 * @param x - point (modified during the call, restored after)
 * @param fg - optional value-and-gradient function (preferred: more accurate)
 * @returns dim × dim Hessian, row-major
 * @example
 * finiteDifferenceHessian((v) => v[0] * v[0] * v[1], Float64Array.of(1, 2)); // ≈ [4, 2, 2, 0]
 */
export function finiteDifferenceHessian(f: ObjectiveFn, x: Float64Array, fg?: ValueAndGradientFn): Float64Array {
  const n = x.length;
  const H = new Float64Array(n * n);
  if (fg) {
    const gp = new Float64Array(n),
      gm = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      const xj = x[j];
      const h = 1e-5 * Math.max(1, Math.abs(xj));
      x[j] = xj + h;
      fg(x, gp);
      x[j] = xj - h;
      fg(x, gm);
      x[j] = xj;
      for (let i = 0; i < n; i++) H[i * n + j] = (gp[i] - gm[i]) / (2 * h);
    }
    for (let i = 0; i < n; i++)
      for (let j = i + 1; j < n; j++) {
        const v = 0.5 * (H[i * n + j] + H[j * n + i]);
        H[i * n + j] = v;
        H[j * n + i] = v;
      }
    return H;
  }
  const f0 = f(x);
  const hs = new Float64Array(n);
  for (let i = 0; i < n; i++) hs[i] = 1e-4 * Math.max(1, Math.abs(x[i]));
  for (let i = 0; i < n; i++) {
    const xi = x[i],
      hi = hs[i];
    x[i] = xi + hi;
    const fp = f(x);
    x[i] = xi - hi;
    const fm = f(x);
    x[i] = xi;
    H[i * n + i] = (fp - 2 * f0 + fm) / (hi * hi);
    for (let j = i + 1; j < n; j++) {
      const xj = x[j],
        hj = hs[j];
      x[i] = xi + hi;
      x[j] = xj + hj;
      const fpp = f(x);
      x[j] = xj - hj;
      const fpm = f(x);
      x[i] = xi - hi;
      const fmm = f(x);
      x[j] = xj + hj;
      const fmp = f(x);
      x[i] = xi;
      x[j] = xj;
      const v = (fpp - fpm - fmp + fmm) / (4 * hi * hj);
      H[i * n + j] = v;
      H[j * n + i] = v;
    }
  }
  return H;
}
