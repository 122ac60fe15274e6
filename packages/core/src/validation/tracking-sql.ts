import type { SqlDialect } from '../engine/engine.js';
import { droppedDaysCte, nettingCtes, skipDroppedJoin } from '../summary/returns-netting-sql.js';
import { plainNetDaysSql } from '../summary/plain-netting-sql.js';

/**
 * Repeat purchase days per period since the cohort start, for the customers whose first purchase is on
 * or before the calibration end (the calibration cohort), up to the holdout end. Period k (1-based)
 * covers days [(k−1)·p, k·p) after the cohort's first purchase day, p = days per period; this is the
 * weekly tracking series of FHL 2005 (CDNOW: 2,457 cumulative at week 39, 4,339 at week 78). Purchase
 * days that returns cancelled do not count, as in the summary (see `nettingCtes`).
 */
export function trackingSql(
  d: SqlDialect,
  o: { calibrationEnd: string; holdoutEnd: string; daysPerPeriod: number; netReturns?: boolean },
): string {
  const cal = d.dateLiteral(o.calibrationEnd);
  const hold = d.dateLiteral(o.holdoutEnd);
  if (d.name !== 'duckdb') return plainTrackingSql(d, o);
  const skip = skipDroppedJoin('t');
  return `WITH ${nettingCtes(d, { calibrationEnd: o.calibrationEnd, end: o.holdoutEnd, netReturns: o.netReturns })}, ${droppedDaysCte(d)}, days AS (
  SELECT DISTINCT t.customer_id, t.event_date FROM transactions t ${skip.join} WHERE NOT t.is_return AND t.event_date <= ${hold} AND ${skip.where}
), ranked AS (
  SELECT customer_id, event_date, row_number() OVER (PARTITION BY customer_id ORDER BY event_date) AS k,
    min(event_date) OVER (PARTITION BY customer_id) AS first_day
  FROM days
), cohort AS (
  SELECT * FROM ranked WHERE first_day <= ${cal}
), origin AS (SELECT min(first_day) AS start FROM cohort)
SELECT CAST(floor(${d.dateDiffDays('o.start', 'c.event_date')} / ${o.daysPerPeriod}) AS BIGINT) + 1 AS period,
  CAST(count(*) FILTER (WHERE c.k > 1) AS DOUBLE) AS repeat_transactions
FROM cohort c, origin o GROUP BY 1 ORDER BY 1`;
}

/**
 * {@link trackingSql} without CTEs or windows (ClickHouse 18.16): on each shard, the kept purchase
 * days of {@link plainNetDaysSql} joined to their customer's first one (customers first buying on or
 * before the calibration end), counted per day (repeat days: after the first) with the earliest first
 * day; the origin is the smallest of those over the shards, and the days are summed per period.
 */
function plainTrackingSql(
  d: SqlDialect,
  o: { calibrationEnd: string; holdoutEnd: string; daysPerPeriod: number; netReturns?: boolean },
): string {
  const cal = d.dateLiteral(o.calibrationEnd);
  const kept = `SELECT customer_id, event_date FROM (${plainNetDaysSql(d, { calibrationEnd: o.calibrationEnd, end: o.holdoutEnd, netReturns: o.netReturns })}) nd WHERE kept = 1`;
  const firsts = `SELECT customer_id, min(event_date) AS first_day FROM (${kept}) k GROUP BY customer_id HAVING min(event_date) <= ${cal}`;
  const cells = `SELECT event_date AS day, ${d.countIf('event_date > first_day')} AS n, min(first_day) AS f
  FROM (${kept}) k JOIN (${firsts}) fd USING (customer_id) GROUP BY event_date`;
  const byDay = `SELECT day, sum(n) AS n FROM ${d.perShard(cells)} c GROUP BY day`;
  const origin = `SELECT min(f) AS start FROM ${d.perShard(cells)} c`;
  return `SELECT floor(${d.dateDiffDays('start', 'day')} / ${o.daysPerPeriod}) + 1 AS period, ${d.double('sum(n)')} AS repeat_transactions
FROM (${byDay}) b CROSS JOIN (${origin}) g GROUP BY period ORDER BY period`;
}
