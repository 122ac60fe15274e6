import type { SqlDialect } from '../engine/engine.js';

/**
 * What the summary can also compute, in the same pass over the netted purchase days, for the
 * retention stage's history as of an earlier day (issue 12): the earlier day and, when the log has
 * channels, the dictionary of channel codes (distinct channels up to the calibration end, `''` for
 * none, in text order).
 */
export interface SummaryHistoryOptions {
  /** The earlier day, ISO date (e.g. 90 days before the calibration end). */
  before: string;
  /** Channel dictionary (code = index), or null when the log has no channels. */
  channels: readonly string[] | null;
}

/** Factor that packs a day number and a channel code into one integer key: day × 2³¹ + code (|day| < 3·10⁶ fits a BIGINT). */
export const CHANNEL_KEY_FACTOR = 2_147_483_648;

/** Above this many distinct channels the history takes the last channel as the max of 'YYYY-MM-DD|channel' texts instead of a CASE over codes (and the summary carries no history). */
export const MAX_CODED_CHANNELS = 1000;

/** The distinct channels of the purchases up to `asOf` (`''` for a row without one), in text order: the dictionary of the channel codes. */
export function channelDictionarySql(d: SqlDialect, o: { asOf: string }): string {
  return `SELECT coalesce(channel, '') AS channel FROM transactions WHERE NOT is_return AND event_date <= ${d.dateLiteral(o.asOf)} GROUP BY coalesce(channel, '') ORDER BY channel`;
}

/** One row when any purchase up to `asOf` carries a channel, none otherwise (the as-of cut: nothing later is read). */
export function channelPresenceSql(d: SqlDialect, o: { asOf: string }): string {
  return `SELECT 1 AS present FROM transactions WHERE NOT is_return AND channel IS NOT NULL AND event_date <= ${d.dateLiteral(o.asOf)} LIMIT 1`;
}

/**
 * SQL fragments that add the history columns to the DuckDB summary (`summaryCustomersSql`): `day`
 * per purchase row group (customer, day): the day's channel code (the alphabetically last channel of
 * that day's rows); `customer` per customer over the kept days up to the calibration end: kept days
 * after `before` (`h_after`), the last kept day up to `before` (`h_last_before`, NULL for a customer
 * acquired since) and the key day × 2³¹ + code of the last kept day (`h_last_key`); `select` turns
 * them into `days_after`, `last_before` (days since 1970-01-01) and `last_channel_code`.
 *
 * ## Method
 * The same conditional aggregates as the standalone history query (`retentionHistorySql`), but over
 * the summary's per-day relation, where returns are already netted and same-day rows merged: no
 * second scan of the log and no second netting. The largest key is the channel of the latest kept
 * day (the alphabetically last when that day had several), as the max of 'YYYY-MM-DD|channel' texts.
 * @example
 * summaryHistorySql(d, { before: '1998-04-01', channels: ['app', 'web'] }, 'c').select; // ', CAST(c.h_after AS DOUBLE) AS days_after, …'
 */
export function summaryHistorySql(
  d: SqlDialect,
  o: SummaryHistoryOptions,
  c: string,
): { day: string; dayColumn: string; customer: string; select: string } {
  const before = d.dateLiteral(o.before);
  const days = (x: string): string => d.dateDiffDays("DATE '1970-01-01'", x);
  const coded = o.channels !== null;
  const code = coded ? `CASE coalesce(channel, '') ${o.channels!.map((ch, k) => `WHEN ${d.string(ch)} THEN ${k}`).join(' ')} END` : '';
  return {
    day: coded ? `, max(${code}) AS ch` : '',
    dayColumn: coded ? ', p.ch' : '',
    customer: `, count(*) FILTER (WHERE kept AND event_date > ${before}) AS h_after,
    max(event_date) FILTER (WHERE kept AND event_date <= ${before}) AS h_last_before${
      coded ? `, max(CAST(${days('event_date')} AS BIGINT) * ${CHANNEL_KEY_FACTOR} + ch) FILTER (WHERE kept) AS h_last_key` : ''
    }`,
    select: `,
  CAST(${c}.h_after AS DOUBLE) AS days_after,
  CAST(${days(`${c}.h_last_before`)} AS DOUBLE) AS last_before${
    coded
      ? `,
  CAST(${c}.h_last_key - CAST(${days(`${c}.last_purchase`)} AS BIGINT) * ${CHANNEL_KEY_FACTOR} AS DOUBLE) AS last_channel_code`
      : ''
  }`,
  };
}

/**
 * SQL fragments that add `prev_purchase` to the DuckDB summary (`summaryCustomersSql`): the
 * second-to-last kept purchase day up to the calibration end (days since 1970-01-01, NULL for a
 * customer with one purchase day), what the lifecycle's reactivation rule reads (issue 12: before, a
 * second query over the log, `historySql`, computed it). `customer` goes into the per-customer
 * aggregate over the netted purchase days, `select` into the output (table alias `c`).
 *
 * ## Method
 * The summary's `days` relation holds one row per customer and purchase day, so the two largest kept
 * days (`max(event_date, 2)`, a list in descending order) are the last and the one before it: the
 * list's second element, NULL when there is only one. Same netting and as-of cut as the summary's
 * `first_purchase` and `last_purchase`.
 * @example
 * previousPurchaseSql(d, 'c').customer; // ', (max(event_date, 2) FILTER (WHERE kept))[2] AS prev_day'
 */
export function previousPurchaseSql(d: SqlDialect, c: string): { customer: string; select: string } {
  return {
    customer: `, (max(event_date, 2) FILTER (WHERE kept))[2] AS prev_day`,
    select: `,
  CAST(${d.dateDiffDays("DATE '1970-01-01'", `${c}.prev_day`)} AS DOUBLE) AS prev_purchase`,
  };
}
