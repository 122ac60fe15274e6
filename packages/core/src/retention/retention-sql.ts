import type { SqlDialect } from '../engine/engine.js';
import { droppedDaysCte, nettingCtes, skipDroppedJoin } from '../summary/returns-netting-sql.js';
import { plainNetDaysSql } from '../summary/plain-netting-sql.js';
import { CHANNEL_KEY_FACTOR } from '../summary/summary-history-sql.js';

/** Rows in the summary's order (numeric ids numerically), so results line up with `summarySql`. */
const SUMMARY_ORDER = 'ORDER BY try_cast(customer_id AS BIGINT) NULLS LAST, customer_id';

// the channel dictionary, its key factor and limit live with the summary's history columns (summary-history-sql.ts)
export { CHANNEL_KEY_FACTOR, MAX_CODED_CHANNELS, channelDictionarySql, channelPresenceSql } from '../summary/summary-history-sql.js';

/**
 * Per customer with a purchase up to `asOf` (the summary's customers, in its order): the purchase
 * days after `before` (`days_after`, same-day purchases merged, returns excluded, as the summary
 * counts them), the last purchase day up to `before` (`last_before`, NULL for a customer acquired
 * since) and the last purchase day up to `asOf` (`last_purchase`, which the caller checks against the
 * summary's to prove the rows line up); days since 1970-01-01. With `channels` (the dictionary from
 * {@link channelDictionarySql}, at most {@link MAX_CODED_CHANNELS}), also `last_channel_code`: the
 * index in `channels` of the channel of the latest purchase day (the alphabetically last when that
 * day had several); with `channels: 'text'`, `last_channel` = 'YYYY-MM-DD|channel' of that day instead.
 *
 * ## Method
 * One aggregation per customer straight over the transactions: the only distinct count is over the
 * rows after `before` (a short window), so no per-day pre-aggregation of the whole log is needed
 * (purchase days up to `before` = the summary's purchase days − `days_after`). Conditional aggregates
 * are CASE expressions. The last channel is the largest integer key day × 2³¹ + code, the code a
 * CASE over the few distinct channels in text order; the key minus last_purchase × 2³¹ is the code.
 * That orders exactly as the max over 'YYYY-MM-DD|channel' texts (day first, then the channel's
 * text) without building a string per row. Plain GROUP BY SQL, which both engines run.
 */
export function retentionHistorySql(
  d: SqlDialect,
  o: { asOf: string; before: string; channels: readonly string[] | 'text' | null; netReturns?: boolean },
): string {
  const cut = d.dateLiteral(o.asOf),
    before = d.dateLiteral(o.before);
  const days = (x: string): string => d.dateDiffDays("DATE '1970-01-01'", x);
  const day = (x: string): string => `CAST(${days(x)} AS DOUBLE)`;
  if (d.name !== 'duckdb') return plainRetentionHistorySql(d, { ...o, channel: o.channels !== null });
  // purchase days that returns cancelled are skipped, as in the summary (returns netting, issue 21)
  const skip = skipDroppedJoin('t');
  const coded = Array.isArray(o.channels);
  let channel = '';
  if (o.channels === 'text') channel = `, max(${d.isoDate('t.event_date')} || '|' || coalesce(t.channel, '')) AS last_channel`;
  else if (coded) {
    const code = `CASE coalesce(t.channel, '') ${(o.channels as readonly string[]).map((c, k) => `WHEN ${d.string(c)} THEN ${k}`).join(' ')} END`;
    channel = `, max(CAST(${days('t.event_date')} AS BIGINT) * ${CHANNEL_KEY_FACTOR} + ${code}) AS last_key`;
  }
  const cols = coded
    ? `customer_id, days_after, last_before, last_purchase, CAST(last_key - CAST(last_purchase AS BIGINT) * ${CHANNEL_KEY_FACTOR} AS DOUBLE) AS last_channel_code`
    : '*';
  return `WITH ${nettingCtes(d, { calibrationEnd: o.asOf, netReturns: o.netReturns })}, ${droppedDaysCte(d)}
SELECT ${cols} FROM (SELECT t.customer_id AS customer_id, CAST(${d.countDistinct(`CASE WHEN t.event_date > ${before} THEN t.event_date END`)} AS DOUBLE) AS days_after,
  ${day(`max(CASE WHEN t.event_date <= ${before} THEN t.event_date END)`)} AS last_before,
  ${day('max(t.event_date)')} AS last_purchase${channel}
FROM transactions t ${skip.join} WHERE NOT t.is_return AND t.event_date <= ${cut} AND ${skip.where}
GROUP BY t.customer_id) rh
${SUMMARY_ORDER}`;
}

/**
 * {@link retentionHistorySql} in plain GROUP BY SQL for ClickHouse (no CTE, window or FILTER): the
 * netted customer-days of `plainNetDaysSql` (the same returns rule), aggregated per customer on each
 * shard; the last channel is the largest 'YYYY-MM-DD|channel' over the kept days, each day carrying
 * its alphabetically last channel (the same text as the DuckDB form's max over rows).
 */
function plainRetentionHistorySql(d: SqlDialect, o: { asOf: string; before: string; channel: boolean; netReturns?: boolean }): string {
  const cut = d.dateLiteral(o.asOf),
    before = d.dateLiteral(o.before);
  const day = (x: string): string => d.double(d.dateDiffDays(d.dateLiteral('1970-01-01'), x)); // CAST(NULL AS DOUBLE) fails on 18.16
  const days = plainNetDaysSql(d, { calibrationEnd: o.asOf, netReturns: o.netReturns });
  const from = o.channel
    ? `(${days}) nd JOIN (SELECT customer_id, event_date, max(coalesce(channel, '')) AS ch FROM transactions
    WHERE NOT is_return AND event_date <= ${cut} GROUP BY customer_id, event_date) dc USING (customer_id, event_date)`
    : `(${days}) nd`;
  const per = `SELECT customer_id, CAST(${d.countIf(`event_date > ${before}`)} AS DOUBLE) AS days_after,
  ${day(d.maxIf('event_date', `event_date <= ${before}`))} AS last_before,
  ${day('max(event_date)')} AS last_purchase${
    o.channel
      ? `,
  max(concat(${d.isoDate('event_date')}, '|', ch)) AS last_channel`
      : ''
  }
FROM ${from} WHERE kept = 1 GROUP BY customer_id`;
  return `SELECT * FROM ${d.perShard(per)} rh
ORDER BY ${d.customerOrder('customer_id')}`;
}

/**
 * What each customer of the calibration period (a purchase up to `from`, in the summary's order) did
 * in (`from`, `to`]: purchase days (`holdout_days`, same-day purchases merged), the first of them
 * (`next_purchase`, days since 1970-01-01, NULL when none) and the purchase value (`holdout_revenue`,
 * returns not deducted), plus `first_purchase` (days) for the alignment check. Used only to score a
 * backtest: the ranking itself never reads it.
 */
export function backtestOutcomesSql(d: SqlDialect, o: { from: string; to: string; netReturns?: boolean }): string {
  const from = d.dateLiteral(o.from),
    to = d.dateLiteral(o.to);
  const day = (x: string): string => `CAST(${d.dateDiffDays("DATE '1970-01-01'", x)} AS DOUBLE)`;
  if (d.name !== 'duckdb') return plainBacktestOutcomesSql(d, o);
  const skip = skipDroppedJoin('t');
  return `WITH ${nettingCtes(d, { calibrationEnd: o.from, netReturns: o.netReturns })}, ${droppedDaysCte(d)}, c AS (
  SELECT t.customer_id, min(t.event_date) AS first_purchase FROM transactions t ${skip.join} WHERE NOT t.is_return AND t.event_date <= ${from} AND ${skip.where} GROUP BY t.customer_id
), h AS (
  SELECT customer_id, count(*) AS holdout_days, min(event_date) AS next_purchase, sum(amount) AS holdout_revenue
  FROM (SELECT customer_id, event_date, ${d.moneySum('amount')} AS amount FROM transactions
    WHERE NOT is_return AND event_date > ${from} AND event_date <= ${to} GROUP BY customer_id, event_date) hd
  GROUP BY customer_id
)
SELECT c.customer_id AS customer_id, ${day('c.first_purchase')} AS first_purchase, CAST(coalesce(h.holdout_days, 0) AS DOUBLE) AS holdout_days,
  ${day('h.next_purchase')} AS next_purchase, CAST(coalesce(h.holdout_revenue, 0) AS DOUBLE) AS holdout_revenue
FROM c LEFT JOIN h ON h.customer_id = c.customer_id
${SUMMARY_ORDER.replaceAll('customer_id', 'c.customer_id')}`;
}

/**
 * {@link backtestOutcomesSql} in plain GROUP BY SQL for ClickHouse: the first kept purchase day up to
 * `from` from `plainNetDaysSql` (the same returns rule) LEFT JOINed with the holdout days, per
 * customer on each shard. Inner names differ from the output aliases (ClickHouse resolves a name to
 * a SELECT alias first).
 */
function plainBacktestOutcomesSql(d: SqlDialect, o: { from: string; to: string; netReturns?: boolean }): string {
  const from = d.dateLiteral(o.from),
    to = d.dateLiteral(o.to);
  const day = (x: string): string => d.double(d.dateDiffDays(d.dateLiteral('1970-01-01'), x)); // CAST(NULL AS DOUBLE) fails on 18.16
  const c = `SELECT customer_id, min(event_date) AS fp FROM (${plainNetDaysSql(d, { calibrationEnd: o.from, netReturns: o.netReturns })}) nd
  WHERE kept = 1 GROUP BY customer_id`;
  const h = `SELECT customer_id, count(*) AS hdays, min(event_date) AS np, sum(day_amount) AS hrev
  FROM (SELECT customer_id, event_date, ${d.moneySum('amount')} AS day_amount FROM transactions
    WHERE NOT is_return AND event_date > ${from} AND event_date <= ${to} GROUP BY customer_id, event_date) hd
  GROUP BY customer_id`;
  const per = `SELECT customer_id, ${day('fp')} AS first_purchase, ${d.double('coalesce(hdays, 0)')} AS holdout_days,
  ${day('np')} AS next_purchase, ${d.double('coalesce(hrev, 0)')} AS holdout_revenue
FROM (${c}) c LEFT JOIN (${h}) h USING (customer_id)`;
  return `SELECT * FROM ${d.perShard(per)} bo\nORDER BY ${d.customerOrder('customer_id')}`;
}
