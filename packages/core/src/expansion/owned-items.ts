import { sortRunWith } from './growable.js';

/**
 * What each customer has bought, as CSR: customer c owns the items `items[offsets[c] .. offsets[c + 1])`
 * (ascending), the last of them bought on `lastDay` (days since 1970-01-01).
 */
export interface OwnedItems {
  readonly offsets: Int32Array;
  readonly items: Int32Array;
  readonly lastDay: Int32Array;
}

/**
 * The items each customer bought in a set of baskets, with the last day of each.
 * @param nCustomers - number of customers (`customer[b]` < nCustomers)
 * @param customer - basket → customer; baskets of a customer need not be contiguous
 * @param day - basket → day (days since 1970-01-01)
 * @example
 * ownedItems({ items: ['a', 'b'], offsets: Int32Array.of(0, 2, 3), members: Int32Array.of(0, 1, 0) }, 1, Int32Array.of(0, 0), Int32Array.of(10, 12));
 * // → { offsets: [0, 2], items: [0, 1], lastDay: [12, 10] }
 */
export function ownedItems(
  b: { items: readonly string[]; offsets: Int32Array; members: Int32Array },
  nCustomers: number,
  customer: Int32Array,
  day: Int32Array,
): OwnedItems {
  const nb = b.offsets.length - 1;
  // group basket indices by customer (counting sort, stable)
  const cOff = new Int32Array(nCustomers + 1);
  for (let s = 0; s < nb; s++) cOff[customer[s]! + 1]!++;
  for (let c = 0; c < nCustomers; c++) cOff[c + 1]! += cOff[c]!;
  const order = new Int32Array(nb);
  const fill = cOff.slice(0, nCustomers);
  for (let s = 0; s < nb; s++) order[fill[customer[s]!]!++] = s;
  const mark = new Int32Array(b.items.length).fill(-1);
  const at = new Int32Array(b.items.length);
  const offsets = new Int32Array(nCustomers + 1);
  let items = new Int32Array(b.members.length),
    last = new Int32Array(b.members.length);
  let w = 0;
  for (let c = 0; c < nCustomers; c++) {
    const start = w;
    for (let q = cOff[c]!; q < cOff[c + 1]!; q++) {
      const s = order[q]!,
        d = day[s]!;
      for (let k = b.offsets[s]!; k < b.offsets[s + 1]!; k++) {
        const i = b.members[k]!;
        if (mark[i] !== c) {
          mark[i] = c;
          at[i] = w;
          items[w] = i;
          last[w++] = d;
        } else if (d > last[at[i]!]!) last[at[i]!] = d;
      }
    }
    sortRunWith(items, last, start, w);
    offsets[c + 1] = w;
  }
  items = items.slice(0, w);
  last = last.slice(0, w);
  return { offsets, items, lastDay: last };
}
