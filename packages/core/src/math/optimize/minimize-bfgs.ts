import type { MinimizeOptions, MinimizeResult, StopReason, ValueAndGradientFn } from './optimize-types.js';
import { wolfeLineSearch } from './wolfe-line-search.js';

function normInf(v: Float64Array): number {
  let m = 0;
  for (let i = 0; i < v.length; i++) {
    const a = Math.abs(v[i]);
    if (!(a <= m)) m = a; // NaN propagates
  }
  return m;
}

/**
 * Minimise a smooth function of a few variables with BFGS (Broyden–Fletcher–Goldfarb–Shanno), using a
 * strong-Wolfe line search ({@link wolfeLineSearch}). Nocedal & Wright (2006), Algorithm 6.1, with the
 * initial inverse-Hessian scaling of their eq. 6.20.
 *
 * ## Method
 * Keeps a dense inverse-Hessian approximation H (dim × dim, dim ≤ ~10 here). Each iteration moves along
 * d = −H∇f, capped so no coordinate moves more than `maxStep` (the models work in log parameters,
 * where a step of 2 multiplies a parameter by e² — larger steps only hit overflow). The first step is
 * along −∇f scaled to ‖d‖∞ = min(1, maxStep); before the first update H is rescaled to (sᵀy / yᵀy)·I.
 * Updates with sᵀy ≤ 1e-12‖s‖‖y‖ are skipped (keeps H positive definite). A failed line search or a
 * non-descent direction resets H to the scaled identity once; a second consecutive failure stops with
 * `line-search` (or `stalled` when f has stopped changing at double precision, the normal end of an
 * over-tight tolerance).
 *
 * Stops when ‖∇f‖∞ ≤ gradientTolerance·max(1, |f|). Never throws; a non-finite f at x0 returns at once
 * with reason `non-finite`.
 *
 * @param fg - value-and-gradient function (see {@link withNumericGradient} for a numeric gradient)
 * @param x0 - starting point (not modified)
 * @param options - iteration cap (default 200), gradient tolerance (default 1e-9), max step (default 2)
 * @returns best point, value, gradient, counts and stop reason
 * @example
 * // Rosenbrock from (−1.2, 1): converges to (1, 1)
 * minimizeBfgs((v, g) => {
 *   const [x, y] = v; g[0] = -2 * (1 - x) - 400 * x * (y - x * x); g[1] = 200 * (y - x * x);
 *   return (1 - x) ** 2 + 100 * (y - x * x) ** 2;
 * }, Float64Array.of(-1.2, 1)).x; // => Float64Array [1, 1] (to ~1e-9)
 */
export function minimizeBfgs(fg: ValueAndGradientFn, x0: Float64Array, options: MinimizeOptions = {}): MinimizeResult {
  const n = x0.length;
  const maxIterations = options.maxIterations ?? 200;
  const gtol = options.gradientTolerance ?? 1e-9;
  const maxStep = options.maxStep ?? 2;
  let x = Float64Array.from(x0);
  let g = new Float64Array(n);
  let xNew = new Float64Array(n);
  let gNew = new Float64Array(n);
  const d = new Float64Array(n);
  const s = new Float64Array(n);
  const y = new Float64Array(n);
  const Hy = new Float64Array(n);
  const H = new Float64Array(n * n);
  let evaluations = 1;
  let f = fg(x, g);
  const done = (reason: StopReason, iterations: number): MinimizeResult => ({
    x,
    f,
    gradient: g,
    gradientNorm: normInf(g),
    iterations,
    evaluations,
    converged: reason === 'gradient',
    reason,
  });
  if (!Number.isFinite(f) || !Number.isFinite(normInf(g))) return done('non-finite', 0);

  let fresh = true; // H is the (unscaled) identity: the next update rescales it first
  const resetH = (): void => {
    H.fill(0);
    for (let i = 0; i < n; i++) H[i * n + i] = 1;
    fresh = true;
  };
  resetH();
  let failures = 0;
  let stallCount = 0;
  for (let iter = 0; iter < maxIterations; iter++) {
    const gn = normInf(g);
    if (gn <= gtol * Math.max(1, Math.abs(f))) return done('gradient', iter);
    // direction d = −H g
    let slope = 0;
    for (let i = 0; i < n; i++) {
      let v = 0;
      for (let j = 0; j < n; j++) v -= H[i * n + j] * g[j];
      d[i] = v;
      slope += v * g[i];
    }
    if (!(slope < 0)) {
      resetH();
      for (let i = 0; i < n; i++) d[i] = -g[i];
    }
    let dn = normInf(d);
    const cap = fresh ? Math.min(1, maxStep) : maxStep;
    if (dn > cap || fresh) {
      const scale = cap / dn;
      if (dn > cap || (fresh && scale < 1)) for (let i = 0; i < n; i++) d[i] *= scale;
      dn = normInf(d);
    }
    const ls = wolfeLineSearch(fg, x, d, f, g, 1, xNew, gNew);
    evaluations += ls.evaluations;
    if (!ls.ok) {
      failures++;
      if (failures >= 2 || fresh) return done(stallCount > 0 || dn < 1e-12 ? 'stalled' : 'line-search', iter);
      resetH();
      continue;
    }
    failures = 0;
    const fOld = f;
    for (let i = 0; i < n; i++) {
      s[i] = xNew[i] - x[i];
      y[i] = gNew[i] - g[i];
    }
    [x, xNew] = [xNew, x];
    [g, gNew] = [gNew, g];
    f = ls.f;
    if (Math.abs(fOld - f) <= 1e-15 * Math.max(1, Math.abs(f))) {
      if (++stallCount >= 3) return done(normInf(g) <= gtol * Math.max(1, Math.abs(f)) ? 'gradient' : 'stalled', iter + 1);
    } else stallCount = 0;
    // BFGS update of the inverse Hessian
    let sy = 0,
      yy = 0,
      ss = 0;
    for (let i = 0; i < n; i++) {
      sy += s[i] * y[i];
      yy += y[i] * y[i];
      ss += s[i] * s[i];
    }
    if (!(sy > 1e-12 * Math.sqrt(ss * yy))) continue;
    if (fresh) {
      const gamma = sy / yy;
      for (let i = 0; i < n * n; i++) H[i] *= gamma;
      fresh = false;
    }
    const rho = 1 / sy;
    let yHy = 0;
    for (let i = 0; i < n; i++) {
      let v = 0;
      for (let j = 0; j < n; j++) v += H[i * n + j] * y[j];
      Hy[i] = v;
      yHy += y[i] * v;
    }
    // H ← H − ρ(Hy sᵀ + s yᵀH) + (ρ² yᵀHy + ρ) s sᵀ   (H symmetric)
    const k = rho * rho * yHy + rho;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        H[i * n + j] += -rho * (Hy[i] * s[j] + s[i] * Hy[j]) + k * s[i] * s[j];
      }
    }
  }
  return done(normInf(g) <= gtol * Math.max(1, Math.abs(f)) ? 'gradient' : 'max-iterations', maxIterations);
}
