import type { CountModel } from '../count-models.js';
import { fitMbgCnbdK } from './fit.js';
import type { MbgCnbdKParams } from './likelihood.js';
import { mbgCnbdKExpectationNew } from './predict.js';
import { mbgCnbdKExpectedPurchases, mbgCnbdKPAlive } from './predict.js';

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
    name: 'mbg-cnbd-k',
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
