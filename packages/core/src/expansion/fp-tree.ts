import { ensureInt32 } from './growable.js';

/**
 * The FP-tree store behind {@link frequentItemsets}: every tree (the main one and the conditional
 * trees of the recursion) lives on one stack of typed arrays, so a conditional tree costs no
 * allocation and is dropped by moving the stack top back.
 *
 * - Nodes: `item` (the tree's local item index), `count`, `parent` and `link` (next node of the same
 *   item in the same tree, the "node-link" of Han et al. 2000), four Int32Arrays.
 * - Per tree, in an item stack: for each local item (ascending global rank, i.e. descending global
 *   frequency) its global rank, its count in the tree and the head of its node-link list.
 * - Children are found through one open-addressing hash table keyed by (parent node, item); entries
 *   carry the id of the tree build that wrote them, so no table is ever cleared.
 */
export interface FpArena {
  /** Starts a tree at the next stack level with local items `ranks` and their `counts`; returns its level. */
  beginTree(ranks: Int32Array, counts: Int32Array): number;
  /** Adds a path of local items (ascending; read backwards when `reversed`) with a weight to the tree at `level`. */
  insert(level: number, path: Int32Array, len: number, count: number, reversed: boolean): void;
  /** Mines the tree at `level` (see FP-growth), calling `emit` with the suffix (global ranks) and its count. */
  mine(level: number, maxLength: number, minCount: number, emit: (suffix: Int32Array, len: number, count: number) => void): void;
}

/** An {@link FpArena} for `f` frequent items; `tooLarge(nodes)` is called (and must throw) past `maxNodes`. */
export function createFpArena(f: number, maxNodes: number, tooLarge: (nodes: number) => never): FpArena {
  let item = new Int32Array(1 << 12),
    count = new Int32Array(1 << 12),
    parent = new Int32Array(1 << 12),
    link = new Int32Array(1 << 12);
  let top = 0;
  let ia = new Int32Array(Math.max(16, 3 * f));
  let iaTop = 0;
  // per level: root node, item-stack offset, number of local items
  let tRoot = new Int32Array(16),
    tOff = new Int32Array(16),
    tM = new Int32Array(16);
  let levels = 0;
  // child hash
  let hMask = (1 << 12) - 1;
  let hParent = new Int32Array(hMask + 1),
    hItem = new Int32Array(hMask + 1),
    hNode = new Int32Array(hMask + 1),
    hStamp = new Int32Array(hMask + 1);
  let hUsed = 0,
    stamp = 0;
  // scratch for conditional pattern bases
  const condCount = new Int32Array(f),
    remap = new Int32Array(f),
    path = new Int32Array(f),
    suffix = new Int32Array(Math.max(1, f));

  const newNode = (it: number, p: number): number => {
    if (top >= maxNodes) tooLarge(top + 1);
    if (top + 1 > item.length) {
      const need = Math.min(item.length * 2, maxNodes);
      item = ensureInt32(item, need);
      count = ensureInt32(count, need);
      parent = ensureInt32(parent, need);
      link = ensureInt32(link, need);
    }
    item[top] = it;
    count[top] = 0;
    parent[top] = p;
    link[top] = -1;
    return top++;
  };
  const slot = (p: number, it: number): number => (Math.imul(p ^ Math.imul(it, 0x27d4eb2d), 0x9e3779b1) >>> 7) & hMask;
  const rehash = (): void => {
    const oP = hParent,
      oI = hItem,
      oN = hNode,
      oS = hStamp;
    hMask = hMask * 2 + 1;
    hParent = new Int32Array(hMask + 1);
    hItem = new Int32Array(hMask + 1);
    hNode = new Int32Array(hMask + 1);
    hStamp = new Int32Array(hMask + 1);
    for (let s = 0; s < oS.length; s++) {
      if (oS[s] !== stamp) continue;
      let h = slot(oP[s]!, oI[s]!);
      while (hStamp[h] === stamp) h = (h + 1) & hMask;
      hParent[h] = oP[s]!;
      hItem[h] = oI[s]!;
      hNode[h] = oN[s]!;
      hStamp[h] = stamp;
    }
  };
  const child = (level: number, p: number, it: number): number => {
    let h = slot(p, it);
    while (hStamp[h] === stamp) {
      if (hParent[h] === p && hItem[h] === it) return hNode[h]!;
      h = (h + 1) & hMask;
    }
    const c = newNode(it, p);
    const heads = tOff[level]! + 2 * tM[level]!;
    link[c] = ia[heads + it]!;
    ia[heads + it] = c;
    hParent[h] = p;
    hItem[h] = it;
    hNode[h] = c;
    hStamp[h] = stamp;
    if (++hUsed * 2 > hMask) rehash();
    return c;
  };

  const beginTree = (ranks: Int32Array, counts: Int32Array): number => {
    const m = ranks.length;
    if (levels + 1 > tRoot.length) {
      tRoot = ensureInt32(tRoot, levels + 1);
      tOff = ensureInt32(tOff, levels + 1);
      tM = ensureInt32(tM, levels + 1);
    }
    ia = ensureInt32(ia, iaTop + 3 * m);
    ia.set(ranks, iaTop);
    ia.set(counts, iaTop + m);
    ia.fill(-1, iaTop + 2 * m, iaTop + 3 * m);
    tOff[levels] = iaTop;
    tM[levels] = m;
    tRoot[levels] = newNode(-1, -1);
    iaTop += 3 * m;
    stamp++;
    hUsed = 0;
    return levels++;
  };
  const endTree = (level: number): void => {
    top = tRoot[level]!;
    iaTop = tOff[level]!;
    levels = level;
  };
  const insert = (level: number, p: Int32Array, len: number, c: number, reversed: boolean): void => {
    let node = tRoot[level]!;
    for (let t = 0; t < len; t++) {
      node = child(level, node, p[reversed ? len - 1 - t : t]!);
      count[node]! += c;
    }
  };

  const mine = (level: number, maxLength: number, minCount: number, emit: (s: Int32Array, len: number, c: number) => void): void => {
    const root = tRoot[level]!,
      off = tOff[level]!,
      m = tM[level]!;
    for (let i = m - 1; i >= 0; i--) {
      suffix[level] = ia[off + i]!;
      emit(suffix, level + 1, ia[off + m + i]!);
      if (level + 1 >= maxLength || i === 0) continue;
      // conditional pattern base of i: count the items on its prefix paths (all have local index < i)
      for (let nd = ia[off + 2 * m + i]!; nd >= 0; nd = link[nd]!) {
        const c = count[nd]!;
        for (let q = parent[nd]!; q !== root; q = parent[q]!) condCount[item[q]!]! += c;
      }
      let m2 = 0;
      for (let j = 0; j < i; j++) remap[j] = condCount[j]! >= minCount ? m2++ : -1;
      if (m2 === 0) {
        condCount.fill(0, 0, i);
        continue;
      }
      if (level + 2 >= maxLength) {
        // the last level allowed: the pattern-base counts are the supports, no conditional tree needed
        for (let j = 0; j < i; j++)
          if (remap[j]! >= 0) {
            suffix[level + 1] = ia[off + j]!;
            emit(suffix, level + 2, condCount[j]!);
          }
        condCount.fill(0, 0, i);
        continue;
      }
      const ranks = new Int32Array(m2),
        counts2 = new Int32Array(m2);
      for (let j = 0; j < i; j++)
        if (remap[j]! >= 0) {
          ranks[remap[j]!] = ia[off + j]!;
          counts2[remap[j]!] = condCount[j]!;
        }
      condCount.fill(0, 0, i);
      const sub = beginTree(ranks, counts2);
      for (let nd = ia[off + 2 * m + i]!; nd >= 0; nd = link[nd]!) {
        let len = 0;
        for (let q = parent[nd]!; q !== root; q = parent[q]!) {
          const r = remap[item[q]!]!;
          if (r >= 0) path[len++] = r;
        }
        if (len > 0) insert(sub, path, len, count[nd]!, true);
      }
      mine(sub, maxLength, minCount, emit);
      endTree(sub);
    }
  };

  return { beginTree, insert, mine };
}
