import { InputError } from '../errors.js';
import { normaliseBaskets } from './basket-set.js';
import type { LogBaskets } from './baskets.js';
import type { ProductCatalog } from './product-catalog.js';

const n = (x: number): string => x.toLocaleString('en-US');

/**
 * Product baskets → category baskets: each product is replaced by its category and repeats within
 * a basket count once. Products the catalog does not categorise are left out (a warning names how
 * many and a few ids); baskets left empty are dropped, so supports are shares of the baskets that
 * hold at least one categorised product.
 * @returns the category baskets and `itemMap` (product item → category item, −1 when uncategorised)
 * @throws InputError `no_categories` when no product of the log has a category in the catalog.
 * @example
 * toCategoryLevel(productBaskets, catalogFromPairs([['P1', 'tea'], ['P2', 'tea']])).baskets.items; // → ['tea']
 */
export function toCategoryLevel(b: LogBaskets, catalog: ProductCatalog): { baskets: LogBaskets; itemMap: Int32Array } {
  const names = new Set<string>();
  const missing: string[] = [];
  for (const p of b.items) {
    const c = catalog.category.get(p);
    if (c === undefined) missing.push(p);
    else names.add(c);
  }
  if (names.size === 0) {
    throw new InputError(
      'no_categories',
      `None of the log's ${n(b.items.length)} products has a category in ${catalog.file} (e.g. ${b.items.slice(0, 3).join(', ')}); check that its product ids match the log's`,
      { file: catalog.file, products: b.items.length },
    );
  }
  const items = [...names].sort();
  const id = new Map(items.map((s, i) => [s, i]));
  const itemMap = Int32Array.from(b.items, (p) => id.get(catalog.category.get(p)!) ?? -1);
  const nb = b.offsets.length - 1;
  const offsets = new Int32Array(nb + 1),
    members = new Int32Array(b.members.length);
  const keep = new Uint8Array(nb);
  let w = 0,
    kept = 0,
    lost = 0;
  for (let s = 0; s < nb; s++) {
    const start = w;
    for (let k = b.offsets[s]!; k < b.offsets[s + 1]!; k++) {
      const c = itemMap[b.members[k]!]!;
      if (c >= 0) members[w++] = c;
      else lost++;
    }
    if (w > start) {
      keep[s] = 1;
      offsets[++kept] = w;
    }
  }
  const norm = normaliseBaskets(items, offsets.slice(0, kept + 1), members.subarray(0, w));
  const customer = new Int32Array(kept),
    day = new Int32Array(kept);
  for (let s = 0, j = 0; s < nb; s++)
    if (keep[s]) {
      customer[j] = b.customer[s]!;
      day[j++] = b.day[s]!;
    }
  const warnings = [...b.warnings];
  if (missing.length > 0) {
    warnings.push(
      `${n(missing.length)} of ${n(b.items.length)} products have no category in ${catalog.file} (e.g. ${missing.slice(0, 3).join(', ')}); their ${n(lost)} basket lines are left out${nb > kept ? `, and ${n(nb - kept)} baskets holding only such products` : ''}`,
    );
  }
  return { baskets: { ...b, ...norm, level: 'category', customer, day, warnings }, itemMap };
}
