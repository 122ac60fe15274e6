import { createRng } from '../../math/random/rng.js';
import { sampleBeta } from '../../math/random/sample-beta.js';
import { sampleExponential } from '../../math/random/sample-exponential.js';
import { sampleGamma } from '../../math/random/sample-gamma.js';
import type { CountModel } from '../count-models.js';
import type { FitResult, RfmData } from '../model-types.js';
import { fitMbgCnbdK, type RegularRfmData } from './mbg-cnbd-k-fit.js';
import type { MbgCnbdKParams } from './mbg-cnbd-k-likelihood.js';
import { mbgCnbdKAliveExpectation, mbgCnbdKExpectationNew, mbgCnbdKPAliveRow } from './mbg-cnbd-k-predict.js';

export { fitMbgCnbdK, type MbgCnbdKFit, type RegularRfmData } from './mbg-cnbd-k-fit.js';
export type { MbgCnbdKParams } from './mbg-cnbd-k-likelihood.js';

/** MBG/CNBD-k parameters from a fit (k from its diagnostics). */
export function mbgCnbdKParamsOf(fit: FitResult<string>): MbgCnbdKParams {
  return { k: fit.diagnostics.k ?? fit.params.k ?? 1, r: fit.params.r!, alpha: fit.params.alpha!, a: fit.params.a!, b: fit.params.b! };
}

/**
 * P(alive at T) per row under MBG/CNBD-k (Reutterer, Platzer & Schröder 2021). Times in the fit's unit.
 *
 * @param p - k, r, α, a, b
 * @param data - x, tx, T
 * @returns P(alive) per row
 * @example
 * mbgCnbdKPAlive({ k: 2, r: 1, alpha: 3, a: 0.5, b: 2 }, { x: [3], tx: [20], T: [52] }); // => [0.3…]
 */
export function mbgCnbdKPAlive(p: MbgCnbdKParams, data: RfmData): Float64Array {
  return Float64Array.from(data.x, (x, i) => mbgCnbdKPAliveRow(p, x, data.tx[i]!, data.T[i]!));
}

/**
 * Conditional expected purchases in (T, T + t] per row: P(alive) × the exact alive expectation
 * ({@link mbgCnbdKAliveExpectation}). t in the fit's time unit.
 *
 * @param p - k, r, α, a, b
 * @param t - horizon
 * @param data - x, tx, T
 * @returns expected purchases per row
 * @example
 * mbgCnbdKExpectedPurchases(params, 52, groceryCbs); // next-52-weeks purchases per customer
 */
export function mbgCnbdKExpectedPurchases(p: MbgCnbdKParams, t: number, data: RfmData): Float64Array {
  return Float64Array.from(
    data.x,
    (x, i) => mbgCnbdKPAliveRow(p, x, data.tx[i]!, data.T[i]!) * mbgCnbdKAliveExpectation(p, t, x, data.tx[i]!, data.T[i]!),
  );
}

/**
 * Simulate n customers from MBG/CNBD-k (its generative story; seeded): λ ~ Gamma(r, α), p ~ Beta(a, b),
 * dropout at 0 with probability p, then Erlang-k inter-purchase times (k exponential sub-events of
 * rate λ each) with a dropout coin after every purchase; observed over (0, T].
 *
 * @param p - k, r, α, a, b
 * @param n - customers
 * @param T - observation length (time unit of α)
 * @param seed - PRNG seed
 * @returns x, tx, T and litt (Σ ln ITT)
 * @example
 * simulateMbgCnbdK({ k: 3, r: 0.85, alpha: 1.45, a: 0.79, b: 2.42 }, 1000, 32, 1).x.length; // => 1000
 */
export function simulateMbgCnbdK(p: MbgCnbdKParams, n: number, T: number, seed: number): RegularRfmData {
  const rng = createRng(seed);
  const x = new Float64Array(n),
    tx = new Float64Array(n),
    TT = new Float64Array(n).fill(T),
    litt = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const lambda = sampleGamma(rng, p.r, p.alpha);
    const q = sampleBeta(rng, p.a, p.b);
    if (rng() < q) continue;
    let t = 0;
    for (;;) {
      let gap = 0;
      for (let j = 0; j < p.k; j++) gap += sampleExponential(rng, lambda);
      if (t + gap > T) break;
      t += gap;
      x[i]++;
      litt[i] += Math.log(gap);
      tx[i] = t;
      if (rng() < q) break;
    }
  }
  return { x, tx, T: TT, litt };
}

/**
 * MBG/CNBD-k seen as a {@link CountModel} (for validation and scoring), with Σ ln ITT supplied: `fit`
 * ignores its own litt argument and uses the one given here (the customers must be the same rows).
 */
export function mbgCnbdKCountModel(litt: Float64Array): CountModel {
  const of = (params: Record<string, number>): MbgCnbdKParams => ({
    k: params.k ?? 1,
    r: params.r!,
    alpha: params.alpha!,
    a: params.a!,
    b: params.b!,
  });
  return {
    name: 'mbg-cnbd-k' as never,
    label: 'MBG/CNBD-k',
    reference: 'Reutterer, Platzer & Schröder (2021), IJRM 38(1); Platzer & Reutterer (2016), Marketing Science 35(5)',
    paramNames: ['r', 'alpha', 'a', 'b', 'k'],
    fit: (d) => {
      const f = fitMbgCnbdK({ ...d, litt });
      return { ...f.fit, params: { ...f.fit.params, k: f.k } };
    },
    pAlive: (p, d) => mbgCnbdKPAlive(of(p), d),
    expectedPurchases: (p, t, d) => mbgCnbdKExpectedPurchases(of(p), t, d),
    expectedPurchasesNew: (p, t) => mbgCnbdKExpectationNew(of(p), t),
    probabilityOfPurchases: () => NaN,
  };
}
