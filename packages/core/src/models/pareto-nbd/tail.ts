import { lnPochhammer } from '../../math/special/log-pochhammer.js';
import { quadratureTail, writeGrad } from './tail-quadrature.js';

/**
 * ln I(t) and its gradient, where I(t) = ∫ₜ^∞ (α + τ)^(−(r+x)) (β + τ)^(−(s+1)) dτ is the Pareto/NBD
 * "died after t" integral: the likelihood is Γ(r+x)αʳβˢ/Γ(r) · [(α+T)^(−(r+x))(β+T)^(−s) + s(I(tₓ) − I(T))]
 * (Fader, Hardie & Lee 2005, "A note on deriving the Pareto/NBD model and related expressions",
 * eqs. 16–18; their A₀ is (r+s+x)(I(tₓ) − I(T))). t is in the same time unit as α and β.
 *
 * ## Method
 * With a = r+s+x, let the larger of α, β be the "big" rate (exponent e_big: r+x if α, s+1 if β) and
 * the other "small" (exponent e_small). Then (A&S 15.3.1 and Euler's transformation 15.3.3)
 *
 *   I(t) = (big+t)^(−e_big) (small+t)^(1−e_small) / a · ₂F₁(1, e_big; a+1; z),  z = (big−small)/(big+t),
 *
 * which is FHL's "α ≥ β vs α < β" choice: 0 ≤ z < 1 always. The series Σ hₙ with h₀ = 1 and
 * hₙ₊₁ = hₙ (e_big+n)/(a+1+n) z has positive terms and ratios rising to z, so the tail after term n is
 * at most hₙ/(1−z) (and Σ n hₙ's tail is bounded the same way): it stops at a 1e-17 relative bound. The
 * parameter derivatives are summed alongside: ∂hₙ/∂e_big = hₙ Σ_{k<n} 1/(e_big+k),
 * ∂hₙ/∂c = −hₙ Σ_{k<n} 1/(c+k), ∂hₙ/∂z = n hₙ/z. Everything is returned as a log, so no power of
 * (α+T) can overflow for x in the thousands.
 *
 * When z is near 1 and e_small is small the series needs ~40/(1−z) terms; past `SERIES_MAX` it switches
 * to quadrature of the same integral, substituting (big+t)/(big+τ) = e^(−w), then 1 − z e^(−w) = e^y:
 * I(t) = (big+t)^(−a) z^(−a) ∫ from ln(1−z) to 0 of (1 − e^y)^(a−1) e^((1−e_small)y) dy, by the tanh-sinh
 * rule ({@link tanhSinhNodes}). Both routes agree to ~1e-13 where they overlap, and the quadrature stays
 * accurate as z → 1 (1 − z down to 1e-9 tested against mpmath).
 *
 * @param r - shape of the purchase-rate gamma (> 0)
 * @param alpha - rate of the purchase-rate gamma (> 0), per time unit
 * @param s - shape of the dropout-rate gamma (> 0)
 * @param beta - rate of the dropout-rate gamma (> 0), per time unit
 * @param x - repeat purchases (≥ 0)
 * @param t - lower limit of the integral (≥ 0), same unit as α, β
 * @param grad - if not null, receives ∂ ln I/∂(r, α, s, β) at grad[off … off+3]
 * @param off - offset into grad
 * @returns ln I(t); NaN for out-of-domain input. Never throws.
 * @example
 * paretoNbdLogTail(0.55, 10.58, 0.61, 11.67, 2, 30.43, null, 0); // => −12.91836… (ln I(30.43 weeks))
 */
export function paretoNbdLogTail(
  r: number,
  alpha: number,
  s: number,
  beta: number,
  x: number,
  t: number,
  grad: Float64Array | null,
  off: number,
): number {
  const a = r + s + x;
  const alphaBig = alpha >= beta;
  const big = alphaBig ? alpha : beta;
  const small = alphaBig ? beta : alpha;
  const eBig = alphaBig ? r + x : s + 1;
  const eSmall = alphaBig ? s + 1 : r + x;
  const bigT = big + t;
  const smallT = small + t;
  const lBig = Math.log(bigT);
  const lSmall = Math.log(smallT);
  const z = (big - small) / bigT;
  const omz = smallT / bigT;
  const c = a + 1;

  // the series cannot stop within SERIES_MAX terms: straight to the quadrature it would end in
  if (seriesRunsOut(eBig, c, omz)) {
    lastSeriesTerms = 0;
    return quadratureTail(a, eSmall, z, omz, lBig, bigT, alphaBig, grad, off);
  }
  // ---- series for ₂F₁(1, e_big; c; z) and its log-derivatives
  let h = 1;
  let sumH = 1;
  let sumHB = 0;
  let sumHC = 0;
  let sumHZ = 0;
  let pB = 0;
  let pC = 0;
  const tol = 1e-17 * omz;
  let n = 0;
  for (; n < SERIES_MAX; n++) {
    const bn = eBig + n;
    const icn = 1 / (c + n);
    const hz = h * bn * icn; // h_{n+1} / z
    sumHZ += (n + 1) * hz;
    pB += 1 / bn;
    pC += icn;
    h = hz * z;
    sumH += h;
    sumHB += h * pB;
    sumHC += h * pC;
    if (h * (n + 2 + 1 / omz) * (1 + pB) < tol * sumH) break;
  }
  lastSeriesTerms = n;
  if (n < SERIES_MAX) {
    const logI = -eBig * lBig - (eSmall - 1) * lSmall - Math.log(a) + Math.log(sumH);
    if (grad !== null) {
      const ia = 1 / a;
      const gB = sumHB / sumH;
      const gC = -sumHC / sumH;
      const gZ = sumHZ / sumH;
      const dBigShape = -lBig - ia + gB + gC;
      const dSmallShape = -lSmall - ia + gC;
      const dBig = -eBig / bigT + (gZ * smallT) / (bigT * bigT);
      const dSmall = -(eSmall - 1) / smallT - gZ / bigT;
      writeGrad(grad, off, alphaBig, dBigShape, dSmallShape, dBig, dSmall);
    }
    return logI;
  }
  return quadratureTail(a, eSmall, z, omz, lBig, bigT, alphaBig, grad, off);
}

/** Series terms allowed before the quadrature route takes over (z ≳ 0.98 with a small e_small). */
const SERIES_MAX = 2000;

/**
 * Whether the series of {@link paretoNbdLogTail} certainly runs to SERIES_MAX terms without meeting its
 * stopping rule (and so ends in the quadrature anyway). The rule stops after term n when
 * hₙ₊₁(n + 2 + 1/(1−z))(1 + Σ1/(e_big+k)) < 1e-17(1−z)·Σh; as hₙ ≤ zⁿ, Σh ≤ 1/(1−z), so the right side is
 * at most 1e-17 while the left is at least hₙ₊₁/(1−z). The terms fall, so the rule cannot be met
 * before SERIES_MAX while h_SERIES_MAX = z^N (e_big)_N/(c)_N ≥ 1e-17(1−z), tested here with a margin of
 * e for rounding. Issue 18: on a fit running to s, β → ∞ (1 − z ~ 1e-6) every tail summed 2,000
 * terms before its quadrature; the choice of route is the same as before, only found at once.
 */
function seriesRunsOut(eBig: number, c: number, omz: number): boolean {
  const stop = LN_STOP + Math.log(omz) + 1;
  const lnZn = SERIES_MAX * Math.log1p(-omz);
  if (!(lnZn >= stop)) return false; // z^N alone is below the bound (also z = 0)
  return lnZn + lnPochhammer(eBig, SERIES_MAX) - lnPochhammer(c, SERIES_MAX) >= stop;
}

const LN_STOP = Math.log(1e-17);

let lastSeriesTerms = 0;

/**
 * Series terms summed by the last {@link paretoNbdLogTail} call: 0 when it went straight to the
 * quadrature, SERIES_MAX (2,000) when the series ran out first. For tests of the route (issue 18).
 *
 * @returns the term count of the last call
 * @example
 * paretoNbdLogTail(0.27, 12.3, 2.3e5, 4.7e7, 0, 10, null, 0); paretoNbdTailSeriesTerms(); // => 0
 */
export function paretoNbdTailSeriesTerms(): number {
  return lastSeriesTerms;
}

/**
 * Forces the quadrature route of {@link paretoNbdLogTail} (for tests that cross-check the two routes).
 *
 * @param r - see {@link paretoNbdLogTail}
 * @param alpha - see {@link paretoNbdLogTail}
 * @param s - see {@link paretoNbdLogTail}
 * @param beta - see {@link paretoNbdLogTail}
 * @param x - see {@link paretoNbdLogTail}
 * @param t - see {@link paretoNbdLogTail}
 * @param grad - see {@link paretoNbdLogTail}
 * @param off - see {@link paretoNbdLogTail}
 * @returns ln I(t) by quadrature
 * @example
 * paretoNbdLogTailQuadrature(0.55, 10.58, 0.61, 11.67, 2, 30.43, null, 0); // => −12.91836… (as the series)
 */
export function paretoNbdLogTailQuadrature(
  r: number,
  alpha: number,
  s: number,
  beta: number,
  x: number,
  t: number,
  grad: Float64Array | null,
  off: number,
): number {
  const a = r + s + x;
  const alphaBig = alpha >= beta;
  const big = alphaBig ? alpha : beta;
  const small = alphaBig ? beta : alpha;
  const eSmall = alphaBig ? s + 1 : r + x;
  const bigT = big + t;
  const smallT = small + t;
  // α = β: the integral is elementary (z = 0, the series stops at its first term) and the
  // quadrature's interval [ln(1 − z), 0] is empty.
  if (big === small) return paretoNbdLogTail(r, alpha, s, beta, x, t, grad, off);
  return quadratureTail(a, eSmall, (big - small) / bigT, smallT / bigT, Math.log(bigT), bigT, alphaBig, grad, off);
}

const g1 = new Float64Array(4);
const g2 = new Float64Array(4);

/**
 * ln of one customer's Pareto/NBD likelihood without the Γ(r+x)αʳβˢ/Γ(r) factor, i.e. ln D with
 * D = (α+T)^(−(r+x))(β+T)^(−s) + s·(I(tₓ) − I(T)) (Fader, Hardie & Lee 2005 note, eqs. 16–18, with I from
 * {@link paretoNbdLogTail}); writes ∂ ln D/∂(r, α, s, β) into grad if given. The two I terms are
 * combined relative to the larger of the first two terms: s·I(tₓ) ≤ D and s·I(T) ≤ (α+T)^(−(r+x))(β+T)^(−s),
 * so the subtraction loses at most ~2 ulp of D. Also used by the predictions (P(alive) = first term / D).
 *
 * @param r - shape of the purchase-rate gamma
 * @param alpha - rate of the purchase-rate gamma (per time unit)
 * @param s - shape of the dropout-rate gamma
 * @param beta - rate of the dropout-rate gamma (per time unit)
 * @param x - repeat purchases
 * @param tx - time of the last repeat purchase (same unit)
 * @param T - age at the end of calibration (same unit)
 * @param grad - if not null, receives ∂ ln D/∂(r, α, s, β)
 * @returns ln D; NaN for out-of-domain input. Never throws.
 * @example
 * paretoNbdLogD(0.5533, 10.578, 0.6062, 11.669, 2, 30.43, 38.86, null); // => −12.197… (ln D)
 */
export function paretoNbdLogD(
  r: number,
  alpha: number,
  s: number,
  beta: number,
  x: number,
  tx: number,
  T: number,
  grad: Float64Array | null,
): number {
  const aT = alpha + T;
  const bT = beta + T;
  const lA = Math.log(aT);
  const lB = Math.log(bT);
  const logF = -(r + x) * lA - s * lB;
  if (!(tx < T)) {
    if (grad !== null) {
      grad[0] = -lA;
      grad[1] = -(r + x) / aT;
      grad[2] = -lB;
      grad[3] = -s / bT;
    }
    return logF;
  }
  const ls = Math.log(s);
  const l1 = ls + paretoNbdLogTail(r, alpha, s, beta, x, tx, grad === null ? null : g1, 0);
  const l2 = ls + paretoNbdLogTail(r, alpha, s, beta, x, T, grad === null ? null : g2, 0);
  const m = logF > l1 ? logF : l1;
  const eF = Math.exp(logF - m);
  const e1 = Math.exp(l1 - m);
  const e2 = Math.exp(l2 - m);
  const d = eF + e1 - e2;
  if (grad !== null) {
    const is = 1 / s;
    grad[0] = (-eF * lA + e1 * g1[0] - e2 * g2[0]) / d;
    grad[1] = (-eF * ((r + x) / aT) + e1 * g1[1] - e2 * g2[1]) / d;
    grad[2] = (-eF * lB + e1 * (g1[2] + is) - e2 * (g2[2] + is)) / d;
    grad[3] = (-eF * (s / bT) + e1 * g1[3] - e2 * g2[3]) / d;
  }
  return m + Math.log(d);
}
