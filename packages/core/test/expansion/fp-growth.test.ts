import { test } from 'node:test';
import assert from 'node:assert/strict';
import { basketSetFromLists } from '../../src/expansion/basket-set.js';
import { frequentItemsets, minCountFor } from '../../src/expansion/fp-growth.js';
import { associationRules } from '../../src/expansion/association-rules.js';
import { createRng } from '../../src/math/random/rng.js';
import { InputError } from '../../src/errors.js';

const key = (items: readonly string[], m: ArrayLike<number>): string =>
  Array.from(m, (i) => items[i]!)
    .sort()
    .join('');

/** All itemsets (as sorted strings) of the given frequent-itemset result, with counts. */
function asMap(r: ReturnType<typeof frequentItemsets>): Map<string, number> {
  const out = new Map<string, number>();
  for (let s = 0; s < r.counts.length; s++) {
    const k = key(r.items, r.members.subarray(r.offsets[s], r.offsets[s + 1]));
    assert.ok(!out.has(k), `itemset {${k}} emitted twice`);
    out.set(k, r.counts[s]!);
  }
  return out;
}

/** Brute force: every subset of every basket (baskets are small here), counted, kept when frequent. */
function brute(lists: string[][], minCount: number, maxLength: number): Map<string, number> {
  const all = new Map<string, number>();
  for (const l of lists) {
    const u = [...new Set(l)].sort();
    for (let mask = 1; mask < 1 << u.length; mask++) {
      const s = u.filter((_, i) => (mask >> i) & 1);
      if (s.length <= maxLength) all.set(s.join(''), (all.get(s.join('')) ?? 0) + 1);
    }
  }
  return new Map([...all].filter(([, c]) => c >= minCount));
}

test('Han, Pei & Yin (2000), Table 1: the frequent patterns at ξ = 3 (e.g. fcam:3, cp:3, b:3)', () => {
  const lists = ['facdgimp', 'abcflmo', 'bfhjo', 'bcksp', 'afcelpmn'].map((s) => s.split(''));
  const r = asMap(frequentItemsets(basketSetFromLists(lists), { minSupport: 3 / 5 }));
  assert.deepEqual(r, brute(lists, 3, 10));
  assert.equal(r.get('acfm'), 3);
  assert.equal(r.get('cp'), 3);
  assert.equal(r.get('b'), 3);
  assert.equal(r.get('bc'), undefined); // count 2
  assert.equal(r.size, 18);
});

test('random baskets against brute force: several supports and maximum lengths', () => {
  const rng = createRng(7);
  for (let trial = 0; trial < 12; trial++) {
    const nItems = 4 + Math.floor(rng() * 10);
    const lists: string[][] = [];
    for (let b = 0; b < 40 + Math.floor(rng() * 80); b++) {
      const l: string[] = [];
      // skewed item popularity so that long itemsets exist
      for (let i = 0; i < nItems; i++) if (rng() < 0.7 / (1 + i * 0.3)) l.push(String.fromCharCode(97 + i));
      if (rng() < 0.1) l.length = 0; // some empty baskets still count in the denominator
      lists.push(l);
    }
    const minSupport = [0.02, 0.05, 0.1, 0.3][trial % 4]!;
    const maxLength = [10, 2, 3, 1][trial % 4]!;
    const r = frequentItemsets(basketSetFromLists(lists), { minSupport, maxLength });
    assert.deepEqual(
      asMap(r),
      brute(lists, minCountFor(minSupport, lists.length), maxLength),
      `trial ${trial}: support ${minSupport}, max length ${maxLength}`,
    );
  }
});

test('baskets with one item only: single itemsets, no rules', () => {
  const r = frequentItemsets(basketSetFromLists([['a'], ['b'], ['a'], ['c']]), { minSupport: 0.25 });
  assert.deepEqual(
    asMap(r),
    new Map([
      ['a', 2],
      ['b', 1],
      ['c', 1],
    ]),
  );
  assert.equal(associationRules(r, { minConfidence: 0 }).length, 0);
});

test('nothing frequent and no baskets give empty results, not errors', () => {
  const r = frequentItemsets(basketSetFromLists([['a'], ['b']]), { minSupport: 0.9 });
  assert.equal(r.counts.length, 0);
  assert.equal(associationRules(r).length, 0);
  assert.equal(frequentItemsets(basketSetFromLists([]), { minSupport: 0.5 }).counts.length, 0);
});

test('itemsets that explode stop with an error naming the threshold to raise', () => {
  // 30 baskets of the same 16 items: 65,535 frequent itemsets at any support
  const lists = Array.from({ length: 30 }, () => 'abcdefghijklmnop'.split(''));
  assert.throws(
    () => frequentItemsets(basketSetFromLists(lists), { minSupport: 0.01, maxLength: 16, maxItemsets: 10_000 }),
    (e: unknown) => {
      assert.ok(e instanceof InputError);
      assert.equal(e.code, 'too_many_itemsets');
      assert.match(e.message, /More than 10,000 frequent itemsets at minimum support 0\.01 .*raise the minimum support/);
      assert.equal(e.context.threshold, 'minSupport');
      return true;
    },
  );
  assert.throws(
    () => frequentItemsets(basketSetFromLists(lists), { minSupport: 0.01, maxNodes: 10 }),
    (e: unknown) => e instanceof InputError && e.code === 'fp_tree_too_large' && /raise the minimum support/.test(e.message),
  );
  assert.throws(
    () => frequentItemsets(basketSetFromLists(lists), { minSupport: 0 }),
    (e: unknown) => e instanceof InputError && e.code === 'bad_min_support',
  );
  assert.throws(
    () => frequentItemsets(basketSetFromLists(lists), { minSupport: 1.5 }),
    (e: unknown) => e instanceof InputError && e.code === 'bad_min_support',
  );
});

test('rules: thresholds, multi-item consequents and measures against direct counts', () => {
  const lists = ['abc', 'abc', 'ab', 'ac', 'bc', 'a', 'abcd', 'd'].map((s) => s.split(''));
  const sets = frequentItemsets(basketSetFromLists(lists), { minSupport: 0.1 });
  const count = (s: string): number => lists.filter((l) => s.split('').every((x) => l.includes(x))).length;
  const n = lists.length;
  const all = associationRules(sets, { minConfidence: 0, maxConsequentLength: 3 });
  const seen = new Set<string>();
  for (let r = 0; r < all.length; r++) {
    const x = key(sets.items, all.antecedents.subarray(all.antecedentOffsets[r], all.antecedentOffsets[r + 1]));
    const y = key(sets.items, all.consequents.subarray(all.consequentOffsets[r], all.consequentOffsets[r + 1]));
    seen.add(`${x}>${y}`);
    const z = count(x + y),
      conf = z / count(x),
      sy = count(y) / n;
    assert.equal(all.count[r], z);
    assert.equal(all.confidence[r], conf, `${x} ⇒ ${y}`);
    assert.equal(all.lift[r], conf / sy);
    assert.equal(all.conviction[r], conf === 1 ? Infinity : (1 - sy) / (1 - conf));
  }
  assert.ok(seen.has('a>bc') && seen.has('d>abc') && seen.has('ab>c'));
  // every non-empty X, Y split of each frequent itemset of ≥ 2 items: abcd gives 14, abc 6, the 6 pairs 2 each… here
  const pairs = ['ab', 'ac', 'bc', 'ad', 'bd', 'cd'].filter((p) => count(p) >= 1).length;
  const triples = ['abc', 'abd', 'acd', 'bcd'].filter((t) => count(t) >= 1).length;
  assert.equal(all.length, 2 * pairs + 6 * triples + 14);
  const single = associationRules(sets, { minConfidence: 0.5, minLift: 1.01 });
  for (let r = 0; r < single.length; r++) {
    assert.equal(single.consequentOffsets[r + 1]! - single.consequentOffsets[r]!, 1);
    assert.ok(single.confidence[r]! >= 0.5 && single.lift[r]! >= 1.01);
  }
  assert.throws(
    () => associationRules(sets, { minConfidence: 2 }),
    (e: unknown) => e instanceof InputError && e.code === 'bad_min_confidence',
  );
});
