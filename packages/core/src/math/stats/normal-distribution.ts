import { regularizedGamma } from './regularized-gamma.js';

const LN_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/**
 * Standard normal distribution: cdf, upper tail, density and quantile.
 *
 * ## Method
 * Φ(z) = ½ Q(½, z²/2) for z < 0 and 1 − ½ Q(½, z²/2) for z ≥ 0 (Abramowitz & Stegun 7.1.2 with
 * 26.2.30: erfc(x) = Q(½, x²)), so the lower tail of a negative z keeps full relative accuracy.
 * The quantile starts from Abramowitz & Stegun 26.2.23 (|error| < 4.5e-4) and is refined by Halley
 * steps on Φ(x) − p (the refinement of Acklam 2003), which converge cubically to full precision.
 */

/**
 * Standard normal cdf Φ(z). NaN gives NaN. Never throws.
 * @param z - a standard normal deviate
 * @returns P(Z ≤ z)
 * @example
 * normalCdf(-1.959963984540054); // => 0.025 (to 1e-16)
 */
export function normalCdf(z: number): number {
  if (Number.isNaN(z)) return NaN;
  const q = regularizedGamma(0.5, 0.5 * z * z)[1];
  return z < 0 ? 0.5 * q : 1 - 0.5 * q;
}

/**
 * Upper tail 1 − Φ(z), accurate for large z (no cancellation). NaN gives NaN. Never throws.
 * @param z - a standard normal deviate
 * @returns P(Z > z)
 * @example
 * normalSf(8); // => 6.22096057427178e-16
 */
export function normalSf(z: number): number {
  return normalCdf(-z);
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
