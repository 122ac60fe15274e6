/**
 * Nodes of the tanh-sinh (double-exponential) quadrature rule for ∫₀¹ f(p) dp, kept in log space.
 *
 * Takahasi & Mori (1974), "Double exponential formulas for numerical integration", Publ. RIMS 9:
 * p = (1 + tanh((π/2) sinh u))/2. The trapezoidal rule in u converges almost exponentially in 1/h
 * for f analytic inside (0, 1) and copes with algebraic end-point singularities such as (1 − p)^(a−1),
 * because the nodes crowd doubly exponentially towards both ends.
 *
 * ## Method
 * With v = (π/2) sinh u: p = 1/(1 + e^(−2v)) and 1 − p = 1/(1 + e^(2v)), so ln p and ln(1 − p) are
 * formed as −log1p(e^(∓2v)) without cancellation even where 1 − p is far below the double
 * epsilon (down to e^(−1044) at u = 6.5). The weight is h·dp/du = h·(π/4)·cosh u·sech² v, also as a log.
 * Callers add ln f at the node and sum with a max shift. Arrays are built once per (h, range) and
 * cached; they must not be mutated.
 *
 * @param h - step in u (default 1/32)
 * @param uMin - lowest u (default −6.5: p down to ~e^(−1044) at the left end)
 * @param uMax - highest u (default 6.5: 1 − p down to ~e^(−1044) at the right end)
 * @returns `{ logP, logQ, logW, n }`: ln pₖ, ln(1 − pₖ), ln wₖ, node count
 * @example
 * const q = tanhSinhNodes();
 * let s = 0; for (let k = 0; k < q.n; k++) s += Math.exp(q.logW[k] - 0.5 * q.logQ[k]); // ∫₀¹ (1−p)^(−½) dp
 * s; // => 2 (to ~1e-15)
 */
export function tanhSinhNodes(h: number = 1 / 32, uMin: number = -6.5, uMax: number = 6.5): TanhSinhNodes {
  const key = `${h}|${uMin}|${uMax}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const kMin = Math.ceil(uMin / h);
  const kMax = Math.floor(uMax / h);
  const n = kMax - kMin + 1;
  const logP = new Float64Array(n);
  const logQ = new Float64Array(n);
  const logW = new Float64Array(n);
  const half = Math.PI / 2;
  for (let i = 0; i < n; i++) {
    const u = (kMin + i) * h;
    const v = half * Math.sinh(u);
    logP[i] = -softplus(-2 * v);
    logQ[i] = -softplus(2 * v);
    // sech² v = 4 e^(−2|v|)/(1 + e^(−2|v|))²
    const lSech2 = Math.log(4) - 2 * Math.abs(v) - 2 * Math.log1p(Math.exp(-2 * Math.abs(v)));
    logW[i] = Math.log(h * (Math.PI / 4) * Math.cosh(u)) + lSech2;
  }
  const nodes: TanhSinhNodes = { logP, logQ, logW, n };
  cache.set(key, nodes);
  return nodes;
}

/** ln(1 + eˣ) without overflow. */
function softplus(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

/** Cached node set of {@link tanhSinhNodes}. Read-only by convention. */
export interface TanhSinhNodes {
  /** ln pₖ, pₖ ∈ (0, 1) */
  readonly logP: Float64Array;
  /** ln(1 − pₖ), exact even where 1 − pₖ underflows */
  readonly logQ: Float64Array;
  /** ln of the trapezoid weight times the Jacobian, ln(h · dp/du) at uₖ */
  readonly logW: Float64Array;
  /** number of nodes */
  readonly n: number;
}

const cache = new Map<string, TanhSinhNodes>();
