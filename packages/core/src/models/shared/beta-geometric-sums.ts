import { digamma } from '../../math/special/digamma.js';
import { lnPochhammer } from '../../math/special/log-pochhammer.js';

/**
 * Σᵢ₌₁ᵐ (D)ᵢ/(g+D)ᵢ = Σᵢ₌₁ᵐ B(g, D+i)/B(g, D): the expected number of the next m periods survived by a
 * customer whose churn probability θ ~ Beta(g, D) (shifted-beta-geometric survival). This is the
 * sum inside the BG/BB expectations (Fader, Hardie & Shang 2010, eqs. 7 and 13, with g = γ,
 * D = δ + n) and the sBG expected lifetime (Fader & Hardie 2007).
 *
 * ## Method
 * m ≤ 10⁷: the terms by the recurrence tᵢ₊₁ = tᵢ (D+i)/(g+D+i), summed directly (exact, no
 * cancellation at g = 1; ≤ ~30 ms). Larger m: the closed form D/(g−1) · [1 − (D+1)ₘ/(g+D)ₘ] (FHS 2010,
 * eq. 7), with the ratio in log space and expm1 — the ln Γ differences there cost ~1e-9 relative, and
 * more as g → 1; at |g − 1| < 1e-6 the limit D·[ψ(D+m+1) − ψ(D+1)] is used instead.
 *
 * @param g - first beta shape (γ or α), > 0
 * @param D - second beta shape after n periods (δ + n or β + n), > 0
 * @param m - number of periods (integer ≥ 0)
 * @returns the sum (0 for m = 0)
 * @example
 * betaSurvivalSum(1, 1, 1); // => 0.5 (= 1/2)
 */
export function betaSurvivalSum(g: number, D: number, m: number): number {
  if (m <= 10_000_000) {
    let t = 1;
    let s = 0;
    for (let i = 0; i < m; i++) {
      t *= (D + i) / (g + D + i);
      s += t;
    }
    return s;
  }
  if (Math.abs(g - 1) < 1e-6) return D * (digamma(D + m + 1) - digamma(D + 1));
  const l = lnPochhammer(D + 1, m) - lnPochhammer(g + D, m);
  return (-D * Math.expm1(l)) / (g - 1);
}

/**
 * Σᵢ₌₁^∞ (D)ᵢ/(g+D)ᵢ qⁱ = q·D/(g+D) · ₂F₁(1, D+1; g+D+1; q): the discounted expected number of future
 * periods survived, for θ ~ Beta(g, D) and a per-period discount factor q = 1/(1+d). Used by the
 * BG/BB DERT (Fader, Hardie & Shang 2010, eq. 14) and the sBG DERL (Fader & Hardie 2010, eq. 6).
 *
 * ## Method
 * The terms are positive with ratios (D+i)/(g+D+i)·q rising to q, so after term i the remainder is at
 * most tᵢ q/(1 − q); the series stops once that bound is below 1e-16 of the sum (≈ 37/d terms for a
 * small discount rate d). No cancellation, no overflow (the sum is ≤ q/(1−q) = 1/d).
 *
 * @param g - first beta shape, > 0
 * @param D - second beta shape, > 0
 * @param q - discount factor per period, 0 ≤ q < 1
 * @returns the discounted sum; NaN when q ∉ [0, 1) or no convergence within 10⁸ terms
 * @example
 * betaDiscountedSurvivalSum(1, 1, 0.5); // => 0.3862943611198906 (= 2 ln 2 − 1)
 */
export function betaDiscountedSurvivalSum(g: number, D: number, q: number): number {
  if (!(q >= 0 && q < 1)) return NaN;
  let t = 1;
  let s = 0;
  const tail = q / (1 - q);
  for (let i = 0; i < 100_000_000; i++) {
    t *= ((D + i) / (g + D + i)) * q;
    s += t;
    if (t * tail <= 1e-16 * s) return s;
  }
  return NaN;
}
