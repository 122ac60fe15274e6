// Log-linear (quasi-)Poisson regression and the GLM sandwich covariance. Independent derivations:
// with one binary regressor the model is saturated, so e^β are the two group means; the sandwich
// variance of β₀ is then Σ(y − ȳ₀)²/(Σ y)² over group 0 (the delta method for log of a mean,
// computed here by hand), the model-based one 1/Σ μ. A logistic fit is checked the same way.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fitPoissonLog } from '../../../src/math/stats/poisson-regression.js';
import { glmSandwich, quadraticForm } from '../../../src/math/stats/glm-sandwich.js';
import { fitRidgeLogistic } from '../../../src/math/stats/ridge-regression.js';
import { assertClose } from '../../helpers/assert-close.js';

const design = (g: number[]): Float64Array => Float64Array.from(g.flatMap((x) => [1, x]));

test('two groups: coefficients are the logs of the group means (JSDoc example)', () => {
  const fit = fitPoissonLog(design([0, 0, 1, 1]), 2, Float64Array.of(1, 3, 4, 8));
  assert.ok(fit.converged);
  assertClose(fit.coefficients[0]!, Math.log(2), 1e-9, 'β0 = ln mean(1, 3)');
  assertClose(fit.coefficients[1]!, Math.log(3), 1e-9, 'β1 = ln (6 / 2)');
});

test('sandwich and model variances of a saturated log-linear model equal the delta-method variances of the log group means', () => {
  const g = [0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1];
  const y = Float64Array.of(0, 2, 5, 1, 7.5, 3, 3, 9, 0, 1, 4.25); // spend-like, overdispersed
  const X = design(g);
  const fit = fitPoissonLog(X, 2, y);
  const cov = glmSandwich(X, 2, y, fit.coefficients, 'poisson');
  const group = (k: number) => Array.from(y).filter((_, i) => g[i] === k);
  const v = (ys: number[]) => {
    const s = ys.reduce((a, b) => a + b, 0),
      m = s / ys.length;
    return { robust: ys.reduce((a, b) => a + (b - m) ** 2, 0) / (s * s), model: 1 / s };
  };
  const v0 = v(group(0)),
    v1 = v(group(1));
  assertClose(cov.robust![0]!, v0.robust, 1e-9, 'robust Var β0', true);
  assertClose(cov.model![0]!, v0.model, 1e-9, 'model Var β0', true);
  // Var β1 = Var log m1 + Var log m0 (independent groups)
  assertClose(cov.robust![3]!, v0.robust + v1.robust, 1e-9, 'robust Var β1', true);
  assertClose(quadraticForm(Float64Array.of(1, 1), cov.robust!, 2), v1.robust, 1e-9, 'robust Var (β0 + β1) = Var log m1', true);
});

test('logistic sandwich on a saturated model: Var logit p̂ = 1/(n p̂ (1 − p̂)) from both covariances', () => {
  const g = [0, 0, 0, 0, 0, 0, 1, 1, 1, 1];
  const y = Float64Array.of(1, 0, 0, 1, 0, 0, 1, 1, 1, 0);
  const X = design(g);
  const fit = fitRidgeLogistic(
    X,
    2,
    y,
    Uint32Array.from({ length: 10 }, (_, i) => i),
    0,
  );
  const p0 = 2 / 6;
  assertClose(fit.coefficients[0]!, Math.log(p0 / (1 - p0)), 1e-6, 'β0 = logit(2/6)');
  const cov = glmSandwich(X, 2, y, fit.coefficients, 'binomial');
  assertClose(cov.robust![0]!, 1 / (6 * p0 * (1 - p0)), 1e-5, 'robust Var β0', true);
  assertClose(cov.model![0]!, 1 / (6 * p0 * (1 - p0)), 1e-5, 'model Var β0', true);
});

test('a constant second column: not converged, no covariance', () => {
  const X = Float64Array.from([1, 0, 1, 0, 1, 0]);
  assert.equal(fitPoissonLog(X, 2, Float64Array.of(1, 2, 3)).converged, false);
  assert.equal(glmSandwich(X, 2, Float64Array.of(1, 2, 3), Float64Array.of(0, 0), 'poisson').robust, null);
});
