import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConvergenceError } from '../../src/errors.js';
import { fitMle } from '../../src/models/shared/fit-mle.js';
import { assertClose } from '../helpers/assert-close.js';

// Gamma(shape k, rate β) sample summarised by n, Σ ln y, Σ y: closed-form checks.
const n = 500,
  sumY = 1000,
  sumLogY = 300;
const gammaNll = (t: Float64Array): number => {
  const k = Math.exp(t[0]),
    b = Math.exp(t[1]);
  // −LL = −[n k ln β − n lnΓ(k) + (k−1)Σ ln y − β Σ y]
  return -(n * k * Math.log(b) - n * lgamma(k) + (k - 1) * sumLogY - b * sumY);
};
function lgamma(x: number): number {
  // Stirling series with shift (adequate for x ≥ 0.1 in this test)
  let s = 0;
  while (x < 10) {
    s -= Math.log(x);
    x += 1;
  }
  return s + (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * x) - 1 / (360 * x ** 3) + 1 / (1260 * x ** 5);
}

test('exponential MLE: closed-form estimate, LL, SE, AIC/BIC', () => {
  // n = 10 observations with mean 2: λ̂ = 0.5, LL = 10(ln 0.5 − 1), SE = λ̂/√n
  const fit = fitMle({
    model: 'exponential',
    paramNames: ['lambda'] as const,
    nObs: 10,
    starts: [Float64Array.of(3)],
    negLogLik: (t) => -10 * (t[0] - Math.exp(t[0]) * 2),
  });
  assertClose(fit.params.lambda, 0.5, 1e-8, 'λ̂ = 1/mean (closed form)');
  assertClose(fit.logLikelihood, 10 * (Math.log(0.5) - 1), 1e-10, 'LL at λ̂ (closed form)');
  assertClose(fit.standardErrors.lambda, 0.5 / Math.sqrt(10), 1e-6, 'SE = λ̂/√n (inverse Fisher information)', true);
  assertClose(fit.aic, 2 - 2 * fit.logLikelihood, 1e-12, 'AIC = 2k − 2LL');
  assertClose(fit.bic, Math.log(10) - 2 * fit.logLikelihood, 1e-12, 'BIC = k ln n − 2LL');
  const [lo, hi] = fit.confidenceIntervals.lambda;
  assertClose(lo, 0.5 * Math.exp(-1.959963984540054 / Math.sqrt(10)), 1e-6, 'log-scale 95% interval, lower', true);
  assertClose(hi, 0.5 * Math.exp(1.959963984540054 / Math.sqrt(10)), 1e-6, 'log-scale 95% interval, upper', true);
  assert.ok(fit.converged);
  assert.deepEqual(fit.warnings, []);
});

test('two-parameter fit without gradient picks the best of several starts', () => {
  const fit = fitMle({
    model: 'gamma',
    paramNames: ['k', 'beta'] as const,
    nObs: n,
    starts: [Float64Array.of(5, 5), Float64Array.of(0, 0), Float64Array.of(-3, 2)],
    negLogLik: gammaNll,
  });
  // Stationarity: β = k / ȳ and ln β − ψ(k) + mean(ln y) = 0 → check via the profile: k/β = ȳ = 2
  assertClose(fit.params.k / fit.params.beta, sumY / n, 1e-6, 'MLE mean k/β equals the sample mean (score equation)', true);
  assert.ok(fit.converged);
  assert.equal(fit.starts, 3);
  assert.ok(fit.standardErrors.k > 0 && fit.standardErrors.beta > 0);
  assert.ok(fit.gradientNorm < 1e-5);
});

test('parameter running off to a bound is a warning, not an error', () => {
  // −LL = e^{−θ₀} + (θ₁ − 1)²: θ₀ → ∞ keeps improving (flat), θ₁ has a clean optimum at 1
  const fit = fitMle({
    model: 'runaway',
    paramNames: ['u', 'v'] as const,
    nObs: 100,
    starts: [Float64Array.of(0, 0)],
    negLogLik: (t) => Math.exp(-t[0]) + (t[1] - 1) ** 2,
  });
  assert.ok(
    fit.warnings.some((w) => w.includes('parameter u') && w.includes('bound')),
    fit.warnings.join('\n'),
  );
  assertClose(Math.log(fit.params.v), 1, 1e-6, 'free parameter still at its optimum');
});

test('non-finite likelihood everywhere throws ConvergenceError fit_non_finite', () => {
  assert.throws(
    () => fitMle({ model: 'broken', paramNames: ['a'] as const, nObs: 10, starts: [Float64Array.of(0)], negLogLik: () => NaN }),
    (e: unknown) => e instanceof ConvergenceError && e.code === 'fit_non_finite' && 'lastState' in e.context,
  );
});

test('a fit stopped far from stationarity throws ConvergenceError with the last state', () => {
  // iteration cap of 1 on Rosenbrock in 2-D: stops far away, with a large gradient
  const rosen = (t: Float64Array): number => 1e4 * ((1 - t[0]) ** 2 + 100 * (t[1] - t[0] * t[0]) ** 2);
  assert.throws(
    () =>
      fitMle(
        { model: 'rosen', paramNames: ['a', 'b'] as const, nObs: 10, starts: [Float64Array.of(-1.2, 1)], negLogLik: rosen },
        { maxIterations: 1 },
      ),
    (e: unknown) => {
      if (!(e instanceof ConvergenceError) || e.code !== 'fit_not_converged') return false;
      const s = e.context.lastState as { params: Record<string, number>; gradientNorm: number; logLikelihood: number };
      return Number.isFinite(s.gradientNorm) && Number.isFinite(s.logLikelihood) && 'a' in s.params && /Try/.test(e.message);
    },
  );
});
