import type { ReportSection } from '../../report/report-section.js';
import { defineTable } from '../../report/report-table.js';
import { assessFit } from '../shared/fit-assessment.js';
import type { CovariateEffect, CovariateFit } from './covariate-types.js';

/** One coefficient of a covariate fit with its 95% interval, Wald test and rate multiplier. */
export const covariateEffectsTable = defineTable<CovariateEffect>('fit.covariate_effects', 'Covariate effects', [
  {
    key: 'process',
    label: 'Process',
    kind: 'text',
    value: (e) => e.process,
    description: "purchase: the purchase rate; dropout: the dropout rate (Pareto/NBD) or the dropout beta's a and b together (BG/NBD)",
  },
  { key: 'covariate', label: 'Covariate', kind: 'text', value: (e) => e.name },
  {
    key: 'estimate',
    label: 'Coefficient',
    kind: 'number',
    value: (e) => e.estimate,
    description: "γ: a one-unit increase multiplies the process's rate parameter by e^γ",
  },
  { key: 'std_error', label: 'Std. error', kind: 'number', value: (e) => e.standardError },
  { key: 'ci95_low', label: 'Low', kind: 'number', unit: '95%', value: (e) => e.ci95[0] },
  { key: 'ci95_high', label: 'High', kind: 'number', unit: '95%', value: (e) => e.ci95[1] },
  {
    key: 'multiplier',
    label: 'Multiplier',
    kind: 'ratio',
    value: (e) => Math.exp(e.estimate),
    description: 'e^γ: the factor on the mean rate for a one-unit increase',
  },
  { key: 'p_value', label: 'p', kind: 'number', value: (e) => e.pValue, description: 'Wald test of γ = 0' },
]);

/** The base parameters (a customer with every covariate at 0) with their standard errors. */
const baseTable = defineTable<{ name: string; estimate: number; se: number }>('fit.covariate_base', 'Base parameters (all covariates 0)', [
  { key: 'parameter', label: 'Parameter', kind: 'text', value: (r) => r.name },
  { key: 'estimate', label: 'Estimate', kind: 'number', value: (r) => r.estimate },
  { key: 'std_error', label: 'Std. error', kind: 'number', value: (r) => r.se },
]);

/**
 * The report section of a fit with static covariates ({@link fitParetoNbdCovariates},
 * {@link fitBgNbdCovariates}): a headline with both log-likelihoods and the likelihood-ratio test
 * against the fit without covariates (χ², Wilks 1938), the effects with 95% intervals, and the base
 * parameters. The fit's verdict in plain words ({@link assessFit}, when it is not ok) and its warnings
 * (weak identification, convergence) come first.
 *
 * @param fit - the covariate fit
 * @param unit - time unit of the rate parameters, e.g. "weeks"
 * @returns the section every surface renders
 * @example
 * covariateFitSection(fitParetoNbdCovariates(apparel, spec), 'weeks').tables[0]!.rows.length; // => 4
 */
export function covariateFitSection(fit: CovariateFit, unit: string): ReportSection {
  const t = fit.lrTest;
  const p = t.pValue < 1e-4 ? t.pValue.toExponential(1) : t.pValue.toPrecision(2);
  const verdict =
    t.pValue < 0.05
      ? 'the covariates explain differences between customers'
      : 'no evidence that the covariates matter (keep the simpler model)';
  const names = Object.keys(fit.fit.params);
  const assessment = assessFit(fit.fit);
  return {
    id: 'fit.covariates',
    title: `${fit.model} with covariates`,
    lines: [
      `${fit.model} with static covariates (CLVTools parameterisation; Fader & Hardie 2007), time unit ${unit}: log-likelihood ${t.logLikelihoodWith.toFixed(2)} with, ${t.logLikelihoodWithout.toFixed(2)} without; ${fit.groups.toLocaleString('en-US')} distinct covariate vectors.`,
      `Likelihood-ratio test against the fit without covariates: χ² = ${t.statistic.toFixed(2)} on ${t.df} df, p = ${p}: ${verdict}.`,
    ],
    warnings: [...(assessment.trust === 'ok' ? [] : [assessment.summary]), ...fit.warnings],
    tables: [
      covariateEffectsTable(fit.effects, { notes: ['Intervals: estimate ± 1.96 standard errors from the observed information (Wald).'] }),
      baseTable(
        names
          .filter((n) => fit.params[n] !== undefined)
          .map((n) => ({ name: n, estimate: fit.params[n]!, se: fit.fit.standardErrors[n] ?? NaN })),
      ),
    ],
  };
}
