import { basketCount, basketsByItem, itemCounts, type BasketSet } from './basket-set.js';

export interface NeighbourOptions {
  /** Neighbours kept per item, the most probable first (default 10). */
  maxNeighbours?: number;
  /** Fewest baskets holding both items for a pair to count (default 2). */
  minCount?: number;
  /** Weight m of the base rate in the m-estimate (default 10 baskets). */
  smoothing?: number;
}

/**
 * Item-to-item neighbours from co-occurrence, as CSR: item i's neighbours are `items[offsets[i] ..
 * offsets[i + 1])`, most probable first, with `probability` ≈ P(j in a basket | i in it) and the
 * raw `count` of baskets holding both.
 */
export interface ItemNeighbours {
  readonly offsets: Int32Array;
  readonly items: Int32Array;
  readonly probability: Float64Array;
  readonly count: Int32Array;
}

/**
 * Item-to-item similarity by conditional probability (Deshpande & Karypis 2004, "Item-based top-N
 * recommendation algorithms", ACM TOIS 22(1), §4.1.2: sim(i, j) = Freq(ij) / Freq(i)), smoothed
 * towards j's base rate with an m-estimate (Cestnik 1990): p(j | i) = (c_ij + m·s_j) / (c_i + m),
 * s_j = c_j / baskets, so that an item seen in two baskets does not claim 100%. Pairs seen in
 * fewer than `minCount` baskets are ignored. The fallback of next best offer when no rule fires.
 *
 * ## Method
 * For each item i, the baskets holding it (the transposed CSR) are scanned and their other items
 * counted in one dense scratch array (touched entries reset afterwards), then the `maxNeighbours`
 * most probable are kept (ties: lower item id). Cost Σ_baskets |basket|², memory O(items · maxNeighbours).
 * @throws RangeError when maxNeighbours < 1
 * @example
 * itemNeighbours(basketSetFromLists([['a', 'b'], ['a', 'b'], ['a']]), { smoothing: 0 }).probability; // a → b: 2/3, b → a: 1
 */
export function itemNeighbours(b: BasketSet, options: NeighbourOptions = {}): ItemNeighbours {
  const { maxNeighbours = 10, minCount = 2, smoothing = 10 } = options;
  if (!(Number.isInteger(maxNeighbours) && maxNeighbours >= 1))
    throw new RangeError(`itemNeighbours: maxNeighbours must be a whole number ≥ 1; got ${maxNeighbours}`);
  const m = b.items.length,
    n = Math.max(1, basketCount(b));
  const counts = itemCounts(b);
  const t = basketsByItem(b);
  const co = new Int32Array(m),
    touched = new Int32Array(m);
  const topJ = new Int32Array(maxNeighbours),
    topC = new Int32Array(maxNeighbours),
    topP = new Float64Array(maxNeighbours);
  const offsets = new Int32Array(m + 1);
  let items = new Int32Array(m * Math.min(maxNeighbours, 4) + 16),
    prob = new Float64Array(items.length),
    cnt = new Int32Array(items.length);
  let w = 0;
  for (let i = 0; i < m; i++) {
    let nt = 0;
    for (let q = t.offsets[i]!; q < t.offsets[i + 1]!; q++) {
      const s = t.baskets[q]!;
      for (let k = b.offsets[s]!; k < b.offsets[s + 1]!; k++) {
        const j = b.members[k]!;
        if (j === i) continue;
        if (co[j] === 0) touched[nt++] = j;
        co[j]!++;
      }
    }
    let kept = 0;
    const ci = counts[i]!;
    for (let q = 0; q < nt; q++) {
      const j = touched[q]!,
        c = co[j]!;
      co[j] = 0;
      if (c < minCount) continue;
      const p = (c + (smoothing * counts[j]!) / n) / (ci + smoothing);
      // insert into the top list (descending p, ties by lower id)
      if (kept === maxNeighbours && (p < topP[kept - 1]! || (p === topP[kept - 1]! && j > topJ[kept - 1]!))) continue;
      let pos = kept === maxNeighbours ? kept - 1 : kept++;
      while (pos > 0 && (topP[pos - 1]! < p || (topP[pos - 1] === p && topJ[pos - 1]! > j))) {
        topP[pos] = topP[pos - 1]!;
        topJ[pos] = topJ[pos - 1]!;
        topC[pos] = topC[pos - 1]!;
        pos--;
      }
      topP[pos] = p;
      topJ[pos] = j;
      topC[pos] = c;
    }
    if (w + kept > items.length) {
      const cap = Math.max(items.length * 2, w + kept);
      const a = new Int32Array(cap);
      a.set(items);
      items = a;
      const pr = new Float64Array(cap);
      pr.set(prob);
      prob = pr;
      const cc = new Int32Array(cap);
      cc.set(cnt);
      cnt = cc;
    }
    for (let q = 0; q < kept; q++) {
      items[w] = topJ[q]!;
      prob[w] = topP[q]!;
      cnt[w++] = topC[q]!;
    }
    offsets[i + 1] = w;
  }
  return { offsets, items: items.slice(0, w), probability: prob.slice(0, w), count: cnt.slice(0, w) };
}
