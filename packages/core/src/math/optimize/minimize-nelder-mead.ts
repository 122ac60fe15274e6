import type { MinimizeResult, ObjectiveFn } from './optimize-types.js';

/** Options of {@link minimizeNelderMead}. */
export interface NelderMeadOptions {
  /** Maximum iterations (default 2,000 · dim). */
  maxIterations?: number;
  /** Stop when the simplex's f-values agree to this relative tolerance (default 1e-12)… */
  fTolerance?: number;
  /** …and its vertices to this absolute tolerance in x (default 1e-8). */
  xTolerance?: number;
  /** Edge of the initial simplex along each axis (default 0.5; in log-parameter space, a factor e^0.5). */
  initialStep?: number;
}

/** Vertex spread, relative to max(1, ‖x_best‖∞), at which the simplex counts as collapsed: 16 ulps. */
const COLLAPSED = 16 * Number.EPSILON;

/**
 * Derivative-free minimisation with the Nelder–Mead simplex (Nelder & Mead 1965), using the
 * dimension-adaptive coefficients of Gao & Han (2012): reflection 1, expansion 1 + 2/n,
 * contraction 0.75 − 1/(2n), shrink 1 − 1/n. The fit harness uses it as the fallback when BFGS
 * stops without meeting the gradient tolerance (e.g. a non-smooth or partly infeasible region).
 *
 * ## Method
 * Start from x0 and x0 + h·eᵢ. Each iteration sorts the n + 1 vertices by f and tries reflect →
 * expand / outside-contract / inside-contract, shrinking toward the best vertex when all fail
 * (Lagarias et al. 1998 ordering rules). Non-finite f counts as +Infinity, so infeasible points are
 * simply never accepted. Stops when max |fᵢ − f_best| ≤ fTolerance·max(1, |f_best|) and the largest
 * vertex distance from the best is ≤ xTolerance (`simplex`); when that distance is down to 16 ulps of
 * max(1, ‖x_best‖∞), i.e. the simplex has collapsed at double precision but f is too noisy to meet
 * fTolerance (`stalled`: before, it cycled there to the iteration cap); or at the iteration cap.
 *
 * The gradient in the result is NaN-filled (none is computed). Never throws.
 *
 * @param f - objective
 * @param x0 - starting point (not modified)
 * @param options - tolerances and iteration cap
 * @returns best vertex, its value, counts and stop reason (`simplex`, `stalled` or `max-iterations`)
 * @example
 * minimizeNelderMead((v) => (v[0] - 3) ** 2 + (v[1] + 1) ** 2, Float64Array.of(0, 0)).x; // ≈ [3, −1]
 */
export function minimizeNelderMead(f: ObjectiveFn, x0: Float64Array, options: NelderMeadOptions = {}): MinimizeResult {
  const n = x0.length;
  const maxIterations = options.maxIterations ?? 2000 * n;
  const ftol = options.fTolerance ?? 1e-12;
  const xtol = options.xTolerance ?? 1e-8;
  const h = options.initialStep ?? 0.5;
  const alpha = 1,
    beta = 1 + 2 / n,
    gamma = 0.75 - 1 / (2 * n),
    delta = 1 - 1 / n;
  const safe = (v: Float64Array): number => {
    const r = f(v);
    return r === r ? r : Infinity;
  };
  const pts: Float64Array[] = [];
  const fv = new Float64Array(n + 1);
  let evaluations = 0;
  for (let i = 0; i <= n; i++) {
    const p = Float64Array.from(x0);
    if (i > 0) p[i - 1] += h;
    pts.push(p);
    fv[i] = safe(p);
    evaluations++;
  }
  const order = new Int32Array(n + 1);
  const centroid = new Float64Array(n);
  const xr = new Float64Array(n),
    xe = new Float64Array(n),
    xc = new Float64Array(n);
  const trial = (from: Float64Array, coef: number, out: Float64Array): number => {
    for (let j = 0; j < n; j++) out[j] = centroid[j] + coef * (centroid[j] - from[j]);
    evaluations++;
    return safe(out);
  };
  let iter = 0;
  let reason: 'simplex' | 'stalled' | 'max-iterations' = 'max-iterations';
  for (; iter < maxIterations; iter++) {
    for (let i = 0; i <= n; i++) order[i] = i;
    order.sort((a, b) => fv[a] - fv[b] || a - b);
    const best = order[0],
      worst = order[n],
      second = order[n - 1];
    let fSpread = 0,
      xSpread = 0;
    for (let i = 1; i <= n; i++) {
      const k = order[i];
      fSpread = Math.max(fSpread, Math.abs(fv[k] - fv[best]));
      for (let j = 0; j < n; j++) xSpread = Math.max(xSpread, Math.abs(pts[k][j] - pts[best][j]));
    }
    if (fSpread <= ftol * Math.max(1, Math.abs(fv[best])) && xSpread <= xtol) {
      reason = 'simplex';
      break;
    }
    // collapsed to a few ulps of the best vertex: every further trial point rounds onto the same few
    // doubles, so only rounding noise in f could still reorder them (issue 18: 8,000 such evaluations)
    let xMax = 1;
    for (let j = 0; j < n; j++) xMax = Math.max(xMax, Math.abs(pts[best][j]));
    if (xSpread <= COLLAPSED * xMax) {
      reason = 'stalled';
      break;
    }
    centroid.fill(0);
    for (let i = 0; i < n; i++) {
      const p = pts[order[i]];
      for (let j = 0; j < n; j++) centroid[j] += p[j] / n;
    }
    const fr = trial(pts[worst], alpha, xr);
    if (fr < fv[best]) {
      const fe = trial(pts[worst], alpha * beta, xe);
      if (fe < fr) {
        pts[worst].set(xe);
        fv[worst] = fe;
      } else {
        pts[worst].set(xr);
        fv[worst] = fr;
      }
      continue;
    }
    if (fr < fv[second]) {
      pts[worst].set(xr);
      fv[worst] = fr;
      continue;
    }
    const outside = fr < fv[worst];
    const fc = outside ? trial(pts[worst], alpha * gamma, xc) : trial(pts[worst], -gamma, xc);
    if (fc < (outside ? fr : fv[worst])) {
      pts[worst].set(xc);
      fv[worst] = fc;
      continue;
    }
    // shrink toward the best vertex
    for (let i = 1; i <= n; i++) {
      const k = order[i];
      for (let j = 0; j < n; j++) pts[k][j] = pts[best][j] + delta * (pts[k][j] - pts[best][j]);
      fv[k] = safe(pts[k]);
      evaluations++;
    }
  }
  let b = 0;
  for (let i = 1; i <= n; i++) if (fv[i] < fv[b]) b = i;
  return {
    x: Float64Array.from(pts[b]),
    f: fv[b],
    gradient: new Float64Array(n).fill(NaN),
    gradientNorm: NaN,
    iterations: iter,
    evaluations,
    converged: false,
    reason,
  };
}
