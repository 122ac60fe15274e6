import type { Rng } from '../math/random/rng.js';
import { sampleStandardNormal } from '../math/random/sample-normal.js';
import { DEMO_CATEGORIES } from './demo-params.js';

/** Products per category of the demo catalog. */
export const PRODUCTS_PER_CATEGORY = 25;

/** Categories whose products complement each other across categories (the rest pair within their own). */
const COMPLEMENT_CATEGORY: Record<string, string> = { apparel: 'shoes', shoes: 'apparel', sports: 'apparel', toys: 'books' };

/** The demo catalog as columns: product i is `P0001` + i, in category `category[i]`. */
export interface DemoCatalog {
  id: string[];
  category: Uint8Array;
  /** List price and unit cost in cents. */
  priceCents: Int32Array;
  costCents: Int32Array;
  /** The product a pick of this one brings along with probability `complement` (co-purchase structure). */
  complement: Int32Array;
  /** Per category: the products (indices) and their cumulative popularity (Zipf, exponent 0.8). */
  byCategory: { products: Int32Array; cumulative: Float64Array }[];
  /** Cumulative category shares (for picks outside the home category and for home categories). */
  categoryCumulative: Float64Array;
}

/**
 * Draws the catalog: 25 products per category with lognormal list prices around the category's
 * median (σ 0.35, rounded to .99), unit cost = price × the category's cost ratio × U(0.9, 1.1), and
 * a complement for every product: a product of the paired category (apparel ↔ shoes, sports →
 * apparel, toys → books) or of its own, chosen at random among the 10 most popular.
 */
export function buildCatalog(rng: Rng): DemoCatalog {
  const k = DEMO_CATEGORIES.length;
  const n = k * PRODUCTS_PER_CATEGORY;
  const c: DemoCatalog = {
    id: [],
    category: new Uint8Array(n),
    priceCents: new Int32Array(n),
    costCents: new Int32Array(n),
    complement: new Int32Array(n),
    byCategory: [],
    categoryCumulative: new Float64Array(k),
  };
  let acc = 0;
  DEMO_CATEGORIES.forEach((cat, j) => {
    acc += cat.share;
    c.categoryCumulative[j] = acc;
    const products = new Int32Array(PRODUCTS_PER_CATEGORY);
    const cumulative = new Float64Array(PRODUCTS_PER_CATEGORY);
    let w = 0;
    for (let r = 0; r < PRODUCTS_PER_CATEGORY; r++) w += 1 / Math.pow(r + 1, 0.8);
    let cw = 0;
    for (let r = 0; r < PRODUCTS_PER_CATEGORY; r++) {
      const i = j * PRODUCTS_PER_CATEGORY + r;
      products[r] = i;
      cw += 1 / Math.pow(r + 1, 0.8) / w;
      cumulative[r] = cw;
      c.id.push(`P${String(i + 1).padStart(4, '0')}`);
      c.category[i] = j;
      const price = Math.max(2, Math.round(cat.price * Math.exp(0.35 * sampleStandardNormal(rng)))) - 0.01;
      c.priceCents[i] = Math.round(price * 100);
      c.costCents[i] = Math.round(price * 100 * cat.costRatio * (0.9 + 0.2 * rng()));
    }
    cumulative[PRODUCTS_PER_CATEGORY - 1] = 1;
    c.byCategory.push({ products, cumulative });
  });
  c.categoryCumulative[k - 1] = 1;
  const index = new Map(DEMO_CATEGORIES.map((cat, j) => [cat.name, j]));
  for (let i = 0; i < n; i++) {
    const own = DEMO_CATEGORIES[c.category[i]!]!.name;
    const target = index.get(COMPLEMENT_CATEGORY[own] ?? own)!;
    let p: number;
    do p = target * PRODUCTS_PER_CATEGORY + Math.floor(10 * rng());
    while (p === i);
    c.complement[i] = p;
  }
  return c;
}

/** Index of the first cumulative weight ≥ u (u in (0, 1)). */
export function pickCumulative(cumulative: Float64Array, u: number): number {
  let i = 0;
  while (i < cumulative.length - 1 && cumulative[i]! < u) i++;
  return i;
}
