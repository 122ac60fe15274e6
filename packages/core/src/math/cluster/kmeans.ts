import type { Rng } from '../random/rng.js';

export interface KMeansResult {
  /** k × d centroids, row-major. */
  centroids: Float64Array;
  assignment: Int32Array;
  /** Sum of squared distances to the assigned centroid. */
  inertia: number;
  iterations: number;
}

/**
 * k-means with k-means++ seeding (Arthur & Vassilvitskii 2007, "k-means++: the advantages of careful
 * seeding") and Lloyd iterations, on n points of dimension d stored row-major.
 *
 * ## Method
 * Seeding: the first centre is a uniform draw; each next centre is drawn with probability
 * proportional to the squared distance to the nearest centre so far (duplicates of a centre have
 * weight 0). Lloyd: assign every point to its nearest centre (lowest index on ties), move each centre
 * to its members' mean (an emptied centre stays where it was), stop when no assignment changes or
 * after `maxIter`. Deterministic for the same data, k and random stream. With fewer distinct points
 * than k the extra centres duplicate existing ones and stay empty.
 *
 * @param init - optional starting centroids (k × d) instead of k-means++
 * @example
 * kmeans(Float64Array.of(0, 1, 10, 11), 4, 1, 2, createRng(1)).assignment; // → [0, 0, 1, 1] or [1, 1, 0, 0]
 */
export function kmeans(x: Float64Array, n: number, d: number, k: number, rng: Rng, maxIter = 50, init?: Float64Array): KMeansResult {
  const c = init ? Float64Array.from(init) : seedPlusPlus(x, n, d, k, rng);
  const assignment = new Int32Array(n).fill(-1);
  const sums = new Float64Array(k * d),
    counts = new Float64Array(k);
  let iterations = 0,
    inertia = 0;
  for (; iterations < maxIter; iterations++) {
    let changed = 0;
    inertia = 0;
    for (let i = 0, off = 0; i < n; i++, off += d) {
      let best = 0,
        bestD = Infinity;
      for (let j = 0, co = 0; j < k; j++, co += d) {
        // partial distance: stop once it cannot beat the best (same decision as the full sum)
        let s = 0;
        for (let t = 0; t < d && s < bestD; t++) {
          const z = x[off + t]! - c[co + t]!;
          s += z * z;
        }
        if (s < bestD) {
          bestD = s;
          best = j;
        }
      }
      inertia += bestD;
      if (assignment[i] !== best) {
        assignment[i] = best;
        changed++;
      }
    }
    if (changed === 0) break;
    sums.fill(0);
    counts.fill(0);
    for (let i = 0, off = 0; i < n; i++, off += d) {
      const co = assignment[i]! * d;
      counts[assignment[i]!]!++;
      for (let t = 0; t < d; t++) sums[co + t]! += x[off + t]!;
    }
    for (let j = 0; j < k; j++) if (counts[j]! > 0) for (let t = 0; t < d; t++) c[j * d + t] = sums[j * d + t]! / counts[j]!;
  }
  return { centroids: c, assignment, inertia, iterations };
}

function seedPlusPlus(x: Float64Array, n: number, d: number, k: number, rng: Rng): Float64Array {
  const c = new Float64Array(k * d);
  if (n === 0) return c;
  const nearest = new Float64Array(n).fill(Infinity);
  let pick = Math.min(n - 1, Math.floor(rng() * n));
  for (let j = 0; j < k; j++) {
    for (let t = 0; t < d; t++) c[j * d + t] = x[pick * d + t]!;
    let total = 0;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let t = 0; t < d; t++) {
        const z = x[i * d + t]! - c[j * d + t]!;
        s += z * z;
      }
      if (s < nearest[i]!) nearest[i] = s;
      total += nearest[i]!;
    }
    if (j === k - 1) break;
    if (total === 0) continue; // every point sits on a centre: keep duplicating the last one
    let u = rng() * total;
    pick = n - 1;
    for (let i = 0; i < n; i++) {
      u -= nearest[i]!;
      if (u <= 0 && nearest[i]! > 0) {
        pick = i;
        break;
      }
    }
  }
  return c;
}
