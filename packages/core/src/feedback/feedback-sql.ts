/**
 * SQL of the feedback report (issue 15): the survey responses with their day numbers, and the
 * satisfaction-profit chain's table of one response per customer with what the customer did before
 * and after answering. Day numbers are days since 1970-01-01; dates come from the caller as ISO
 * strings through the dialect's literal. Survey responses and the log are both sharded by customer
 * id, so each statement joins them per customer inside `dialect.perShard` (plain GROUP BY, one JOIN
 * USING per SELECT, the dialect's conditional aggregates, no CTE or window): on a cluster only the
 * per-response rows and the counts leave the shards. Inner columns are renamed (`s_nps`, `p_day`, …)
 * because ClickHouse reads `f(x) AS x` as a cycle.
 */
import type { SqlDialect } from '../engine/engine.js';

const epochDays = (d: SqlDialect, date: string): string => d.dateDiffDays(d.dateLiteral('1970-01-01'), date);

/** Customers with a row in the log up to `asOf`, with `in_log` = 1 (for a LEFT JOIN USING (customer_id)). */
const logCustomers = (d: SqlDialect, asOf: string): string =>
  `SELECT customer_id, 1 AS in_log FROM transactions WHERE event_date <= ${d.dateLiteral(asOf)} GROUP BY customer_id`;

/**
 * Every survey response: customer, day, NPS and CSAT (NULL when not answered), channel ('' when
 * none), and `in_log` (1 when the customer has a row in the log up to `asOf`), in customer and date order.
 */
export function surveyResponsesSql(d: SqlDialect, asOf: string): string {
  const local = `SELECT customer_id, ${d.double(epochDays(d, 's_on'))} AS day, ${d.double('s_nps')} AS nps, ${d.double('s_csat')} AS csat,
  coalesce(s_channel, '') AS channel, ${d.double('coalesce(in_log, 0)')} AS known, s_line
FROM (SELECT customer_id, responded_on AS s_on, nps AS s_nps, csat AS s_csat, channel AS s_channel, line AS s_line FROM survey_responses) s
LEFT JOIN (${logCustomers(d, asOf)}) k USING (customer_id)`;
  return `SELECT customer_id, day, nps, csat, channel, known AS in_log FROM ${d.perShard(local)} r ORDER BY customer_id, day, s_line`;
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
 *
 * ## Method
 * Per shard: `p` = purchase days (day number, exact day total), `r` = each customer's first NPS
 * answer, picked by `argMin` over day·10¹⁰ + line (the file's line breaks ties on a day; exact in a
 * double for days < 900,000 and lines < 10¹⁰); `r JOIN p USING (customer_id)` grouped per customer
 * with conditional counts and exact money sums (`moneySum` of the amount or 0).
 */
export function chainSql(d: SqlDialect, o: ChainSqlOptions): string {
  const spendIf = (cond: string): string => d.double(`coalesce(${d.moneySum(`CASE WHEN ${cond} THEN p_amount ELSE 0 END`)}, 0)`);
  const outcome = o.windows
    .map((w) => {
      const inWindow = `p_day > r_day AND p_day <= r_day + ${w}`;
      return `${d.double(d.countIf(inWindow))} AS days_${w},
    ${spendIf(inWindow)} AS spend_${w}`;
    })
    .join(',\n    ');
  const p = `SELECT customer_id, ${epochDays(d, 'event_date')} AS p_day, ${d.double(d.moneySum('amount'))} AS p_amount
  FROM transactions WHERE NOT is_return AND event_date <= ${d.dateLiteral(o.asOf)} GROUP BY customer_id, event_date`;
  const key = `${d.double(epochDays(d, 'responded_on'))} * 10000000000 + ${d.double('line')}`;
  const r = `SELECT customer_id, ${d.argMin(epochDays(d, 'responded_on'), key)} AS r_day, ${d.argMin('nps', key)} AS r_nps
  FROM survey_responses WHERE nps IS NOT NULL AND responded_on <= ${d.dateLiteral(o.lastResponse)} GROUP BY customer_id`;
  const before = 'p_day <= r_day';
  const local = `SELECT customer_id, ${d.double('r_day')} AS day, ${d.double('r_nps')} AS nps,
    ${d.double(d.countIf(before))} AS days_before,
    ${d.double(d.minIf('p_day', before))} AS first_day,
    ${d.double(d.maxIf('p_day', before))} AS last_day,
    ${spendIf(before)} AS spend_before,
    ${outcome}
FROM (${r}) r JOIN (${p}) p USING (customer_id)
GROUP BY customer_id, r_day, r_nps
HAVING ${d.countIf(before)} > 0`;
  const cols = [
    'day',
    'nps',
    'days_before',
    'first_day',
    'last_day',
    'spend_before',
    ...o.windows.flatMap((w) => [`days_${w}`, `spend_${w}`]),
  ];
  return `SELECT customer_id, ${cols.join(', ')} FROM ${d.perShard(local)} c ORDER BY customer_id`;
}

/** Counts behind the chain's sample: customers with an NPS answer up to the cut-off, and how many of them are in the log (per shard, added). */
export function chainSampleSql(d: SqlDialect, o: ChainSqlOptions): string {
  const local = `SELECT ${d.countDistinct('customer_id')} AS n_respondents, ${d.countDistinct('CASE WHEN in_log = 1 THEN customer_id ELSE NULL END')} AS n_known
FROM (SELECT customer_id FROM survey_responses WHERE nps IS NOT NULL AND responded_on <= ${d.dateLiteral(o.lastResponse)}) s
LEFT JOIN (${logCustomers(d, o.asOf)}) k USING (customer_id)`;
  return `SELECT ${d.double('sum(n_respondents)')} AS respondents, ${d.double('sum(n_known)')} AS known FROM ${d.perShard(local)} c`;
}
