/**
 * SQL for the whole-column checks that settle the two ambiguities a sample cannot: day-first
 * against month-first, and epoch seconds against milliseconds. Both scan every staged row once
 * with cheap expressions, and run only when the sample chose one of those formats (ISO and
 * `YYYYMMDD` logs never pay for them).
 */
import { parseDateSql } from './date-formats.js';

const DAY_MONTH = `'^\\s*(\\d{1,2})[/.-](\\d{1,2})[/.-]'`;

/**
 * Over every row of `table`: how many dates have a first field above 12 (only day-first reads
 * them), a second field above 12 (only month-first reads them), or both; with the first example
 * of each (by row order). `v` is the raw date as VARCHAR.
 */
export function dayMonthCountsSql(table: string, v: string): string {
  return `SELECT count(*) FILTER (WHERE a > 12 AND b <= 12) AS day_first_only,
  count(*) FILTER (WHERE b > 12 AND a <= 12) AS month_first_only,
  count(*) FILTER (WHERE a > 12 AND b > 12) AS neither,
  arg_min(v, rn) FILTER (WHERE a > 12 AND b <= 12) AS day_first_example,
  arg_min(v, rn) FILTER (WHERE b > 12 AND a <= 12) AS month_first_example
FROM (
  SELECT rn, v, try_cast(p.a AS INTEGER) AS a, try_cast(p.b AS INTEGER) AS b
  FROM (SELECT rowid AS rn, ${v} AS v, regexp_extract(${v}, ${DAY_MONTH}, ['a', 'b']) AS p FROM ${table})
)`;
}

/** Over every row: non-empty dates that day-first and month-first each leave unparseable. */
export function dayMonthFailuresSql(table: string, v: string): string {
  const present = `nullif(trim(${v}), '') IS NOT NULL`;
  return `SELECT count(*) FILTER (WHERE ${parseDateSql(v, 'dmy')} IS NULL) AS dmy_fail,
  count(*) FILTER (WHERE ${parseDateSql(v, 'mdy')} IS NULL) AS mdy_fail
FROM ${table} WHERE ${present}`;
}

/**
 * Over every row: the numeric dates, their range, and how many fall in the accepted range
 * [`minDate`, `maxDate`) read as epoch seconds and as epoch milliseconds.
 */
export function epochCountsSql(table: string, v: string, minDate: string, maxDate: string): string {
  const x = `try_cast(trim(${v}) AS DOUBLE)`;
  const lo = `epoch(TIMESTAMP '${minDate}')`;
  const hi = `epoch(TIMESTAMP '${maxDate}')`;
  return `SELECT count(x) AS n, min(x) AS lo, max(x) AS hi,
  count(*) FILTER (WHERE x >= ${lo} AND x < ${hi}) AS seconds_in_range,
  count(*) FILTER (WHERE x >= ${lo} * 1000 AND x < ${hi} * 1000) AS millis_in_range
FROM (SELECT ${x} AS x FROM ${table})`;
}
