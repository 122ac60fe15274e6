/**
 * An open-addressing hash index over the itemsets of a CSR layout (ascending member ids), to find
 * an itemset's index from its members, including a subset given as "itemset s without some of its
 * members". Typed arrays only: one Int32Array of slots holding itemset indices.
 */
export interface ItemsetIndex {
  /** Index of the itemset whose members are `members[from .. to)` without the positions flagged in `skip` (bit t = skip member from + t); −1 when absent. */
  find(members: Int32Array, from: number, to: number, skip: number): number;
}

const mix = (h: number): number => {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
};

function hashOf(members: Int32Array, from: number, to: number, skip: number): number {
  let h = 0x811c9dc5;
  for (let k = from; k < to; k++) if (((skip >>> (k - from)) & 1) === 0) h = Math.imul(h ^ members[k]!, 0x01000193);
  return mix(h);
}

/**
 * Builds the index of itemsets `offsets`/`members` (itemsets of at most 31 members can be looked up
 * with a skip mask).
 * @example
 * const idx = buildItemsetIndex(Int32Array.of(0, 1, 3), Int32Array.of(4, 4, 7));
 * idx.find(Int32Array.of(4, 7), 0, 2, 0b10); // → 0 (the itemset {4})
 */
export function buildItemsetIndex(offsets: Int32Array, members: Int32Array): ItemsetIndex {
  const n = offsets.length - 1;
  let cap = 16;
  while (cap < 2 * n) cap *= 2;
  const mask = cap - 1;
  const slots = new Int32Array(cap).fill(-1);
  for (let s = 0; s < n; s++) {
    let h = hashOf(members, offsets[s]!, offsets[s + 1]!, 0) & mask;
    while (slots[h] !== -1) h = (h + 1) & mask;
    slots[h] = s;
  }
  const equal = (s: number, m: Int32Array, from: number, to: number, skip: number): boolean => {
    let k = offsets[s]!;
    const end = offsets[s + 1]!;
    for (let t = from; t < to; t++) {
      if (((skip >>> (t - from)) & 1) !== 0) continue;
      if (k >= end || members[k] !== m[t]) return false;
      k++;
    }
    return k === end;
  };
  return {
    find(m, from, to, skip) {
      let h = hashOf(m, from, to, skip) & mask;
      for (let s = slots[h]!; s !== -1; h = (h + 1) & mask, s = slots[h]!) if (equal(s, m, from, to, skip)) return s;
      return -1;
    },
  };
}
