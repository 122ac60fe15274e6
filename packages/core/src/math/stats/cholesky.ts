/**
 * Lower Cholesky factor L of a symmetric positive-definite matrix, A = LLᵀ (Golub & Van Loan 2013,
 * Algorithm 4.2.1). Returns null when a pivot is ≤ 0 or not finite (not numerically positive
 * definite). Never throws.
 *
 * @param A - n × n symmetric matrix, row-major (not modified; only the lower triangle is read)
 * @param n - dimension
 * @returns L (n × n, row-major, zeros above the diagonal) or null
 * @example
 * cholesky(Float64Array.of(4, 2, 2, 3), 2); // => [2, 0, 1, 1.4142135623730951]
 */
export function cholesky(A: Float64Array, n: number): Float64Array | null {
  const L = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    let s = A[j * n + j]!;
    for (let k = 0; k < j; k++) s -= L[j * n + k]! * L[j * n + k]!;
    if (!(s > 0) || !Number.isFinite(s)) return null;
    const d = Math.sqrt(s);
    L[j * n + j] = d;
    for (let i = j + 1; i < n; i++) {
      let t = A[i * n + j]!;
      for (let k = 0; k < j; k++) t -= L[i * n + k]! * L[j * n + k]!;
      L[i * n + j] = t / d;
    }
  }
  return L;
}
