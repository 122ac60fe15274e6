import type { SqlDialect } from '../engine/engine.js';
import { sqlString } from '../engine/sql.js';
import { droppedDaysCte, nettingCtes, skipDroppedJoin } from '../summary/returns-netting-sql.js';
import { plainNetDaysSql } from '../summary/plain-netting-sql.js';

export interface HistorySqlOptions {
  /** The snapshot day (inclusive), ISO date: nothing after it is read. */
  asOf: string;
  /**
   * Add `products` (distinct product ids bought) and `channels` (distinct channels). `channels` may
   * be the log's channel names (up to {@link MAX_INLINE_CHANNELS}): then each is one flag in the same
   * aggregation instead of a DISTINCT aggregate (same count, cheaper).
   */
  mix?: { products: boolean; channels: boolean | readonly string[] };
  /** false when the log has no return up to `asOf` (the summary's `hasReturns`): no netting work. Default true. */
  netReturns?: boolean;
  /**
   * false when the caller has `prev_purchase` already (the summary's pass, `previousPurchaseSql`):
   * DuckDB then leaves out the column and the last-purchase aggregate and join it needs. Default true.
   */
  previousPurchase?: boolean;
}

/** Up to this many channels, distinct channels are counted with one flag per channel. */
export const MAX_INLINE_CHANNELS = 16;

/**
 * Per-customer purchase history that the summary does not carry, with the as-of cut: the
 * second-to-last purchase day (`prev_purchase`, days since 1970-01-01, NULL for one purchase day)
 * for the reactivation rule, and optionally the product and channel mix. Purchases only (returns
 * excluded), same-day purchases merged and purchase days that returns cancelled skipped, as in the
 * summary (see `nettingCtes`). Also `first_purchase` and
 * `last_purchase` (days since 1970-01-01), which equal the summary's columns row by row: the caller
 * checks them to prove the two results line up without reading the customer ids twice. Rows are
 * ordered exactly like `summarySql` (same customers: at least one purchase up to the as-of day).
 *
 * ## Method
 * Two aggregations that each read `transactions` directly (a CTE read twice would be materialised:
 * 10M rows at the benchmark size): the last purchase day per customer, then everything else in one
 * pass joined to it, `prev_purchase` = the latest purchase day before the last one. Without
 * `prev_purchase` (`previousPurchase: false`), only the second aggregation, with no join: at 1M
 * customers the last-purchase aggregate and the 10M-row join were most of the query's working memory.
 */
export function historySql(d: SqlDialect, o: HistorySqlOptions): string {
  if (d.name !== 'duckdb') return plainHistorySql(d, o);
  const cut = d.dateLiteral(o.asOf);
  const mix = o.mix ?? { products: false, channels: false };
  const prev = o.previousPurchase !== false;
  const day = (x: string): string => `CAST(${d.dateDiffDays("DATE '1970-01-01'", x)} AS DOUBLE)`;
  const aggs = [`min(t.event_date) AS first_purchase`, `max(t.event_date) AS last_purchase`];
  const out = [day('h.first_purchase') + ' AS first_purchase', day('h.last_purchase') + ' AS last_purchase'];
  if (prev) {
    aggs.push(`max(t.event_date) FILTER (WHERE t.event_date < l.last_purchase) AS prev_purchase`);
    out.push(day('h.prev_purchase') + ' AS prev_purchase');
  }
  if (mix.products) {
    aggs.push(`${d.countDistinct('t.product_id')} AS products`);
    out.push('CAST(h.products AS DOUBLE) AS products');
  }
  if (Array.isArray(mix.channels) && mix.channels.length <= MAX_INLINE_CHANNELS) {
    const flags = (mix.channels as readonly string[]).map((c) => `max(CASE WHEN t.channel = ${sqlString(c)} THEN 1 ELSE 0 END)`);
    aggs.push(`${flags.length ? flags.join(' + ') : '0'} AS channels`);
    out.push('CAST(h.channels AS DOUBLE) AS channels');
  } else if (mix.channels) {
    aggs.push(`${d.countDistinct('t.channel')} AS channels`);
    out.push('CAST(h.channels AS DOUBLE) AS channels');
  }
  const sp = skipDroppedJoin('p'),
    st = skipDroppedJoin('t');
  const last = prev
    ? `, l AS (
  SELECT p.customer_id, max(p.event_date) AS last_purchase FROM transactions p ${sp.join}
  WHERE NOT p.is_return AND p.event_date <= ${cut} AND ${sp.where} GROUP BY p.customer_id
)`
    : '';
  return `WITH ${nettingCtes(d, { calibrationEnd: o.asOf, netReturns: o.netReturns })}, ${droppedDaysCte(d)}${last}, h AS (
  SELECT t.customer_id, ${aggs.join(',\n    ')}
  FROM transactions t ${prev ? 'JOIN l ON l.customer_id = t.customer_id ' : ''}${st.join}
  WHERE NOT t.is_return AND t.event_date <= ${cut} AND ${st.where}
  GROUP BY t.customer_id
)
SELECT h.customer_id,
  ${out.join(',\n  ')}
FROM h
ORDER BY try_cast(h.customer_id AS BIGINT) NULLS LAST, h.customer_id`;
}

/**
 * A purchase row whose `column` is not NULL, as one CASE: ClickHouse 18.16 on a cluster fails on
 * `NOT is_return AND column IS NOT NULL` when the column holds only NULLs ("Cannot find column
 * isNotNull(column) in source stream", its move of the condition to PREWHERE).
 */
const purchaseWith = (column: string): string => `(CASE WHEN is_return THEN 0 WHEN ${column} IS NULL THEN 0 ELSE 1 END) = 1`;

/**
 * Whether the log's purchases carry product ids, and their distinct channels (sorted, at most
 * {@link MAX_INLINE_CHANNELS} + 1, so more than that means "many"), so the mix columns mean something.
 * One row per channel; `products` repeats on every row (one row with a NULL channel when there are none).
 */
export function mixPresenceSql(): string {
  return `SELECT a.products, c.channel
FROM (SELECT 1 AS k, count(*) AS products FROM (SELECT 1 AS x FROM transactions WHERE ${purchaseWith('product_id')} LIMIT 1) p) a
LEFT JOIN (
  SELECT 1 AS k, channel FROM (SELECT DISTINCT channel FROM transactions WHERE ${purchaseWith('channel')}) ch ORDER BY channel LIMIT ${MAX_INLINE_CHANNELS + 1}
) c ON c.k = a.k
ORDER BY c.channel`;
}

/**
 * {@link historySql} in SQL every engine runs (no CTE, window or FILTER; one JOIN per SELECT), per
 * shard: the purchase rows up to the as-of day, less those of the days that returns cancelled (an
 * anti-join on {@link plainNetDaysSql}'s dropped days, left out when the log has no return), grouped
 * by customer; the day before the last is {@link SqlDialect.secondLargest} of the purchase days.
 */
function plainHistorySql(d: SqlDialect, o: HistorySqlOptions): string {
  const cut = d.dateLiteral(o.asOf);
  const mix = o.mix ?? { products: false, channels: false };
  const day = (x: string): string => d.double(d.dateDiffDays(d.dateLiteral('1970-01-01'), x));
  const aggs = [`min(event_date) AS first_day`, `max(event_date) AS last_day`, `${d.secondLargest('event_date')} AS prev_day`];
  const out = [day('h.first_day') + ' AS first_purchase', day('h.last_day') + ' AS last_purchase', day('h.prev_day') + ' AS prev_purchase'];
  if (mix.products) {
    aggs.push(`${d.countDistinct('product_id')} AS n_products`);
    out.push(`${d.double('h.n_products')} AS products`);
  }
  if (Array.isArray(mix.channels) && mix.channels.length <= MAX_INLINE_CHANNELS) {
    const flags = (mix.channels as readonly string[]).map((c) => `max(CASE WHEN channel = ${d.string(c)} THEN 1 ELSE 0 END)`);
    aggs.push(`${flags.length ? flags.join(' + ') : '0'} AS n_channels`);
    out.push(`${d.double('h.n_channels')} AS channels`);
  } else if (mix.channels) {
    aggs.push(`${d.countDistinct('channel')} AS n_channels`);
    out.push(`${d.double('h.n_channels')} AS channels`);
  }
  const net = o.netReturns !== false;
  const dropped = `SELECT customer_id, event_date, 1 AS dropped FROM (${plainNetDaysSql(d, { calibrationEnd: o.asOf })}) nd WHERE n > 0 AND kept = 0`;
  const h = `SELECT customer_id, ${aggs.join(',\n    ')}
  FROM transactions${net ? ` LEFT JOIN (${dropped}) x USING (customer_id, event_date)` : ''}
  WHERE NOT is_return AND event_date <= ${cut}${net ? ' AND dropped IS NULL' : ''}
  GROUP BY customer_id`;
  return `SELECT h.customer_id,
  ${out.join(',\n  ')}
FROM ${d.perShard(h)} h
ORDER BY ${d.customerOrder('h.customer_id')}`;
}
