import { finiteDifferenceHessian } from '../../math/optimize/finite-difference-hessian.js';
import { invertSpd } from '../../math/optimize/invert-spd.js';
import type { ObjectiveFn, ValueAndGradientFn } from '../../math/optimize/optimize-types.js';

/** Standard errors and covariance of natural parameters, plus any "flat likelihood" warnings. */
export interface StandardErrors {
  /** SE per parameter (NaN when unavailable). */
  se: Float64Array;
  /** k × k covariance, row-major (NaN-filled when unavailable). */
  covariance: Float64Array;
  warnings: string[];
}

function fmt(v: number): string {
  return Number.isFinite(v) ? Number(v.toPrecision(6)).toString() : String(v);
}

/** SE / estimate above which a parameter is reported as weakly identified (its normal 95% interval nearly reaches zero). */
export const WEAK_RATIO = 0.5;

/**
 * Standard errors of positive parameters fitted in log space: the inverse observed information in
 * the natural parameters θ = e^x (Hessian of −LL at the MLE).
 *
 * ## Method
 * H_x, the Hessian of −LL in log space, by central differences of the gradient (or second differences
 * of −LL when no gradient is given; {@link finiteDifferenceHessian}); then exactly, by the chain rule,
 * ∂²f/∂θᵢ∂θⱼ = (H_x,ij − δᵢⱼ ∂f/∂xᵢ) / (θᵢθⱼ); then Cholesky inversion ({@link invertSpd}). Warnings:
 * not positive definite (SEs NaN), near-singular (pivot ratio < 1e-12), SE > 10× the estimate (flat
 * likelihood), or SE > {@link WEAK_RATIO} × the estimate (weakly identified).
 *
 * @param model - model name for the warnings
 * @param names - parameter names (order of x)
 * @param f - −LL in log space
 * @param fg - its value-and-gradient, if analytic
 * @param x - log-parameters at the optimum (not modified)
 * @param g - ∇f at x (log space)
 * @returns SEs, covariance and warnings
 * @example
 * // −LL = 10(λ·2 − ln λ) in x = ln λ: SE(λ̂ = 0.5) = λ̂/√10
 * naturalStandardErrors('exp', ['lambda'], (x) => 10 * (2 * Math.exp(x[0]) - x[0]), undefined,
 *   Float64Array.of(Math.log(0.5)), Float64Array.of(0)).se; // => [0.158113…]
 */
export function naturalStandardErrors(
  model: string,
  names: readonly string[],
  f: ObjectiveFn,
  fg: ValueAndGradientFn | undefined,
  x: Float64Array,
  g: Float64Array,
): StandardErrors {
  const k = x.length;
  const theta = Float64Array.from(x, Math.exp);
  const covariance = new Float64Array(k * k).fill(NaN);
  const se = new Float64Array(k).fill(NaN);
  const warnings: string[] = [];
  const Ht = finiteDifferenceHessian(f, Float64Array.from(x), fg);
  const Hn = new Float64Array(k * k);
  for (let i = 0; i < k; i++)
    for (let j = 0; j < k; j++) {
      Hn[i * k + j] = (Ht[i * k + j] - (i === j ? g[i] : 0)) / (theta[i] * theta[j]);
    }
  const inv = invertSpd(Hn, k);
  if (inv.inverse === null) {
    warnings.push(
      `${model}: flat likelihood: the Hessian is not positive definite at the optimum, so standard errors are unavailable (NaN).`,
    );
    return { se, covariance, warnings };
  }
  covariance.set(inv.inverse);
  for (let i = 0; i < k; i++) se[i] = Math.sqrt(covariance[i * k + i]);
  if (inv.pivotRatio < 1e-12)
    warnings.push(
      `${model}: flat likelihood: the Hessian is near-singular (pivot ratio ${fmt(inv.pivotRatio)}); standard errors are unreliable.`,
    );
  names.forEach((p, i) => {
    const ratio = se[i] / theta[i];
    if (ratio > 10)
      warnings.push(`${model}: flat likelihood in ${p}: standard error ${fmt(se[i])} is over 10× the estimate ${fmt(theta[i])}.`);
    else if (ratio > WEAK_RATIO) {
      // the log-scale 95% interval θ·exp(±1.96·SE/θ), as the CLI prints it
      const lo = theta[i] * Math.exp(-1.96 * ratio),
        hi = theta[i] * Math.exp(1.96 * ratio);
      warnings.push(
        `${model}: ${p} is weakly identified: standard error ${fmt(se[i])} is ${Math.round(100 * ratio)}% of the estimate ${fmt(theta[i])}; its 95% interval ${fmt(lo)}..${fmt(hi)} spans a ${Math.round(hi / lo)}-fold range (predictions are steadier than this parameter).`,
      );
    }
  });
  return { se, covariance, warnings };
}
