import type { FitResult } from '../shared/model-types.js';

/**
 * Static (time-invariant) covariates of n customers: one column per covariate, in the customers'
 * order. Values are used as given (code categories as 0/1 dummies; centre or scale continuous ones
 * for readable effects).
 */
export interface Covariates {
  names: string[];
  columns: Float64Array[];
}

/** Which covariates act on which process (either may be empty, not both). */
export interface CovariateSpec {
  /** Covariates of the purchase process (they scale α). */
  purchase: Covariates;
  /** Covariates of the dropout process (Pareto/NBD: they scale β; BG/NBD: a and b). */
  dropout: Covariates;
}

/** One estimated covariate effect. */
export interface CovariateEffect {
  process: 'purchase' | 'dropout';
  name: string;
  /** γ: the log-linear coefficient (see the model's parameterisation). */
  estimate: number;
  standardError: number;
  /** 95% Wald interval γ ± 1.96·SE. */
  ci95: [number, number];
  /** Wald z = γ/SE and its two-sided p-value. */
  z: number;
  pValue: number;
}

/** Likelihood-ratio test of the covariate model against the model without covariates (Wilks 1938). */
export interface LikelihoodRatioTest {
  /** 2·(LL with covariates − LL without). */
  statistic: number;
  /** Degrees of freedom = number of covariate coefficients. */
  df: number;
  /** P(χ²_df > statistic). */
  pValue: number;
  logLikelihoodWithout: number;
  logLikelihoodWith: number;
}

/** A covariate model fit: base parameters (the values at z = 0), effects, the test, and both fits. */
export interface CovariateFit {
  model: 'pareto-nbd' | 'bg-nbd';
  /** Base parameters: r, α, s, β (Pareto/NBD) or r, α, a, b (BG/NBD) of a customer with all covariates 0. */
  params: Record<string, number>;
  effects: CovariateEffect[];
  lrTest: LikelihoodRatioTest;
  /** The full fit (every parameter, covariates as ln-coefficients named `purchase.X`/`dropout.X`; γ = ln of their `params`). */
  fit: FitResult<string>;
  /** The fit of the same model without covariates (the null of the test). */
  nullFit: FitResult<string>;
  /** Distinct covariate vectors the customers fall into (the likelihood's cost grows with these × patterns). */
  groups: number;
  warnings: string[];
}
