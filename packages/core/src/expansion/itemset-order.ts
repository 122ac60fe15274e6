import { tooManyItemsets, type FrequentItemsetOptions, type FrequentItemsets } from './fp-growth.js';

/**
 * The frequent itemsets found by counting (e.g. level by level on the shards, issue 16) laid out as
 * {@link frequentItemsets} lays out FP-growth's: the same itemsets in the same order with the same
 * counts, so rules mined from either are identical. `keep` are the frequent items (item ids
 * ascending); an itemset is named by its positions in `keep`, ascending, comma-separated, and
 * `count` gives its baskets (undefined when it is not frequent). Every frequent itemset of up to
 * `maxLength` items must be known to `count`.
 *
 * ## Method
 * FP-growth's output order depends only on the counts: items are ranked by descending count (ties by
 * id); the tree of a suffix S is mined from its last-ranked item up, emitting S ∪ {i}, then mining the
 * items ranked before i that are frequent together with S ∪ {i}, in rank order (at the last level
 * allowed they are emitted in rank order without a tree). The counts of those conditional items are
 * the counts of S ∪ {i, j}, so the same walk over the counted itemsets emits the same sequence.
 * @throws InputError `too_many_itemsets` past `maxItemsets`
 * @example
 * itemsetsInMiningOrder(['a', 'b'], 3, Int32Array.of(3, 2), options, 2, Int32Array.of(0, 1), (k) => ({ '0,1': 2 })[k]);
 */
export function itemsetsInMiningOrder(
  items: readonly string[],
  n: number,
  itemCounts: Int32Array,
  o: Required<FrequentItemsetOptions>,
  minCount: number,
  keep: Int32Array,
  count: (key: string) => number | undefined,
): FrequentItemsets {
  const ranked = Array.from(keep.keys()).sort((a, b) => itemCounts[keep[b]!]! - itemCounts[keep[a]!]! || a - b);
  const offsets: number[] = [0],
    members: number[] = [],
    counts: number[] = [];
  const keyOf = (s: readonly number[]): string => [...s].sort((a, b) => a - b).join(',');
  const emit = (s: readonly number[], c: number): void => {
    if (counts.length >= o.maxItemsets) throw tooManyItemsets(o, minCount, n);
    for (const p of [...s].sort((a, b) => a - b)) members.push(keep[p]!);
    offsets.push(members.length);
    counts.push(c);
  };
  const countOf = (s: readonly number[]): number => (s.length === 1 ? itemCounts[keep[s[0]!]!]! : (count(keyOf(s)) ?? 0));
  const mine = (suffix: readonly number[], local: readonly number[], level: number): void => {
    for (let i = local.length - 1; i >= 0; i--) {
      const s = [...suffix, local[i]!];
      emit(s, countOf(s));
      if (level + 1 >= o.maxLength || i === 0) continue;
      const next = local.slice(0, i).filter((j) => countOf([...s, j]) >= minCount);
      if (next.length === 0) continue;
      if (level + 2 >= o.maxLength) for (const j of next) emit([...s, j], countOf([...s, j]));
      else mine(s, next, level + 1);
    }
  };
  mine([], ranked, 0);
  return {
    items,
    basketCount: n,
    minCount,
    minSupport: o.minSupport,
    maxLength: o.maxLength,
    offsets: Int32Array.from(offsets),
    members: Int32Array.from(members),
    counts: Int32Array.from(counts),
    itemCounts,
  };
}
