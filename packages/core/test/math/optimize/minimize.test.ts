import { test } from 'node:test';
import assert from 'node:assert/strict';
import { centralDifferenceGradient, withNumericGradient } from '../../../src/math/optimize/central-difference-gradient.js';
import { finiteDifferenceHessian } from '../../../src/math/optimize/finite-difference-hessian.js';
import { invertSpd } from '../../../src/math/optimize/invert-spd.js';
import { minimizeBfgs } from '../../../src/math/optimize/minimize-bfgs.js';
import { minimizeNelderMead } from '../../../src/math/optimize/minimize-nelder-mead.js';
import { wolfeLineSearch } from '../../../src/math/optimize/wolfe-line-search.js';
import { assertClose } from '../../helpers/assert-close.js';

// Rosenbrock (1960): minimum 0 at (1, 1)
const rosen = (v: Float64Array): number => (1 - v[0]) ** 2 + 100 * (v[1] - v[0] * v[0]) ** 2;
const rosenFg = (v: Float64Array, g: Float64Array): number => {
  const [x, y] = v;
  g[0] = -2 * (1 - x) - 400 * x * (y - x * x);
  g[1] = 200 * (y - x * x);
  return rosen(v);
};

test('BFGS with analytic gradient finds the Rosenbrock minimum (1, 1)', () => {
  const r = minimizeBfgs(rosenFg, Float64Array.of(-1.2, 1));
  assert.equal(r.reason, 'gradient');
  assertClose(r.x[0], 1, 1e-7, 'Rosenbrock x* (known minimum)');
  assertClose(r.x[1], 1, 1e-7, 'Rosenbrock y* (known minimum)');
});

test('BFGS with central-difference gradient finds the Rosenbrock minimum', () => {
  const r = minimizeBfgs(withNumericGradient(rosen), Float64Array.of(-1.2, 1), { gradientTolerance: 1e-7 });
  assertClose(r.x[0], 1, 1e-5, 'Rosenbrock x* (numeric gradient)');
  assertClose(r.x[1], 1, 1e-5, 'Rosenbrock y* (numeric gradient)');
});

test('BFGS treats non-finite values as infeasible and backs off', () => {
  // f = e^{x} − 2x has minimum at ln 2; infinite for x > 5
  const fg = (v: Float64Array, g: Float64Array): number => {
    if (v[0] > 5) return Infinity;
    g[0] = Math.exp(v[0]) - 2;
    return Math.exp(v[0]) - 2 * v[0];
  };
  const r = minimizeBfgs(fg, Float64Array.of(-20));
  assertClose(r.x[0], Math.LN2, 1e-8, 'argmin of e^x − 2x = ln 2');
});

test('BFGS reports non-finite starts', () => {
  const r = minimizeBfgs(() => NaN, Float64Array.of(0));
  assert.equal(r.reason, 'non-finite');
  assert.equal(r.converged, false);
});

test('Wolfe line search: exact step on a quadratic, and rejects ascent directions', () => {
  const fg = (v: Float64Array, g: Float64Array): number => {
    g[0] = 2 * v[0];
    return v[0] * v[0];
  };
  const xo = new Float64Array(1),
    go = new Float64Array(1);
  const r = wolfeLineSearch(fg, Float64Array.of(1), Float64Array.of(-1), 1, Float64Array.of(2), 1, xo, go);
  assert.ok(r.ok);
  assertClose(r.step, 1, 1e-12, 'exact minimiser along the line');
  const bad = wolfeLineSearch(fg, Float64Array.of(1), Float64Array.of(1), 1, Float64Array.of(2), 1, xo, go);
  assert.equal(bad.ok, false);
});

test('Nelder–Mead finds the Rosenbrock minimum without derivatives', () => {
  const r = minimizeNelderMead(rosen, Float64Array.of(-1.2, 1), { xTolerance: 1e-10, fTolerance: 1e-16 });
  assertClose(r.x[0], 1, 1e-6, 'Rosenbrock x* (Nelder–Mead)');
  assertClose(r.x[1], 1, 1e-6, 'Rosenbrock y* (Nelder–Mead)');
  assert.equal(r.reason, 'simplex');
});

test('Nelder–Mead stops once its simplex has collapsed at double precision on a noisy f (issue 18)', () => {
  // f with ~1e-5 of noise that changes between neighbouring doubles, like a log-likelihood summed from
  // terms of 1e11 that cancel: fTolerance (1e-12·|f|) can never be met, and the simplex used to cycle
  // on the same few doubles to the iteration cap (1,600 iterations, ~9,000 evaluations of a Pareto/NBD fit).
  // Four parameters, as Pareto/NBD: the shrink factor 3/4 rounds a vertex one ulp away back onto itself.
  const c = [2, 3, -1, 12];
  const noisy = (v: Float64Array): number => {
    let f = 6000 + 1e-5 * Math.sin(v[0] * 1e15 + v[1] * 7e14 + v[2] * 3e14 + v[3] * 5e13);
    for (let j = 0; j < 4; j++) f += (v[j] - c[j]) ** 2;
    return f;
  };
  const r = minimizeNelderMead(noisy, Float64Array.of(1, 1, 1, 10), { maxIterations: 1600 });
  assert.equal(r.reason, 'stalled', `stop reason: got ${r.reason} after ${r.iterations} iterations, expected stalled`);
  assert.ok(r.evaluations < 2000, `evaluations: got ${r.evaluations}, expected < 2,000 (the cap of 1,600 iterations allows ~9,000)`);
  for (let j = 0; j < 4; j++) assertClose(r.x[j], c[j], 1e-2, `x*[${j}] of the noisy quadratic (noise 1e-5: x to ~3e-3)`);
});

test('central differences and FD Hessian on a known function', () => {
  // f = x²y + sin(y): ∇ = (2xy, x² + cos y); H = [[2y, 2x], [2x, −sin y]]
  const f = (v: Float64Array): number => v[0] * v[0] * v[1] + Math.sin(v[1]);
  const fg = (v: Float64Array, g: Float64Array): number => {
    g[0] = 2 * v[0] * v[1];
    g[1] = v[0] * v[0] + Math.cos(v[1]);
    return f(v);
  };
  const x = Float64Array.of(1.5, 0.7);
  const g = new Float64Array(2);
  assertClose(centralDifferenceGradient(f, x, g), f(x), 0, 'returns f(x)');
  assertClose(g[0], 2.1, 1e-8, 'df/dx analytic 2xy');
  assertClose(g[1], 2.25 + Math.cos(0.7), 1e-8, 'df/dy analytic x² + cos y');
  const expected = [1.4, 3, 3, -Math.sin(0.7)];
  const H1 = finiteDifferenceHessian(f, x);
  const H2 = finiteDifferenceHessian(f, x, fg);
  expected.forEach((e, i) => {
    assertClose(H1[i], e, 1e-6, `Hessian[${i}] from f (analytic)`);
    assertClose(H2[i], e, 1e-8, `Hessian[${i}] from gradient (analytic)`);
  });
  assert.deepEqual(Array.from(x), [1.5, 0.7]); // restored
});

test('invertSpd inverts SPD matrices and rejects indefinite ones', () => {
  const r = invertSpd(Float64Array.of(4, 2, 2, 3), 2);
  const inv = r.inverse!;
  [0.375, -0.25, -0.25, 0.5].forEach((e, i) => assertClose(inv[i], e, 1e-15, `inverse[${i}] (closed form 2×2)`));
  assert.equal(invertSpd(Float64Array.of(1, 2, 2, 1), 2).inverse, null);
  // 3×3 check: A·A⁻¹ = I
  const A = Float64Array.of(6, 2, 1, 2, 5, 2, 1, 2, 4);
  const B = invertSpd(A, 3).inverse!;
  for (let i = 0; i < 3; i++)
    for (let j = 0; j < 3; j++) {
      let s = 0;
      for (let k = 0; k < 3; k++) s += A[i * 3 + k] * B[k * 3 + j];
      assertClose(s, i === j ? 1 : 0, 1e-14, `(A·A⁻¹)[${i}][${j}]`);
    }
});
