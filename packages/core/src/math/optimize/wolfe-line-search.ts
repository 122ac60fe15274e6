import type { ValueAndGradientFn } from './optimize-types.js';

/** Result of {@link wolfeLineSearch}. `xOut`/`gOut` hold the accepted point when `ok`. */
export interface LineSearchResult {
  ok: boolean;
  /** Accepted step length along the direction. */
  step: number;
  /** f at the accepted point. */
  f: number;
  evaluations: number;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** Minimiser of the cubic through (a, fa, da) and (b, fb, db), safeguarded to the inner 80% of [a, b]. */
function cubicStep(a: number, fa: number, da: number, b: number, fb: number, db: number): number {
  const lo = Math.min(a, b);
  const hi = Math.max(a, b);
  const w = hi - lo;
  const d1 = da + db - (3 * (fa - fb)) / (a - b);
  const disc = d1 * d1 - da * db;
  let t = NaN;
  if (disc >= 0) {
    const d2 = Math.sign(b - a) * Math.sqrt(disc);
    t = b - (b - a) * ((db + d2 - d1) / (db - da + 2 * d2));
  }
  if (!(t >= lo + 0.1 * w && t <= hi - 0.1 * w)) t = lo + 0.5 * w; // bisect when the cubic is unhelpful
  return t;
}

/**
 * Line search for the strong Wolfe conditions along direction d from x:
 * f(x + s·d) ≤ f(x) + c₁ s ∇f·d (sufficient decrease, Armijo) and |∇f(x + s·d)·d| ≤ c₂ |∇f(x)·d|
 * (curvature). Nocedal & Wright (2006), Algorithms 3.5 (bracketing) and 3.6 (zoom), with safeguarded
 * cubic interpolation (their eq. 3.59).
 *
 * ## Method
 * Steps grow ×2 from `step0` until the Armijo condition fails, f increases, or the slope turns
 * non-negative; that brackets an acceptable step, which `zoom` then narrows by cubic interpolation
 * (bisection when the cubic leaves the inner 80% of the bracket). A non-finite f (an infeasible
 * point, e.g. overflow far out in log-parameter space) is treated as "too far" and halves the step.
 * If the zoom budget runs out, the best point satisfying Armijo alone is accepted. Near the optimum,
 * where f changes by less than rounding (1e-11·|f|), the approximate Wolfe conditions of Hager &
 * Zhang (2005) replace Armijo: f within that noise of f(x) and c₂∇f(x)·d ≤ ∇f·d ≤ −0.8∇f(x)·d. The accepted
 * point and its gradient are left in `xOut` and `gOut`.
 *
 * Never throws; `ok: false` when d is not a descent direction or no Armijo point was found.
 *
 * @param fg - value-and-gradient function
 * @param x - start point (not modified)
 * @param d - search direction (must satisfy ∇f(x)·d < 0)
 * @param f0 - f(x)
 * @param g0 - ∇f(x)
 * @param step0 - first trial step (1 for a quasi-Newton direction)
 * @param xOut - receives the accepted point
 * @param gOut - receives its gradient
 * @param maxEvaluations - evaluation budget (default 40)
 * @param c1 - sufficient-decrease constant (default 1e-4)
 * @param c2 - curvature constant (default 0.9, the usual choice for quasi-Newton)
 * @returns the accepted step, its f and the number of evaluations
 * @example
 * // f(x) = x², from x = 1 along d = −1: the exact minimiser is step 1
 * wolfeLineSearch((x, g) => { g[0] = 2 * x[0]; return x[0] * x[0]; }, Float64Array.of(1),
 *   Float64Array.of(-1), 1, Float64Array.of(2), 1, new Float64Array(1), new Float64Array(1)).step; // => 1
 */
export function wolfeLineSearch(
  fg: ValueAndGradientFn,
  x: Float64Array,
  d: Float64Array,
  f0: number,
  g0: Float64Array,
  step0: number,
  xOut: Float64Array,
  gOut: Float64Array,
  maxEvaluations: number = 40,
  c1: number = 1e-4,
  c2: number = 0.9,
): LineSearchResult {
  const n = x.length;
  const dphi0 = dot(g0, d);
  // Hager & Zhang (2005) approximate Wolfe: once f is flat to rounding (within epsF of f0), accept a
  // step whose slope satisfies c2·φ'(0) ≤ φ'(s) ≤ −0.8·φ'(0); Armijo cannot see a decrease that small.
  const epsF = 1e-11 * Math.max(1, Math.abs(f0));
  const approxOk = (fs: number, ds: number): boolean => fs <= f0 + epsF && ds >= c2 * dphi0 && ds <= -0.8 * dphi0;
  let evaluations = 0;
  if (!(dphi0 < 0)) return { ok: false, step: 0, f: f0, evaluations };
  let lastStep = NaN; // step at which xOut/gOut were last evaluated
  const phi = (s: number): number => {
    for (let i = 0; i < n; i++) xOut[i] = x[i] + s * d[i];
    evaluations++;
    lastStep = s;
    return fg(xOut, gOut);
  };
  const finish = (s: number, fs: number): LineSearchResult => {
    if (lastStep !== s) fs = phi(s);
    return { ok: true, step: s, f: fs, evaluations };
  };

  let aPrev = 0;
  let fPrev = f0;
  let dPrev = dphi0;
  let a = step0;
  let lo = NaN,
    flo = NaN,
    dlo = NaN,
    hi = NaN,
    fhi = NaN,
    dhi = NaN;
  let bracketed = false;
  while (evaluations < maxEvaluations) {
    const fa = phi(a);
    if (!Number.isFinite(fa)) {
      a = aPrev + 0.5 * (a - aPrev);
      if (a - aPrev < 1e-16 * Math.max(1, a)) break;
      continue;
    }
    const da = dot(gOut, d);
    if (approxOk(fa, da)) return { ok: true, step: a, f: fa, evaluations };
    if (fa > f0 + c1 * a * dphi0 || (aPrev > 0 && fa >= fPrev)) {
      lo = aPrev;
      flo = fPrev;
      dlo = dPrev;
      hi = a;
      fhi = fa;
      dhi = da;
      bracketed = true;
      break;
    }
    if (Math.abs(da) <= -c2 * dphi0) return { ok: true, step: a, f: fa, evaluations };
    if (da >= 0) {
      lo = a;
      flo = fa;
      dlo = da;
      hi = aPrev;
      fhi = fPrev;
      dhi = dPrev;
      bracketed = true;
      break;
    }
    aPrev = a;
    fPrev = fa;
    dPrev = da;
    a *= 2;
  }
  if (!bracketed) return aPrev > 0 ? finish(aPrev, fPrev) : { ok: false, step: 0, f: f0, evaluations };

  // zoom: invariant — lo satisfies Armijo and has the lowest f so far; (hi − lo)·dlo < 0
  while (evaluations < maxEvaluations && Math.abs(hi - lo) > 1e-14 * Math.max(1, Math.abs(lo))) {
    const aj = cubicStep(lo, flo, dlo, hi, fhi, dhi);
    const fj = phi(aj);
    const dj = Number.isFinite(fj) ? dot(gOut, d) : NaN;
    if (Number.isFinite(fj) && approxOk(fj, dj)) return { ok: true, step: aj, f: fj, evaluations };
    if (!Number.isFinite(fj) || fj > f0 + c1 * aj * dphi0 || fj >= flo) {
      hi = aj;
      fhi = Number.isFinite(fj) ? fj : Infinity;
      dhi = Number.isFinite(dj) ? dj : 0;
      if (!Number.isFinite(fj)) {
        fhi = flo + 1;
        dhi = 0;
      }
    } else {
      if (Math.abs(dj) <= -c2 * dphi0) return { ok: true, step: aj, f: fj, evaluations };
      if (dj * (hi - lo) >= 0) {
        hi = lo;
        fhi = flo;
        dhi = dlo;
      }
      lo = aj;
      flo = fj;
      dlo = dj;
    }
  }
  return lo > 0 ? finish(lo, flo) : { ok: false, step: 0, f: f0, evaluations };
}
