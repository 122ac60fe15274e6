import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readBasketFile } from '../../src/expansion/basket-csv.js';
import { basketSetFromLists, type BasketSet } from '../../src/expansion/basket-set.js';
import { frequentItemsets } from '../../src/expansion/fp-growth.js';
import { associationRules } from '../../src/expansion/association-rules.js';
import { buildOfferModel, undominated } from '../../src/expansion/offer-model.js';
import { nextBestOffers } from '../../src/expansion/offers.js';
import { popularityOffers } from '../../src/expansion/popularity.js';
import { offerReason } from '../../src/expansion/offer-reason.js';
import type { OwnedItems } from '../../src/expansion/owned-items.js';
import { ownedItems } from '../../src/expansion/owned-items.js';
import { InputError } from '../../src/errors.js';
import { createRng } from '../../src/math/random/rng.js';
import { dataPath } from '../helpers/read-csv.js';
import { assertClose } from '../helpers/assert-close.js';

const flatValues = (b: BasketSet, v = 1) => ({ kind: 'revenue' as const, value: new Float64Array(b.items.length).fill(v), currency: null });

/** Owned items from lists of [label, last day] per customer. */
function owned(b: BasketSet, customers: [string, number][][]): OwnedItems {
  const offsets = new Int32Array(customers.length + 1);
  const items: number[] = [],
    days: number[] = [];
  customers.forEach((list, c) => {
    for (const [label, day] of [...list].sort((x, y) => b.items.indexOf(x[0]) - b.items.indexOf(y[0]))) {
      items.push(b.items.indexOf(label));
      days.push(day);
    }
    offsets[c + 1] = items.length;
  });
  return { offsets, items: Int32Array.from(items), lastDay: Int32Array.from(days) };
}

test('Groceries: a customer who bought herbs is offered root vegetables, with the rule in words', async () => {
  const b = await readBasketFile(dataPath('groceries/groceries_baskets.csv'));
  const rules = associationRules(frequentItemsets(b, { minSupport: 0.006 }), { minConfidence: 0.25 });
  const model = buildOfferModel(b, rules, flatValues(b), new Int32Array(b.items.length).fill(100));
  const offers = nextBestOffers(model, owned(b, [[['herbs', 100]]]), { k: 5, asOfDay: 100 });
  const slots = Array.from({ length: 5 }, (_, s) => b.items[offers.item[s]!]);
  const s = slots.indexOf('root vegetables');
  assert.ok(s >= 0, `offers ${slots.join(', ')}`);
  assert.equal(offerReason(model, offers, 0, s), 'bought herbs; 43% of such baskets also hold root vegetables, 4.0× the usual rate');
  // the probability is the rule's confidence 69/160 smoothed towards the base rate 1072/9835 with m = 10
  assertClose(offers.probability[s]!, (69 + (10 * 1072) / 9835) / (160 + 10), 1e-15, 'P(root vegetables | herbs), m-estimate');
  assert.ok(!slots.includes('herbs'), 'never offers what the customer owns');
  // ranked by expected value, best first
  for (let t = 1; t < 5; t++) assert.ok(offers.expectedValue[t - 1]! >= offers.expectedValue[t]!);
});

// a ⇒ b and a ⇒ c hold in every basket with a; d co-occurs with a below the rule thresholds
const LISTS = [...Array(6).fill(['a', 'b', 'c']), ['a', 'd'], ['a', 'd'], ['e'], ['e'], ['e'], ['e'], ['b'], ['c']].map((l) => [...l]);

function smallModel(lastSold: number[]) {
  const b = basketSetFromLists(LISTS);
  const rules = associationRules(frequentItemsets(b, { minSupport: 0.3 }), { minConfidence: 0.5, minLift: 1 });
  return { b, model: buildOfferModel(b, rules, flatValues(b), Int32Array.from(lastSold), { smoothing: 0 }) };
}

test('exclusions: owned items, items bought in the last N days, products no longer sold', () => {
  const { b, model } = smallModel([100, 100, 100, 100, 100]);
  // customer 0 bought a on day 100 and b on day 10
  const o = owned(b, [
    [
      ['a', 100],
      ['b', 10],
    ],
  ]);
  const names = (offers: ReturnType<typeof nextBestOffers>) =>
    Array.from(offers.item.subarray(0, offers.k), (i) => (i < 0 ? '-' : b.items[i]));
  // e never shares a basket with a or b: no evidence, no offer (the slot stays empty)
  assert.deepEqual(names(nextBestOffers(model, o, { k: 3, asOfDay: 100 })), ['c', 'd', '-']);
  // b was bought 90 days ago: with a 30-day window it may be offered again ({a, b} ⇒ c, confidence 1, puts c first)
  assert.deepEqual(names(nextBestOffers(model, o, { k: 3, asOfDay: 100, recentDays: 30 })), ['c', 'b', 'd']);
  // c was last sold on day 5: no longer sold at a 90-day window
  const { model: m2 } = smallModel([100, 100, 5, 100, 100]);
  assert.deepEqual(names(nextBestOffers(m2, o, { k: 3, asOfDay: 100 })), ['d', '-', '-']);
  assert.deepEqual(names(popularityOffers(m2, o, { k: 3, asOfDay: 100 })), ['e', 'd', '-']);
  assert.deepEqual(names(nextBestOffers(m2, o, { k: 3, asOfDay: 100, discontinuedDays: 100 })), ['c', 'd', '-']);
});

test('rules come first; co-occurrence fills in when no rule fires, and says so', () => {
  const { b, model } = smallModel([100, 100, 100, 100, 100]);
  const offers = nextBestOffers(model, owned(b, [[['a', 100]], [['d', 100]], []]), { k: 2, asOfDay: 100 });
  // customer 0: a ⇒ b and a ⇒ c (confidence 6/8) are rules; customer 1 bought d: no rule fires, a co-occurs with d
  assert.deepEqual(
    Array.from(offers.item.subarray(0, 2), (i) => b.items[i]),
    ['b', 'c'],
  );
  assert.ok(offers.source[0]! >= 0);
  assert.equal(offerReason(model, offers, 0, 0), 'bought a; 75% of such baskets also hold b, 1.5× the usual rate');
  assert.equal(b.items[offers.item[2]!], 'a');
  assert.equal(offers.source[2], -2 - b.items.indexOf('d'));
  assert.equal(
    offerReason(model, offers, 1, 0),
    'bought d; about 100% of baskets with it also hold a, 1.8× the usual rate (co-occurrence, below the rule thresholds)',
  );
  // customer 2 bought nothing: no offer from the model; the baseline still lists best sellers
  assert.deepEqual([...offers.item.subarray(4, 6)], [-1, -1]);
  assert.equal(offerReason(model, offers, 2, 0), '');
  const pop = popularityOffers(model, owned(b, [[['a', 100]], [['d', 100]], []]), { k: 2, asOfDay: 100 });
  assert.deepEqual(
    Array.from(pop.item.subarray(4, 6), (i) => b.items[i]),
    ['a', 'b'],
  );
  assert.equal(offerReason(model, pop, 2, 0), 'best seller: in 57% of all baskets');
  // without the fallback, customer 1 gets nothing
  assert.equal(nextBestOffers(model, owned(b, [[['d', 100]]]), { k: 2, asOfDay: 100, fallback: false }).item[0], -1);
});

test('bad offer options are InputErrors', () => {
  const { b, model } = smallModel([100, 100, 100, 100, 100]);
  const o = owned(b, [[['a', 100]]]);
  for (const bad of [{ k: 0 }, { k: 2.5 }, { recentDays: -1 }, { discontinuedDays: NaN }]) {
    assert.throws(
      () => nextBestOffers(model, o, { asOfDay: 100, ...bad }),
      (e: unknown) => e instanceof InputError && e.code === 'bad_offer_option',
      JSON.stringify(bad),
    );
  }
});

test("ownedItems: the union of a customer's baskets with the last day of each item", () => {
  const b = basketSetFromLists([['x', 'y'], ['y', 'z'], ['x']]);
  const o = ownedItems(b, 2, Int32Array.of(1, 0, 1), Int32Array.of(5, 7, 9));
  assert.deepEqual([...o.offsets], [0, 2, 4]);
  assert.deepEqual(
    Array.from(o.items, (i) => b.items[i]),
    ['y', 'z', 'x', 'y'],
  );
  assert.deepEqual([...o.lastDay], [7, 7, 9, 5]);
});

test('the rules that fire (antecedent trie) equal a brute-force scan of every rule, on Groceries with random customers', async () => {
  const b = await readBasketFile(dataPath('groceries/groceries_baskets.csv'));
  const rules = associationRules(frequentItemsets(b, { minSupport: 0.003, maxLength: 4 }), { minConfidence: 0.05 });
  assert.ok(rules.length > 2000);
  const model = buildOfferModel(b, rules, flatValues(b), new Int32Array(b.items.length).fill(100));
  const rng = createRng(3);
  const customers: [string, number][][] = [];
  for (let c = 0; c < 200; c++) {
    const size = 1 + Math.floor(rng() * 10);
    const s = new Set<string>();
    // draw items in proportion to their basket counts, so that rules fire
    while (s.size < size) s.add(b.items[b.members[Math.floor(rng() * b.members.length)]!]!);
    customers.push([...s].map((x) => [x, 100]));
  }
  const o = owned(b, customers);
  const offers = nextBestOffers(model, o, { k: 100, asOfDay: 100, fallback: false });
  for (let c = 0; c < customers.length; c++) {
    const has = new Set(o.items.subarray(o.offsets[c], o.offsets[c + 1]));
    const best = new Map<number, number>();
    for (let r = 0; r < rules.length; r++) {
      const j = rules.consequents[rules.consequentOffsets[r]!]!;
      if (has.has(j)) continue;
      let fires = true;
      for (let a = rules.antecedentOffsets[r]!; a < rules.antecedentOffsets[r + 1]!; a++)
        if (!has.has(rules.antecedents[a]!)) fires = false;
      if (fires) best.set(j, Math.max(best.get(j) ?? 0, model.ruleProbability[r]!));
    }
    const got = new Map<number, number>();
    for (let s = 0; s < 100; s++) if (offers.item[c * 100 + s]! >= 0) got.set(offers.item[c * 100 + s]!, offers.probability[c * 100 + s]!);
    assert.deepEqual(
      new Map([...got].sort((x, y) => x[0] - y[0])),
      new Map([...best].sort((x, y) => x[0] - y[0])),
      `customer ${c}: ${customers[c]!.map((x) => x[0]).join(', ')}`,
    );
  }
});

test('undominated: a rule is dropped from the offer index only when a rule with one antecedent item fewer is at least as probable (Groceries)', async () => {
  const b = await readBasketFile(dataPath('groceries/groceries_baskets.csv'));
  const rules = associationRules(frequentItemsets(b, { minSupport: 0.005 }), { minConfidence: 0.1 });
  const p = Float64Array.from(rules.confidence);
  const keep = undominated(rules, p);
  for (let r = 0; r < rules.length; r++) {
    const x = [...rules.antecedents.subarray(rules.antecedentOffsets[r], rules.antecedentOffsets[r + 1])];
    const y = rules.consequents[rules.consequentOffsets[r]!];
    // brute force: is there a rule X \\ {x} ⇒ y with probability ≥ this one?
    let dominated = false;
    for (let s = 0; s < rules.length; s++) {
      const xs = [...rules.antecedents.subarray(rules.antecedentOffsets[s], rules.antecedentOffsets[s + 1])];
      if (
        rules.consequents[rules.consequentOffsets[s]!] === y &&
        xs.length === x.length - 1 &&
        xs.every((i) => x.includes(i)) &&
        p[s]! >= p[r]!
      )
        dominated = true;
    }
    assert.equal(keep[r], dominated ? 0 : 1, `rule ${x.map((i) => b.items[i]).join(',')} ⇒ ${b.items[y!]}`);
  }
  assert.ok(keep.some((v) => v === 0) && keep.some((v) => v === 1), 'both kinds occur');
});
