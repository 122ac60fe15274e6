import type { Rng } from './rng.js';
import { sampleStandardNormal } from './sample-normal.js';

/**
 * ln of a Gamma(shape, 1) variate, finite even for tiny shapes (where the variate itself underflows).
 *
 * ## Method
 * Marsaglia & Tsang (2000), "A simple method for generating gamma variables", for shape ≥ 1:
 * d = shape − 1/3, c = 1/√(9d); draw x ~ N(0,1), v = (1 + cx)³, accept d·v when
 * ln U < x²/2 + d − dv + d ln v. For shape < 1 their boost: G(shape) = G(shape + 1) · U^(1/shape),
 * done in logs: ln G(shape + 1) + ln U / shape.
 *
 * Returns NaN for shape ≤ 0. Never throws.
 *
 * @param rng - uniform generator
 * @param shape - shape k > 0
 * @returns ln X, X ~ Gamma(k, 1)
 * @example
 * Math.exp(sampleLogGamma(createRng(7), 2.5)); // => a Gamma(2.5, 1) draw
 */
export function sampleLogGamma(rng: Rng, shape: number): number {
  if (!(shape > 0)) return NaN;
  if (shape < 1) return sampleLogGamma(rng, shape + 1) + Math.log(rng()) / shape;
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = sampleStandardNormal(rng);
    let v = 1 + c * x;
    if (v <= 0) continue;
    v = v * v * v;
    const u = rng();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return Math.log(d) + Math.log(v);
  }
}

/**
 * Gamma variate with shape k and rate β (mean k/β), by Marsaglia & Tsang (2000) — see
 * {@link sampleLogGamma}. The rate parametrisation matches the models (λ ~ Gamma(r, α)).
 *
 * Returns NaN for shape ≤ 0 or rate ≤ 0. Never throws.
 *
 * @param rng - uniform generator
 * @param shape - shape k > 0
 * @param rate - rate β > 0 (default 1)
 * @returns a Gamma(k, β) draw
 * @example
 * sampleGamma(createRng(7), 0.24, 4.41); // => a draw with mean 0.24/4.41 over many calls
 */
export function sampleGamma(rng: Rng, shape: number, rate: number = 1): number {
  if (!(rate > 0)) return NaN;
  return Math.exp(sampleLogGamma(rng, shape)) / rate;
}
