import type { Engine } from '../engine/engine.js';
import type { CostModel } from '../profitability/cost-model.js';
import { writeProductCosts } from '../profitability/product-costs.js';
import { checkInlineProductCosts } from '../profitability/product-costs-inline.js';
import { PRODUCT_COSTS } from '../profitability/profit-sql.js';
import { itemCounts } from './basket-set.js';
import type { LogBaskets } from './baskets.js';
import type { BasketStats } from './basket-stats.js';
import { productValuesSql } from './item-values-sql.js';

/** The value of one purchase of each item: gross margin when product costs are known, else revenue. */
export interface ItemValues {
  kind: 'margin' | 'revenue';
  /** Per item, currency per basket holding it (net of returns); NaN when its cost is unknown. */
  value: Float64Array;
  currency: string | null;
}

/** Item values plus the last day each item was sold (for "no longer sold"). */
export interface ItemFacts {
  values: ItemValues;
  /** Last purchase day of the item in the window, days since 1970-01-01 (−2³¹ when never). */
  lastSold: Int32Array;
  warnings: string[];
}

const n = (x: number): string => x.toLocaleString('en-US');

/**
 * Reads, for the items of product baskets (or, through `itemMap`, the categories of category
 * baskets), the value of one purchase over the baskets' window: (net revenue − product cost) ÷
 * baskets holding the item with a cost model, net revenue ÷ baskets without one; and the last sale.
 * `baskets` may be the baskets themselves or their counts ({@link BasketStats}).
 * An item whose rows cannot all be costed (no entry and no default margin) gets NaN, with a warning.
 * @throws InputError `too_many_products` on ClickHouse when the model's products exceed the bound of
 *   `checkInlineProductCosts`.
 * @example
 * const f = await loadItemFacts(engine, baskets, model);
 * f.values.value[0]; // mean margin of a basket line of product baskets.items[0]
 */
export async function loadItemFacts(
  engine: Engine,
  baskets: LogBaskets | Pick<BasketStats, 'items' | 'itemCounts' | 'window'>,
  model: CostModel | null = null,
  itemMap?: { products: readonly string[]; map: Int32Array },
): Promise<ItemFacts> {
  const warnings: string[] = [];
  // DuckDB: a temporary table; ClickHouse: literals in the SQL (checked against their bound here)
  const table = model !== null && model.productCost.products.size > 0 && engine.dialect.name === 'duckdb';
  if (model !== null && model.productCost.products.size > 0)
    await (table ? writeProductCosts : checkInlineProductCosts)(engine, model, warnings);
  const rows = await engine.rows<{
    product_id: string;
    net_revenue: number;
    net_cost: number | null;
    uncosted: number;
    last_day: number | null;
  }>(productValuesSql(engine.dialect, baskets.window, model));
  if (table) await engine.exec(`DROP TABLE IF EXISTS ${PRODUCT_COSTS}`);
  const m = baskets.items.length;
  const index = new Map<string, number>();
  if (itemMap)
    itemMap.products.forEach((p, i) => {
      if (itemMap.map[i]! >= 0) index.set(p, itemMap.map[i]!);
    });
  else baskets.items.forEach((p, i) => index.set(p, i));
  const revenue = new Float64Array(m),
    cost = new Float64Array(m),
    uncosted = new Float64Array(m);
  const lastSold = new Int32Array(m).fill(-(2 ** 31));
  for (const r of rows) {
    const i = index.get(r.product_id);
    if (i === undefined) continue;
    revenue[i]! += r.net_revenue;
    cost[i]! += r.net_cost ?? 0;
    uncosted[i]! += r.uncosted;
    if (r.last_day !== null && r.last_day > lastSold[i]!) lastSold[i] = r.last_day;
  }
  const counts = 'members' in baskets ? itemCounts(baskets) : baskets.itemCounts;
  const value = new Float64Array(m);
  let missing = 0;
  for (let i = 0; i < m; i++) {
    if (model !== null && uncosted[i]! > 0) {
      value[i] = NaN;
      missing++;
      continue;
    }
    value[i] = counts[i]! > 0 ? (revenue[i]! - (model === null ? 0 : cost[i]!)) / counts[i]! : 0;
  }
  if (missing > 0)
    warnings.push(
      `${n(missing)} of ${n(m)} items have rows without a cost (no product entry and no default margin in ${model!.name}); they are not valued and never offered`,
    );
  return { values: { kind: model === null ? 'revenue' : 'margin', value, currency: model?.currency ?? null }, lastSold, warnings };
}
