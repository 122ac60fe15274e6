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
 * (by `rule`, `unknown` when none).
 */
export function acquisitionSql(d: SqlDialect, rule: AttributionRule, asOf: string): string {
  const cut = d.dateLiteral(asOf);
  // the first purchase day, and the smallest "day|channel" among purchases with a channel: its channel
  // counts when its day is the first purchase day (one pass over the log, no join back)
  const firstOrder = `CASE WHEN split_part(fdc, '|', 1) = CAST(fd.first_day AS VARCHAR) THEN substr(fdc, 12) END`;
  const channel =
    rule === 'file' ? 'p.acquisition_channel' : rule === 'first-order' ? firstOrder : `coalesce(p.acquisition_channel, ${firstOrder})`;
  return `WITH fd AS (
  SELECT customer_id, min(event_date) AS first_day,
    min(CASE WHEN nullif(trim(channel), '') IS NOT NULL THEN CAST(event_date AS VARCHAR) || '|' || lower(trim(channel)) END) AS fdc
  FROM transactions WHERE NOT is_return AND event_date <= ${cut} GROUP BY customer_id
)
SELECT fd.customer_id, coalesce(p.acquired_on, fd.first_day) AS acquired_on, coalesce(${channel}, '${UNKNOWN}') AS channel
FROM fd LEFT JOIN customer_profiles p ON p.customer_id = fd.customer_id`;
}
