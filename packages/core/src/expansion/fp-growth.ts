import { InputError } from '../errors.js';
import { basketCount, itemCounts, type BasketSet } from './basket-set.js';
import { createFpArena } from './fp-tree.js';
import { ensureInt32, sortRun } from './growable.js';

export interface FrequentItemsetOptions {
  /** Minimum support, a share of baskets in (0, 1]: an itemset is frequent when count ≥ minSupport × baskets. */
  minSupport: number;
  /** Largest itemset mined (default 10, as arules' `maxlen`). */
  maxLength?: number;
  /**
   * Stop with an error past this many frequent itemsets (default 5,000,000, about 150 MB of
   * output); the message says which threshold to raise.
   */
  maxItemsets?: number;
  /** Stop with an error past this many FP-tree nodes held at once (default 60,000,000, about 1 GB). */
  maxNodes?: number;
}

/**
 * Frequent itemsets in CSR layout: itemset s holds the item ids `members[offsets[s] .. offsets[s + 1])`
 * (ascending) and occurs in `counts[s]` baskets. Every frequent itemset of length 1..maxLength
 * appears once; their order is the mining order (use the counts or a sort for display).
 */
export interface FrequentItemsets {
  readonly items: readonly string[];
  readonly basketCount: number;
  /** Smallest count that is frequent: ⌈minSupport × baskets⌉ (with a 1e-12 relative allowance for float noise). */
  readonly minCount: number;
  readonly minSupport: number;
  readonly maxLength: number;
  readonly offsets: Int32Array;
  readonly members: Int32Array;
  readonly counts: Int32Array;
  /** Baskets holding each item, frequent or not (the base rates behind lift). */
  readonly itemCounts: Int32Array;
}

/** The smallest basket count meeting a support share (float noise such as 0.006 × 9835 = 59.01 handled). */
export function minCountFor(minSupport: number, baskets: number): number {
  return Math.max(1, Math.ceil(minSupport * baskets * (1 - 1e-12)));
}

/** The error past `maxItemsets` frequent itemsets, naming the threshold to raise. */
export function tooManyItemsets(o: Required<FrequentItemsetOptions>, minCount: number, n: number): InputError {
  return new InputError(
    'too_many_itemsets',
    `More than ${o.maxItemsets.toLocaleString('en-US')} frequent itemsets at minimum support ${o.minSupport} (${minCount.toLocaleString('en-US')} of ${n.toLocaleString('en-US')} baskets) and maximum length ${o.maxLength}: raise the minimum support (or lower the maximum itemset length); the limit on itemsets can also be raised`,
    { minSupport: o.minSupport, minCount, maxLength: o.maxLength, maxItemsets: o.maxItemsets, threshold: 'minSupport' },
  );
}

/** The options of {@link frequentItemsets} with their defaults, checked. @throws InputError as {@link frequentItemsets} */
export function checkItemsetOptions(o: FrequentItemsetOptions): Required<FrequentItemsetOptions> {
  const { minSupport, maxLength = 10, maxItemsets = 5_000_000, maxNodes = 60_000_000 } = o;
  if (!(minSupport > 0 && minSupport <= 1))
    throw new InputError(
      'bad_min_support',
      `The minimum support must be a share of baskets in (0, 1], e.g. 0.01 for 1%; got ${minSupport}`,
      { minSupport },
    );
  if (!(Number.isInteger(maxLength) && maxLength >= 1))
    throw new InputError('bad_max_length', `The maximum itemset length must be a whole number ≥ 1; got ${maxLength}`, { maxLength });
  if (!(maxItemsets >= 1)) throw new InputError('bad_max_itemsets', `The itemset limit must be ≥ 1; got ${maxItemsets}`, { maxItemsets });
  return { minSupport, maxLength, maxItemsets, maxNodes };
}

/**
 * Frequent itemsets by FP-growth (Han, Pei & Yin 2000, "Mining frequent patterns without candidate
 * generation", SIGMOD; Algorithm 2), our own implementation on typed arrays.
 *
 * ## Method
 * One pass counts the items; the frequent ones are ranked by descending count (ties by item id).
 * Each basket's frequent items, in rank order, are inserted into the FP-tree (shared prefixes share
 * nodes; each node carries a count and a link to the next node of its item). Mining takes the items
 * from the least frequent: the itemset suffix ∪ {item} is emitted with the item's count in the tree;
 * the item's prefix paths (its conditional pattern base, each path weighted by the node's count)
 * are counted, their frequent items kept in the same order, and built into a conditional FP-tree
 * mined recursively. Trees live on one stack of node arrays (a conditional tree is dropped when
 * mined), so memory is the main tree plus one conditional tree per level. Identical results to
 * Apriori (Agrawal & Srikant 1994) by construction; the test checks them against a brute-force count.
 *
 * @throws InputError `bad_min_support`, `bad_max_length`, `bad_max_itemsets`; `too_many_itemsets`
 *   or `fp_tree_too_large` (naming the threshold to raise) when the limits are passed.
 * @example
 * const r = frequentItemsets(basketSetFromLists([['a', 'b'], ['a', 'b'], ['a']]), { minSupport: 0.5 });
 * r.counts; // → counts of {a} = 3, {b} = 2, {a, b} = 2 (in mining order)
 */
export function frequentItemsets(baskets: BasketSet, options: FrequentItemsetOptions): FrequentItemsets {
  const o = checkItemsetOptions(options);
  const n = basketCount(baskets);
  const minCount = minCountFor(o.minSupport, n);
  const counts = itemCounts(baskets);
  // frequent items by descending count, ties by id: rank r ↔ item itemOfRank[r]
  const frequent: number[] = [];
  for (let i = 0; i < counts.length; i++) if (counts[i]! >= minCount) frequent.push(i);
  frequent.sort((a, b) => counts[b]! - counts[a]! || a - b);
  const f = frequent.length;
  const itemOfRank = Int32Array.from(frequent);
  const rankOf = new Int32Array(counts.length).fill(-1);
  for (let r = 0; r < f; r++) rankOf[itemOfRank[r]!] = r;

  let outOffsets = new Int32Array(1024),
    outMembers = new Int32Array(4096),
    outCounts = new Int32Array(1024);
  let sets = 0,
    used = 0;
  const tooMany = (): never => {
    throw tooManyItemsets(o, minCount, n);
  };
  const emit = (suffix: Int32Array, len: number, count: number): void => {
    if (sets >= o.maxItemsets) tooMany();
    outOffsets = ensureInt32(outOffsets, sets + 2);
    outMembers = ensureInt32(outMembers, used + len);
    outCounts = ensureInt32(outCounts, sets + 1);
    for (let t = 0; t < len; t++) outMembers[used + t] = itemOfRank[suffix[t]!]!;
    sortRun(outMembers, used, used + len);
    used += len;
    outCounts[sets++] = count;
    outOffsets[sets] = used;
  };

  const arena = createFpArena(f, o.maxNodes, (nodes) => {
    throw new InputError(
      'fp_tree_too_large',
      `The FP-tree needs more than ${o.maxNodes.toLocaleString('en-US')} nodes (${nodes.toLocaleString('en-US')} reached) at minimum support ${o.minSupport}: raise the minimum support (fewer frequent items per basket) or lower the maximum itemset length`,
      { minSupport: o.minSupport, maxNodes: o.maxNodes, threshold: 'minSupport' },
    );
  });
  if (f > 0) {
    const main = arena.beginTree(
      Int32Array.from({ length: f }, (_, r) => r),
      Int32Array.from({ length: f }, (_, r) => counts[itemOfRank[r]!]!),
    );
    const path = new Int32Array(f);
    for (let b = 0; b < n; b++) {
      let len = 0;
      for (let k = baskets.offsets[b]!; k < baskets.offsets[b + 1]!; k++) {
        const r = rankOf[baskets.members[k]!]!;
        if (r >= 0) path[len++] = r;
      }
      sortRun(path, 0, len);
      arena.insert(main, path, len, 1, false);
    }
    arena.mine(main, o.maxLength, minCount, emit);
  }
  return {
    items: baskets.items,
    basketCount: n,
    minCount,
    minSupport: o.minSupport,
    maxLength: o.maxLength,
    offsets: outOffsets.slice(0, sets + 1),
    members: outMembers.slice(0, used),
    counts: outCounts.slice(0, sets),
    itemCounts: counts,
  };
}
