import { chiSquareSf } from '../../math/stats/chi-square.js';
import { normalCdf } from '../../math/stats/normal-distribution.js';
import { fitMle } from '../shared/fit-mle.js';
import type { FitMleOptions, FitResult } from '../shared/model-types.js';
import type { CovariateEffect, CovariateFit, CovariateSpec } from './covariate-types.js';

const Z95 = 1.959963984540054;

/**
 * Shared harness of the covariate models: fit with {@link fitMle} where the base parameters are
 * optimised as logs and the coefficients γ directly (fitMle sees them as "log-parameters" named
 * `purchase.X`/`dropout.X`, so its reported value is e^γ; here γ = ln of it and SE(γ) = SE(e^γ)/e^γ,
 * exact because the Hessian is computed in γ). Starts at the null fit with γ = 0. The "weakly
 * identified" warnings of fitMle are dropped for the coefficients (a coefficient with a wide interval
 * is simply not significant, reported by its p-value); everything else is kept.
 */
export function fitWithCovariates(args: {
  model: 'pareto-nbd' | 'bg-nbd';
  baseNames: readonly string[];
  spec: CovariateSpec;
  nullFit: FitResult<string>;
  nObs: number;
  groups: number;
  negLogLik: (t: Float64Array, grad?: Float64Array) => number;
  options: FitMleOptions;
}): CovariateFit {
  const { spec, nullFit, baseNames } = args;
  const covNames = [...spec.purchase.names.map((n) => `purchase.${n}`), ...spec.dropout.names.map((n) => `dropout.${n}`)];
  const names = [...baseNames, ...covNames];
  const start = Float64Array.from(names, (p, i) => (i < baseNames.length ? Math.log(nullFit.params[p]!) : 0));
  const fit = fitMle<string>(
    {
      model: `${args.model}+covariates`,
      paramNames: names,
      nObs: args.nObs,
      starts: [start],
      negLogLik: (t) => args.negLogLik(t),
      gradient: (t, out) => args.negLogLik(t, out),
    },
    args.options,
  );
  const k0 = baseNames.length;
  const effects: CovariateEffect[] = covNames.map((full, j) => {
    const gamma = Math.log(fit.params[full]!);
    const se = fit.standardErrors[full]! / fit.params[full]!;
    const z = gamma / se;
    return {
      process: j < spec.purchase.names.length ? 'purchase' : 'dropout',
      name: full.slice(full.indexOf('.') + 1),
      estimate: gamma,
      standardError: se,
      ci95: [gamma - Z95 * se, gamma + Z95 * se],
      z,
      pValue: Number.isFinite(z) ? 2 * normalCdf(-Math.abs(z)) : NaN,
    };
  });
  const statistic = Math.max(0, 2 * (fit.logLikelihood - nullFit.logLikelihood));
  const params: Record<string, number> = {};
  for (let i = 0; i < k0; i++) params[baseNames[i]!] = fit.params[baseNames[i]!]!;
  const warnings = fit.warnings.filter(
    (w) => !covNames.some((c) => w.includes(` ${c} is weakly identified`) || w.includes(`flat likelihood in ${c}:`)),
  );
  if (!(fit.logLikelihood >= nullFit.logLikelihood - 1e-6))
    warnings.push(
      `${args.model}+covariates: the log-likelihood with covariates (${fit.logLikelihood.toFixed(3)}) is below the one without (${nullFit.logLikelihood.toFixed(3)}): the optimiser stopped early; treat the effects as unreliable.`,
    );
  return {
    model: args.model,
    params,
    effects,
    fit,
    nullFit,
    groups: args.groups,
    warnings,
    lrTest: {
      statistic,
      df: covNames.length,
      pValue: chiSquareSf(statistic, covNames.length),
      logLikelihoodWithout: nullFit.logLikelihood,
      logLikelihoodWith: fit.logLikelihood,
    },
  };
}
