import { InputError } from '../errors.js';
import type { OfferModel } from './offer-model.js';
import type { OwnedItems } from './owned-items.js';

export interface OfferOptions {
  /** Offers per customer (default 5). */
  k?: number;
  /** The day the offers are made, days since 1970-01-01 (e.g. the last day of the log). */
  asOfDay: number;
  /**
   * Never offer an item the customer bought in the last `recentDays` days (as of `asOfDay`).
   * Default Infinity: nothing the customer ever bought is offered ("not already owned"); a finite
   * value lets consumables bought longer ago be offered again.
   */
  recentDays?: number;
  /** An item not sold to anyone in the last `discontinuedDays` days is no longer sold and never offered (default 90). */
  discontinuedDays?: number;
  /** Fall back to co-occurrence neighbours for items no rule recommends (default true). */
  fallback?: boolean;
}

/**
 * Offers for n customers, k slots each (row-major: customer c, slot s at c·k + s), best first.
 * Empty slots have item −1. `source` ≥ 0 is the rule behind the offer; −2 − i means the
 * co-occurrence neighbour of the owned item i.
 */
export interface Offers {
  readonly k: number;
  readonly customers: number;
  readonly item: Int32Array;
  /** Estimated probability that the customer buys the item (a basket-level P(item | what they bought)). */
  readonly probability: Float64Array;
  /** probability × value of one purchase (margin, or revenue without costs): the ranking score, currency. */
  readonly expectedValue: Float64Array;
  readonly source: Int32Array;
  readonly asOfDay: number;
  readonly recentDays: number;
  readonly discontinuedDays: number;
}

/** Checks offer options once at the boundary. @throws InputError `bad_offer_option` */
export function checkOfferOptions(o: OfferOptions): Required<OfferOptions> {
  const { k = 5, asOfDay, recentDays = Infinity, discontinuedDays = 90, fallback = true } = o;
  const bad = (name: string, v: unknown, what: string): never => {
    throw new InputError('bad_offer_option', `${name} must be ${what}; got ${String(v)}`, { option: name, value: v });
  };
  if (!(Number.isInteger(k) && k >= 1 && k <= 100)) bad('k (offers per customer)', k, 'a whole number from 1 to 100');
  if (!Number.isInteger(asOfDay)) bad('the offer day', asOfDay, 'a whole day number');
  if (!(recentDays >= 0)) bad('the recent-purchase window', recentDays, 'a number of days ≥ 0 (or Infinity for "ever bought")');
  if (!(discontinuedDays >= 0)) bad('the no-longer-sold window', discontinuedDays, 'a number of days ≥ 0');
  return { k, asOfDay, recentDays, discontinuedDays, fallback };
}

/**
 * Next best offers: for each customer the k items with the highest expected value
 * p(item | what the customer bought) × value of one purchase, among items they may be offered.
 *
 * ## Method
 * - Eligible items: not bought by the customer in the last `recentDays` days (all history by
 *   default), sold to someone in the last `discontinuedDays` days, and with a known positive value.
 * - Probability: the highest among the rules X ⇒ {j} whose antecedent X the customer bought (all
 *   history counts) of the rule's confidence smoothed towards j's base rate (`ruleProbability`); for an item no rule recommends, the highest co-occurrence
 *   probability p(j | i) over the items i they bought (`itemNeighbours`), when `fallback` is on.
 * - Ties in expected value: higher probability, then lower item id.
 * Per customer the work is proportional to the rules keyed on their items plus their neighbours,
 * with stamp arrays instead of clearing (no allocation per customer).
 * @throws InputError `bad_offer_option`
 * @example
 * const offers = nextBestOffers(model, owned, { k: 3, asOfDay: 15_000 });
 * offers.item.subarray(0, 3); // customer 0's three offers (item ids, −1 when fewer)
 */
export function nextBestOffers(model: OfferModel, owned: OwnedItems, options: OfferOptions): Offers {
  const o = checkOfferOptions(options);
  const { k } = o;
  const m = model.items.length,
    n = owned.offsets.length - 1;
  const { rules, trie, neighbours: nb } = model;
  const stack = new Int32Array(Math.max(16, trie.item.length));
  const value = model.values.value;
  // eligible by the product's own facts (sold recently, valued)
  const sellable = new Uint8Array(m);
  for (let j = 0; j < m; j++) sellable[j] = model.lastSold[j]! >= o.asOfDay - o.discontinuedDays && value[j]! > 0 ? 1 : 0;
  // consequents and probabilities in trie order, and neighbours, with items that may not be offered as −1
  const tCons = new Int32Array(trie.rules.length),
    tProb = new Float64Array(trie.rules.length);
  for (let t = 0; t < trie.rules.length; t++) {
    const r = trie.rules[t]!,
      j = rules.consequents[rules.consequentOffsets[r]!]!;
    tCons[t] = sellable[j] ? j : -1;
    tProb[t] = model.ruleProbability[r]!;
  }
  const nItem = nb.items.map((j) => (sellable[j] ? j : -1));
  const own = new Int32Array(m).fill(-1),
    excl = new Int32Array(m).fill(-1),
    cand = new Int32Array(m).fill(-1);
  const bestP = new Float64Array(m),
    bestS = new Int32Array(m),
    touched = new Int32Array(m);
  const item = new Int32Array(n * k).fill(-1),
    prob = new Float64Array(n * k),
    ev = new Float64Array(n * k),
    source = new Int32Array(n * k).fill(-1);
  const recentFrom = o.asOfDay - o.recentDays;
  for (let c = 0; c < n; c++) {
    const from = owned.offsets[c]!,
      to = owned.offsets[c + 1]!;
    for (let q = from; q < to; q++) {
      const i = owned.items[q]!;
      own[i] = c;
      if (owned.lastDay[q]! >= recentFrom) excl[i] = c;
    }
    let nt = 0;
    // rules firing on the customer's items: walk the antecedent trie along owned items only
    let sp = 0;
    for (let q = from; q < to; q++) {
      const v = trie.rootChild[owned.items[q]!]!;
      if (v >= 0) stack[sp++] = v;
    }
    while (sp > 0) {
      const v = stack[--sp]!;
      for (let t = trie.ruleStart[v]!; t < trie.ruleEnd[v]!; t++) {
        const j = tCons[t]!;
        if (j < 0 || excl[j] === c) continue;
        const p = tProb[t]!,
          r = trie.rules[t]!;
        if (cand[j] !== c) {
          cand[j] = c;
          touched[nt++] = j;
          bestP[j] = p;
          bestS[j] = r;
        } else if (p > bestP[j]! || (p === bestP[j] && r < bestS[j]!)) {
          bestP[j] = p;
          bestS[j] = r;
        }
      }
      for (let w = trie.firstChild[v]!; w >= 0; w = trie.nextSibling[w]!) if (own[trie.item[w]!] === c) stack[sp++] = w;
    }
    if (o.fallback) {
      for (let q = from; q < to; q++) {
        const i = owned.items[q]!;
        for (let t = nb.offsets[i]!; t < nb.offsets[i + 1]!; t++) {
          const j = nItem[t]!;
          if (j < 0 || excl[j] === c) continue;
          const p = nb.probability[t]!;
          if (cand[j] !== c) {
            cand[j] = c;
            touched[nt++] = j;
            bestP[j] = p;
            bestS[j] = -2 - i;
          } else if (bestS[j]! < 0 && p > bestP[j]!) {
            bestP[j] = p;
            bestS[j] = -2 - i;
          }
        }
      }
    }
    // top k by expected value (insertion into the customer's k slots)
    const base = c * k;
    let filled = 0;
    for (let t = 0; t < nt; t++) {
      const j = touched[t]!,
        p = bestP[j]!,
        e = p * value[j]!;
      if (filled === k) {
        const le = ev[base + k - 1]!,
          lp = prob[base + k - 1]!;
        if (e < le || (e === le && (p < lp || (p === lp && j > item[base + k - 1]!)))) continue;
      }
      let pos = filled === k ? k - 1 : filled++;
      while (pos > 0) {
        const pe = ev[base + pos - 1]!,
          pp = prob[base + pos - 1]!;
        if (pe > e || (pe === e && (pp > p || (pp === p && item[base + pos - 1]! < j)))) break;
        item[base + pos] = item[base + pos - 1]!;
        prob[base + pos] = pp;
        ev[base + pos] = pe;
        source[base + pos] = source[base + pos - 1]!;
        pos--;
      }
      item[base + pos] = j;
      prob[base + pos] = p;
      ev[base + pos] = e;
      source[base + pos] = bestS[j]!;
    }
  }
  return {
    k,
    customers: n,
    item,
    probability: prob,
    expectedValue: ev,
    source,
    asOfDay: o.asOfDay,
    recentDays: o.recentDays,
    discontinuedDays: o.discontinuedDays,
  };
}
