/**
 * Rows of a sparse design with a fixed number of entries per row: row r has entries
 * (index[r·A + a], value[r·A + a]) for a < A; an index of −1 is an empty entry. One-hot categorical
 * attributes give one entry each, numeric ones their standardised value.
 */
export interface SparseRows {
  rows: number;
  /** Entries per row. */
  A: number;
  index: Int32Array;
  value: Float64Array;
  /** Number of features (columns), intercept excluded. */
  features: number;
}

export interface LogisticFit {
  /** Intercept first, then one coefficient per feature. */
  beta: Float64Array;
  iterations: number;
  converged: boolean;
  /** Penalised log-likelihood at the solution. */
  objective: number;
}

/**
 * L2-regularised (ridge) logistic regression on grouped binomial data, by Newton-Raphson:
 * maximises Σᵣ [yᵣ ηᵣ − nᵣ log(1 + e^ηᵣ)] − (λ/2) Σⱼ βⱼ² (intercept not penalised), where row r
 * stands for nᵣ trials with yᵣ successes (so identical customers are one row) and
 * ηᵣ = β₀ + Σ_a β_{index} · value. (Hastie, Tibshirani & Friedman 2009, "The Elements of Statistical
 * Learning", §4.4.1 (IRLS) and §4.4.4 (L2 penalty).)
 *
 * ## Method
 * The objective is strictly concave for λ > 0, so Newton steps from β = 0 converge; each step solves
 * (XᵀWX + λI) δ = Xᵀ(y − n·p) − λβ by Cholesky (the intercept's diagonal gets no λ), accumulating XᵀWX
 * over each row's A² entry pairs only (one-hot rows are sparse), and is halved while the objective
 * does not improve. Stops when max |δ| < tol or after `maxIterations`.
 *
 * @param successes - yᵣ (top-tier customers in the row)
 * @param trials - nᵣ (customers in the row); rows with nᵣ = 0 are ignored
 * @param lambda - L2 penalty λ ≥ 0 (on the log-likelihood sum; λ = 1 is about one customer's worth)
 * @example
 * fitLogisticL2({ rows: 2, A: 1, index: Int32Array.of(0, -1), value: Float64Array.of(1, 0), features: 1 },
 *   Float64Array.of(30, 10), Float64Array.of(40, 40), 0).beta; // ≈ [ln(10/30), ln(30/10) − ln(10/30)]
 */
export function fitLogisticL2(
  x: SparseRows,
  successes: Float64Array,
  trials: Float64Array,
  lambda: number,
  maxIterations = 50,
  tol = 1e-8,
): LogisticFit {
  const p = x.features + 1,
    A = x.A;
  const beta = new Float64Array(p);
  const grad = new Float64Array(p),
    hess = new Float64Array(p * p),
    step = new Float64Array(p);
  const eta = (b: Float64Array, r: number): number => {
    let e = b[0]!;
    for (let a = 0; a < A; a++) {
      const j = x.index[r * A + a]!;
      if (j >= 0) e += b[j + 1]! * x.value[r * A + a]!;
    }
    return e;
  };
  const objective = (b: Float64Array): number => {
    let ll = 0;
    for (let r = 0; r < x.rows; r++) {
      if (trials[r] === 0) continue;
      const e = eta(b, r);
      ll += successes[r]! * e - trials[r]! * (e > 0 ? e + Math.log1p(Math.exp(-e)) : Math.log1p(Math.exp(e)));
    }
    let pen = 0;
    for (let j = 1; j < p; j++) pen += b[j]! * b[j]!;
    return ll - 0.5 * lambda * pen;
  };
  let current = objective(beta);
  let iterations = 0,
    converged = false;
  const trial = new Float64Array(p);
  while (iterations < maxIterations && !converged) {
    iterations++;
    grad.fill(0);
    hess.fill(0);
    for (let r = 0; r < x.rows; r++) {
      const n = trials[r]!;
      if (n === 0) continue;
      const mu = 1 / (1 + Math.exp(-eta(beta, r)));
      const g = successes[r]! - n * mu,
        w = n * mu * (1 - mu);
      grad[0]! += g;
      hess[0]! += w;
      for (let a = 0; a < A; a++) {
        const j = x.index[r * A + a]!;
        if (j < 0) continue;
        const v = x.value[r * A + a]!;
        grad[j + 1]! += g * v;
        hess[j + 1]! += w * v;
        for (let c = 0; c < A; c++) {
          const k = x.index[r * A + c]!;
          if (k >= 0) hess[(j + 1) * p + k + 1]! += w * v * x.value[r * A + c]!;
        }
      }
    }
    for (let j = 1; j < p; j++) {
      hess[j * p]! = hess[j]!; // first column = first row
      grad[j]! -= lambda * beta[j]!;
      hess[j * p + j]! += lambda;
    }
    if (!choleskySolve(hess, grad, step, p)) break;
    let scale = 1,
      improved = false;
    for (let half = 0; half < 30; half++) {
      for (let j = 0; j < p; j++) trial[j] = beta[j]! + scale * step[j]!;
      const value = objective(trial);
      if (value >= current - 1e-12 * Math.abs(current)) {
        current = value;
        improved = true;
        break;
      }
      scale /= 2;
    }
    if (!improved) break;
    let max = 0;
    for (let j = 0; j < p; j++) max = Math.max(max, Math.abs(scale * step[j]!));
    beta.set(trial);
    converged = max < tol;
  }
  return { beta, iterations, converged, objective: current };
}

/** Solves M s = g for a symmetric positive definite M (p × p, row-major; overwritten) by Cholesky; false when M is not positive definite. */
function choleskySolve(m: Float64Array, g: Float64Array, s: Float64Array, p: number): boolean {
  for (let j = 0; j < p; j++) {
    let d = m[j * p + j]!;
    for (let k = 0; k < j; k++) d -= m[j * p + k]! * m[j * p + k]!;
    if (!(d > 0)) return false;
    const l = Math.sqrt(d);
    m[j * p + j] = l;
    for (let i = j + 1; i < p; i++) {
      let v = m[i * p + j]!;
      for (let k = 0; k < j; k++) v -= m[i * p + k]! * m[j * p + k]!;
      m[i * p + j] = v / l;
    }
  }
  for (let i = 0; i < p; i++) {
    let v = g[i]!;
    for (let k = 0; k < i; k++) v -= m[i * p + k]! * s[k]!;
    s[i] = v / m[i * p + i]!;
  }
  for (let i = p - 1; i >= 0; i--) {
    let v = s[i]!;
    for (let k = i + 1; k < p; k++) v -= m[k * p + i]! * s[k]!;
    s[i] = v / m[i * p + i]!;
  }
  return true;
}

/** Linear predictor β₀ + Σ β·x of each row. */
export function logisticLinearPredictor(x: SparseRows, beta: Float64Array): Float64Array {
  const out = new Float64Array(x.rows);
  for (let r = 0; r < x.rows; r++) {
    let e = beta[0]!;
    for (let a = 0; a < x.A; a++) {
      const j = x.index[r * x.A + a]!;
      if (j >= 0) e += beta[j + 1]! * x.value[r * x.A + a]!;
    }
    out[r] = e;
  }
  return out;
}
