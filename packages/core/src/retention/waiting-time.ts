/**
 * Waiting time to a customer's next purchase under a gamma-mixed Poisson purchase process, given the
 * customer's history and that the customer is alive.
 *
 * ## Derivation
 * BG/NBD (Fader, Hardie & Lee 2005), MBG/NBD (Batislam et al. 2007) and Pareto/NBD (Schmittlein,
 * Morrison & Colombo 1987) share the purchase process: while alive, purchases are Poisson with rate λ,
 * λ ~ Gamma(r, α) across customers (shape r, rate α, per model period). For a customer with x repeat
 * purchases in (0, T] (first purchase at 0), the part of the likelihood in which the customer is
 * still alive at T is λ^x e^(−λT) · S(T) with S the survival term (BG/NBD (1 − p)^x, MBG/NBD
 * (1 − p)^(x+1), Pareto/NBD e^(−μT)), which does not involve λ. So, conditional on being alive at T,
 * λ and the dropout parameter are independent and
 *
 *   λ | alive, x, T ~ Gamma(r + x, α + T)              (posterior; tₓ enters only through P(alive)).
 *
 * Given λ the waiting time W from T to the next purchase is exponential (Poisson memorylessness; in
 * BG/NBD and MBG/NBD dropout happens only at a purchase, so an alive customer stays alive until the
 * next one; for Pareto/NBD this is the timing conditional on staying alive). Mixing over the
 * posterior:
 *
 *   P(W > w) = E[e^(−λw)] = ((α + T)/(α + T + w))^(r + x),
 *
 * a Lomax (Pareto type II) law with shape k = r + x and scale A = α + T. Its quantiles are
 * w_q = A · ((1 − q)^(−1/k) − 1) = A · expm1(−ln(1 − q)/k); the median is A · expm1(ln 2 / k). Its mean
 * A/(k − 1) is infinite for k ≤ 1 (most one-time buyers: r is usually below 1), so the point
 * prediction is the median and the interval is [w_0.1, w_0.9] (80%).
 */

/**
 * Quantile q of the waiting time (in model periods, counted from T) to the next purchase of a customer
 * alive at T: A · expm1(−ln(1 − q)/k), with k = r + x and A = α + T (see the derivation above).
 * Infinity when it overflows (tiny k, q near 1); NaN for q outside [0, 1) or k, A ≤ 0.
 * @param k - posterior shape r + x
 * @param A - posterior rate α + T (model periods)
 * @param q - probability, 0 ≤ q < 1
 * @example
 * waitingTimeQuantile(2.2426, 43.2735, 0.5); // => 15.67 (CDNOW customer 1 under BG/NBD: median weeks to the next purchase, if alive)
 */
export function waitingTimeQuantile(k: number, A: number, q: number): number {
  if (!(k > 0 && A > 0 && q >= 0 && q < 1)) return NaN;
  return A * Math.expm1(-Math.log1p(-q) / k);
}

/**
 * P(W ≤ w) = 1 − (A/(A + w))^k: the chance that a customer alive at T buys within w periods (while
 * alive). Computed as −expm1(−k · log1p(w/A)) (no cancellation for small w).
 * @example
 * waitingTimeCdf(1, 10, 10); // => 0.5
 */
export function waitingTimeCdf(k: number, A: number, w: number): number {
  if (!(k > 0 && A > 0 && w >= 0)) return NaN;
  return -Math.expm1(-k * Math.log1p(w / A));
}
