/** Result of {@link invertSpd}: the inverse, or null with the reason. */
export interface SpdInverse {
  /** Inverse (dim × dim, row-major), or null when the matrix is not numerically positive definite. */
  inverse: Float64Array | null;
  /**
   * Smallest squared Cholesky pivot divided by the largest diagonal entry: a cheap indicator of
   * near-singularity (≈ 1/condition number up to a factor of dim). 0 when not positive definite.
   */
  pivotRatio: number;
}

/**
 * Inverse of a small symmetric positive-definite matrix through its Cholesky factor A = LLᵀ
 * (Golub & Van Loan 2013, Algorithm 4.2.1), then A⁻¹ = L⁻ᵀL⁻¹. Used to turn an observed-information
 * matrix into a covariance matrix.
 *
 * Returns `inverse: null` when a pivot is ≤ 0 or not finite (the matrix is not positive definite,
 * e.g. a flat likelihood direction). Never throws.
 *
 * @param A - dim × dim symmetric matrix, row-major (not modified)
 * @param n - dimension
 * @returns inverse and pivot ratio
 * @example
 * invertSpd(Float64Array.of(4, 2, 2, 3), 2).inverse; // => [0.375, -0.25, -0.25, 0.5]
 */
export function invertSpd(A: Float64Array, n: number): SpdInverse {
  const L = new Float64Array(n * n);
  let maxDiag = 0;
  for (let i = 0; i < n; i++) maxDiag = Math.max(maxDiag, Math.abs(A[i * n + i]));
  let minPivot = Infinity;
  for (let j = 0; j < n; j++) {
    let s = A[j * n + j];
    for (let k = 0; k < j; k++) s -= L[j * n + k] * L[j * n + k];
    if (!(s > 0) || !Number.isFinite(s)) return { inverse: null, pivotRatio: 0 };
    minPivot = Math.min(minPivot, s);
    const ljj = Math.sqrt(s);
    L[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let t = A[i * n + j];
      for (let k = 0; k < j; k++) t -= L[i * n + k] * L[j * n + k];
      L[i * n + j] = t / ljj;
    }
  }
  // M = L⁻¹ (lower triangular), by forward substitution
  const M = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    M[i * n + i] = 1 / L[i * n + i];
    for (let j = 0; j < i; j++) {
      let t = 0;
      for (let k = j; k < i; k++) t -= L[i * n + k] * M[k * n + j];
      M[i * n + j] = t / L[i * n + i];
    }
  }
  const inv = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j <= i; j++) {
      let t = 0;
      for (let k = i; k < n; k++) t += M[k * n + i] * M[k * n + j];
      inv[i * n + j] = t;
      inv[j * n + i] = t;
    }
  return { inverse: inv, pivotRatio: minPivot / maxDiag };
}
