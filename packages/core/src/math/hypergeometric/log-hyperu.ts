import { gammaln } from '../special/gammaln.js';
import { expSinhNodes } from '../quadrature/exp-sinh-nodes.js';

/**
 * ln U(a, b, z): the confluent hypergeometric function of the second kind (Tricomi's function;
 * `Ψ(a, b; z)` in Fader, Hardie & Lee 2005, "RFM and CLV: using iso-value curves", eq. 2), for
 * a > 0 and z > 0, any real b. Needed by the Pareto/NBD DERT, which uses U(s, s; δ(β+T)).
 *
 * ## Method
 * The integral representation (DLMF 13.4.4; A&S 13.2.5)
 *
 *   U(a, b, z) = 1/Γ(a) ∫₀^∞ e^(−zt) t^(a−1) (1+t)^(b−a−1) dt,
 *
 * evaluated by the exp-sinh double-exponential rule ({@link expSinhNodes}, u ∈ [−9, 4.5], h = 1/32)
 * entirely in log space: every node contributes −zt + a ln t + (b−a−1) ln(1+t) + ln(weight), the sum is
 * taken with a max shift, and nothing is exponentiated before that. The variable is scaled so that
 * the mode t* of t·(integrand) — found by bisection on a + (b−a−1)t/(1+t) − zt = 0 in ln t — sits at
 * the centre of the rule, where the nodes are densest; the other features of the integrand (the
 * (1+t) transition, the e^(−zt) cut-off) are smooth on the log scale. The t^(a−1) end-point
 * singularity is absorbed by the rule (the weights vanish like t^a doubly exponentially); the node
 * range covers a ≥ 0.005. Accuracy ≤ 3e-12 relative against mpmath over a ∈ [0.01, 50],
 * b ∈ [−5, 5], z ∈ [1e-6, 1e4] (see the test). No series, so no cancellation near integer b
 * (where the textbook formula through M(a, b, z) has poles).
 *
 * Returns NaN for a ≤ 0, z ≤ 0 or non-finite input. Never throws.
 *
 * @param a - first parameter, > 0
 * @param b - second parameter, real
 * @param z - argument, > 0
 * @returns ln U(a, b, z)
 * @example
 * Math.exp(logHyperU(1, 1, 1)); // => 0.5963473623231940 (= e·E₁(1))
 */
export function logHyperU(a: number, b: number, z: number): number {
  if (!(a > 0 && z > 0 && Number.isFinite(a) && Number.isFinite(b) && Number.isFinite(z))) return NaN;
  const q = expSinhNodes(1 / 32, -9, 4.5);
  const e = b - a - 1;
  // centre: the mode t* of t·(integrand), a root of φ(y) = a + e·t/(1+t) − z·t with t = eʸ (φ(−∞) = a > 0)
  let lo = -50;
  let hi = Math.log((a + Math.abs(e) + 1) / z);
  if (hi < lo) lo = hi - 50;
  for (let i = 0; i < 60; i++) {
    const mid = 0.5 * (lo + hi);
    const t = Math.exp(mid);
    if (a + (e * t) / (1 + t) - z * t > 0) lo = mid;
    else hi = mid;
  }
  const lc = 0.5 * (lo + hi);
  const c = Math.exp(lc);
  let m = -Infinity;
  const v = scratch.length >= q.n ? scratch : (scratch = new Float64Array(q.n));
  for (let k = 0; k < q.n; k++) {
    const lt = q.logT[k] + lc;
    const t = c * q.t[k];
    const val = -z * t + a * lt + e * Math.log1p(t) + q.logW[k] - q.logT[k];
    v[k] = val;
    if (val > m) m = val;
  }
  let s = 0;
  for (let k = 0; k < q.n; k++) s += Math.exp(v[k] - m);
  return m + Math.log(s) - gammaln(a);
}

let scratch = new Float64Array(256);
