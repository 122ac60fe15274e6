/**
 * Types shared by every model in `models/`: the per-customer inputs, the generic maximum-likelihood
 * fit specification ({@link FitSpec}) and its result ({@link FitResult}).
 */

/**
 * Per-customer recency/frequency summary for the count models (BG/NBD, MBG/NBD, Pareto/NBD), as
 * parallel columns. One entry per customer — or per distinct pattern when `weights` is given.
 *
 * Time unit: whatever the summary used (days or weeks). `tx` and `T` must share it, and every time
 * argument passed to a model's predictions (the horizon t) is in that same unit.
 */
export interface RfmData {
  /** Number of repeat transactions (frequency), a non-negative integer. */
  x: Float64Array;
  /** Time of the last repeat transaction since the first one (recency); 0 when x = 0. 0 ≤ tx ≤ T. */
  tx: Float64Array;
  /** Time since the first transaction (age at the end of calibration). */
  T: Float64Array;
  /** Optional number of customers each row stands for (default 1 each). */
  weights?: Float64Array;
}

/**
 * Per-customer spend summary for the Gamma-Gamma model: x repeat transactions with mean value mx.
 * Only customers with x > 0 are used by the fit (mx is undefined without a repeat transaction).
 */
export interface SpendData {
  /** Number of transactions the mean is over (repeat transactions), integer ≥ 0. */
  x: Float64Array;
  /** Mean transaction value (currency units), > 0 where x > 0. */
  mx: Float64Array;
  /** Optional number of customers each row stands for (default 1 each). */
  weights?: Float64Array;
}

/** Distinct (x, tx, T) patterns of an {@link RfmData} with their summed weights (see `compressRfm`). */
export interface CompressedRfm {
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
  /** Customers per pattern (sum of the input weights). */
  weights: Float64Array;
  /** Number of distinct patterns (= length of the columns). */
  size: number;
  /** Total weight = number of customers. */
  totalWeight: number;
  /** For each input row, the index of its pattern. */
  rowPattern: Int32Array;
}

/**
 * What {@link fitMle} needs to fit a model by maximum likelihood. All parameters are positive and
 * are optimised as their natural logarithms ("log space"), which removes the positivity constraints.
 */
export interface FitSpec<P extends string> {
  /** Model name used in results, warnings and errors, e.g. "bg-nbd". */
  model: string;
  /** Parameter names, in the order of the log-parameter vector. */
  paramNames: readonly P[];
  /** −LL at the given log-parameters (total, weighted). Returns +Infinity/NaN when infeasible; never throws. */
  negLogLik(logParams: Float64Array): number;
  /**
   * Optional analytic gradient of −LL with respect to the log-parameters, written into `out`;
   * returns −LL (same value as `negLogLik`). Without it central finite differences are used.
   */
  gradient?(logParams: Float64Array, out: Float64Array): number;
  /** Deterministic starting points, in log space; at least one. Each is optimised; the best wins. */
  starts: Float64Array[];
  /** Number of observations n for BIC: the number of customers (sum of weights). */
  nObs: number;
}

/** Options of {@link fitMle} (and of every `fitXxx`). */
export interface FitMleOptions {
  /** BFGS iteration cap per start (default 200); the Nelder–Mead fallback gets 2·k times as many. */
  maxIterations?: number;
  /** Converged when ‖∇(−LL)‖∞ in log space ≤ tolerance · max(1, |LL|) (default 1e-9). */
  tolerance?: number;
  /** Compute standard errors and intervals (default true). */
  standardErrors?: boolean;
  /** |log-parameter| above which a "parameter at bound" warning is raised (default 15). */
  logBound?: number;
}

/** Model-level fit options: {@link FitMleOptions} plus an optional user start in natural parameters. */
export interface FitOptions<P extends string> extends FitMleOptions {
  /** A starting point (natural, positive parameters), tried before the model's default starts. */
  start?: Partial<Record<P, number>>;
}

/** Result of a maximum-likelihood fit. Parameters are natural (positive) values. */
export interface FitResult<P extends string> {
  model: string;
  params: Record<P, number>;
  /** Maximised log-likelihood (natural log, summed over customers). */
  logLikelihood: number;
  /** Akaike information criterion 2k − 2LL. */
  aic: number;
  /** Bayesian information criterion k ln(n) − 2LL, n = number of customers. */
  bic: number;
  /** Number of customers n (sum of weights). */
  nObs: number;
  /**
   * Standard errors of the natural parameters: square roots of the diagonal of the inverse observed
   * information (the Hessian of −LL in the natural parameters at the MLE). NaN when unavailable.
   */
  standardErrors: Record<P, number>;
  /**
   * 95% Wald intervals built on the log scale and mapped back: exp(ln θ̂ ± 1.96·SE/θ̂) (delta method);
   * they stay positive and are asymmetric. NaN when unavailable.
   */
  confidenceIntervals: Record<P, [number, number]>;
  /** Covariance of the natural parameters (k × k, row-major, order of `paramNames`); NaN-filled when unavailable. */
  covariance: Float64Array;
  /** BFGS iterations of the winning start. */
  iterations: number;
  /** ‖∇(−LL)‖∞ with respect to the log-parameters at the optimum. */
  gradientNorm: number;
  /** True when the gradient tolerance was met. */
  converged: boolean;
  /** Human-readable warnings (parameter at a bound, flat likelihood, soft non-convergence, model checks). */
  warnings: string[];
  /** Parameters whose |ln θ̂| exceeded the fit's `logBound`: the likelihood runs off towards 0 or ∞ (see `assessFit`). */
  atBound: P[];
  /** Number of starts optimised. */
  starts: number;
  /** Wall time of the fit in milliseconds. */
  timeMs: number;
  /** Model-specific diagnostics (e.g. Gamma-Gamma's frequency–spend correlation); `fitMle` adds startsConverged, localOptima, ridgeStarts and evaluations. */
  diagnostics: Record<string, number>;
}
