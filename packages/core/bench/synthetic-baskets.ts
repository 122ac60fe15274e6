/**
 * Seeded synthetic baskets for the expansion benchmarks (our own code): `products` items with a
 * Zipf(1) popularity, grouped into bundles of `bundleSize` with their own Zipf(1) popularity.
 * Each basket holds 1 + Poisson(3) items drawn from overall popularity plus, with probability
 * 0.6, a bundle (drawn by bundle popularity) of which each item is taken with probability 0.5, so
 * that the top bundles give frequent itemsets of up to 6 items (at 1M baskets over 10k products and
 * support 0.001: ~7,000 itemsets). Mean basket ≈ 6.9 items. Same parameters and seed → the same baskets.
 */
import { createRng } from '../src/math/random/rng.js';
import { samplePoisson } from '../src/math/random/sample-poisson.js';
import { normaliseBaskets, type BasketSet } from '../src/expansion/basket-set.js';

/** Draws from a Zipf(1) law over n ranks by inverse CDF on a cumulative table (binary search). */
function zipfSampler(n: number, u: () => number, permute = 0): () => number {
  const cum = new Float64Array(n);
  let z = 0;
  for (let i = 0; i < n; i++) {
    z += 1 / (i + 1);
    cum[i] = z;
  }
  return () => {
    const x = u() * z;
    let lo = 0,
      hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cum[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return permute ? (lo * permute) % n : lo;
  };
}

export interface SyntheticBasketOptions {
  baskets: number;
  products: number;
  bundleSize?: number;
  seed?: number;
}

/** The baskets as a {@link BasketSet} (item labels `P0` … `P{products−1}`). */
export function syntheticBaskets(o: SyntheticBasketOptions): BasketSet {
  const { baskets, products, bundleSize = 10, seed = 1 } = o;
  const rng = createRng(seed);
  // popularity order is scrambled against bundle membership by a multiplier coprime with products
  const popular = zipfSampler(products, rng, 7919);
  const bundles = Math.floor(products / bundleSize);
  const bundle = zipfSampler(bundles, rng);
  const offsets = new Int32Array(baskets + 1);
  let members = new Int32Array(Math.ceil(baskets * 8));
  let w = 0;
  for (let b = 0; b < baskets; b++) {
    const k = 1 + samplePoisson(rng, 3);
    const withBundle = rng() < 0.6;
    if (w + k + bundleSize > members.length) {
      const a = new Int32Array(members.length * 2);
      a.set(members);
      members = a;
    }
    for (let t = 0; t < k; t++) members[w++] = popular();
    if (withBundle) {
      const base = bundle() * bundleSize;
      for (let t = 0; t < bundleSize; t++) if (rng() < 0.5) members[w++] = base + t;
    }
    offsets[b + 1] = w;
  }
  const items = Array.from({ length: products }, (_, i) => `P${i}`);
  return normaliseBaskets(items, offsets, members.subarray(0, w));
}
