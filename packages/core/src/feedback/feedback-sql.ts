/**
 * SQL of the feedback report (issue 15): the survey responses with their day numbers, and the
 * satisfaction-profit chain's table of one response per customer with what the customer did before
 * and after answering. Day numbers are days since 1970-01-01; dates come from the caller as ISO
 * strings through the dialect's literal. Plain GROUP BY with FILTER aggregates and row_number().
 */
import type { SqlDialect } from '../engine/engine.js';

const EPOCH = "DATE '1970-01-01'";

/**
 * Every survey response: customer, day, NPS and CSAT (NULL when not answered), channel ('' when
 * none), and `in_log` (1 when the customer has a row in the log up to `asOf`), in customer and date order.
 */
export function surveyResponsesSql(d: SqlDialect, asOf: string): string {
  return `SELECT s.customer_id, CAST(${d.dateDiffDays(EPOCH, 's.responded_on')} AS DOUBLE) AS day, CAST(s.nps AS DOUBLE) AS nps,
  CAST(s.csat AS DOUBLE) AS csat, coalesce(s.channel, '') AS channel, CAST(CASE WHEN k.customer_id IS NULL THEN 0 ELSE 1 END AS DOUBLE) AS in_log
FROM survey_responses s LEFT JOIN (SELECT DISTINCT customer_id FROM transactions WHERE event_date <= ${d.dateLiteral(asOf)}) k ON k.customer_id = s.customer_id
ORDER BY s.customer_id, s.responded_on, s.line`;
}

/** Options of {@link chainSql}. */
export interface ChainSqlOptions {
  /** Last day of data used (ISO). */
  asOf: string;
  /** Responses on or before this day (ISO) are used: asOf − the longest window. */
  lastResponse: string;
  /** Outcome windows in days after the response day, e.g. [90, 180]. */
  windows: readonly number[];
}

/**
 * One row per customer with an NPS answer on or before `lastResponse`: the customer's first such
 * response (day, NPS), what they did up to and including the response day (purchase days, first and
 * last purchase day, gross spend) and after it, for each window w: purchase days and gross spend
 * in (day, day + w]. Only customers with a purchase up to the response day (inner join with the
 * purchase days before). Purchases are the non-return rows merged by day, as in the summary.
 */
export function chainSql(d: SqlDialect, o: ChainSqlOptions): string {
  const asOf = d.dateLiteral(o.asOf);
  const outcome = o.windows
    .map(
      (w) => `count(*) FILTER (WHERE p.day > r.day AND p.day <= r.day + ${w}) AS days_${w},
    CAST(coalesce(${d.moneySum('p.amount')} FILTER (WHERE p.day > r.day AND p.day <= r.day + ${w}), 0) AS DOUBLE) AS spend_${w}`,
    )
    .join(',\n    ');
  return `WITH p AS (
  SELECT customer_id, ${d.dateDiffDays(EPOCH, 'event_date')} AS day, CAST(${d.moneySum('amount')} AS DOUBLE) AS amount
  FROM transactions WHERE NOT is_return AND event_date <= ${asOf} GROUP BY customer_id, event_date
), r AS (
  SELECT customer_id, day, nps FROM (
    SELECT customer_id, ${d.dateDiffDays(EPOCH, 'responded_on')} AS day, nps,
      row_number() OVER (PARTITION BY customer_id ORDER BY responded_on, line) AS k
    FROM survey_responses WHERE nps IS NOT NULL AND responded_on <= ${d.dateLiteral(o.lastResponse)}
  ) f WHERE k = 1
)
SELECT r.customer_id, CAST(r.day AS DOUBLE) AS day, CAST(r.nps AS DOUBLE) AS nps,
    CAST(count(*) FILTER (WHERE p.day <= r.day) AS DOUBLE) AS days_before,
    CAST(min(p.day) FILTER (WHERE p.day <= r.day) AS DOUBLE) AS first_day,
    CAST(max(p.day) FILTER (WHERE p.day <= r.day) AS DOUBLE) AS last_day,
    CAST(coalesce(${d.moneySum('p.amount')} FILTER (WHERE p.day <= r.day), 0) AS DOUBLE) AS spend_before,
    ${outcome}
FROM r JOIN p ON p.customer_id = r.customer_id
GROUP BY r.customer_id, r.day, r.nps
HAVING count(*) FILTER (WHERE p.day <= r.day) > 0
ORDER BY r.customer_id`;
}

/** Counts behind the chain's sample: customers with an NPS answer up to the cut-off, and how many of them are in the log. */
export function chainSampleSql(d: SqlDialect, o: ChainSqlOptions): string {
  return `SELECT ${d.countDistinct('s.customer_id')} AS respondents, ${d.countDistinct('CASE WHEN k.customer_id IS NOT NULL THEN s.customer_id END')} AS known
FROM survey_responses s LEFT JOIN (SELECT DISTINCT customer_id FROM transactions WHERE event_date <= ${d.dateLiteral(o.asOf)}) k ON k.customer_id = s.customer_id
WHERE s.nps IS NOT NULL AND s.responded_on <= ${d.dateLiteral(o.lastResponse)}`;
}
