import type { SqlDialect } from '../engine/engine.js';
import { droppedDaysCte, nettingCtes, skipDroppedJoin } from '../summary/returns-netting-sql.js';

/**
 * Repeat purchase days per period since the cohort start, for the customers whose first purchase is on
 * or before the calibration end (the calibration cohort), up to the holdout end. Period k (1-based)
 * covers days [(k−1)·p, k·p) after the cohort's first purchase day, p = days per period; this is the
 * weekly tracking series of FHL 2005 (CDNOW: 2,457 cumulative at week 39, 4,339 at week 78). Purchase
 * days that returns cancelled do not count, as in the summary (see `nettingCtes`).
 */
export function trackingSql(d: SqlDialect, o: { calibrationEnd: string; holdoutEnd: string; daysPerPeriod: number; netReturns?: boolean }): string {
  const cal = d.dateLiteral(o.calibrationEnd);
  const hold = d.dateLiteral(o.holdoutEnd);
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
