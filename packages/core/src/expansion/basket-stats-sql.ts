/**
 * The basket statistics in plain GROUP BY SQL (no CTE, window function or FILTER, one JOIN per
 * SELECT), which ClickHouse 18.16, a current ClickHouse and DuckDB all run, for the reports that need
 * aggregates of the baskets rather than the baskets (issue 16). The basket lines are built inside
 * `dialect.perShard`: a basket is one customer's, so each shard builds its own customers' baskets and
 * only the grouped counts leave it. Same rules as {@link basketLinesSql} (DuckDB's window form); the
 * tests check the two give the same baskets.
 */
import type { SqlDialect } from '../engine/engine.js';
import { type DayWindow, windowSql } from './baskets-sql.js';

/**
 * One row per basket × product still held after returns: `customer_id`, `o` (order id or ''), `d`
 * (the day for baskets without an order id, else 1970-01-01), `product_id`, `day` (first day of the
 * product in the basket). The rules of {@link basketLinesSql}. With `only`, the lines of those
 * products alone (a product's membership depends on its own purchases and returns only).
 *
 * ## Method
 * Purchases are grouped by basket and product (`p`: units, first time). Each return row is joined to
 * the purchases of the same customer and product (`USING (customer_id, product_id)`), kept when the
 * purchase is in the return's order or at or before its time, and a GROUP BY on the return row picks
 * the purchase with the largest (same order, time, order id, day): `row_number() … = 1` of the window
 * form as an `argMax` over a row value (the key is unique within a customer and product, so the
 * order id and the day come from the same purchase). The units matched to each purchase are summed
 * and subtracted (`LEFT JOIN USING`).
 */
export function plainBasketLinesSql(d: SqlDialect, w: DayWindow, only?: readonly string[]): string {
  // a product's membership depends on its own rows only, so the lines of some products read just theirs
  const some = only ? ` AND product_id IN (${only.map((p) => d.string(p)).join(', ')})` : '';
  const lines = `SELECT customer_id, product_id, coalesce(order_id, '') AS o,
    CASE WHEN order_id IS NULL THEN event_date ELSE ${d.dateLiteral('1970-01-01')} END AS d,
    event_date, ts, is_return, abs(coalesce(quantity, 1)) AS units, source_id, line
  FROM transactions WHERE product_id IS NOT NULL${windowSql(d, w)}${some}`;
  const bought = `SELECT customer_id, product_id, o, d, min(ts) AS p_ts, min(event_date) AS day, sum(units) AS p_units
  FROM (${lines}) l WHERE NOT is_return GROUP BY customer_id, product_id, o, d`;
  const returns = `SELECT customer_id, product_id, o AS r_o, ts AS r_ts, units AS r_units, source_id, line
  FROM (${lines}) l WHERE is_return`;
  const key = `(CASE WHEN r_o <> '' AND o = r_o THEN 1 ELSE 0 END, p_ts, o, d)`;
  const match = `SELECT customer_id, product_id, source_id, line, min(r_units) AS r_units,
    ${d.argMax('o', key)} AS m_o, ${d.argMax('d', key)} AS m_d
  FROM (${bought}) p JOIN (${returns}) r USING (customer_id, product_id)
  WHERE (r_o <> '' AND o = r_o) OR p_ts <= r_ts
  GROUP BY customer_id, product_id, source_id, line`;
  const returned = `SELECT customer_id, product_id, m_o AS o, m_d AS d, sum(r_units) AS returned
  FROM (${match}) m GROUP BY customer_id, product_id, m_o, m_d`;
  return `SELECT customer_id, o, d, product_id, day
FROM (${bought}) p LEFT JOIN (${returned}) x USING (customer_id, product_id, o, d)
WHERE p_units - coalesce(returned, 0) > 0`;
}

/** The distinct products each customer holds in the window's baskets (`customer_id`, `n`), counted on the customer's shard. */
export function customerBreadthSql(d: SqlDialect, w: DayWindow): string {
  const perShard = d.perShard(
    `SELECT customer_id, ${d.countDistinct('product_id')} AS n FROM (${plainBasketLinesSql(d, w)}) l GROUP BY customer_id`,
  );
  return `SELECT customer_id, CAST(n AS DOUBLE) AS n FROM ${perShard} s`;
}

/** Number of baskets in the window (one row, `n`; 0 when none). */
export function basketCountSql(d: SqlDialect, w: DayWindow): string {
  const perShard = d.perShard(
    `SELECT count(*) AS n FROM (SELECT customer_id, o, d FROM (${plainBasketLinesSql(d, w)}) l GROUP BY customer_id, o, d) b`,
  );
  return `SELECT CAST(coalesce(sum(n), 0) AS DOUBLE) AS n FROM ${perShard} s`;
}

/** Baskets holding each product (`product_id`, `n`), in no particular order; the partial counts of the shards are summed. */
export function itemCountsSql(d: SqlDialect, w: DayWindow): string {
  return `SELECT product_id, CAST(count(*) AS DOUBLE) AS n FROM ${d.perShard(plainBasketLinesSql(d, w))} l GROUP BY product_id`;
}

/**
 * Baskets holding each itemset of `k` listed products: `itemset` (the 0-based positions in `products`,
 * ascending, comma-separated) and `n`. `allowed[j]` (j = 2 … k) lists the itemsets of j products
 * counted (as the same text); null counts every one (for j = 2: all pairs). Only the itemsets in at
 * least `minCount` baskets are returned. A basket's itemsets are
 * enumerated in increasing position order, extended one product at a time and kept while the prefix
 * is allowed (Apriori's candidate pruning), so each basket yields each counted itemset once. Each
 * shard enumerates its own baskets and groups them; the outer GROUP BY sums the shards' counts, so
 * what travels grows with the allowed itemsets (to the node asked) and the frequent ones (to this
 * process), not with baskets (count distribution: Agrawal &
 * Shafer 1996, "Parallel mining of association rules", IEEE TKDE 8(6)).
 */
export function itemsetCountsSql(
  d: SqlDialect,
  w: DayWindow,
  products: readonly string[],
  k: number,
  allowed: readonly (readonly string[] | null)[],
  minCount: number,
): string {
  const at = d.indexIn('product_id', products);
  const items = `SELECT customer_id, o, d, ${at} AS i FROM (${plainBasketLinesSql(d, w, products)}) l`;
  // a basket with fewer than k listed products holds no k-itemset
  const baskets = `SELECT customer_id, o, d, ${d.listAgg('i')} AS a FROM (${items}) li WHERE i >= 0 GROUP BY customer_id, o, d HAVING count(*) >= ${k}`;
  // each level names its columns apart: ClickHouse aliases are query-wide, so `x AS l` would shadow an input column l
  let level = `SELECT a, x1 AS l1, ${d.text('x1')} AS p1 FROM (SELECT a, ${d.unnest('a')} AS x1 FROM (${baskets}) b) u`;
  for (let j = 2; j <= k; j++) {
    const key = `concat(p${j - 1}, ',', ${d.text(`x${j}`)})`;
    const only = allowed[j] ? ` AND ${key} IN (${allowed[j]!.map((t) => d.string(t)).join(', ')})` : '';
    level = `SELECT a, x${j} AS l${j}, ${key} AS p${j}
FROM (SELECT a, l${j - 1}, p${j - 1}, ${d.unnest('a')} AS x${j} FROM (${level}) v) u WHERE x${j} > l${j - 1}${only}`;
  }
  const counted = d.perShard(`SELECT p${k} FROM (${level}) e`);
  return `SELECT p${k} AS itemset, CAST(count(*) AS DOUBLE) AS n FROM ${counted} s GROUP BY p${k} HAVING count(*) >= ${Math.trunc(minCount)}`;
}
