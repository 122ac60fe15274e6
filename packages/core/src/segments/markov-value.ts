export interface MarkovValueOptions {
  /** Discount rate per transition period (e.g. 0.1 = 10% per period). Must be > 0 for an infinite horizon. */
  discountRate: number;
  /** Number of future transitions to include (t = 0 … horizon); omit for the infinite horizon. */
  horizon?: number;
}

/**
 * Expected discounted customer value per starting state of a Markov chain (Pfeifer & Carraway 2000,
 * "Modeling customer relationships as Markov chains", J. Interactive Marketing 14(2), eq. for V^T and
 * V^∞): V^T = Σ_{t=0}^{T} [(1+d)^{-1} P]^t R and V^∞ = [I − (1+d)^{-1} P]^{-1} R.
 *
 * ## Method
 * Finite horizon: repeated matrix–vector products, V ← R + (1+d)^{-1} P V, T times (Horner form).
 * Infinite horizon: Gaussian elimination with partial pivoting on I − P/(1+d), which is strictly
 * diagonally dominant for d > 0 and a row-stochastic P, so the solve is stable.
 *
 * @param P - k × k transition matrix, row-major (row i = probabilities of moving from state i; rows sum to 1)
 * @param R - reward per state and period (currency: the margin a customer in that state brings in one period)
 * @returns value per starting state (currency, discounted to the start of period 0, reward at t = 0 included)
 * @example
 * // active (reward 100) stays active w.p. 0.6, else is lost for good (reward 0); d = 10%
 * markovCustomerValue(Float64Array.of(0.6, 0.4, 0, 1), Float64Array.of(100, 0), { discountRate: 0.1 }); // → [220, 0]
 */
export function markovCustomerValue(P: Float64Array, R: Float64Array, options: MarkovValueOptions): Float64Array {
  const k = R.length;
  const d = options.discountRate;
  if (P.length !== k * k || !(d > -1)) return new Float64Array(k).fill(Number.NaN);
  const q = 1 / (1 + d);
  if (options.horizon !== undefined) {
    let v = Float64Array.from(R);
    for (let t = 0; t < options.horizon; t++) {
      const next = new Float64Array(k);
      for (let i = 0; i < k; i++) {
        let s = 0;
        for (let j = 0; j < k; j++) s += P[i * k + j]! * v[j]!;
        next[i] = R[i]! + q * s;
      }
      v = next;
    }
    return v;
  }
  if (!(d > 0)) return new Float64Array(k).fill(Number.NaN);
  // A = I − qP, solve A v = R
  const A = new Float64Array(k * k);
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) A[i * k + j] = (i === j ? 1 : 0) - q * P[i * k + j]!;
  return solve(A, Float64Array.from(R), k);
}

function solve(A: Float64Array, b: Float64Array, k: number): Float64Array {
  for (let c = 0; c < k; c++) {
    let p = c;
    for (let r = c + 1; r < k; r++) if (Math.abs(A[r * k + c]!) > Math.abs(A[p * k + c]!)) p = r;
    if (A[p * k + c] === 0) return new Float64Array(k).fill(Number.NaN);
    if (p !== c) {
      for (let j = 0; j < k; j++) {
        const t = A[c * k + j]!;
        A[c * k + j] = A[p * k + j]!;
        A[p * k + j] = t;
      }
      const t = b[c]!;
      b[c] = b[p]!;
      b[p] = t;
    }
    for (let r = c + 1; r < k; r++) {
      const f = A[r * k + c]! / A[c * k + c]!;
      if (f === 0) continue;
      for (let j = c; j < k; j++) A[r * k + j]! -= f * A[c * k + j]!;
      b[r]! -= f * b[c]!;
    }
  }
  const x = new Float64Array(k);
  for (let r = k - 1; r >= 0; r--) {
    let s = b[r]!;
    for (let j = r + 1; j < k; j++) s -= A[r * k + j]! * x[j]!;
    x[r] = s / A[r * k + r]!;
  }
  return x;
}
