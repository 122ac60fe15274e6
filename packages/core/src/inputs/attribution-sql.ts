/**
 * SQL of the acquisition of each customer: acquisition day and channel under an attribution rule.
 * Plain GROUP BY SQL over the workspace tables (`transactions`, `customer_profiles`), so every
 * engine with a dialect runs it.
 */
import type { SqlDialect } from '../engine/engine.js';

/**
 * How a customer's acquisition channel is decided:
 * - `file-then-first-order` (default): the customers file's channel, else the channel of the first order;
 * - `file`: the customers file's channel only;
 * - `first-order`: the channel of the first order only (the smallest channel name, lower-cased, among
 *   the purchases of the first purchase day, as the cohort report does).
 * A customer with neither is `unknown`.
 */
export type AttributionRule = 'file-then-first-order' | 'file' | 'first-order';
export const ATTRIBUTION_RULES: readonly AttributionRule[] = ['file-then-first-order', 'file', 'first-order'];

/** The rule as a sentence for reports. */
export const ATTRIBUTION_TEXT: Record<AttributionRule, string> = {
  'file-then-first-order': 'acquisition channel from the customers file, else the channel of the first order',
  file: 'acquisition channel from the customers file only',
  'first-order': 'the channel of the first order (smallest channel name on the first purchase day)',
};

/** The label of customers without a value of a dimension. */
export const UNKNOWN = 'unknown';

/**
 * A query of one row per customer with a purchase on or before `asOf`: `customer_id`,
 * `acquired_on` (the customers file's acquisition date, else the first purchase day) and `channel`
 * (by `rule`, `unknown` when none); `asOf` null: the whole log. Per customer only (one GROUP BY customer_id of the log, one
 * `JOIN USING (customer_id)` with the customers file, no CTE), so it is valid inside
 * `dialect.perShard`: the log and `customer_profiles` are both sharded by customer id. Use
 * {@link acquisitionSql} for the combined relation.
 *
 * ## Method
 * One pass over the log per customer: the first purchase day, and the smallest "YYYY-MM-DD|channel"
 * text among purchases with a channel; that channel counts when its 10-character day is the first
 * purchase day (no join back to the log). The customers file's columns are renamed in the join
 * (ClickHouse reads an alias equal to a column it uses as a cycle).
 */
export function acquisitionLocalSql(d: SqlDialect, rule: AttributionRule, asOf: string | null): string {
  const cut = asOf === null ? '' : ` AND event_date <= ${d.dateLiteral(asOf)}`;
  const firstOrder = `CASE WHEN substr(fdc, 1, 10) = ${d.isoDate('first_day')} THEN substr(fdc, 12) ELSE NULL END`;
  const channel = rule === 'file' ? 'file_channel' : rule === 'first-order' ? firstOrder : `coalesce(file_channel, ${firstOrder})`;
  const named = `nullif(${d.trim('channel')}, '')`;
  return `SELECT customer_id, coalesce(file_acquired_on, first_day) AS acquired_on, coalesce(${channel}, ${d.string(UNKNOWN)}) AS channel
FROM (
  SELECT customer_id, min(event_date) AS first_day,
    min(CASE WHEN ${named} IS NOT NULL THEN concat(${d.isoDate('event_date')}, '|', lower(${d.trim('channel')})) ELSE NULL END) AS fdc
  FROM transactions WHERE NOT is_return${cut} GROUP BY customer_id
) fd LEFT JOIN (SELECT customer_id, acquired_on AS file_acquired_on, acquisition_channel AS file_channel FROM customer_profiles) p USING (customer_id)`;
}

/**
 * {@link acquisitionLocalSql} computed where the rows live (`dialect.perShard`): one row per acquired
 * customer (`customer_id`, `acquired_on`, `channel`), only the result travelling.
 */
export function acquisitionSql(d: SqlDialect, rule: AttributionRule, asOf: string | null): string {
  return `SELECT customer_id, acquired_on, channel FROM ${d.perShard(acquisitionLocalSql(d, rule, asOf))} acq`;
}
