import { normalQuantile } from './normal-distribution.js';

/** Significance and power of a two-sided test (defaults: 5% two-sided, 80% power). */
export interface PowerOptions {
  /** Two-sided significance level, default 0.05. */
  alpha?: number;
  /** Power, default 0.8. */
  power?: number;
}

const zs = (o: PowerOptions): [number, number] => [normalQuantile(1 - (o.alpha ?? 0.05) / 2), normalQuantile(o.power ?? 0.8)];

/**
 * Minimum detectable difference in means (test − control) for a two-sided z test:
 * (z_{1−α/2} + z_{power})·σ·√(1/n_t + 1/n_c) (e.g. Cohen 1988, ch. 2; normal approximation, equal
 * σ in both groups). Infinity when a group is empty.
 *
 * @param sd - standard deviation of the outcome per customer (in its unit, e.g. currency)
 * @param nTest - customers in the test group
 * @param nControl - customers in the control group
 * @example
 * mdeMeans(10, 9000, 1000); // => 0.9338… (2.8016 × 10 × √(1/9000 + 1/1000))
 */
export function mdeMeans(sd: number, nTest: number, nControl: number, options: PowerOptions = {}): number {
  if (!(nTest > 0) || !(nControl > 0)) return Infinity;
  const [za, zb] = zs(options);
  return (za + zb) * sd * Math.sqrt(1 / nTest + 1 / nControl);
}

/**
 * Minimum detectable increase δ of a proportion over the control's base rate p, two-sided test:
 * the δ solving δ = z_{1−α/2}·√(p̄(1−p̄)(1/n_t + 1/n_c)) + z_{power}·√(p(1−p)/n_c + p₁(1−p₁)/n_t)
 * with p₁ = p + δ and p̄ the pooled rate (null variance at the pooled rate, alternative variance at
 * the two rates: Fleiss, Levin & Paik 2003, "Statistical methods for rates and proportions", §4.2),
 * found by fixed-point iteration. Infinity when no δ ≤ 1 − p is detectable or a group is empty.
 *
 * @param p - base rate in the control group, in (0, 1)
 * @example
 * mdeProportion(0.1, 9000, 1000); // => 0.0303 (3 points)
 */
export function mdeProportion(p: number, nTest: number, nControl: number, options: PowerOptions = {}): number {
  if (!(nTest > 0) || !(nControl > 0) || !(p >= 0 && p < 1)) return Infinity;
  const [za, zb] = zs(options);
  const inv = 1 / nTest + 1 / nControl;
  let delta = (za + zb) * Math.sqrt(Math.max(p * (1 - p), 1e-12) * inv);
  for (let i = 0; i < 200; i++) {
    const p1 = Math.min(p + delta, 1);
    const pbar = (nControl * p + nTest * p1) / (nTest + nControl);
    const next = za * Math.sqrt(pbar * (1 - pbar) * inv) + zb * Math.sqrt((p * (1 - p)) / nControl + (p1 * (1 - p1)) / nTest);
    if (Math.abs(next - delta) < 1e-14) {
      delta = next;
      break;
    }
    delta = next;
  }
  return p + delta > 1 ? Infinity : delta;
}

/**
 * The smallest control share s in (0, ½] of an audience of n customers for which `mde(n(1−s), ns)`
 * is at most `effect`; null when even an even split is not enough. The detectable effect shrinks as
 * s grows towards ½, so the answer is found by bisection (to 1e-6).
 *
 * @param effect - the effect to detect, in the unit of `mde`
 * @param audience - customers in the campaign (test + control)
 * @param mde - (nTest, nControl) → minimum detectable effect, e.g. `(t, c) => mdeMeans(sd, t, c)`
 * @example
 * controlShareFor(1, 10_000, (t, c) => mdeMeans(10, t, c)); // => 0.0859 (8.6% control)
 */
export function controlShareFor(effect: number, audience: number, mde: (nTest: number, nControl: number) => number): number | null {
  if (!(effect > 0) || !(audience >= 2)) return null;
  if (!(mde(audience / 2, audience / 2) <= effect)) return null;
  let lo = 0,
    hi = 0.5;
  while (hi - lo > 1e-7) {
    const mid = 0.5 * (lo + hi);
    if (mde(audience * (1 - mid), audience * mid) <= effect) hi = mid;
    else lo = mid;
  }
  return hi;
}
