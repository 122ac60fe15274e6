import { invertSpd } from '../optimize/invert-spd.js';

/** The two canonical-link families cvm fits: logistic (binomial) and log-linear (Poisson). */
export type CanonicalFamily = 'binomial' | 'poisson';

/** Fitted means and covariances of a canonical-link GLM. */
export interface GlmCovariance {
  /** Fitted mean of each row. */
  mu: Float64Array;
  /** Robust (sandwich) covariance of the coefficients, p × p row-major; null when the information is singular. */
  robust: Float64Array | null;
  /** Model-based covariance (inverse Fisher information), p × p row-major; null when singular. */
  model: Float64Array | null;
}

/**
 * Covariance of the coefficients of a canonical-link GLM (logistic or log-linear) at β: the
 * model-based A⁻¹ with A = Σ w(μᵢ) xᵢxᵢᵀ (w = μ(1−μ) for the binomial, μ for the Poisson), and the
 * robust "sandwich" A⁻¹BA⁻¹ with B = Σ (yᵢ − μᵢ)² xᵢxᵢᵀ (Huber 1967; White 1980; for GLMs Liang &
 * Zeger 1986). The sandwich stays valid when the variance function is wrong: overdispersed counts,
 * spend fitted by quasi-Poisson (Zou 2004 for risk ratios from a log link).
 *
 * Never throws; a singular information gives null covariances.
 *
 * @param X - design, row-major n × p (column 0 = 1)
 * @param p - columns
 * @param y - response per row
 * @param beta - coefficients
 * @param family - binomial (logit link) or poisson (log link)
 * @example
 * glmSandwich(X, 3, y, fit.coefficients, 'poisson').robust; // 3 × 3
 */
export function glmSandwich(X: Float64Array, p: number, y: Float64Array, beta: Float64Array, family: CanonicalFamily): GlmCovariance {
  const n = y.length;
  const A = new Float64Array(p * p),
    B = new Float64Array(p * p);
  const mu = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const o = i * p;
    let eta = 0;
    for (let j = 0; j < p; j++) eta += X[o + j]! * beta[j]!;
    const m = family === 'binomial' ? 1 / (1 + Math.exp(-eta)) : Math.exp(eta);
    mu[i] = m;
    const w = family === 'binomial' ? m * (1 - m) : m;
    const r2 = (y[i]! - m) * (y[i]! - m);
    for (let j = 0; j < p; j++) {
      const xj = X[o + j]!;
      if (xj === 0) continue;
      for (let k = 0; k <= j; k++) {
        const xx = xj * X[o + k]!;
        A[j * p + k] += w * xx;
        B[j * p + k] += r2 * xx;
      }
    }
  }
  for (let j = 0; j < p; j++)
    for (let k = 0; k < j; k++) {
      A[k * p + j] = A[j * p + k]!;
      B[k * p + j] = B[j * p + k]!;
    }
  const inv = invertSpd(A, p).inverse;
  if (!inv) return { mu, robust: null, model: null };
  return { mu, robust: multiply(multiply(inv, B, p), inv, p), model: inv };
}

/** C = A·B for p × p row-major matrices. */
function multiply(a: Float64Array, b: Float64Array, p: number): Float64Array {
  const c = new Float64Array(p * p);
  for (let i = 0; i < p; i++)
    for (let k = 0; k < p; k++) {
      const v = a[i * p + k]!;
      if (v === 0) continue;
      for (let j = 0; j < p; j++) c[i * p + j] += v * b[k * p + j]!;
    }
  return c;
}

/** gᵀ V g for a p-vector g and a p × p matrix V (the delta-method variance of a function with gradient g). */
export function quadraticForm(g: Float64Array, V: Float64Array, p: number): number {
  let s = 0;
  for (let i = 0; i < p; i++) {
    let t = 0;
    for (let j = 0; j < p; j++) t += V[i * p + j]! * g[j]!;
    s += g[i]! * t;
  }
  return s;
}
