/**
 * The straightforward baseline of the FP-growth benchmark: count every item and every pair of
 * items of every basket in JS Maps keyed by item id and by i·m + j, then keep those meeting the
 * minimum count. It finds the frequent itemsets of length ≤ 2 only, which is what FP-growth with
 * maxLength 2 returns, so the two are checked to agree count by count.
 */
import type { BasketSet } from '../src/expansion/basket-set.js';

export interface NaivePairs {
  items: Map<number, number>;
  pairs: Map<number, number>;
}

export function naivePairCounts(b: BasketSet, minCount: number): NaivePairs {
  const m = b.items.length;
  const single = new Map<number, number>(),
    pair = new Map<number, number>();
  for (let s = 0; s + 1 < b.offsets.length; s++) {
    const from = b.offsets[s]!,
      to = b.offsets[s + 1]!;
    for (let x = from; x < to; x++) {
      const i = b.members[x]!;
      single.set(i, (single.get(i) ?? 0) + 1);
      for (let y = x + 1; y < to; y++) {
        const key = i * m + b.members[y]!;
        pair.set(key, (pair.get(key) ?? 0) + 1);
      }
    }
  }
  const items = new Map<number, number>(),
    pairs = new Map<number, number>();
  for (const [k, c] of single) if (c >= minCount) items.set(k, c);
  for (const [k, c] of pair) if (c >= minCount) pairs.set(k, c);
  return { items, pairs };
}
