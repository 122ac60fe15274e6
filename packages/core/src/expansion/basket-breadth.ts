import type { Engine } from '../engine/engine.js';
import { InputError } from '../errors.js';
import { onDuckDb } from '../engine/clickhouse/duckdb-mirror.js';
import { basketSource, basketWindow } from './baskets.js';
import { BASKET_LINES, basketLinesSql, dropBasketTablesSql } from './baskets-sql.js';
import { customerBreadthSql } from './basket-stats-sql.js';

/**
 * The distinct products each customer holds in the baskets of a window (from `from` to `to`, ISO
 * dates inclusive): the breadth of up-sell headroom without a catalog. The same count as the items
 * `ownedItems` finds per customer in {@link loadBaskets}' baskets (the same basket lines, so the same
 * rules: returns and cancellations netted, rows without a product left out), read as one grouped count
 * instead of numbering baskets, customers and products and reading every (basket, product) pair.
 * Customers come in no particular order; the warnings are loadBaskets'. On ClickHouse the count runs
 * on each shard over the plain basket lines ({@link customerBreadthSql}), not on a copy of the log.
 * @throws InputError `bad_date`, `empty_log`, `no_product_ids`, `no_baskets` (as loadBaskets)
 * @example
 * const b = await basketBreadth(engine, { from: '2010-12-01', to: '2011-11-30' });
 * b.breadth[b.customers.indexOf('12347')]; // distinct products customer 12347 holds in the window
 */
export async function basketBreadth(
  engine: Engine,
  options: { from?: string; to?: string },
): Promise<{ customers: string[]; breadth: Float64Array; warnings: string[] }> {
  const { window, warnings, span } = await basketWindow(engine, options);
  const none = (): InputError =>
    new InputError('no_baskets', `Every purchase with a product ${span} was returned or cancelled: no basket is left`, { window });
  if (engine.dialect.name === 'clickhouse') {
    // issue 16: each shard counts its own customers' products (basket-stats-sql.ts); one row per customer comes back
    const b = await engine.columns(customerBreadthSql(engine.dialect, window), { customer_id: 'string', n: 'f64' });
    if (b.length === 0) throw none();
    return { customers: b.strings.customer_id!, breadth: b.f64.n!, warnings };
  }
  return onDuckDb(engine, basketSource(engine, window), async (duck) => {
    await duck.exec(basketLinesSql(duck.dialect, window));
    try {
      const b = await duck.columns(
        `SELECT customer_id, CAST(count(DISTINCT product_id) AS DOUBLE) AS n FROM ${BASKET_LINES} GROUP BY customer_id`,
        { customer_id: 'string', n: 'f64' },
      );
      if (b.length === 0) throw none();
      return { customers: b.strings.customer_id!, breadth: b.f64.n!, warnings };
    } finally {
      for (const sql of dropBasketTablesSql()) await duck.exec(sql);
    }
  });
}
