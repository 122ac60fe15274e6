import { InputError } from '../../errors.js';
import { bgNegLogLik, prepareBg, BG_PARAM_NAMES } from '../bg-nbd/likelihood.js';
import { fitBgNbd } from '../bg-nbd/fit.js';
import type { BgNbdParams } from '../bg-nbd/likelihood.js';
import type { FitOptions, RfmData } from '../shared/model-types.js';
import { validateRfm } from '../shared/validate-rfm.js';
import { groupByCovariates, linear } from './covariate-groups.js';
import { fitWithCovariates } from './covariate-fit.js';
import type { CovariateFit, CovariateSpec } from './covariate-types.js';

/**
 * Fit BG/NBD with static covariates, in the parameterisation of CLVTools (its static-covariate BG/NBD;
 * Fader & Hardie 2007, "Incorporating time-invariant covariates into the Pareto/NBD and BG/NBD models"):
 *
 *   αᵢ = α · exp(−γ_purchaseᵀ zᵢ),   aᵢ = a · exp(γ_dropoutᵀ zᵢ),   bᵢ = b · exp(γ_dropoutᵀ zᵢ)
 *
 * r is shared; one dropout coefficient scales a and b together, which moves the beta's concentration
 * a + b and leaves its mean a/(a + b) unchanged (CLVTools' choice; a positive γ makes the dropout
 * probability less dispersed). Likelihood: FHL (2005) eq. 6 with αᵢ, aᵢ, bᵢ. Time unit: that of tx, T.
 *
 * ## Method
 * As {@link fitParetoNbdCovariates}: groups of equal covariates, each compressed to (x, tx, T)
 * patterns; the BG/NBD kernel's analytic log-space gradient per group chained to the coefficients
 * (∂/∂γ_p = −Σ z ∂/∂ln α_g, ∂/∂γ_d = Σ z (∂/∂ln a_g + ∂/∂ln b_g)); start at the fit without covariates.
 *
 * @param data - x, tx, T per customer, optional weights
 * @param spec - purchase and dropout covariates (one value per customer)
 * @param options - fit options (start ignored)
 * @returns base parameters (z = 0), effects, LR test, both fits
 * @throws {InputError} invalid data or covariates, `no_repeat_purchases`
 * @throws {ConvergenceError} when the optimiser fails
 * @example
 * fitBgNbdCovariates(apparel, { purchase: genderChannel, dropout: genderChannel }).lrTest.pValue; // => < 1e-6
 */
export function fitBgNbdCovariates(data: RfmData, spec: CovariateSpec, options: FitOptions<string> = {}): CovariateFit {
  const { customers, repeaters } = validateRfm(data, 'fitBgNbdCovariates');
  if (repeaters === 0)
    throw new InputError(
      'no_repeat_purchases',
      `fitBgNbdCovariates needs at least one customer with a repeat purchase; got 0 of ${customers.toLocaleString('en-US')}.`,
      { customers },
    );
  const nullFit = fitBgNbd(data, { ...options, start: undefined });
  const negLogLik = bgCovariateNegLogLik(data, spec);
  const groups = negLogLik.groups;
  return fitWithCovariates({ model: 'bg-nbd', baseNames: BG_PARAM_NAMES, spec, nullFit, nObs: nullFit.nObs, groups, negLogLik, options });
}

/**
 * Each customer's own BG/NBD parameters under a covariate fit (the parameterisation of
 * {@link fitBgNbdCovariates}): r shared, αᵢ = α·exp(−γ_pᵀzᵢ), aᵢ = a·exp(γ_dᵀzᵢ), bᵢ = b·exp(γ_dᵀzᵢ).
 *
 * @param fit - a covariate fit of BG/NBD
 * @param spec - covariates (same names as the fit)
 * @param i - customer row
 * @returns r, α, a, b of customer i
 * @example
 * bgNbdCustomerParams(fit, spec, 0); // => { r, alpha: α·e^(−γ_pᵀz₀), a: a·e^(γ_dᵀz₀), b: b·e^(γ_dᵀz₀) }
 */
export function bgNbdCustomerParams(fit: CovariateFit, spec: CovariateSpec, i: number): BgNbdParams {
  const lin = (process: 'purchase' | 'dropout'): number => {
    let s = 0;
    const cov = spec[process];
    for (const e of fit.effects) if (e.process === process) s += e.estimate * cov.columns[cov.names.indexOf(e.name)]![i]!;
    return s;
  };
  const ed = Math.exp(lin('dropout'));
  return { r: fit.params.r!, alpha: fit.params.alpha! * Math.exp(-lin('purchase')), a: fit.params.a! * ed, b: fit.params.b! * ed };
}

/**
 * −LL of BG/NBD with covariates (parameterisation of {@link fitBgNbdCovariates}) at the parameter
 * vector (ln r, ln α, ln a, ln b, γ_purchase…, γ_dropout…), with its analytic gradient written into
 * `grad` when given. Built once per data set (groups and compressed patterns); never throws after that.
 *
 * @param data - x, tx, T per customer
 * @param spec - covariates
 * @returns the function, with the number of covariate groups
 * @throws {InputError} invalid covariates (see groupByCovariates)
 * @example
 * bgCovariateNegLogLik(data, spec)(Float64Array.of(0, 2, 0, 1, 0.1, 0.2), grad); // => −LL
 */
export function bgCovariateNegLogLik(
  data: RfmData,
  spec: CovariateSpec,
): ((t: Float64Array, grad?: Float64Array) => number) & { groups: number } {
  const groups = groupByCovariates(data, spec, 'fitBgNbdCovariates');
  const { zp, zd, mp, md } = groups;
  const prepared = groups.patterns.map((c) => prepareBg(c, 0));
  const th = new Float64Array(4),
    g = new Float64Array(4);
  const f = (t: Float64Array, grad?: Float64Array): number => {
    if (grad) grad.fill(0);
    let v = 0;
    for (let k = 0; k < prepared.length; k++) {
      const ld = linear(zd, md, k, t, 4 + mp);
      th[0] = t[0]!;
      th[1] = t[1]! - linear(zp, mp, k, t, 4);
      th[2] = t[2]! + ld;
      th[3] = t[3]! + ld;
      const u = bgNegLogLik(prepared[k]!, th, grad ? g : undefined);
      if (!Number.isFinite(u)) return Infinity;
      v += u;
      if (grad) {
        for (let j = 0; j < 4; j++) grad[j] += g[j]!;
        for (let j = 0; j < mp; j++) grad[4 + j] -= g[1]! * zp[k * mp + j]!;
        for (let j = 0; j < md; j++) grad[4 + mp + j] += (g[2]! + g[3]!) * zd[k * md + j]!;
      }
    }
    return v;
  };
  return Object.assign(f, { groups: prepared.length });
}
