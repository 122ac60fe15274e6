import type { OfferModel } from './offer-model.js';
import { checkOfferOptions, type OfferOptions, type Offers } from './offers.js';
import type { OwnedItems } from './owned-items.js';

/**
 * The popularity baseline of next best offer: for each customer the k best-selling items (most
 * calibration baskets; ties by lower id) they may be offered, under the same eligibility rules as
 * {@link nextBestOffers} (not bought in the last `recentDays` days, still sold, valued), so that a
 * backtest compares like with like. `probability` is the item's share of baskets and `source` −1.
 * @throws InputError `bad_offer_option`
 * @example
 * popularityOffers(model, owned, { k: 5, asOfDay: 15_000 }).item.subarray(0, 5);
 */
export function popularityOffers(model: OfferModel, owned: OwnedItems, options: OfferOptions): Offers {
  const o = checkOfferOptions(options);
  const { k } = o;
  const m = model.items.length,
    n = owned.offsets.length - 1;
  const value = model.values.value;
  const ranking: number[] = [];
  for (let j = 0; j < m; j++) if (model.lastSold[j]! >= o.asOfDay - o.discontinuedDays && value[j]! > 0) ranking.push(j);
  ranking.sort((a, b) => model.itemCount[b]! - model.itemCount[a]! || a - b);
  const order = Int32Array.from(ranking);
  const excl = new Int32Array(m).fill(-1);
  const item = new Int32Array(n * k).fill(-1),
    prob = new Float64Array(n * k),
    ev = new Float64Array(n * k),
    source = new Int32Array(n * k).fill(-1);
  const recentFrom = o.asOfDay - o.recentDays,
    nb = Math.max(1, model.basketCount);
  for (let c = 0; c < n; c++) {
    for (let q = owned.offsets[c]!; q < owned.offsets[c + 1]!; q++) if (owned.lastDay[q]! >= recentFrom) excl[owned.items[q]!] = c;
    let s = 0;
    for (let t = 0; t < order.length && s < k; t++) {
      const j = order[t]!;
      if (excl[j] === c) continue;
      const at = c * k + s++;
      item[at] = j;
      prob[at] = model.itemCount[j]! / nb;
      ev[at] = prob[at]! * value[j]!;
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
