import type { SqlDialect } from '../../src/engine/engine.js';
import type { SummarySqlOptions } from '../../src/summary/summary-sql.js';

// The per-customer summary SQL as of commit 861726d (before returns netting and exact money sums),
// kept only so that bench/summary-money-bench.ts can time it side by side with the current one.
export function summarySqlBefore(d: SqlDialect, o: SummarySqlOptions): string {
  const cal = d.dateLiteral(o.calibrationEnd);
  const per = o.daysPerPeriod === 1 ? '' : ` / ${o.daysPerPeriod}.0`;
  const hold = o.holdoutEnd === undefined ? null : d.dateLiteral(o.holdoutEnd);
  return `WITH days AS (
  SELECT customer_id, event_date, sum(amount) AS day_amount, count(*) AS n,
    row_number() OVER (PARTITION BY customer_id ORDER BY event_date) AS k
  FROM transactions WHERE NOT is_return GROUP BY customer_id, event_date
), cal AS (
  SELECT customer_id, count(*) - 1 AS frequency, min(event_date) AS first_purchase, max(event_date) AS last_purchase,
    sum(day_amount) AS total_revenue, sum(day_amount) FILTER (WHERE k > 1) AS repeat_revenue, sum(n) AS transactions
  FROM days WHERE event_date <= ${cal} GROUP BY customer_id
), ret AS (
  SELECT customer_id, count(*) AS returns, -sum(amount) AS returns_value
  FROM transactions WHERE is_return AND event_date <= ${cal} GROUP BY customer_id
)${
    hold
      ? `, hold AS (
  SELECT customer_id, count(*) AS frequency_holdout, avg(day_amount) AS monetary_value_holdout
  FROM days WHERE event_date > ${cal} AND event_date <= ${hold} GROUP BY customer_id
)`
      : ''
  }
SELECT c.customer_id,
  CAST(c.frequency AS DOUBLE) AS frequency,
  ${d.dateDiffDays('c.first_purchase', 'c.last_purchase')}${per} AS recency,
  ${d.dateDiffDays('c.first_purchase', cal)}${per} AS "T",
  CASE WHEN c.frequency > 0 THEN c.repeat_revenue / c.frequency ELSE 0 END AS monetary_value,
  CAST(${d.dateDiffDays("DATE '1970-01-01'", 'c.first_purchase')} AS DOUBLE) AS first_purchase,
  CAST(${d.dateDiffDays("DATE '1970-01-01'", 'c.last_purchase')} AS DOUBLE) AS last_purchase,
  CAST(c.transactions AS DOUBLE) AS transactions,
  c.total_revenue,
  CAST(coalesce(r.returns, 0) AS DOUBLE) AS returns,
  coalesce(r.returns_value, 0) AS returns_value,
  c.total_revenue - coalesce(r.returns_value, 0) AS net_revenue${
    hold
      ? `,
  CAST(coalesce(h.frequency_holdout, 0) AS DOUBLE) AS frequency_holdout,
  coalesce(h.monetary_value_holdout, 0) AS monetary_value_holdout,
  ${d.dateDiffDays(cal, hold)}${per} AS duration_holdout`
      : ''
  }
FROM cal c LEFT JOIN ret r USING (customer_id)${hold ? ' LEFT JOIN hold h USING (customer_id)' : ''}
ORDER BY try_cast(c.customer_id AS BIGINT) NULLS LAST, c.customer_id`;
}
