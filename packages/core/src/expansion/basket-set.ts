/**
 * Baskets as a compressed sparse row (CSR) layout: basket b holds the item ids
 * `members[offsets[b] .. offsets[b + 1])`, ascending and distinct. Items are numbered 0..m−1 and
 * named by `items`. No per-basket or per-item objects, so a million baskets cost a few typed arrays.
 */
export interface BasketSet {
  /** Item labels; the item id is the index. */
  readonly items: readonly string[];
  /** Length baskets + 1; `offsets[0] = 0`. */
  readonly offsets: Int32Array;
  /** Item ids of every basket, ascending and distinct within a basket. */
  readonly members: Int32Array;
}

/** Number of baskets of a {@link BasketSet}. */
export const basketCount = (b: BasketSet): number => b.offsets.length - 1;

/**
 * Number of baskets holding each item (its support count).
 * @example
 * itemCounts(basketSetFromLists([['a', 'b'], ['a']])); // → Int32Array [2, 1]
 */
export function itemCounts(b: BasketSet): Int32Array {
  const counts = new Int32Array(b.items.length);
  for (let k = 0; k < b.members.length; k++) counts[b.members[k]!]!++;
  return counts;
}

/**
 * Sorts each basket's slice ascending and drops repeated items, in place on a copy; returns the
 * compacted layout. Used by every builder so that the invariant holds everywhere.
 */
export function normaliseBaskets(items: readonly string[], offsets: Int32Array, members: Int32Array): BasketSet {
  const outOffsets = new Int32Array(offsets.length);
  const out = new Int32Array(members.length);
  let w = 0;
  for (let b = 0; b + 1 < offsets.length; b++) {
    const start = w;
    if (offsets[b + 1]! - offsets[b]! > 48) {
      // a long basket: sort a copy natively, then drop repeats
      const run = members.slice(offsets[b]!, offsets[b + 1]!).sort();
      for (let k = 0; k < run.length; k++) if (k === 0 || run[k] !== run[k - 1]) out[w++] = run[k]!;
      outOffsets[b + 1] = w;
      continue;
    }
    for (let k = offsets[b]!; k < offsets[b + 1]!; k++) {
      // insertion into the sorted run out[start .. w), skipping a value already there
      const v = members[k]!;
      let j = w - 1;
      while (j >= start && out[j]! > v) j--;
      if (j >= start && out[j] === v) continue;
      for (let t = w; t > j + 1; t--) out[t] = out[t - 1]!;
      out[j + 1] = v;
      w++;
    }
    outOffsets[b + 1] = w;
  }
  return { items, offsets: outOffsets, members: w === out.length ? out : out.slice(0, w) };
}

/**
 * Builds a {@link BasketSet} from lists of item labels. Labels are trimmed; empty labels and
 * repeats within a basket are dropped (membership only); item ids follow the labels' sorted order,
 * so the same baskets always give the same ids.
 * @example
 * const b = basketSetFromLists([['milk', 'bread'], ['milk', 'milk ']]);
 * b.items; // → ['bread', 'milk']
 * [...b.members]; // → [0, 1, 1]
 */
export function basketSetFromLists(lists: readonly (readonly string[])[]): BasketSet {
  const labels = new Set<string>();
  for (const l of lists)
    for (const x of l) {
      const t = x.trim();
      if (t !== '') labels.add(t);
    }
  const items = [...labels].sort();
  const id = new Map<string, number>();
  items.forEach((s, i) => id.set(s, i));
  let total = 0;
  for (const l of lists) total += l.length;
  const offsets = new Int32Array(lists.length + 1);
  const members = new Int32Array(total);
  let w = 0;
  lists.forEach((l, b) => {
    for (const x of l) {
      const i = id.get(x.trim());
      if (i !== undefined) members[w++] = i;
    }
    offsets[b + 1] = w;
  });
  return normaliseBaskets(items, offsets, members.subarray(0, w));
}

/**
 * The transpose of a basket set: for each item, the baskets holding it (ascending), as CSR.
 * @example
 * basketsByItem(basketSetFromLists([['a', 'b'], ['a']])).baskets; // → Int32Array [0, 1, 0]  (a: 0, 1; b: 0)
 */
export function basketsByItem(b: BasketSet): { offsets: Int32Array; baskets: Int32Array } {
  const m = b.items.length;
  const offsets = new Int32Array(m + 1);
  for (let k = 0; k < b.members.length; k++) offsets[b.members[k]! + 1]!++;
  for (let i = 0; i < m; i++) offsets[i + 1]! += offsets[i]!;
  const fill = offsets.slice(0, m);
  const baskets = new Int32Array(b.members.length);
  for (let s = 0; s + 1 < b.offsets.length; s++)
    for (let k = b.offsets[s]!; k < b.offsets[s + 1]!; k++) baskets[fill[b.members[k]!]!++] = s;
  return { offsets, baskets };
}
