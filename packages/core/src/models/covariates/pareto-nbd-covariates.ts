import { InputError } from '../../errors.js';
import { fitParetoNbd } from '../pareto-nbd/fit.js';
import { paretoNbdLogLikPrepared, prepareParetoNbd, PARETO_NBD_PARAMS, type ParetoNbdParams } from '../pareto-nbd/likelihood.js';
import type { FitOptions, RfmData } from '../shared/model-types.js';
import { validateRfm } from '../shared/validate-rfm.js';
import { groupByCovariates, linear } from './covariate-groups.js';
import { fitWithCovariates } from './covariate-fit.js';
import type { CovariateFit, CovariateSpec } from './covariate-types.js';

/**
 * Fit Pareto/NBD with static covariates, in the parameterisation of CLVTools (Bachmann, Meierer & Näf;
 * Fader & Hardie 2007, "Incorporating time-invariant covariates into the Pareto/NBD and BG/NBD models"):
 * customer i has purchase rate λᵢ ~ Gamma(r, αᵢ) and dropout rate μᵢ ~ Gamma(s, βᵢ) with
 *
 *   αᵢ = α · exp(−γ_purchaseᵀ zᵢ),   βᵢ = β · exp(−γ_dropoutᵀ zᵢ)
 *
 * so a positive purchase coefficient raises the mean purchase rate r/αᵢ and a positive dropout
 * coefficient raises the mean dropout rate s/βᵢ (shorter lifetimes); r and s are shared. α and β are
 * the values of a customer with z = 0. The likelihood is Schmittlein et al.'s (1987) with αᵢ, βᵢ
 * (see paretoNbdLogLikelihood). Time unit: that of tx and T (α, β per unit).
 *
 * ## Method
 * Customers are grouped by distinct covariate vector and each group compressed to its (x, tx, T)
 * patterns; −LL and its analytic gradient sum the Pareto/NBD kernel over groups, chained to
 * (ln r, ln α, ln s, ln β, γ) by ∂/∂γⱼ = −Σ_g z_gj ∂/∂ln α_g (and likewise for β). BFGS from the fit
 * without covariates (γ = 0), standard errors from the observed information; the likelihood-ratio test
 * compares with that fit (χ² with as many degrees of freedom as coefficients).
 *
 * @param data - x, tx, T per customer (time unit of the fit), optional weights
 * @param spec - covariates of the purchase and of the dropout process (one value per customer)
 * @param options - fit options (start is ignored: the start is the fit without covariates)
 * @returns base parameters, effects with SE, 95% interval and Wald p-value, the LR test, both fits
 * @throws {InputError} invalid data or covariates (see groupByCovariates), `no_repeat_purchases`
 * @throws {ConvergenceError} when the optimiser fails
 * @example
 * // CLVTools' apparel data, 104 weeks: Meierer et al. (2025) print r 1.8378, α 92.9123, s 0.5920, β 49.6227,
 * // dropout Gender −0.6430, Channel 0.7907; purchase Gender 0.2859, Channel 0.6241; LL −5821.0627
 * fitParetoNbdCovariates(apparel, { purchase: genderChannel, dropout: genderChannel }).effects;
 */
export function fitParetoNbdCovariates(data: RfmData, spec: CovariateSpec, options: FitOptions<string> = {}): CovariateFit {
  const { customers, repeaters } = validateRfm(data, 'fitParetoNbdCovariates');
  if (repeaters === 0)
    throw new InputError(
      'no_repeat_purchases',
      `fitParetoNbdCovariates needs at least one customer with a repeat purchase; got 0 of ${customers.toLocaleString('en-US')}.`,
      { customers },
    );
  const groups = groupByCovariates(data, spec, 'fitParetoNbdCovariates');
  const { zp, zd, mp, md } = groups;
  const prepared = groups.patterns.map((c) => prepareParetoNbd(c.x, c.tx, c.T, c.weights));
  const nullFit = fitParetoNbd(data, { ...options, start: undefined });
  const p: ParetoNbdParams = { r: 1, alpha: 1, s: 1, beta: 1 };
  const g = new Float64Array(4);
  const negLogLik = (t: Float64Array, grad?: Float64Array): number => {
    const r = Math.exp(t[0]!),
      s = Math.exp(t[2]!);
    if (grad) grad.fill(0);
    let ll = 0;
    for (let k = 0; k < prepared.length; k++) {
      const la = t[1]! - linear(zp, mp, k, t, 4),
        lb = t[3]! - linear(zd, md, k, t, 4 + mp);
      p.r = r;
      p.s = s;
      p.alpha = Math.exp(la);
      p.beta = Math.exp(lb);
      const v = paretoNbdLogLikPrepared(p, prepared[k]!, grad ? g : null);
      if (!Number.isFinite(v)) return Infinity;
      ll += v;
      if (grad) {
        const dA = g[1]! * p.alpha,
          dB = g[3]! * p.beta; // ∂LL/∂ln α_g, ∂LL/∂ln β_g
        grad[0] -= g[0]! * r;
        grad[1] -= dA;
        grad[2] -= g[2]! * s;
        grad[3] -= dB;
        for (let j = 0; j < mp; j++) grad[4 + j] += dA * zp[k * mp + j]!;
        for (let j = 0; j < md; j++) grad[4 + mp + j] += dB * zd[k * md + j]!;
      }
    }
    return -ll;
  };
  return fitWithCovariates({
    model: 'pareto-nbd',
    baseNames: PARETO_NBD_PARAMS,
    spec,
    nullFit,
    nObs: nullFit.nObs,
    groups: prepared.length,
    negLogLik,
    options,
  });
}

/**
 * Each customer's own Pareto/NBD parameters under a covariate fit: r, s shared, αᵢ = α·exp(−γ_pᵀzᵢ),
 * βᵢ = β·exp(−γ_dᵀzᵢ) (the parameterisation of {@link fitParetoNbdCovariates}).
 *
 * @param fit - a covariate fit of Pareto/NBD
 * @param spec - covariates of the customers to score (same names and order as the fit)
 * @param i - customer row
 * @returns r, α, s, β of customer i
 * @example
 * paretoNbdCustomerParams(fit, spec, 0); // => { r: 1.84, alpha: 92.9·e^(−γᵀz₀), s: 0.59, beta: … }
 */
export function paretoNbdCustomerParams(fit: CovariateFit, spec: CovariateSpec, i: number): ParetoNbdParams {
  const lin = (process: 'purchase' | 'dropout'): number => {
    let s = 0;
    const cov = spec[process];
    for (const e of fit.effects) if (e.process === process) s += e.estimate * cov.columns[cov.names.indexOf(e.name)]![i]!;
    return s;
  };
  return {
    r: fit.params.r!,
    alpha: fit.params.alpha! * Math.exp(-lin('purchase')),
    s: fit.params.s!,
    beta: fit.params.beta! * Math.exp(-lin('dropout')),
  };
}
