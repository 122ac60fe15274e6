import type { RuleSet } from './association-rules.js';

/**
 * The single-consequent rules indexed by antecedent in a prefix tree (trie) over item ids, so that
 * the rules firing on a customer's items are found by walking only the antecedents the customer
 * holds: a node is an antecedent prefix (ascending item ids), `rules[ruleStart[v] .. ruleEnd[v])`
 * are the rules whose antecedent ends at v. Children are linked lists (`firstChild`,
 * `nextSibling`); the root's children are indexed by item in `rootChild`.
 */
export interface RuleTrie {
  readonly rootChild: Int32Array;
  readonly item: Int32Array;
  readonly firstChild: Int32Array;
  readonly nextSibling: Int32Array;
  readonly ruleStart: Int32Array;
  readonly ruleEnd: Int32Array;
  /** Rule indices grouped by antecedent. */
  readonly rules: Int32Array;
}

/**
 * Builds the trie of the rules with one consequent item (and `keep[r] = 1`, when given).
 * ## Method
 * Rules are sorted by antecedent (lexicographically on the ascending item ids, a prefix first);
 * in that order a path's child for the next item, if it exists, is always the child added last,
 * so each antecedent is inserted in O(length) without a search.
 * @example
 * buildRuleTrie(rules, rules.items.length).rules.length; // the single-consequent rules
 */
export function buildRuleTrie(rules: RuleSet, nItems: number, keep?: Uint8Array): RuleTrie {
  const { antecedentOffsets: ao, antecedents: a, consequentOffsets: co } = rules;
  const order: number[] = [];
  for (let r = 0; r < rules.length; r++) if (co[r + 1]! - co[r]! === 1 && (!keep || keep[r])) order.push(r);
  order.sort((x, y) => {
    const lx = ao[x + 1]! - ao[x]!,
      ly = ao[y + 1]! - ao[y]!;
    for (let t = 0; t < Math.min(lx, ly); t++) {
      const d = a[ao[x]! + t]! - a[ao[y]! + t]!;
      if (d !== 0) return d;
    }
    return lx - ly || x - y;
  });
  const cap = ao[rules.length]! + 1;
  const item = new Int32Array(cap),
    firstChild = new Int32Array(cap).fill(-1),
    nextSibling = new Int32Array(cap).fill(-1),
    lastChild = new Int32Array(cap).fill(-1);
  const ruleStart = new Int32Array(cap),
    ruleEnd = new Int32Array(cap);
  const rootChild = new Int32Array(nItems).fill(-1);
  let nodes = 0;
  const add = (parent: number, it: number): number => {
    const v = nodes++;
    item[v] = it;
    if (parent >= 0) {
      if (lastChild[parent]! < 0) firstChild[parent] = v;
      else nextSibling[lastChild[parent]!] = v;
      lastChild[parent] = v;
    }
    return v;
  };
  let prev = -1;
  order.forEach((r, k) => {
    let v = rootChild[a[ao[r]!]!]!;
    if (v < 0) {
      v = add(-1, a[ao[r]!]!);
      rootChild[a[ao[r]!]!] = v;
    }
    for (let t = ao[r]! + 1; t < ao[r + 1]!; t++) {
      const last = lastChild[v]!;
      v = last >= 0 && item[last] === a[t] ? last : add(v, a[t]!);
    }
    if (v !== prev) {
      ruleStart[v] = k;
      prev = v;
    }
    ruleEnd[v] = k + 1;
  });
  return {
    rootChild,
    item: item.slice(0, nodes),
    firstChild: firstChild.slice(0, nodes),
    nextSibling: nextSibling.slice(0, nodes),
    ruleStart: ruleStart.slice(0, nodes),
    ruleEnd: ruleEnd.slice(0, nodes),
    rules: Int32Array.from(order),
  };
}
