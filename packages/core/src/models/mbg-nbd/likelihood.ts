import { checkPositiveParams } from '../shared/validate-params.js';
import { bgLogLikRow, BG_PARAM_NAMES, type BgNbdParamName } from '../bg-nbd/likelihood.js';
import type { RfmData } from '../shared/model-types.js';
import { validateRfm } from '../shared/validate-rfm.js';

/*
 * MBG/NBD — Batislam, Denizel & Filiztekin (2007), "Empirical validation and comparison of models for
 * customer base analysis", International Journal of Research in Marketing 24(3). As BG/NBD (purchase
 * rate λ ~ Gamma(r, α), dropout probability p ~ Beta(a, b)), except that a customer may also drop out
 * right after the first purchase, at time 0. That removes BG/NBD's flaw that customers with no repeat
 * purchase are certainly alive (P(alive) = 1 for x = 0).
 *
 * Time unit: every time (tx, T, horizon t) is in the unit of the summary (days or weeks); α is per that
 * unit. The math is shared with BG/NBD (../bg-nbd/likelihood.ts with d = 1: b + x − 1 becomes b + x).
 */

/** MBG/NBD parameters: r, α (purchase-rate gamma), a, b (dropout-probability beta); same names as BG/NBD. */
export type MbgNbdParams = Record<BgNbdParamName, number>;

/** The model's name in fits, errors and the registry. */
export const MBG_NBD_MODEL = 'mbg-nbd';

/**
 * MBG/NBD log-likelihood per customer and in total (Batislam et al. 2007, eq. 5):
 * L = B(a, b + x + 1)/B(a, b) · Γ(r + x)α^r / (Γ(r)(α + T)^(r+x)) + B(a + 1, b + x)/B(a, b) · Γ(r + x)α^r / (Γ(r)(α + tx)^(r+x)).
 *
 * @param params - r, α, a, b (> 0)
 * @param data - x, tx, T in one time unit (optional weights)
 * @param out - optional array (length n) for the per-row LL (unweighted)
 * @returns per-row LL and the weighted total
 * @throws {InputError} invalid parameters or data
 * @example
 * mbgNbdLogLikelihood({ r: 0.5248, alpha: 6.1830, a: 0.8914, b: 1.6140 }, cdnowSample).total; // => ≈ −9582.13
 */
export function mbgNbdLogLikelihood(params: MbgNbdParams, data: RfmData, out?: Float64Array): { total: number; perCustomer: Float64Array } {
  checkPositiveParams(params, 'mbgNbdLogLikelihood', BG_PARAM_NAMES);
  validateRfm(data, 'mbgNbdLogLikelihood');
  const { r, alpha, a, b } = params;
  const n = data.x.length;
  const res = out ?? new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const v = bgLogLikRow(r, alpha, a, b, 1, data.x[i], data.tx[i], data.T[i]);
    res[i] = v;
    total += (data.weights ? data.weights[i] : 1) * v;
  }
  return { total, perCustomer: res };
}
