import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InputError } from '../../src/errors.js';
import { gammaln } from '../../src/math/special/gammaln.js';
import { fitGammaGamma } from '../../src/models/gamma-gamma/fit.js';
import { gammaGammaExpectedSpend } from '../../src/models/gamma-gamma/predict.js';
import { gammaGammaLogLikelihood } from '../../src/models/gamma-gamma/likelihood.js';
import { simulateGammaGamma } from '../../src/models/gamma-gamma/simulate.js';
import { assertAllFinite, assertClose } from '../helpers/assert-close.js';
import { cdnowSample } from '../helpers/cdnow.js';
import { integrate } from '../helpers/quadrature.js';
import { readFixture } from '../helpers/read-csv.js';

interface Fixture {
  customers: number;
  publishedParams: Record<'p' | 'q' | 'gamma', number>;
  params: Record<'p' | 'q' | 'gamma', number>;
  logLikelihood: number;
  frequencySpendCorrelation: number;
}
const fx = readFixture<Fixture>('gamma-gamma-cdnow.json');
const SRC = 'Fader & Hardie 2013 (test/fixtures/gamma-gamma-cdnow.json)';
const cd = cdnowSample();
const spend = { x: cd.x, mx: cd.zbar };

test('fitGammaGamma on CDNOW: Fader & Hardie (2013) as printed (6.25, 3.74, 15.44), the MLE to 3 decimals (6.249, 3.745, 15.448), LL to 0.01, corr 0.11', () => {
  const fit = fitGammaGamma(spend);
  for (const k of ['p', 'q', 'gamma'] as const)
    assertClose(fit.params[k], fx.publishedParams[k], 0.01, `${k} vs Fader & Hardie (2013) as printed (2 decimals)`);
  for (const k of ['p', 'q', 'gamma'] as const)
    assertClose(fit.params[k], fx.params[k], 5e-4, `${k} vs the MLE recomputed with scipy (3 decimals)`);
  assertClose(fit.logLikelihood, fx.logLikelihood, 0.01, 'LL vs the scipy recomputation (gamma-gamma-cdnow.json)');
  assert.equal(fit.nObs, fx.customers);
  assert.equal(fit.diagnostics.customers, fx.customers);
  assertClose(fit.diagnostics.frequencySpendCorrelation, fx.frequencySpendCorrelation, 0.005, `corr(x, zbar) vs ${SRC}`);
  assert.ok(fit.converged);
  assert.deepEqual(fit.warnings, []); // |0.11| < 0.3: no independence warning
  assertClose(gammaGammaLogLikelihood(fit.params, spend).total, fit.logLikelihood, 1e-9, 'per-row LL sum vs fit LL', true);
});

/** Independent: mx | ν ~ Gamma(px, rate xν) (mean of x iid Gamma(p, ν)), ν ~ Gamma(q, rate γ); integrate over ln ν. */
function logLikByQuadrature(p: number, q: number, g: number, x: number, m: number): number {
  const f = (s: number): number => {
    const nu = Math.exp(s);
    const lm = p * x * Math.log(x * nu) + (p * x - 1) * Math.log(m) - x * nu * m - gammaln(p * x);
    const lnu = q * Math.log(g) + q * s - g * nu - gammaln(q); // includes the Jacobian dν = ν ds
    return Math.exp(lm + lnu);
  };
  return Math.log(integrate(f, -15, 8, 4000));
}

test('per-customer LL and expected spend match an independent quadrature over ν', () => {
  const { p, q, gamma } = fx.params;
  for (const [x, m] of [
    [1, 11.77],
    [2, 22.35],
    [7, 48.2],
    [30, 5.1],
  ] as const) {
    const got = gammaGammaLogLikelihood(fx.params, { x: Float64Array.of(x), mx: Float64Array.of(m) }).perCustomer[0];
    assertClose(got, logLikByQuadrature(p, q, gamma, x, m), 1e-9, `ln f(mx=${m} | x=${x}) vs quadrature`, true);
    // E[M | x, mx] = E[p/ν | data], posterior ν ∝ ν^{q+px−1} e^{−ν(γ + x·mx)}
    const a = q + p * x,
      rate = gamma + x * m;
    const post = (s: number, k: number): number => Math.exp((a + k) * s - rate * Math.exp(s) - gammaln(a) + a * Math.log(rate));
    const ref = (p * integrate((s) => post(s, -1), -15, 8, 4000)) / integrate((s) => post(s, 0), -15, 8, 4000);
    const e = gammaGammaExpectedSpend(fx.params, Float64Array.of(x), Float64Array.of(m))[0];
    assertClose(e, ref, 1e-9, `E[M | x=${x}, mx=${m}] vs posterior quadrature`, true);
  }
  const pop = gammaGammaExpectedSpend(fx.params, Float64Array.of(0), Float64Array.of(0))[0];
  assertClose(pop, (p * gamma) / (q - 1), 1e-15, 'x = 0 → population mean pγ/(q − 1)', true);
  assert.equal(gammaGammaExpectedSpend({ p, q: 0.9, gamma }, Float64Array.of(0), Float64Array.of(0))[0], Infinity);
});

test('analytic gradient: fit from a user start converges to the same optimum; recovery within 3 SE', () => {
  const a = fitGammaGamma(spend, { start: { p: 20, q: 10, gamma: 50 } });
  for (const k of ['p', 'q', 'gamma'] as const) assertClose(a.params[k], fx.params[k], 5e-4, `${k} from another start`);
  const truth = { p: 6, q: 4, gamma: 15 };
  const x = new Float64Array(50_000);
  for (let i = 0; i < x.length; i++) x[i] = 1 + (i % 8);
  const fit = fitGammaGamma(simulateGammaGamma(truth, x.length, x, 99));
  for (const k of ['p', 'q', 'gamma'] as const) {
    assertClose(
      fit.params[k],
      truth[k],
      3 * fit.standardErrors[k],
      `recovered ${k} (fit ${fit.params[k]}, SE ${fit.standardErrors[k]}) vs truth`,
    );
  }
});

test('correlated frequency and spend raise a warning and report the value', () => {
  const n = 2000;
  const x = new Float64Array(n),
    mx = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = 1 + (i % 10);
    mx[i] = 10 + 5 * x[i] + ((i * 7919) % 13);
  }
  const fit = fitGammaGamma({ x, mx });
  assert.ok(fit.diagnostics.frequencySpendCorrelation > 0.3);
  assert.ok(
    fit.warnings.some((w) => w.includes('correlated')),
    fit.warnings.join('\n'),
  );
});

test('too few repeaters and bad values are InputErrors; extremes stay finite', () => {
  assert.throws(
    () => fitGammaGamma({ x: Float64Array.of(0, 0, 1), mx: Float64Array.of(0, 0, 5) }),
    (e: unknown) => e instanceof InputError && e.code === 'no_repeat_purchases' && /got 1 of 3/.test(e.message),
  );
  assert.throws(
    () => fitGammaGamma({ x: Float64Array.of(1, 2), mx: Float64Array.of(5, -3) }),
    (e: unknown) => e instanceof InputError && e.code === 'spend_invalid_value' && /row 1/.test(e.message),
  );
  const big = { x: Float64Array.of(5000, 1, 2500), mx: Float64Array.of(1e6, 1e-3, 37.5) };
  assertAllFinite(gammaGammaLogLikelihood(fx.params, big).perCustomer, 'LL at extremes');
  assertAllFinite(gammaGammaExpectedSpend(fx.params, big.x, big.mx), 'expected spend at extremes');
});
