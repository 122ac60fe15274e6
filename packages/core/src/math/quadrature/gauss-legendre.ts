/** Gauss–Legendre nodes and weights on [−1, 1]. */
export interface GaussLegendre {
  x: Float64Array;
  w: Float64Array;
}

const cache = new Map<number, GaussLegendre>();

/**
 * n-point Gauss–Legendre rule on [−1, 1] (exact for polynomials of degree 2n − 1; Abramowitz &
 * Stegun 25.4.29). Nodes are the roots of Pₙ found by Newton's method from Tricomi's initial guesses
 * cos(π(i − ¼)/(n + ½)), weights 2/((1 − x²)Pₙ'(x)²). Cached per n. Never throws.
 *
 * @param n - number of nodes, ≥ 1
 * @returns nodes (descending) and weights
 * @example
 * const g = gaussLegendre(2); // g.x ≈ [0.57735, −0.57735], g.w = [1, 1]
 */
export function gaussLegendre(n: number): GaussLegendre {
  const hit = cache.get(n);
  if (hit) return hit;
  const x = new Float64Array(n),
    w = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let z = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    let dp = 0;
    for (let it = 0; it < 100; it++) {
      let p0 = 1,
        p1 = z;
      for (let k = 2; k <= n; k++) {
        const p2 = ((2 * k - 1) * z * p1 - (k - 1) * p0) / k;
        p0 = p1;
        p1 = p2;
      }
      if (n === 1) {
        p1 = z;
        p0 = 1;
      }
      dp = (n * (z * p1 - p0)) / (z * z - 1);
      const dz = p1 / dp;
      z -= dz;
      if (Math.abs(dz) < 1e-16) break;
    }
    x[i] = z;
    w[i] = 2 / ((1 - z * z) * dp * dp);
  }
  const g = { x, w };
  cache.set(n, g);
  return g;
}
