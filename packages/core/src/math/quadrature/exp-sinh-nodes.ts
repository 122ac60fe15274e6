/**
 * Nodes of the exp-sinh (double-exponential) quadrature rule for ∫₀^∞ f(t) dt.
 *
 * Takahasi & Mori (1974), "Double exponential formulas for numerical integration", Publ. RIMS 9;
 * the half-line variant t = exp((π/2) sinh u) (Mori & Sugihara 2001, J. Comput. Appl. Math. 127,
 * §3). The trapezoidal rule in u, ∫₀^∞ f(t) dt ≈ h Σₖ f(t(kh)) t'(kh), converges almost
 * exponentially in 1/h for f analytic near (0, ∞), and copes with algebraic end-point singularities
 * (t^(a−1) at 0) and with slow algebraic or exponential decay at ∞, because the nodes crowd doubly
 * exponentially towards both ends.
 *
 * ## Method
 * u runs over kh for k = kMin … kMax (h = 1/16 by default, u ∈ [−6.5, 4.5]: t from e^(−522) ≈ 0 in
 * log space to e^(71)), which covers integrands like t^(a−1) e^(−t) for a ≥ ~0.07 to full double
 * precision. Callers work in log space: they get ln tₖ (exact, no underflow) and ln wₖ with
 * wₖ = h t'(uₖ) = h (π/2) cosh(uₖ) tₖ, add ln f(tₖ), and sum with a max shift. The arrays are built once
 * per (h, range) and cached; they must not be mutated.
 *
 * @param h - step in u (default 1/16)
 * @param uMin - lowest u (default −6.5)
 * @param uMax - highest u (default 4.5)
 * @returns `{ logT, logW, t, n }`: ln tₖ, ln wₖ, tₖ (may be 0 or Infinity at the ends), node count
 * @example
 * const q = expSinhNodes();
 * let s = 0; for (let k = 0; k < q.n; k++) s += Math.exp(q.logW[k] - q.t[k]); // ∫₀^∞ e^(−t) dt
 * s; // => 1.0000000000000002 (≈ 1)
 */
export function expSinhNodes(h: number = 1 / 16, uMin: number = -6.5, uMax: number = 4.5): ExpSinhNodes {
  const key = `${h}|${uMin}|${uMax}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const kMin = Math.ceil(uMin / h);
  const kMax = Math.floor(uMax / h);
  const n = kMax - kMin + 1;
  const logT = new Float64Array(n);
  const logW = new Float64Array(n);
  const t = new Float64Array(n);
  const half = Math.PI / 2;
  for (let i = 0; i < n; i++) {
    const u = (kMin + i) * h;
    const v = half * Math.sinh(u);
    logT[i] = v;
    t[i] = Math.exp(v);
    logW[i] = Math.log(h * half * Math.cosh(u)) + v;
  }
  const nodes: ExpSinhNodes = { logT, logW, t, n };
  cache.set(key, nodes);
  return nodes;
}

/** Cached node set of {@link expSinhNodes}. Read-only by convention. */
export interface ExpSinhNodes {
  /** ln tₖ */
  readonly logT: Float64Array;
  /** ln of the trapezoid weight times the Jacobian, ln(h · dt/du) at uₖ */
  readonly logW: Float64Array;
  /** tₖ = exp(logT[k]) */
  readonly t: Float64Array;
  /** number of nodes */
  readonly n: number;
}

const cache = new Map<string, ExpSinhNodes>();
