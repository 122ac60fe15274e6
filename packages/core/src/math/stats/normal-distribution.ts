import stdlibNormalCdf from '@stdlib/stats-base-dists-normal-cdf';

const LN_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/**
 * The standard normal distribution: cdf, upper tail, density and quantile, for every module of cvm
 * (campaign tests, feedback intervals, covariate Wald tests, forecast intervals).
 *
 * ## Method
 * Thin typed wrappers over @stdlib: Φ(z) = ½ erfc(−z/√2) (`@stdlib/stats-base-dists-normal-cdf`, so
 * the lower tail keeps its relative accuracy far out). The quantile is ours: it starts from
 * Abramowitz & Stegun 26.2.23 (|error| < 4.5e-4) and takes Halley steps on Φ(x) − p (the refinement
 * of Acklam 2003), converging cubically to full precision. `@stdlib/stats-base-dists-normal-quantile`
 * 0.3.1 is not used: it returns −Infinity for p = 1e-20 (Φ⁻¹ = −9.2623) and is off by 1.6e-11
 * relative at p = 1e-8. Both checked against mpmath in `test/math/stats/distributions-campaigns.test.ts`.
 */

/**
 * Standard normal cdf Φ(z). NaN gives NaN. Never throws.
 * @param z - a standard normal deviate
 * @returns P(Z ≤ z)
 * @example
 * normalCdf(-1.959963984540054); // => 0.025 (to 1e-16)
 */
export function normalCdf(z: number): number {
  return stdlibNormalCdf(z, 0, 1);
}

/**
 * Upper tail 1 − Φ(z) = Φ(−z), accurate for large z (no cancellation). NaN gives NaN. Never throws.
 * @param z - a standard normal deviate
 * @returns P(Z > z)
 * @example
 * normalSf(8); // => 6.22096057427178e-16
 */
export function normalSf(z: number): number {
  return stdlibNormalCdf(-z, 0, 1);
}

/**
 * Standard normal density φ(z) = e^{−z²/2}/√(2π).
 * @example
 * normalPdf(0); // => 0.3989422804014327
 */
export function normalPdf(z: number): number {
  return Math.exp(-0.5 * z * z - LN_SQRT_2PI);
}

/**
 * Standard normal quantile Φ⁻¹(p) for p in (0, 1); 0 and 1 give ∓Infinity, anything else NaN.
 * Never throws.
 * @param p - a probability
 * @returns z with Φ(z) = p
 * @example
 * normalQuantile(0.975); // => 1.959963984540054
 */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p === 0.5) return 0;
  if (p > 0.5) return -normalQuantile(1 - p);
  // Abramowitz & Stegun 26.2.23, for the lower half
  const t = Math.sqrt(-2 * Math.log(p));
  let x = -(t - (2.515517 + t * (0.802853 + t * 0.010328)) / (1 + t * (1.432788 + t * (0.189269 + t * 0.001308))));
  for (let i = 0; i < 6; i++) {
    const dens = normalPdf(x);
    if (!(dens > 0)) break;
    const u = (normalCdf(x) - p) / dens;
    const step = u / (1 + 0.5 * x * u);
    x -= step;
    if (Math.abs(step) <= 1e-15 * Math.max(1, Math.abs(x))) break;
  }
  return x;
}
