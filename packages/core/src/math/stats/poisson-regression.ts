import { invertSpd } from '../optimize/invert-spd.js';

/** A fitted log-linear (Poisson) regression. */
export interface PoissonFit {
  /** Coefficients, intercept first (column 0 of the design). */
  coefficients: Float64Array;
  iterations: number;
  converged: boolean;
}

/**
 * Log-linear regression by Poisson (quasi-)likelihood: maximises Σ [yᵢ ηᵢ − e^ηᵢ] over β, ηᵢ = xᵢβ,
 * for any y ≥ 0 (counts, or amounts such as spend: the quasi-Poisson estimating equations
 * Σ (yᵢ − μᵢ) xᵢ = 0 are unbiased for E[y | x] = e^{xβ} whatever the distribution of y, so the
 * coefficients are consistent ratios of means; pair them with a sandwich covariance,
 * {@link glmSandwich}). McCullagh & Nelder (1989) §6.2 and §9.2; Wooldridge (2010) §18.2.
 *
 * ## Method
 * Newton–Raphson (= IRLS for the canonical log link) from β = (log ȳ, 0, …): each step solves
 * (Σ μᵢ xᵢxᵢᵀ) δ = Σ (yᵢ − μᵢ) xᵢ and is halved while the objective does not improve (a large
 * first step can overflow e^η). Stops when the largest |δ| < 1e-9 or after 60 steps. Never throws;
 * a singular information matrix (a column that is constant or all-zero) ends with `converged: false`.
 *
 * @param X - design, row-major n × p, column 0 = 1
 * @param p - columns
 * @param y - response ≥ 0 per row
 * @example
 * fitPoissonLog(Float64Array.of(1, 0, 1, 0, 1, 1, 1, 1), 2, Float64Array.of(1, 3, 4, 8)).coefficients; // => [ln 2, ln 3]
 */
export function fitPoissonLog(X: Float64Array, p: number, y: Float64Array): PoissonFit {
  const n = y.length;
  const beta = new Float64Array(p);
  let mean = 0;
  for (let i = 0; i < n; i++) mean += y[i]!;
  mean /= Math.max(1, n);
  beta[0] = Math.log(Math.max(mean, 1e-12));
  const objective = (b: Float64Array): number => {
    let s = 0;
    for (let i = 0; i < n; i++) {
      const o = i * p;
      let eta = 0;
      for (let j = 0; j < p; j++) eta += X[o + j]! * b[j]!;
      s += y[i]! * eta - Math.exp(eta);
    }
    return s;
  };
  let current = objective(beta);
  const H = new Float64Array(p * p),
    g = new Float64Array(p),
    trial = new Float64Array(p);
  for (let it = 1; it <= 60; it++) {
    H.fill(0);
    g.fill(0);
    for (let i = 0; i < n; i++) {
      const o = i * p;
      let eta = 0;
      for (let j = 0; j < p; j++) eta += X[o + j]! * beta[j]!;
      const mu = Math.exp(eta);
      const r = y[i]! - mu;
      for (let j = 0; j < p; j++) {
        const xj = X[o + j]!;
        if (xj === 0) continue;
        g[j] += xj * r;
        const w = mu * xj;
        for (let k = 0; k <= j; k++) H[j * p + k] += w * X[o + k]!;
      }
    }
    for (let j = 0; j < p; j++) for (let k = 0; k < j; k++) H[k * p + j] = H[j * p + k]!;
    const inv = invertSpd(H, p).inverse;
    if (!inv) return { coefficients: beta, iterations: it, converged: false };
    const step = new Float64Array(p);
    for (let j = 0; j < p; j++) {
      let s = 0;
      for (let k = 0; k < p; k++) s += inv[j * p + k]! * g[k]!;
      step[j] = s;
    }
    let scale = 1,
      improved = false;
    for (let half = 0; half < 40; half++) {
      for (let j = 0; j < p; j++) trial[j] = beta[j]! + scale * step[j]!;
      const value = objective(trial);
      if (value >= current - 1e-12 * Math.abs(current)) {
        current = value;
        improved = true;
        break;
      }
      scale /= 2;
    }
    if (!improved) return { coefficients: beta, iterations: it, converged: false };
    let max = 0;
    for (let j = 0; j < p; j++) max = Math.max(max, Math.abs(scale * step[j]!));
    beta.set(trial);
    if (max < 1e-9) return { coefficients: beta, iterations: it, converged: true };
  }
  return { coefficients: beta, iterations: 60, converged: false };
}
