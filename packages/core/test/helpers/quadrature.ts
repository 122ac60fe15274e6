/**
 * Test-only numerical integration, independent of the library's code paths: composite Gauss–Legendre
 * (10 points per panel) over [lo, hi].
 */
const X10 = [0.1488743389816312, 0.4333953941292472, 0.6794095682990244, 0.8650633666889845, 0.9739065285171717];
const W10 = [0.2955242247147529, 0.2692667193099963, 0.219086362515982, 0.1494513491505806, 0.0666713443086881];

export function integrate(f: (x: number) => number, lo: number, hi: number, panels = 2000): number {
  const h = (hi - lo) / panels;
  let s = 0;
  for (let p = 0; p < panels; p++) {
    const m = lo + (p + 0.5) * h;
    for (let k = 0; k < 5; k++) {
      const dx = 0.5 * h * X10[k];
      s += W10[k] * (f(m - dx) + f(m + dx));
    }
  }
  return 0.5 * h * s;
}

/**
 * E[g(p)] for p ~ Beta(a, b), by the substitution p = u^(1/a) (removes the p^(a−1) singularity at 0)
 * on [0, 1/2] and 1 − p = v^(1/b) on [1/2, 1]. lnB = ln B(a, b) computed by the caller.
 */
export function betaExpectation(g: (p: number) => number, a: number, b: number, lnB: number, panels = 2000): number {
  const left = integrate(
    (u) => {
      const p = Math.pow(u, 1 / a);
      return (Math.pow(1 - p, b - 1) * g(p)) / a;
    },
    0,
    Math.pow(0.5, a),
    panels,
  );
  const right = integrate(
    (v) => {
      const q = Math.pow(v, 1 / b);
      return (Math.pow(1 - q, a - 1) * g(1 - q)) / b;
    },
    0,
    Math.pow(0.5, b),
    panels,
  );
  return (left + right) / Math.exp(lnB);
}
