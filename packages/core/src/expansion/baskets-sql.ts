/**
 * The basket SQL: transaction rows → one row per (basket, product) still held after returns, then
 * numbered baskets, customers and products read as typed columns. Plain GROUP BY / JOIN / window
 * SQL (no engine-specific functions beyond the dialect's date difference), so a second engine runs
 * it as is. Dates are validated ISO strings turned into literals by the dialect.
 */
import type { SqlDialect } from '../engine/engine.js';

/** Temp tables written by {@link basketLinesSql} and {@link basketNumberingSql}. */
export const BASKET_LINES = 'cvm_basket_lines';
export const BASKET_IDS = 'cvm_basket_ids';
export const BASKET_CUSTOMERS = 'cvm_basket_customers';
export const BASKET_PRODUCTS = 'cvm_basket_products';

/** A window of the log, ISO dates inclusive (null = open). */
export interface DayWindow {
  from: string | null;
  to: string | null;
}

/** `AND event_date …` conditions of a window (empty for an open window). */
export function windowSql(d: SqlDialect, w: DayWindow, column = 'event_date'): string {
  return `${w.from === null ? '' : ` AND ${column} >= ${d.dateLiteral(w.from)}`}${w.to === null ? '' : ` AND ${column} <= ${d.dateLiteral(w.to)}`}`;
}

/** Rows, rows with a product id, rows with an order id, returns and the day range in a window: decides what can be built. */
export function basketFactsSql(d: SqlDialect, w: DayWindow): string {
  return `SELECT CAST(count(*) AS DOUBLE) AS rows, CAST(count(product_id) AS DOUBLE) AS with_product,
  CAST(count(order_id) AS DOUBLE) AS with_order, CAST(${d.countIf('is_return')} AS DOUBLE) AS returns
FROM transactions WHERE 1 = 1${windowSql(d, w)}`;
}

/**
 * `CREATE TEMP TABLE cvm_basket_lines`: one row per basket × product still held, with the basket's
 * key (`customer_id`, `o` = order id or '', `d` = the day for baskets without an order id, else
 * 1970-01-01), its first time and day.
 *
 * ## Rules
 * - A basket is an order (customer + order id); rows without an order id form one basket per
 *   customer and day.
 * - Membership ignores quantities: a product is in a basket when its purchased units there exceed
 *   the units returned against it (units = |quantity|, 1 when the row has none).
 * - A return (or cancellation) row is matched to one purchase of the same customer and product:
 *   the same order when that order bought it, else the latest purchase at or before the return's
 *   time (cancellations carry their own order id, e.g. C536379, so they match this way). Returns
 *   with no matching purchase in the window (bought before it) change nothing.
 * - Rows without a product id are left out (counted by {@link basketFactsSql}).
 */
export function basketLinesSql(d: SqlDialect, w: DayWindow): string {
  return `CREATE OR REPLACE TEMP TABLE ${BASKET_LINES} AS
WITH lines AS (
  SELECT customer_id, coalesce(order_id, '') AS o,
    CASE WHEN order_id IS NULL THEN event_date ELSE DATE '1970-01-01' END AS d,
    event_date, ts, product_id, is_return, abs(coalesce(quantity, 1)) AS units, source_id, line
  FROM transactions WHERE product_id IS NOT NULL${windowSql(d, w)}
), p AS (
  SELECT customer_id, o, d, product_id, min(ts) AS ts, min(event_date) AS day, sum(units) AS units
  FROM lines WHERE NOT is_return GROUP BY customer_id, o, d, product_id
), m AS (
  SELECT p.customer_id, p.o, p.d, p.product_id, r.units,
    row_number() OVER (PARTITION BY r.source_id, r.line ORDER BY CASE WHEN r.o <> '' AND p.o = r.o THEN 0 ELSE 1 END, p.ts DESC, p.o DESC, p.d DESC) AS pick
  FROM lines r JOIN p ON p.customer_id = r.customer_id AND p.product_id = r.product_id AND ((r.o <> '' AND p.o = r.o) OR p.ts <= r.ts)
  WHERE r.is_return
), x AS (
  SELECT customer_id, o, d, product_id, sum(units) AS units FROM m WHERE pick = 1 GROUP BY customer_id, o, d, product_id
)
SELECT p.customer_id, p.o, p.d, p.product_id, p.ts, p.day
FROM p LEFT JOIN x ON x.customer_id = p.customer_id AND x.o = p.o AND x.d = p.d AND x.product_id = p.product_id
WHERE p.units - coalesce(x.units, 0) > 0`;
}

/**
 * Numbers the baskets (by customer id, then first time, then key), the customers (by id) and the
 * products (by id) into three temp tables, 0-based.
 */
export function basketNumberingSql(d: SqlDialect): string[] {
  return [
    `CREATE OR REPLACE TEMP TABLE ${BASKET_CUSTOMERS} AS
SELECT customer_id, CAST(row_number() OVER (ORDER BY customer_id) - 1 AS INTEGER) AS customer
FROM (SELECT DISTINCT customer_id FROM ${BASKET_LINES}) c`,
    `CREATE OR REPLACE TEMP TABLE ${BASKET_PRODUCTS} AS
SELECT product_id, CAST(row_number() OVER (ORDER BY product_id) - 1 AS INTEGER) AS item
FROM (SELECT DISTINCT product_id FROM ${BASKET_LINES}) p`,
    `CREATE OR REPLACE TEMP TABLE ${BASKET_IDS} AS
SELECT b.customer_id, b.o, b.d, c.customer, b.day,
  CAST(row_number() OVER (ORDER BY b.customer_id, b.ts, b.o, b.d) - 1 AS INTEGER) AS basket
FROM (SELECT customer_id, o, d, min(ts) AS ts, ${d.dateDiffDays("DATE '1970-01-01'", 'min(day)')} AS day FROM ${BASKET_LINES} GROUP BY customer_id, o, d) b
JOIN ${BASKET_CUSTOMERS} c ON c.customer_id = b.customer_id`,
  ];
}

/** Basket number → customer number and day (days since 1970-01-01), in basket order. */
export const basketListSql = (): string =>
  `SELECT CAST(customer AS DOUBLE) AS customer, CAST(day AS DOUBLE) AS day FROM ${BASKET_IDS} ORDER BY basket`;

/** (basket, item) pairs in basket then item order: the CSR members. */
export const basketMembersSql = (): string =>
  `SELECT CAST(b.basket AS DOUBLE) AS basket, CAST(p.item AS DOUBLE) AS item
FROM ${BASKET_LINES} l
JOIN ${BASKET_IDS} b ON b.customer_id = l.customer_id AND b.o = l.o AND b.d = l.d
JOIN ${BASKET_PRODUCTS} p ON p.product_id = l.product_id
ORDER BY 1, 2`;

/** Customer ids in customer-number order. */
export const basketCustomersSql = (): string => `SELECT customer_id FROM ${BASKET_CUSTOMERS} ORDER BY customer`;

/** Product ids in item-number order. */
export const basketProductsSql = (): string => `SELECT product_id FROM ${BASKET_PRODUCTS} ORDER BY item`;

/** Drops the temp tables. */
export const dropBasketTablesSql = (): string[] =>
  [BASKET_LINES, BASKET_IDS, BASKET_CUSTOMERS, BASKET_PRODUCTS].map((t) => `DROP TABLE IF EXISTS ${t}`);
