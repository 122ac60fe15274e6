import type { SqlDialect } from '../engine/engine.js';

export interface HistorySqlOptions {
  /** The snapshot day (inclusive), ISO date: nothing after it is read. */
  asOf: string;
  /** Add `products` (distinct product ids bought) and `channels` (distinct channels). */
  mix?: { products: boolean; channels: boolean };
}

/**
 * Per-customer purchase history that the summary does not carry, with the as-of cut: the
 * second-to-last purchase day (`prev_purchase`, days since 1970-01-01, NULL for one purchase day)
 * for the reactivation rule, and optionally the product and channel mix. Purchases only (returns
 * excluded), same-day purchases merged as in the summary. Rows are ordered exactly like
 * `summarySql` so the two line up row by row.
 */
export function historySql(d: SqlDialect, o: HistorySqlOptions): string {
  const cut = d.dateLiteral(o.asOf);
  const mix = o.mix ?? { products: false, channels: false };
  const extra = [
    mix.products ? `,\n  CAST(${d.countDistinct('t.product_id')} AS DOUBLE) AS products` : '',
    mix.channels ? `,\n  CAST(${d.countDistinct('t.channel')} AS DOUBLE) AS channels` : '',
  ].join('');
  return `WITH t AS (
  SELECT customer_id, event_date, product_id, channel FROM transactions WHERE NOT is_return AND event_date <= ${cut}
), l AS (
  SELECT customer_id, max(event_date) AS last_purchase FROM t GROUP BY customer_id
)
SELECT t.customer_id,
  CAST(${d.dateDiffDays("DATE '1970-01-01'", 'max(t.event_date) FILTER (WHERE t.event_date < l.last_purchase)')} AS DOUBLE) AS prev_purchase${extra}
FROM t JOIN l USING (customer_id)
GROUP BY t.customer_id
ORDER BY try_cast(t.customer_id AS BIGINT) NULLS LAST, t.customer_id`;
}

/** Whether the log carries product ids and channels at all (so the mix columns mean something). */
export function mixPresenceSql(): string {
  return `SELECT count(product_id) AS products, count(channel) AS channels FROM transactions WHERE NOT is_return`;
}
