/**
 * Mean silhouette width (Rousseeuw 1987, "Silhouettes: a graphical aid to the interpretation and
 * validation of cluster analysis", J. Comput. Appl. Math. 20): s(i) = (b − a) / max(a, b) with a the
 * mean distance to the point's own cluster and b the smallest mean distance to another cluster;
 * s(i) = 0 for a point alone in its cluster. Euclidean distance, O(n² d): pass a sample at scale.
 * Returns NaN when fewer than two clusters are occupied.
 * @example
 * silhouette(Float64Array.of(0, 1, 10, 11), 4, 1, Int32Array.of(0, 0, 1, 1), 2); // → ≈ 0.9
 */
export function silhouette(x: Float64Array, n: number, d: number, assignment: Int32Array, k: number): number {
  return silhouetteOfDistances(pairwiseDistances(x, n, d), n, assignment, k);
}

/**
 * The n × n Euclidean distance matrix of n points of dimension d (row-major), for scoring several
 * clusterings of the same points with {@link silhouetteOfDistances} (O(n² d) once, then O(n²) each).
 * Symmetric bit for bit: (a − b)² = (b − a)² in floating point.
 */
export function pairwiseDistances(x: Float64Array, n: number, d: number): Float64Array {
  const dist = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let m = i + 1; m < n; m++) {
      let s = 0;
      for (let t = 0; t < d; t++) {
        const z = x[i * d + t]! - x[m * d + t]!;
        s += z * z;
      }
      dist[i * n + m] = dist[m * n + i] = Math.sqrt(s);
    }
  }
  return dist;
}

/** {@link silhouette} from a precomputed distance matrix ({@link pairwiseDistances}); same result. */
export function silhouetteOfDistances(dist: Float64Array, n: number, assignment: Int32Array, k: number): number {
  const size = new Float64Array(k);
  for (let i = 0; i < n; i++) size[assignment[i]!]!++;
  let occupied = 0;
  for (let j = 0; j < k; j++) if (size[j]! > 0) occupied++;
  if (occupied < 2) return Number.NaN;
  const sum = new Float64Array(k);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const own = assignment[i]!;
    if (size[own]! <= 1) continue; // s(i) = 0
    sum.fill(0);
    const row = i * n;
    for (let m = 0; m < n; m++) if (m !== i) sum[assignment[m]!]! += dist[row + m]!;
    const a = sum[own]! / (size[own]! - 1);
    let b = Infinity;
    for (let j = 0; j < k; j++) if (j !== own && size[j]! > 0) b = Math.min(b, sum[j]! / size[j]!);
    const mx = Math.max(a, b);
    total += mx > 0 ? (b - a) / mx : 0;
  }
  return total / n;
}
