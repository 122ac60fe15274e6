import { bgAliveExpectationSeries } from './alive-series.js';

/**
 * E[Y(t) | alive, x, T] of the BG/NBD family (d = 0 BG/NBD, d = 1 MBG/NBD): FHL 2005 eq. 10 divided by
 * P(alive) (Batislam et al. 2007 eq. 7 for d = 1), c/(a − 1) · (1 − Q) with c = a + b + x − 1 + d and
 * Q = (1 − z)^(r+x) ₂F₁(r + x, b + x + d; c; z), z = t/(α + T + t). The same value as
 * {@link bgAliveExpectationSeries}, much faster where its terms die slowly (many repeat purchases, a
 * long horizon: that series needs about the mean future count in terms, the ₂F₁ below a few dozen).
 *
 * ## Method
 * When c − (r + x) − (b + x + d) = a − 1 − r − x < 0, Euler's transformation (A&S 15.3.3) gives
 * Q = (1 − z)^(a−1) ₂F₁(a + b − 1 + d − r, a − 1; c; z), whose numerator parameters do not grow with x;
 * otherwise the ₂F₁ above is used as it stands. Either hypergeometric series is summed by its term
 * ratio (A+n)(B+n)z/((C+n)(n+1)); its terms decay like n^(−2−r−x)·zⁿ or faster, and the sum stops when a
 * term is below 1e-16·(1 − z) of it (the rest is then below 1e-15 relative). Q is combined in logs and
 * 1 − Q taken by expm1. The positive series is used instead when this route is unsafe: a within 1e-3
 * of 1 (c/(a − 1) is a removable singularity there), c ≤ 0 (a + b < 1 with x = 0: the ₂F₁ is undefined),
 * z ≥ 0.98 (slow convergence), or a sum that is not finite and positive. Internal kernel; never throws.
 *
 * @param r - shape of the purchase-rate gamma
 * @param alpha - its rate (per time unit)
 * @param a - dropout beta a
 * @param b - dropout beta b
 * @param d - 0 BG/NBD, 1 MBG/NBD
 * @param t - horizon (time unit of α)
 * @param x - repeat purchases
 * @param T - age
 * @returns expected purchases in (T, T + t] of a customer alive at T
 * @example
 * bgAliveMean(0.2426, 4.4135, 0.7929, 2.4258, 0, 39, 2, 38.86); // => ≈1.69 (= 1.226 / P(alive) 0.727, FHL 2005 §5)
 */
export function bgAliveMean(r: number, alpha: number, a: number, b: number, d: 0 | 1, t: number, x: number, T: number): number {
  const k = r + x,
    c = a + b + x - 1 + d;
  const z = t / (alpha + T + t);
  if (!(Math.abs(a - 1) > 1e-3 && c > 0 && z < 0.98)) return bgAliveExpectationSeries(r, alpha, a, b, d, t, x, T);
  const euler = a - 1 - k < 0;
  const A = euler ? a + b - 1 + d - r : k,
    B = euler ? a - 1 : b + x + d,
    power = euler ? a - 1 : k;
  const tol = 1e-16 * (1 - z);
  let term = 1,
    sum = 1;
  for (let n = 0; n < 5_000; n++) {
    term *= (((A + n) * (B + n)) / ((c + n) * (n + 1))) * z;
    sum += term;
    if (Math.abs(term) <= tol * Math.abs(sum)) {
      if (!(sum > 0 && sum < Infinity)) break;
      return (c / (a - 1)) * -Math.expm1(power * Math.log1p(-z) + Math.log(sum));
    }
  }
  return bgAliveExpectationSeries(r, alpha, a, b, d, t, x, T);
}
