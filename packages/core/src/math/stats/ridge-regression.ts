import { invertSpd } from '../optimize/invert-spd.js';

/** A fitted ridge (L2-penalised) regression. */
export interface RidgeFit {
  /** Coefficients, intercept first (column 0 of the design). */
  coefficients: Float64Array;
  iterations: number;
  converged: boolean;
}

/** Solves (A)β = b for a small SPD matrix A (p × p, row-major); null when A is not positive definite. */
function solve(A: Float64Array, b: Float64Array, p: number): Float64Array | null {
  const inv = invertSpd(A, p).inverse;
  if (!inv) return null;
  const x = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let s = 0;
    for (let j = 0; j < p; j++) s += inv[i * p + j]! * b[j]!;
    x[i] = s;
  }
  return x;
}

/**
 * Ridge linear regression on a subset of rows: β = (XᵀX + λD)⁻¹Xᵀy with D = diag(0, 1, …, 1) (the
 * intercept, column 0, is not penalised; Hoerl & Kennard 1970). X is row-major n × p over all rows;
 * `rows` picks the rows used. Returns `converged: false` and zero coefficients when the normal
 * matrix is singular (e.g. λ = 0 with a constant column).
 *
 * @param X - design, row-major, column 0 = 1
 * @param p - columns
 * @param y - response per row
 * @param rows - row indices to fit on
 * @param lambda - penalty λ ≥ 0 on the standardised columns
 * @example
 * fitRidgeLinear(Float64Array.of(1, 0, 1, 1, 1, 2), 2, Float64Array.of(1, 3, 5), Uint32Array.of(0, 1, 2), 0).coefficients; // => [1, 2]
 */
export function fitRidgeLinear(X: Float64Array, p: number, y: Float64Array, rows: Uint32Array, lambda: number): RidgeFit {
  const A = new Float64Array(p * p),
    b = new Float64Array(p);
  for (const r of rows) {
    const o = r * p;
    const yr = y[r]!;
    for (let i = 0; i < p; i++) {
      const xi = X[o + i]!;
      if (xi === 0) continue;
      b[i] += xi * yr;
      for (let j = 0; j <= i; j++) A[i * p + j] += xi * X[o + j]!;
    }
  }
  for (let i = 0; i < p; i++) {
    for (let j = 0; j < i; j++) A[j * p + i] = A[i * p + j]!;
    if (i > 0) A[i * p + i] += lambda;
  }
  const beta = solve(A, b, p);
  return { coefficients: beta ?? new Float64Array(p), iterations: 1, converged: beta !== null };
}

/**
 * Ridge logistic regression on a subset of rows by Newton–Raphson (iteratively reweighted least
 * squares; McCullagh & Nelder 1989, §4.4): maximises Σ [y ln μ + (1−y) ln(1−μ)] − (λ/2)·Σⱼ≥₁ βⱼ²,
 * μ = 1/(1 + e^{−xβ}), y in [0, 1]. The penalty keeps the fit finite under separation. Stops when
 * the largest coefficient step is below 1e-8 (`converged`) or after 50 iterations.
 *
 * @param X - design, row-major, column 0 = 1
 * @param p - columns
 * @param y - 0/1 response per row
 * @param rows - row indices to fit on
 * @param lambda - penalty λ > 0 recommended
 * @example
 * fitRidgeLogistic(X, p, visit, trainRows, 1).coefficients;
 */
export function fitRidgeLogistic(X: Float64Array, p: number, y: Float64Array, rows: Uint32Array, lambda: number): RidgeFit {
  const beta = new Float64Array(p);
  let mean = 0;
  for (const r of rows) mean += y[r]!;
  mean = rows.length > 0 ? mean / rows.length : 0.5;
  beta[0] = Math.log(Math.min(Math.max(mean, 1e-6), 1 - 1e-6) / (1 - Math.min(Math.max(mean, 1e-6), 1 - 1e-6)));
  const H = new Float64Array(p * p),
    g = new Float64Array(p);
  for (let it = 1; it <= 50; it++) {
    H.fill(0);
    g.fill(0);
    for (const r of rows) {
      const o = r * p;
      let eta = 0;
      for (let i = 0; i < p; i++) eta += X[o + i]! * beta[i]!;
      const mu = 1 / (1 + Math.exp(-eta));
      const w = Math.max(mu * (1 - mu), 1e-12);
      const resid = y[r]! - mu;
      for (let i = 0; i < p; i++) {
        const xi = X[o + i]!;
        if (xi === 0) continue;
        g[i] += xi * resid;
        const wx = w * xi;
        for (let j = 0; j <= i; j++) H[i * p + j] += wx * X[o + j]!;
      }
    }
    for (let i = 0; i < p; i++) {
      for (let j = 0; j < i; j++) H[j * p + i] = H[i * p + j]!;
      if (i > 0) {
        H[i * p + i] += lambda;
        g[i] -= lambda * beta[i]!;
      }
    }
    const step = solve(H, g, p);
    if (!step) return { coefficients: beta, iterations: it, converged: false };
    let maxStep = 0;
    for (let i = 0; i < p; i++) {
      beta[i] += step[i]!;
      maxStep = Math.max(maxStep, Math.abs(step[i]!));
    }
    if (maxStep < 1e-8) return { coefficients: beta, iterations: it, converged: true };
  }
  return { coefficients: beta, iterations: 50, converged: false };
}

/** x·β for one row of a row-major design. */
export function linearPredictor(X: Float64Array, p: number, row: number, beta: Float64Array): number {
  let s = 0;
  const o = row * p;
  for (let i = 0; i < p; i++) s += X[o + i]! * beta[i]!;
  return s;
}
