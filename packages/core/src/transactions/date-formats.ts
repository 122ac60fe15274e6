import { sqlString } from '../engine/sql.js';

/**
 * Date formats cvm reads. `auto` picks one from a sample of the column (see {@link detectDateFormat}).
 * - `iso`: `YYYY-MM-DD`, optionally with a time and a UTC offset (`2020-01-31T10:00:00+02:00`);
 * - `ymd`: `YYYYMMDD` (e.g. CDNOW's `19970101`);
 * - `dmy` / `mdy`: day-first / month-first with `/`, `-` or `.` separators, optional `HH:MM[:SS]`;
 * - `epoch-s` / `epoch-ms`: seconds / milliseconds since 1970-01-01 UTC;
 * - any string containing `%`: a strptime format (e.g. `%d.%m.%Y %H:%M`).
 */
export type DateFormat = 'auto' | 'iso' | 'ymd' | 'dmy' | 'mdy' | 'epoch-s' | 'epoch-ms' | (string & {});

export const DATE_FORMATS = ['iso', 'ymd', 'dmy', 'mdy', 'epoch-s', 'epoch-ms'] as const;

const withTimes = (dates: string[]): string[] => dates.flatMap((d) => [d, `${d} %H:%M`, `${d} %H:%M:%S`]);
const DMY = withTimes(['%d/%m/%Y', '%d-%m-%Y', '%d.%m.%Y']);
const MDY = withTimes(['%m/%d/%Y', '%m-%d-%Y', '%m.%d.%Y']);
const list = (formats: string[]): string => `[${formats.map(sqlString).join(', ')}]`;

/**
 * A DuckDB expression turning the VARCHAR expression `v` into a local wall-clock TIMESTAMP in the
 * session time zone (NULL when it does not parse). Values with a UTC offset and epoch values are
 * converted into the session zone; values without an offset are taken as already local.
 */
export function parseDateSql(v: string, format: Exclude<DateFormat, 'auto'>): string {
  const t = `trim(${v})`;
  switch (format) {
    case 'iso':
      return isoDateSql(v);
    case 'ymd':
      return `CASE WHEN regexp_full_match(${t}, '\\d{8}') THEN try_strptime(${t}, '%Y%m%d') END`;
    case 'dmy':
      return `try_strptime(${t}, ${list(DMY)})`;
    case 'mdy':
      return `try_strptime(${t}, ${list(MDY)})`;
    // At most 11 / 14 digits (both reach year 5138), so that an absurd value is NULL (unparseable)
    // instead of an out-of-range error that would stop the whole ingest.
    case 'epoch-s':
      return `CASE WHEN regexp_full_match(${t}, '-?\\d{1,11}(\\.\\d+)?') THEN CAST(to_timestamp(CAST(${t} AS DOUBLE)) AS TIMESTAMP) END`;
    case 'epoch-ms':
      return `CASE WHEN regexp_full_match(${t}, '-?\\d{1,14}') THEN CAST(make_timestamptz(CAST(${t} AS BIGINT) * 1000) AS TIMESTAMP) END`;
    default:
      return `try_strptime(${t}, ${sqlString(format)})`;
  }
}

/**
 * ISO values: the wall clock as written when there is no offset or zone, else the instant in the
 * session zone.
 *
 * ## Method
 * 1. Fast path, on the raw value: no `+`, no `-` after the date (the first 10 characters) and a
 *    digit at the end (so no `Z`, `UTC` or zone name) → `try_cast(… AS TIMESTAMP)`. That cast would
 *    drop an offset (`10:00:00+02` → 10:00), hence the guard; it is ~3× cheaper than the ICU cast
 *    and needs no `trim` (most values never get to step 2).
 * 2. The rest (NULL from step 1: offsets, zone names, surrounding spaces, garbage), trimmed: still
 *    without offset or zone → the plain cast; otherwise the ICU `TIMESTAMPTZ` cast, then local time
 *    in the session zone.
 *
 * ## Why naive values must never reach the ICU cast
 * DuckDB 1.5.6's ICU string → TIMESTAMPTZ cast keeps the zone of a value with a zone *name* (e.g.
 * `2020-06-01 10:00:00 America/New_York`) for the later values *without* an offset in the same
 * vector: `2020-01-01 10:00:00` after it comes out as 10:00 New York (15:00 UTC), until a value with
 * an explicit offset or `UTC` resets it (`test/transactions/ingest-zone-names.test.ts`). Values with
 * a name or an offset carry their own zone and are read correctly; naive ones take the plain cast in
 * both steps, so they cannot be shifted. `coalesce` and `CASE` evaluate later branches only on the
 * rows still unresolved, so the ICU cast sees only values with an offset or a zone.
 */
function isoDateSql(v: string): string {
  const t = `trim(${v})`;
  const fast = `CASE WHEN NOT contains(${v}, '+') AND NOT contains(substr(${v}, 11), '-') AND ${v}[-1] BETWEEN '0' AND '9' THEN try_cast(${v} AS TIMESTAMP) END`;
  const rest = `CASE WHEN rtrim(substr(${t}, 11), '0123456789:. T') = '' THEN try_cast(${t} AS TIMESTAMP) ELSE CAST(try_cast(${t} AS TIMESTAMPTZ) AS TIMESTAMP) END`;
  return `coalesce(${fast}, ${rest})`;
}

/** Candidate order for auto-detection: the first format that parses every sampled value wins. */
export const AUTO_ORDER: readonly Exclude<DateFormat, 'auto'>[] = ['iso', 'ymd', 'mdy', 'dmy', 'epoch-ms', 'epoch-s'];

/**
 * SQL counting, over a sample of distinct non-empty raw values, how many each candidate format parses.
 * The plausibility window (1900..2200) keeps epoch seconds from swallowing `YYYYMMDD` numbers.
 */
export function detectDateFormatSql(sampleTable: string, column: string): string {
  const parts = AUTO_ORDER.map((f) => {
    const e = parseDateSql(column, f);
    return `count(CASE WHEN ${e} BETWEEN TIMESTAMP '1900-01-01' AND TIMESTAMP '2200-01-01' THEN 1 END) AS "${f}"`;
  });
  return `SELECT count(*) AS n, ${parts.join(', ')} FROM ${sampleTable}`;
}

export interface DateDetection {
  format: Exclude<DateFormat, 'auto'>;
  /** Set when day-first and month-first both read every sampled value. */
  ambiguous: boolean;
  parsedShare: number;
  /** Why the format was chosen, in words, when whole-column counts decided it (day/month order, epoch unit). */
  evidence?: string;
}

/** Picks the format from the counts of {@link detectDateFormatSql}; null when none parses anything. */
export function chooseDateFormat(counts: Record<string, number>): DateDetection | null {
  const n = counts.n ?? 0;
  if (n === 0) return null;
  let best: Exclude<DateFormat, 'auto'> | null = null;
  for (const f of AUTO_ORDER) if ((counts[f] ?? 0) > (best ? (counts[best] ?? 0) : 0)) best = f;
  if (!best) return null;
  const ambiguous = best === 'mdy' && (counts.dmy ?? 0) === (counts.mdy ?? 0);
  return { format: best, ambiguous, parsedShare: (counts[best] ?? 0) / n };
}
