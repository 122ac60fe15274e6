import { gammaIncUpper } from '../special/gamma-inc-upper.js';

/**
 * Standard normal distribution function Φ(z), through erfc(u) = Q(1/2, u²) (A&S 7.1.2, 6.5.17):
 * Φ(z) = ½ erfc(−z/√2) for z < 0 and 1 − ½ erfc(z/√2) otherwise, so the lower tail keeps its relative
 * accuracy down to 1e-300. NaN for NaN. Never throws.
 *
 * @param z - standard normal quantile
 * @returns Φ(z)
 * @example
 * normalCdf(-1.959963984540054); // => 0.025
 */
export function normalCdf(z: number): number {
  if (Number.isNaN(z)) return NaN;
  const half = 0.5 * gammaIncUpper(0.5, (z * z) / 2);
  return z < 0 ? half : 1 - half;
}

/**
 * Standard normal quantile Φ⁻¹(p) for 0 < p < 1, by bisection then Newton steps on {@link normalCdf}
 * (accurate to ~1e-14 absolute; meant for confidence levels, not hot loops). NaN outside (0, 1).
 *
 * @param p - probability
 * @returns z with Φ(z) = p
 * @example
 * normalQuantile(0.95); // => 1.6448536269514722
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) return NaN;
  let lo = -40, hi = 40;
  for (let i = 0; i < 60; i++) {
    const mid = 0.5 * (lo + hi);
    if (normalCdf(mid) < p) lo = mid; else hi = mid;
  }
  let z = 0.5 * (lo + hi);
  for (let i = 0; i < 3; i++) {
    const dens = Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
    if (!(dens > 0)) break;
    z -= (normalCdf(z) - p) / dens;
  }
  return z;
}
