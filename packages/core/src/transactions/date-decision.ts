import type { Engine } from '../engine/engine.js';
import { InputError } from '../errors.js';
import { dayMonthCountsSql, dayMonthFailuresSql, epochCountsSql } from './date-decision-sql.js';
import type { DateDetection } from './date-formats.js';

const int = (n: number): string => n.toLocaleString('en-US');
const dates = (n: number): string => `${int(n)} date${n === 1 ? '' : 's'}`;

/**
 * Settles day-first against month-first on every row of `table` (never on a sample: a log whose
 * first 20,000 rows all have days ≤ 12 is decided by the rows after them). Dates with a first field
 * above 12 can only be day-first, with a second field above 12 only month-first:
 * - only the first kind → `dmy`; only the second → `mdy`;
 * - neither → `mdy`, flagged `ambiguous` (every date reads both ways);
 * - both → refused: either reading would quarantine the other kind.
 *
 * @param v the raw date as a VARCHAR expression over `table`.
 * @throws InputError `ambiguous_date_format` naming, for each reading, how many dates it leaves
 *   unparseable, with an example of each kind.
 * @example
 * await decideDayMonth(engine, 'cvm_stage', 'f_date', 'log.csv');
 * // → { format: 'dmy', ambiguous: false, parsedShare: 1, evidence: '308,950 dates have a day above 12 …' }
 */
export async function decideDayMonth(engine: Engine, table: string, v: string, fileName: string): Promise<DateDetection> {
  const [c] = await engine.rows<{
    day_first_only: number;
    month_first_only: number;
    neither: number;
    day_first_example: string | null;
    month_first_example: string | null;
  }>(dayMonthCountsSql(table, v));
  const dayFirst = c!.day_first_only;
  const monthFirst = c!.month_first_only;
  if (dayFirst > 0 && monthFirst > 0) {
    const [f] = await engine.rows<{ dmy_fail: number; mdy_fail: number }>(dayMonthFailuresSql(table, v));
    throw new InputError(
      'ambiguous_date_format',
      `The dates of ${fileName} mix day-first and month-first: ${int(dayFirst)} have a first field above 12 (e.g. "${c!.day_first_example}", day-first only) and ${int(monthFirst)} a second field above 12 (e.g. "${c!.month_first_example}", month-first only). ` +
        `Read day-first, ${dates(f!.dmy_fail)} would not parse; read month-first, ${dates(f!.mdy_fail)}. Fix the file, or pass --date-format dmy or mdy to quarantine the dates the other way round`,
      { dayFirstOnly: dayFirst, monthFirstOnly: monthFirst, neither: c!.neither, dmyUnparseable: f!.dmy_fail, mdyUnparseable: f!.mdy_fail },
    );
  }
  if (dayFirst > 0)
    return {
      format: 'dmy',
      ambiguous: false,
      parsedShare: Number.NaN,
      evidence: `${int(dayFirst)} dates have a day above 12 in the first field (e.g. "${c!.day_first_example}"), none in the second`,
    };
  if (monthFirst > 0)
    return {
      format: 'mdy',
      ambiguous: false,
      parsedShare: Number.NaN,
      evidence: `${int(monthFirst)} dates have a day above 12 in the second field (e.g. "${c!.month_first_example}"), none in the first`,
    };
  return {
    format: 'mdy',
    ambiguous: true,
    parsedShare: Number.NaN,
    evidence: 'no date has a field above 12: every date reads both month-first and day-first',
  };
}

/**
 * Settles epoch seconds against milliseconds by magnitude, on every row: the reading that puts more
 * values inside the accepted range [`minDate`, `maxDate`) wins; on a tie (values small enough that
 * both readings fit, e.g. 1,672,531,200: 2023-01-01 in seconds, 1970-01-20 in milliseconds) seconds
 * win, since milliseconds would put the whole log in the first weeks of 1970.
 *
 * @throws InputError `epoch_out_of_range` when neither reading puts any value in the range, naming
 *   the values' range and the dates each reading gives.
 * @example
 * await decideEpochUnit(engine, 'cvm_stage', 'f_date', '1970-01-01', '2030-01-01', 'log.csv');
 * // → { format: 'epoch-s', … } for values like 1672531200
 */
export async function decideEpochUnit(
  engine: Engine,
  table: string,
  v: string,
  minDate: string,
  maxDate: string,
  fileName: string,
): Promise<DateDetection> {
  const [c] = await engine.rows<{ n: number; lo: number | null; hi: number | null; seconds_in_range: number; millis_in_range: number }>(
    epochCountsSql(table, v, minDate, maxDate),
  );
  const { n, seconds_in_range: s, millis_in_range: ms } = c!;
  if (s === 0 && ms === 0) {
    const date = (x: number | null, scale: number): string => {
      const d = x === null ? Number.NaN : (x / scale) * 1000;
      return Math.abs(d) <= 8.64e15 ? new Date(d).toISOString().slice(0, 10) : 'beyond year 275760';
    };
    throw new InputError(
      'epoch_out_of_range',
      `The date column of ${fileName} holds numbers from ${c!.lo} to ${c!.hi}: as epoch seconds the dates ${date(c!.lo, 1)} .. ${date(c!.hi, 1)}, as milliseconds ${date(c!.lo, 1000)} .. ${date(c!.hi, 1000)}; neither fits the accepted range [${minDate}, ${maxDate}). Pass --min-date/--max-date, or --date-format`,
      { lo: c!.lo, hi: c!.hi, minDate, maxDate },
    );
  }
  const seconds = s >= ms;
  const inRange = seconds ? s : ms;
  return {
    format: seconds ? 'epoch-s' : 'epoch-ms',
    ambiguous: false,
    parsedShare: n > 0 ? inRange / n : Number.NaN,
    evidence: `${int(s)} of ${int(n)} values fall in [${minDate}, ${maxDate}) as seconds, ${int(ms)} as milliseconds`,
  };
}
