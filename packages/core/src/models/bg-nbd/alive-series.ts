/**
 * E[Y(t) | alive, x, T] of the BG/NBD family (d = 0 BG/NBD, d = 1 MBG/NBD) as a sum of positive
 * terms: Σₙ P(N ≥ n | alive) with P(N ≥ n | alive) = (b + x + d)ₙ₋₁/(a + b + x + d)ₙ₋₁ · P(M ≥ n),
 * M ~ NB(r + x, t/(α + T + t)) the Poisson count of an immortal customer in t (the n-th purchase needs
 * n Poisson events and n − 1 survived coins; FHL 2005 §2). Equals FHL eq. 10 divided by P(alive), but
 * stays finite where that form's ₂F₁(·; a + b − 1 + x + d; ·) has a negative third parameter
 * (a + b < 1 with x = 0), where the closed form returns NaN. Stops when a term falls below 1e-13 of
 * the sum. Internal kernel; never throws.
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
 * bgAliveExpectationSeries(0.2426, 4.4135, 0.7929, 2.4258, 0, 39, 2, 38.86); // => ≈1.69 (= 1.226 / P(alive) 0.727)
 */
export function bgAliveExpectationSeries(
  r: number,
  alpha: number,
  a: number,
  b: number,
  d: 0 | 1,
  t: number,
  x: number,
  T: number,
): number {
  const k = r + x,
    q = t / (alpha + T + t);
  const bb = b + x + d,
    ab = a + b + x + d;
  let pm = Math.exp(k * Math.log1p(-q));
  let tail = 1 - pm,
    coin = 1,
    e = 0;
  for (let m = 1; m < 1_000_000; m++) {
    const term = coin * tail;
    e += term;
    if (term < 1e-13 * e || !(tail > 0)) break;
    pm *= ((k + m - 1) / m) * q;
    tail = Math.max(0, tail - pm);
    coin *= (bb + m - 1) / (ab + m - 1);
  }
  return e;
}
