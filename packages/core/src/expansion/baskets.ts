import type { Engine } from '../engine/engine.js';
import { isoDateOrNull } from '../engine/sql.js';
import { InputError } from '../errors.js';
import { onDuckDb } from '../engine/clickhouse/duckdb-mirror.js';
import type { BasketSet } from './basket-set.js';
import {
  basketCustomersSql,
  basketFactsSql,
  basketLinesSql,
  basketListSql,
  basketMembersSql,
  basketNumberingSql,
  basketProductsSql,
  dropBasketTablesSql,
  type DayWindow,
  windowSql,
} from './baskets-sql.js';
import { toCategoryLevel } from './category-level.js';
import type { ProductCatalog } from './product-catalog.js';

export interface LogBasketOptions {
  /** `product` (default) or `category` (needs `catalog`). */
  level?: 'product' | 'category';
  catalog?: ProductCatalog;
  /** First and last day read, ISO dates inclusive (default: the whole log). */
  from?: string;
  to?: string;
}

/** What the log held in the window (rows, not baskets). */
export interface BasketFacts {
  rows: number;
  rowsWithProduct: number;
  rowsWithOrder: number;
  returns: number;
  /** `order` (every row has an order id), `customer-day` (none has) or `mixed`. */
  basketsBy: 'order' | 'customer-day' | 'mixed';
}

/**
 * Baskets read from the transaction log, with who bought each and when. Baskets are grouped by
 * customer (customer numbers ascending with the id) and in time order within a customer.
 */
export interface LogBaskets extends BasketSet {
  readonly level: 'product' | 'category';
  /** Customer ids; `customer[b]` indexes this list. */
  readonly customers: readonly string[];
  readonly customer: Int32Array;
  /** First day of each basket, days since 1970-01-01. */
  readonly day: Int32Array;
  readonly window: DayWindow;
  readonly facts: BasketFacts;
  /** Plain-words notes on what was left out (rows without product, products without category). */
  readonly warnings: string[];
}

const checkDate = (v: string | undefined, name: string): string | null => {
  if (v === undefined) return null;
  const d = isoDateOrNull(v);
  if (d === null) throw new InputError('bad_date', `${name} must be a date YYYY-MM-DD; got "${v}"`, { value: v });
  return d;
};

const n = (x: number): string => x.toLocaleString('en-US');

/**
 * Reads the baskets of the log (see `basketLinesSql` for the rules: order id or customer-day,
 * returns and cancellations netted out, quantities ignored), at product level or, with a product
 * catalog, at category level. Runs a handful of statements over temp tables and reads typed columns
 * only (no per-row objects).
 * @throws InputError `bad_date`, `empty_log` (no row in the window), `no_product_ids` (the log has
 *   no product column: exit 2 in the CLI), `no_baskets` (every purchase was returned),
 *   `missing_catalog` / `no_categories` for the category level.
 * @example
 * const b = await loadBaskets(engine, { to: '2011-06-30' });
 * b.offsets.length - 1; // baskets; b.items = product ids
 */
export async function loadBaskets(engine: Engine, options: LogBasketOptions = {}): Promise<LogBaskets> {
  const level = options.level ?? 'product';
  if (level === 'category' && options.catalog === undefined)
    throw new InputError(
      'missing_catalog',
      'Category-level baskets need a product file with a category per product (e.g. --products products.csv with product_id,category)',
      {},
    );
  const { window, facts, warnings, span } = await basketWindow(engine, options);
  // issue 16: the basket statements (window functions, temp tables) are DuckDB's; on ClickHouse they
  // run on a temporary DuckDB holding the window's product rows (one row per line, see duckdb-mirror.ts)
  const product = await onDuckDb(engine, basketSource(engine, window), (duck) => productBaskets(duck, window, facts, warnings, span));
  return level === 'product' ? product : toCategoryLevel(product, options.catalog!).baskets;
}

/** The rows the basket statements read: the window's rows with a product id (mirrored to DuckDB on ClickHouse). */
export const basketSource = (engine: Engine, window: DayWindow): { name: string; where: string }[] => [
  { name: 'transactions', where: `product_id IS NOT NULL${windowSql(engine.dialect, window)}` },
];

/**
 * The window of {@link loadBaskets} checked against the log: its facts (rows, product ids, order ids,
 * returns), the warnings on rows left out, and the window in words.
 * @throws InputError `bad_date`, `empty_log`, `no_product_ids`
 */
export async function basketWindow(
  engine: Engine,
  options: Pick<LogBasketOptions, 'from' | 'to'>,
): Promise<{ window: DayWindow; facts: BasketFacts; warnings: string[]; span: string }> {
  const window: DayWindow = { from: checkDate(options.from, 'The first day'), to: checkDate(options.to, 'The last day') };
  const d = engine.dialect;
  const [f] = await engine.rows<{ rows: number; with_product: number; with_order: number; returns: number }>(basketFactsSql(d, window));
  const facts: BasketFacts = {
    rows: f?.rows ?? 0,
    rowsWithProduct: f?.with_product ?? 0,
    rowsWithOrder: f?.with_order ?? 0,
    returns: f?.returns ?? 0,
    basketsBy: (f?.with_order ?? 0) === 0 ? 'customer-day' : f!.with_order === f!.rows ? 'order' : 'mixed',
  };
  const span =
    window.from === null && window.to === null ? 'in the whole log' : `from ${window.from ?? 'the start'} to ${window.to ?? 'the end'}`;
  if (facts.rows === 0) throw new InputError('empty_log', `No transactions ${span}; ingest a log or widen the dates`, { window });
  if (facts.rowsWithProduct === 0) {
    throw new InputError(
      'no_product_ids',
      `The log has no product ids (0 of ${n(facts.rows)} rows ${span}): baskets, rules and offers need a product column; ingest the log with --product-col NAME (columns named product_id, sku, StockCode or item are found automatically)`,
      { rows: facts.rows },
    );
  }
  const warnings: string[] = [];
  if (facts.rowsWithProduct < facts.rows)
    warnings.push(`${n(facts.rows - facts.rowsWithProduct)} of ${n(facts.rows)} rows have no product id and are left out of the baskets`);
  return { window, facts, warnings, span };
}

/** The product-level baskets of a window, read by DuckDB's basket statements. */
async function productBaskets(
  engine: Engine,
  window: DayWindow,
  facts: BasketFacts,
  warnings: string[],
  span: string,
): Promise<LogBaskets> {
  const d = engine.dialect;
  await engine.exec(basketLinesSql(d, window));
  try {
    for (const sql of basketNumberingSql(d)) await engine.exec(sql);
    const list = await engine.columns(basketListSql(), { customer: 'f64', day: 'f64' });
    if (list.length === 0)
      throw new InputError('no_baskets', `Every purchase with a product ${span} was returned or cancelled: no basket is left`, { window });
    const pairs = await engine.columns(basketMembersSql(), { basket: 'f64', item: 'f64' });
    const customers = (await engine.rows<{ customer_id: string }>(basketCustomersSql())).map((r) => r.customer_id);
    const items = (await engine.rows<{ product_id: string }>(basketProductsSql())).map((r) => r.product_id);
    const offsets = new Int32Array(list.length + 1);
    const members = new Int32Array(pairs.length);
    const pb = pairs.f64.basket!,
      pi = pairs.f64.item!;
    for (let k = 0; k < pairs.length; k++) {
      offsets[pb[k]! + 1]!++;
      members[k] = pi[k]!;
    }
    for (let b = 0; b < list.length; b++) offsets[b + 1]! += offsets[b]!;
    const product: LogBaskets = {
      items,
      offsets,
      members,
      level: 'product',
      customers,
      customer: Int32Array.from(list.f64.customer!),
      day: Int32Array.from(list.f64.day!),
      window,
      facts,
      warnings,
    };
    return product;
  } finally {
    for (const sql of dropBasketTablesSql()) await engine.exec(sql);
  }
}
