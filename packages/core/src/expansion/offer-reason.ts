import type { OfferModel } from './offer-model.js';
import type { Offers } from './offers.js';

const pct = (p: number): string => (p >= 0.01 || p === 0 ? `${Math.round(100 * p)}%` : `${(100 * p).toFixed(1)}%`);
const times = (x: number): string => `${x.toFixed(1)}×`;

/** "a", "a and b", "a, b and c". */
export function listInWords(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/**
 * Why an offer was made, in words, e.g. "bought herbs; 43% of such baskets also hold root
 * vegetables, 4.0× the usual rate". Rule offers quote the rule's confidence and lift; fallback
 * offers the co-occurrence probability and its ratio to the base rate; baseline offers the item's
 * share of baskets. Empty for an empty slot. Built on demand (offers hold no strings).
 * @example
 * offerReason(model, offers, 0, 0); // → 'bought herbs; 43% of such baskets also hold root vegetables, 4.0× the usual rate'
 */
export function offerReason(model: OfferModel, offers: Offers, customer: number, slot: number): string {
  const at = customer * offers.k + slot;
  const j = offers.item[at]!;
  if (j < 0) return '';
  const name = model.items[j]!;
  const base = model.itemCount[j]! / Math.max(1, model.basketCount);
  const s = offers.source[at]!;
  if (s >= 0) {
    const r = model.rules;
    const names: string[] = [];
    for (let a = r.antecedentOffsets[s]!; a < r.antecedentOffsets[s + 1]!; a++) names.push(model.items[r.antecedents[a]!]!);
    return `bought ${listInWords(names)}; ${pct(r.confidence[s]!)} of such baskets also hold ${name}, ${times(r.lift[s]!)} the usual rate`;
  }
  if (s <= -2) {
    const i = -2 - s;
    const p = offers.probability[at]!;
    return `bought ${model.items[i]}; about ${pct(p)} of baskets with it also hold ${name}, ${times(p / base)} the usual rate (co-occurrence, below the rule thresholds)`;
  }
  return `best seller: in ${pct(base)} of all baskets`;
}
