import { ConvergenceError, InputError } from '../../errors.js';
import { withNumericGradient } from '../../math/optimize/central-difference-gradient.js';
import { minimizeBfgs } from '../../math/optimize/minimize-bfgs.js';
import { minimizeNelderMead } from '../../math/optimize/minimize-nelder-mead.js';
import type { MinimizeResult, ValueAndGradientFn } from '../../math/optimize/optimize-types.js';
import { naturalStandardErrors } from './fit-standard-errors.js';
import { startsAgreement } from './fit-starts.js';
import type { FitMleOptions, FitResult, FitSpec } from './model-types.js';

/** Log-parameters beyond ±HARD_BOUND are treated as infeasible (e^30 ≈ 1e13: only overflow lies beyond). */
const HARD_BOUND = 30;
const Z95 = 1.959963984540054;

function record<P extends string>(names: readonly P[], values: ArrayLike<number>): Record<P, number> {
  const r = {} as Record<P, number>;
  names.forEach((p, i) => {
    r[p] = values[i];
  });
  return r;
}

function fmt(v: number): string {
  return Number.isFinite(v) ? Number(v.toPrecision(6)).toString() : String(v);
}

/**
 * Fit a model by maximum likelihood: the harness every model in `models/` uses.
 *
 * ## Method
 * Parameters are optimised as logarithms. From each deterministic start in `spec.starts` (in order),
 * BFGS with a strong-Wolfe line search ({@link minimizeBfgs}) runs on −LL, with `spec.gradient` when
 * given and central differences otherwise. A start that ends without meeting the gradient tolerance
 * (and not within 1e3× of it — a stall at rounding level next to a stationary point) is retried as
 * Nelder–Mead ({@link minimizeNelderMead}, up to 2·k·maxIterations iterations) from its end point,
 * then polished by BFGS.
 * Log-parameters beyond ±30 are infeasible (+∞). The lowest −LL over all starts wins (runs tied
 * within 1e-8 relative, i.e. at rounding level, are ranked by gradient norm instead).
 *
 * Outcome rules for the winner (tolerance τ = `options.tolerance`, default 1e-9, scaled by max(1, |LL|)):
 * - ‖∇‖∞ ≤ τ, or f stalled at double precision with ‖∇‖∞ ≤ 1e3·τ → `converged: true`.
 * - Otherwise, if every parameter away from a bound (|ln θ| ≤ `logBound`, default 15) has a
 *   gradient ≤ 1e3·τ, or ‖∇‖∞ ≤ 1e-6·max(1, |LL|) → returned with `converged: false` and a warning
 *   (a soft failure: the likelihood is flat along the remaining directions).
 * - Otherwise → throws.
 * Standard errors ({@link naturalStandardErrors}): the Hessian of −LL in log space by central
 * differences of the gradient, turned exactly into the natural-parameter Hessian by the chain rule,
 * ∂²f/∂θᵢ∂θⱼ = (H_ln θ,ij − δᵢⱼ ∂f/∂ln θᵢ) / (θᵢθⱼ), then inverted by Cholesky. The 95% intervals are exp(ln θ̂ ± 1.96·SE/θ̂) (delta method on the log scale). A Hessian that is not
 * positive definite, near-singular (pivot ratio < 1e-12) or gives SE/θ̂ > 10 raises a "flat likelihood"
 * warning. Every parameter with |ln θ̂| > `logBound` raises a "parameter at bound" warning.
 *
 * @param spec - model name, parameter names, −LL (and gradient) in log space, starts, n
 * @param options - iteration cap, tolerance, whether to compute standard errors, bound for warnings
 * @returns the fit (natural parameters, LL, AIC = 2k − 2LL, BIC = k ln n − 2LL, SEs, intervals, …);
 *   `diagnostics.evaluations` counts the evaluations of −LL (with or without gradient) over every
 *   start, fallback and the standard errors
 * @throws {InputError} `too_few_customers` when nObs ≤ the number of parameters.
 * @throws {ConvergenceError} code `fit_non_finite` when −LL is not finite at any start, or
 *   `fit_not_converged` when the best run fails the rules above; `context.lastState` holds the last
 *   parameters, log-likelihood, gradient norm and iterations.
 * @example
 * // MLE of an exponential rate λ from the mean 2 of n = 10 observations: λ̂ = 0.5, LL = 10(ln 0.5 − 1)
 * const fit = fitMle({
 *   model: 'exponential', paramNames: ['lambda'], nObs: 10, starts: [Float64Array.of(0)],
 *   negLogLik: (t) => -10 * (t[0] - Math.exp(t[0]) * 2),
 * });
 * fit.params.lambda; // => 0.5 (to ~1e-9); fit.logLikelihood ≈ −16.931
 */
export function fitMle<P extends string>(spec: FitSpec<P>, options: FitMleOptions = {}): FitResult<P> {
  const t0 = performance.now();
  const k = spec.paramNames.length;
  if (!(spec.nObs > k)) {
    throw new InputError(
      'too_few_customers',
      `${spec.model} has ${k} parameters and needs more customers than that to fit; got ${spec.nObs.toLocaleString('en-US')}. Fit on the whole customer base (or a larger cohort), not on a few customers.`,
      { model: spec.model, nObs: spec.nObs, parameters: k },
    );
  }
  const tol = options.tolerance ?? 1e-9;
  const logBound = options.logBound ?? 15;
  const inBounds = (t: Float64Array): boolean => {
    for (let i = 0; i < k; i++) if (!(Math.abs(t[i]) <= HARD_BOUND)) return false;
    return true;
  };
  let evaluations = 0; // of −LL (a value-and-gradient call counts once), over every start, fallback and the SEs
  const f = (t: Float64Array): number => {
    if (!inBounds(t)) return Infinity;
    evaluations++;
    return spec.negLogLik(t);
  };
  const rawFg: ValueAndGradientFn = spec.gradient ? (t, out) => spec.gradient!(t, out) : withNumericGradient((t) => spec.negLogLik(t));
  const fg: ValueAndGradientFn = (t, out) => {
    if (!inBounds(t)) return Infinity;
    evaluations++;
    return rawFg(t, out);
  };
  const bfgsOptions = { maxIterations: options.maxIterations ?? 200, gradientTolerance: tol };

  const runs: MinimizeResult[] = [];
  for (const start of spec.starts) {
    let r = minimizeBfgs(fg, start, bfgsOptions);
    // stalled at rounding level near a stationary point: Nelder–Mead would not do better
    const nearlyStationary = r.gradientNorm <= 1e3 * tol * Math.max(1, Math.abs(r.f));
    if (!r.converged && !nearlyStationary) {
      const from = Number.isFinite(r.f) ? r.x : start;
      const nm = minimizeNelderMead(f, from, { maxIterations: 2 * k * bfgsOptions.maxIterations });
      if (Number.isFinite(nm.f)) {
        const polished = minimizeBfgs(fg, nm.x, bfgsOptions);
        if (Number.isFinite(polished.f) && !(polished.f > r.f)) r = polished;
        else if (!(nm.f >= r.f)) r = { ...nm, gradient: polished.gradient, gradientNorm: NaN };
      }
    }
    if (Number.isFinite(r.f)) runs.push(r);
  }
  // The lowest −LL wins; among runs within 1e-8·max(1, |f|) of it (numerically tied: differences at
  // that level are rounding noise), the smallest gradient norm wins.
  let best: MinimizeResult | null = null;
  if (runs.length > 0) {
    const fMin = Math.min(...runs.map((r) => r.f));
    const tie = 1e-8 * Math.max(1, Math.abs(fMin));
    for (const r of runs) {
      if (r.f > fMin + tie) continue;
      const gr = Number.isFinite(r.gradientNorm) ? r.gradientNorm : Infinity;
      const gb = best === null ? Infinity : Number.isFinite(best.gradientNorm) ? best.gradientNorm : Infinity;
      if (best === null || gr < gb) best = r;
    }
  }

  const lastState = (r: MinimizeResult | null): Record<string, unknown> => ({
    params: r ? record(spec.paramNames, r.x.map(Math.exp)) : null,
    logParams: r ? Array.from(r.x) : null,
    logLikelihood: r ? -r.f : NaN,
    gradientNorm: r ? r.gradientNorm : NaN,
    iterations: r ? r.iterations : 0,
  });
  if (best === null) {
    throw new ConvergenceError(
      'fit_non_finite',
      `${spec.model}: the log-likelihood is not finite at any of the ${spec.starts.length} starting points. ` +
        'Check the data for impossible values (negative or non-finite x, t_x, T; t_x > T) or pass options.start.',
      { model: spec.model, starts: spec.starts.length, lastState: lastState(null) },
    );
  }
  const x = best.x;
  const ll = -best.f;
  const scale = Math.max(1, Math.abs(best.f));
  const g = new Float64Array(k);
  fg(x, g); // gradient at the winner (Nelder–Mead results carry none)
  let gn = 0,
    gnFree = 0;
  for (let i = 0; i < k; i++) {
    gn = Math.max(gn, Math.abs(g[i]));
    if (Math.abs(x[i]) <= logBound) gnFree = Math.max(gnFree, Math.abs(g[i]));
  }
  const warnings: string[] = [];
  const agreement = startsAgreement(runs, best);
  if (agreement.localOptima > 0) {
    warnings.push(
      `${spec.model}: ${agreement.localOptima} of ${spec.starts.length} starting points ended at another, worse optimum ` +
        `(log-likelihood up to ${fmt(agreement.worstGap)} lower); the best one is kept, but the likelihood has more than one peak, so check the fit on more data or a simpler model.`,
    );
  }
  if (agreement.ridge > 0) {
    warnings.push(
      `${spec.model}: ${agreement.ridge} of ${spec.starts.length} starting points reached the same log-likelihood at other parameter values; ` +
        'the data cannot tell those parameters apart, so read each parameter with caution (forecasts built on them may still agree).',
    );
  }
  const atBound = spec.paramNames.filter((_, i) => Math.abs(x[i]) > logBound);
  for (const p of atBound) {
    const i = spec.paramNames.indexOf(p);
    warnings.push(
      `${spec.model}: parameter ${p} = ${fmt(Math.exp(x[i]))} is at a bound (ln ${p} = ${fmt(x[i])}, beyond ±${logBound}); ` +
        `the likelihood keeps improving as ${p} → ${x[i] > 0 ? '∞' : '0'}, so the data cannot pin it down. ` +
        'Predictions may still be usable; consider a simpler model.',
    );
  }
  let converged = gn <= tol * scale || (best.reason === 'stalled' && gn <= 1e3 * tol * scale);
  if (!converged) {
    const soft = (atBound.length > 0 && gnFree <= 1e3 * tol * scale) || gn <= 1e-6 * scale;
    if (!soft) {
      throw new ConvergenceError(
        'fit_not_converged',
        `${spec.model}: the fit did not converge from ${spec.starts.length} start(s): best log-likelihood ${fmt(ll)} ` +
          `with gradient norm ${fmt(gn)} after ${best.iterations} iterations (${best.reason}). ` +
          'Try options.maxIterations, a different options.start, removing extreme outliers, or a simpler model.',
        { model: spec.model, starts: spec.starts.length, reason: best.reason, lastState: { ...lastState(best), gradientNorm: gn } },
      );
    }
    warnings.push(
      `${spec.model}: the gradient tolerance was not met (gradient norm ${fmt(gn)}, stop: ${best.reason}); ` +
        'the log-likelihood is flat near the optimum and the parameters are less certain than their digits suggest.',
    );
    converged = false;
  }

  const theta = Float64Array.from(x, Math.exp);
  let cov: Float64Array = new Float64Array(k * k).fill(NaN);
  let se: Float64Array = new Float64Array(k).fill(NaN);
  if (options.standardErrors ?? true) {
    const r = naturalStandardErrors(spec.model, spec.paramNames, f, spec.gradient ? fg : undefined, x, g);
    cov = r.covariance;
    se = r.se;
    warnings.push(...r.warnings);
  }
  const ci = {} as Record<P, [number, number]>;
  spec.paramNames.forEach((p, i) => {
    const h = (Z95 * se[i]) / theta[i];
    ci[p] = [Math.exp(x[i] - h), Math.exp(x[i] + h)];
  });
  return {
    model: spec.model,
    params: record(spec.paramNames, theta),
    logLikelihood: ll,
    aic: 2 * k - 2 * ll,
    bic: k * Math.log(spec.nObs) - 2 * ll,
    nObs: spec.nObs,
    standardErrors: record(spec.paramNames, se),
    confidenceIntervals: ci,
    covariance: cov,
    iterations: best.iterations,
    gradientNorm: gn,
    converged,
    warnings,
    atBound,
    starts: spec.starts.length,
    timeMs: performance.now() - t0,
    diagnostics: {
      startsConverged: agreement.converged,
      localOptima: agreement.localOptima,
      ridgeStarts: agreement.ridge,
      evaluations,
    },
  };
}
