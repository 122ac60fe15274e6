import type { Rng } from '../../math/random/rng.js';
import { sampleBeta } from '../../math/random/sample-beta.js';
import { sampleExponential } from '../../math/random/sample-exponential.js';
import { sampleGamma } from '../../math/random/sample-gamma.js';
import type { RfmData } from '../shared/model-types.js';
import type { MbgCnbdKParams } from './likelihood.js';
import { mbgCnbdKPAliveRow } from './predict.js';

/**
 * Simulate every customer's purchases after its calibration end T under MBG/CNBD-k, given its history
 * (x, tₓ, T), and add them up per time bucket: `out[0]` counts the purchases in (T, T + τ₀], `out[h]`
 * those in (T + τₕ₋₁, T + τₕ] (all customers share the offsets τ, in the fit's time unit). Seeded
 * through `rng`; never throws (invalid parameters give NaN-driven zero counts).
 *
 * ## Method
 * The model's own story (Reutterer, Platzer & Schröder 2021, IJRM 38(1)), drawn from the posterior
 * given the history, the same posterior `mbgCnbdKAliveExpectation` integrates analytically: the customer
 * is alive with P(alive) ({@link mbgCnbdKPAliveRow}); alive, its Erlang clock has completed
 * j ∈ {0, …, k − 1} sub-events since the last purchase with weight ∝ (r + kx)ⱼ/j! · uʲ,
 * u = (T − tₓ)/(α + T); λ | j ~ Gamma(r + kx + j, α + T); p ~ Beta(a, b + x + 1) (x + 1 dropout coins
 * survived, MBG's coin at 0 included). The first future purchase needs k − j more exponential
 * sub-events of rate λ (memoryless), every later one k; after each purchase the customer leaves with
 * probability p.
 *
 * @param p - k, r, α, a, b
 * @param data - x, tₓ, T per customer (one row per customer; weights are not read)
 * @param tau - increasing bucket ends τ₀ < … < τ_H after T
 * @param rng - seeded uniform generator
 * @param out - length H + 1, incremented (not cleared)
 * @example
 * const out = new Float64Array(2);
 * simulateMbgCnbdKHoldout({ k: 2, r: 1, alpha: 3, a: 0.5, b: 2 }, cbs, Float64Array.of(26, 52), createRng(1), out);
 * // out => [purchases in the first 26 weeks after T, in the next 26]
 */
export function simulateMbgCnbdKHoldout(p: MbgCnbdKParams, data: RfmData, tau: Float64Array, rng: Rng, out: Float64Array): void {
  const { k, r, alpha, a, b } = p;
  const H = tau.length - 1,
    end = tau[H]!;
  const w = new Float64Array(k);
  for (let i = 0; i < data.x.length; i++) {
    const x = data.x[i]!,
      tx = data.tx[i]!,
      T = data.T[i]!;
    if (!(rng() < mbgCnbdKPAliveRow(p, x, tx, T))) continue;
    // Erlang phase j: weights (c)_j/j! u^j, cumulated
    const c = r + k * x,
      u = (T - tx) / (alpha + T);
    let term = 1;
    w[0] = 1;
    for (let j = 1; j < k; j++) {
      term *= ((c + j - 1) / j) * u;
      w[j] = w[j - 1]! + term;
    }
    const pick = rng() * w[k - 1]!;
    let j = 0;
    while (j < k - 1 && w[j]! <= pick) j++;
    const lambda = sampleGamma(rng, c + j, alpha + T);
    const q = sampleBeta(rng, a, b + x + 1);
    let t = 0,
      need = k - j,
      h = 0;
    for (;;) {
      for (let m = 0; m < need; m++) t += sampleExponential(rng, lambda);
      if (!(t <= end)) break;
      while (tau[h]! < t) h++;
      out[h]++;
      if (rng() < q) break;
      need = k;
    }
  }
}
