import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readBasketFile } from '../../src/expansion/basket-csv.js';
import { frequentItemsets, minCountFor } from '../../src/expansion/fp-growth.js';
import { associationRules } from '../../src/expansion/association-rules.js';
import { dataPath } from '../helpers/read-csv.js';
import { assertClose } from '../helpers/assert-close.js';

// Groceries (R package arules; CSV of Lantz, "Machine Learning with R", ch. 8): 9,835 baskets, 169 items.
const FILE = dataPath('groceries/groceries_baskets.csv');

/** Independent reading: each line a Set of trimmed labels (no shared code with the library). */
function bruteBaskets(): Set<string>[] {
  return readFileSync(FILE, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => new Set(l.split(',').map((s) => s.trim())));
}

/**
 * Independent frequent itemsets: level-wise candidates (every (k−1)-subset frequent, the downward
 * closure that any correct miner obeys) counted by scanning every basket. Keys are labels sorted and
 * joined by '|'.
 */
function bruteFrequent(baskets: Set<string>[], minCount: number): Map<string, number> {
  const out = new Map<string, number>();
  const single = new Map<string, number>();
  for (const b of baskets) for (const x of b) single.set(x, (single.get(x) ?? 0) + 1);
  let level: string[][] = [];
  for (const [x, c] of single)
    if (c >= minCount) {
      out.set(x, c);
      level.push([x]);
    }
  const labels = [...new Set(level.flat())].sort();
  while (level.length > 0) {
    const next: string[][] = [];
    for (const s of level) {
      for (const x of labels) {
        if (x <= s[s.length - 1]!) continue;
        const cand = [...s, x];
        if (!cand.every((_, i) => out.has(cand.filter((__, j) => j !== i).join('|')))) continue;
        let c = 0;
        for (const b of baskets) if (cand.every((y) => b.has(y))) c++;
        if (c >= minCount) {
          out.set(cand.join('|'), c);
          next.push(cand);
        }
      }
    }
    level = next;
  }
  return out;
}

test('Groceries, support ≥ 0.006, confidence ≥ 0.25, minlen 2: 463 rules, top by lift {herbs} ⇒ {root vegetables} (Lantz 2015, ch. 8; arules)', async () => {
  const b = await readBasketFile(FILE);
  assert.equal(b.offsets.length - 1, 9835);
  assert.equal(b.items.length, 169);
  const sets = frequentItemsets(b, { minSupport: 0.006 });
  assert.equal(sets.minCount, 60); // 0.006 × 9835 = 59.01
  const rules = associationRules(sets, { minConfidence: 0.25, minLength: 2 });
  assert.equal(rules.length, 463);
  let top = 0;
  for (let r = 1; r < rules.length; r++) if (rules.lift[r]! > rules.lift[top]!) top = r;
  const lhs = [...rules.antecedents.subarray(rules.antecedentOffsets[top], rules.antecedentOffsets[top + 1])].map((i) => b.items[i]);
  const rhs = [...rules.consequents.subarray(rules.consequentOffsets[top], rules.consequentOffsets[top + 1])].map((i) => b.items[i]);
  assert.deepEqual([lhs, rhs], [['herbs'], ['root vegetables']]);
  // published digits (arules summary / Lantz): support 0.007016, confidence 0.43125, lift 3.956477
  assertClose(rules.support[top]!, 0.007016, 5e-7, 'support of {herbs} ⇒ {root vegetables} (arules, 6 digits)');
  assertClose(rules.confidence[top]!, 0.43125, 1e-12, 'confidence (69 of 160 herbs baskets)');
  assertClose(rules.lift[top]!, 3.956477, 5e-7, 'lift (arules, 7 digits)');
  assert.deepEqual([rules.count[top], rules.antecedentCount[top], rules.consequentCount[top]], [69, 160, 1072]);
});

test('Groceries: every frequent itemset and its support equal an independent brute-force count (support ≥ 0.006: 747 itemsets)', async () => {
  const b = await readBasketFile(FILE);
  const sets = frequentItemsets(b, { minSupport: 0.006 });
  const brute = bruteFrequent(bruteBaskets(), minCountFor(0.006, 9835));
  assert.equal(sets.counts.length, brute.size);
  for (let s = 0; s < sets.counts.length; s++) {
    const key = [...sets.members.subarray(sets.offsets[s], sets.offsets[s + 1])]
      .map((i) => b.items[i])
      .sort()
      .join('|');
    assert.equal(sets.counts[s], brute.get(key), `count of {${key}}`);
  }
  // and every rule's measures from the brute-force counts
  const rules = associationRules(sets, { minConfidence: 0.25 });
  const n = 9835;
  for (let r = 0; r < rules.length; r++) {
    const x = [...rules.antecedents.subarray(rules.antecedentOffsets[r], rules.antecedentOffsets[r + 1])].map((i) => b.items[i]!);
    const y = b.items[rules.consequents[rules.consequentOffsets[r]!]!]!;
    const z = brute.get([...x, y].sort().join('|'))!,
      xc = brute.get([...x].sort().join('|'))!,
      yc = brute.get(y)!;
    const conf = z / xc;
    assertClose(rules.support[r]!, z / n, 1e-15, `support of rule ${r}`);
    assertClose(rules.confidence[r]!, conf, 1e-15, `confidence of rule ${r}`);
    assertClose(rules.lift[r]!, conf / (yc / n), 1e-12, `lift of rule ${r}`, true);
    assertClose(rules.leverage[r]!, z / n - (xc / n) * (yc / n), 1e-15, `leverage of rule ${r}`);
    assertClose(rules.conviction[r]!, (1 - yc / n) / (1 - conf), 1e-12, `conviction of rule ${r}`, true);
  }
});

test('Groceries, support ≥ 0.003, confidence ≥ 0.05: thousands of rules, each measure equal to brute-force counts', async () => {
  const b = await readBasketFile(FILE);
  const sets = frequentItemsets(b, { minSupport: 0.003 });
  const brute = bruteFrequent(bruteBaskets(), minCountFor(0.003, 9835));
  assert.equal(sets.counts.length, brute.size);
  const rules = associationRules(sets, { minConfidence: 0.05 });
  assert.ok(rules.length > 4000, `${rules.length} rules`); // more than the initial capacity of every per-rule array
  const n = 9835;
  for (let r = 0; r < rules.length; r++) {
    const x = [...rules.antecedents.subarray(rules.antecedentOffsets[r], rules.antecedentOffsets[r + 1])].map((i) => b.items[i]!);
    const y = b.items[rules.consequents[rules.consequentOffsets[r]!]!]!;
    const z = brute.get([...x, y].sort().join('|'))!,
      xc = brute.get([...x].sort().join('|'))!,
      yc = brute.get(y)!;
    assert.deepEqual([rules.count[r], rules.antecedentCount[r], rules.consequentCount[r]], [z, xc, yc], `counts of rule ${r}`);
    assertClose(rules.lift[r]!, z / xc / (yc / n), 1e-12, `lift of rule ${r}`, true);
    assertClose(rules.leverage[r]!, z / n - (xc / n) * (yc / n), 1e-15, `leverage of rule ${r}`);
  }
});

test('Groceries, support ≥ 0.001, confidence ≥ 0.8: 410 rules, top {liquor, red/blush wine} ⇒ {bottled beer} (the widely reproduced arules example)', async () => {
  const b = await readBasketFile(FILE);
  const sets = frequentItemsets(b, { minSupport: 0.001 });
  assert.equal(sets.counts.length, 13492); // recomputed with an independent Apriori in Python
  const rules = associationRules(sets, { minConfidence: 0.8 });
  assert.equal(rules.length, 410);
  // the top rule by lift printed in the arules examples: {liquor, red/blush wine} ⇒ {bottled beer}, lift 11.235
  let top = 0;
  for (let r = 1; r < rules.length; r++) if (rules.lift[r]! > rules.lift[top]!) top = r;
  const lhs = [...rules.antecedents.subarray(rules.antecedentOffsets[top], rules.antecedentOffsets[top + 1])].map((i) => b.items[i]);
  assert.deepEqual([lhs, b.items[rules.consequents[top]!]], [['liquor', 'red/blush wine'], 'bottled beer']);
  assertClose(rules.lift[top]!, 11.235269, 5e-7, 'lift of {liquor, red/blush wine} ⇒ {bottled beer}');
  assertClose(rules.confidence[top]!, 19 / 21, 1e-15, 'confidence (19 of 21 baskets)');
});
