import type { Engine } from '../engine/engine.js';
import { InputError } from '../errors.js';
import type { BasketFacts } from './baskets.js';
import { basketWindow } from './baskets.js';
import type { DayWindow } from './baskets-sql.js';
import { basketCountSql, itemCountsSql, itemsetCountsSql } from './basket-stats-sql.js';
import { itemsetsInMiningOrder } from './itemset-order.js';
import { checkItemsetOptions, minCountFor, tooManyItemsets, type FrequentItemsetOptions, type FrequentItemsets } from './fp-growth.js';

/**
 * The product baskets of a window as aggregates (issue 16): how many baskets, and how many hold each
 * product. Items are the products of the window's baskets in byte order of their ids, numbered as
 * {@link loadBaskets} numbers them.
 */
export interface BasketStats {
  readonly items: readonly string[];
  readonly basketCount: number;
  readonly itemCounts: Int32Array;
  readonly window: DayWindow;
  readonly facts: BasketFacts;
  readonly warnings: string[];
}

const byteOrder = (a: string, b: string): number => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

/**
 * Basket and item counts of a window, by the rules of {@link loadBaskets}, computed where the rows are
 * (`basket-stats-sql.ts`: on ClickHouse each shard builds its customers' baskets and sends its partial
 * counts): one row per product and one row come back, whatever the number of baskets.
 * @throws InputError as {@link loadBaskets}: `bad_date`, `empty_log`, `no_product_ids`, `no_baskets`
 * @example
 * const s = await loadBasketStats(engine, { to: '2011-06-30' });
 * s.itemCounts[s.items.indexOf('85123A')] / s.basketCount; // the product's share of baskets
 */
export async function loadBasketStats(engine: Engine, options: { from?: string; to?: string }): Promise<BasketStats> {
  const { window, facts, warnings, span } = await basketWindow(engine, options);
  const d = engine.dialect;
  const [c] = await engine.rows<{ n: number }>(basketCountSql(d, window));
  const basketCount = c?.n ?? 0;
  if (basketCount === 0)
    throw new InputError('no_baskets', `Every purchase with a product ${span} was returned or cancelled: no basket is left`, { window });
  const rows = await engine.columns(itemCountsSql(d, window), { product_id: 'string', n: 'f64' });
  const ids = rows.strings.product_id!,
    n = rows.f64.n!;
  const order = Array.from(ids.keys()).sort((a, b) => byteOrder(ids[a]!, ids[b]!));
  return {
    items: order.map((k) => ids[k]!),
    basketCount,
    itemCounts: Int32Array.from(order, (k) => n[k]!),
    window,
    facts,
    warnings,
  };
}

/**
 * Frequent itemsets of the window's product baskets without reading the baskets (issue 16), by
 * Apriori's level-wise counting on the shards (count distribution, Agrawal & Shafer 1996): the
 * frequent items come from the item counts; level k counts, in every basket where it lives, the
 * k-itemsets whose (k−1)-subsets are all frequent ({@link itemsetCountsSql}; every co-occurring pair
 * of frequent items at k = 2), and the shards' counts are summed. What comes back is one row per
 * frequent itemset, whatever the number of baskets. Laid out in FP-growth's order
 * ({@link itemsetsInMiningOrder}): the same itemsets, counts and order as `frequentItemsets` of
 * {@link loadBaskets}' baskets.
 * @throws InputError as `frequentItemsets` (`too_many_itemsets` once more itemsets are frequent than allowed)
 * @example
 * const sets = await frequentItemsetsOnShards(engine, await loadBasketStats(engine, {}), { minSupport: 0.01 });
 */
export async function frequentItemsetsOnShards(
  engine: Engine,
  stats: BasketStats,
  options: FrequentItemsetOptions,
): Promise<FrequentItemsets> {
  const o = checkItemsetOptions(options);
  const n = stats.basketCount;
  const minCount = minCountFor(o.minSupport, n);
  const keep: number[] = [];
  for (let i = 0; i < stats.items.length; i++) if (stats.itemCounts[i]! >= minCount) keep.push(i);
  if (keep.length > o.maxItemsets) throw tooManyItemsets(o, minCount, n);
  const products = keep.map((i) => stats.items[i]!);
  const counts = new Map<string, number>();
  const allowed: (string[] | null)[] = [null, null, null];
  let level: number[][] = keep.map((_, p) => [p]);
  for (let k = 2; k <= o.maxLength && level.length >= 2; k++) {
    const candidates = k === 2 ? null : aprioriCandidates(level);
    if (candidates !== null && candidates.length === 0) break;
    allowed[k] = candidates === null ? null : candidates.map((c) => c.join(','));
    // only the products of a frequent (k−1)-itemset can be in a frequent k-itemset: the SQL lists
    // those, and names itemsets by positions in that shorter list (mapped back here)
    const used = [...new Set(level.flat())].sort((a, b) => a - b);
    const local = new Map(used.map((p, q) => [p, q]));
    const rename = (keys: string[] | null): string[] | null =>
      keys &&
      keys.map((key) =>
        key
          .split(',')
          .map((p) => local.get(Number(p)))
          .join(','),
      );
    const sql = itemsetCountsSql(
      engine.dialect,
      stats.window,
      used.map((p) => products[p]!),
      k,
      allowed.map(rename),
      minCount,
    );
    const rows = await engine.columns(sql, { itemset: 'string', n: 'f64' });
    const keys = rows.strings.itemset!,
      c = rows.f64.n!;
    level = [];
    for (let r = 0; r < rows.length; r++)
      if (c[r]! >= minCount) {
        const set = keys[r]!.split(',').map((q) => used[Number(q)]!);
        counts.set(set.join(','), c[r]!);
        level.push(set);
      }
    if (counts.size + keep.length > o.maxItemsets) throw tooManyItemsets(o, minCount, n);
    level.sort(lexicographic);
    allowed[k] = level.map((s) => s.join(','));
  }
  return itemsetsInMiningOrder(stats.items, n, stats.itemCounts, o, minCount, Int32Array.from(keep), (key) => counts.get(key));
}

const lexicographic = (a: readonly number[], b: readonly number[]): number => {
  for (let t = 0; t < a.length; t++) if (a[t] !== b[t]) return a[t]! - b[t]!;
  return 0;
};

/**
 * Apriori's candidate generation (Agrawal & Srikant 1994, apriori-gen): the k-itemsets joining two
 * frequent (k−1)-itemsets (sorted lexicographically) that share their first k−2 items, kept when every
 * (k−1)-subset is frequent. Itemsets are ascending position lists.
 */
export function aprioriCandidates(frequent: readonly (readonly number[])[]): number[][] {
  const known = new Set(frequent.map((s) => s.join(',')));
  const out: number[][] = [];
  for (let a = 0; a < frequent.length; a++) {
    const x = frequent[a]!,
      head = x.length - 1;
    for (let b = a + 1; b < frequent.length; b++) {
      const y = frequent[b]!;
      let same = true;
      for (let t = 0; t < head && same; t++) same = x[t] === y[t];
      if (!same) break; // sorted: no later itemset shares the prefix
      const c = [...x, y[head]!];
      let ok = true;
      for (let drop = 0; drop < head && ok; drop++) ok = known.has(c.filter((_, t) => t !== drop).join(','));
      if (ok) out.push(c);
    }
  }
  return out;
}
