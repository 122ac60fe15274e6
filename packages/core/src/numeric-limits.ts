import { z } from 'zod';
import { InputError } from './errors.js';

/**
 * The accepted range of every numeric parameter a user can set (CLI flags, API options), with one
 * error code each: the CLI, the server and the core check them with {@link checkNumber}, so a bad
 * value gets the same code and sentence everywhere. Ranges are wide enough for any real use and
 * narrow enough that nothing explodes (a 10⁹-week horizon used to kill the process).
 */
export interface NumericLimit {
  /** Error code of a value outside the range. */
  code: string;
  /** What the number is, with its unit, for the message ("a horizon in weeks"). */
  what: string;
  min: number;
  max: number;
  /** The minimum itself is excluded (e.g. a horizon must be > 0). */
  minExclusive?: boolean;
  integer?: boolean;
  /** Why the range is what it is, for --help. */
  note?: string;
}

/** Ten years: the longest CLV horizon (discounting makes later years negligible; 10 years of weeks score in well under a second). */
export const MAX_HORIZON_YEARS = 10;

/**
 * The limits by parameter (see {@link NumericLimit}); the CLI's `--help` texts quote these ranges.
 * @example
 * NUMERIC_LIMITS.horizonWeeks.max; // 522 (10 years of weeks)
 */
export const NUMERIC_LIMITS = {
  horizonWeeks: { code: 'bad_horizon', what: 'a horizon in weeks', min: 0, minExclusive: true, max: 522, note: 'up to 10 years' },
  horizonDays: { code: 'bad_horizon', what: 'a horizon in days', min: 0, minExclusive: true, max: 3653, note: 'up to 10 years' },
  horizonYears: { code: 'bad_horizon', what: 'a horizon in years', min: 0, minExclusive: true, max: MAX_HORIZON_YEARS },
  discountRate: { code: 'bad_discount_rate', what: 'an annual discount rate (0.1 = 10% a year)', min: 0, max: 1 },
  margin: { code: 'bad_margin', what: 'a margin as a fraction of spend (0.3 = 30%)', min: -1, max: 1 },
  bins: { code: 'bad_bins', what: 'a number of RFM scores', min: 3, max: 10, integer: true },
  seed: { code: 'bad_seed', what: 'a random seed', min: 0, max: 2 ** 31 - 1, integer: true },
  port: { code: 'bad_port', what: 'a TCP port (0 picks a free one)', min: 0, max: 65535, integer: true },
  maxUploadMb: { code: 'bad_max_upload', what: 'an upload limit in MB', min: 0, minExclusive: true, max: 102_400 },
  watchEverySeconds: { code: 'bad_watch_every', what: 'seconds between looks at the watched folder', min: 1, max: 86_400 },
  pollEverySeconds: {
    code: 'bad_poll_every',
    what: 'seconds between looks for data other processes ingested (0 turns them off)',
    min: 0,
    max: 86_400,
  },
  limit: { code: 'bad_limit', what: 'a number of customers to list', min: 0, max: 10_000_000, integer: true },
  fitPeriods: { code: 'bad_fit_periods', what: 'a number of periods to fit', min: 1, max: 10_000, integer: true },
  top: { code: 'bad_top', what: 'a number of top customers', min: 1, max: 100_000, integer: true },
  markovHorizonYears: { code: 'bad_horizon', what: 'a Markov-value horizon in years', min: 0, minExclusive: true, max: MAX_HORIZON_YEARS },
  intervalLevel: { code: 'bad_level', what: 'the coverage of an interval (0.9 = 90%)', min: 0, minExclusive: true, max: 0.999 },
  draws: { code: 'bad_draws', what: 'a number of parameter draws', min: 20, max: 100_000, integer: true },
  bands: { code: 'bad_bands', what: 'a number of quantile bands of a numeric attribute', min: 2, max: 20, integer: true },
  loyaltyHorizonDays: { code: 'bad_horizon', what: 'a CLV horizon in whole days', min: 1, max: 3650, integer: true },
  riskHorizonDays: { code: 'bad_horizon', what: 'a horizon in days', min: 1, max: 3650 },
  lookbackDays: { code: 'bad_lookback', what: 'a look-back in days', min: 1, max: 3650 },
  windowDays: { code: 'bad_window', what: 'a window in whole days', min: 1, max: 3650, integer: true },
} as const satisfies Record<string, NumericLimit>;

export type NumericParam = keyof typeof NUMERIC_LIMITS;

const LIMITED = new WeakMap<z.ZodType, NumericParam>();

/**
 * A query parameter's zod schema with a limit's range (the server's routes): the bounds, integrality
 * and the OpenAPI document come from {@link NUMERIC_LIMITS}, and `limitOfSchema` lets the server check
 * a value with {@link checkNumber} first, so a bad value gets the CLI's code and sentence.
 * @example
 * z.object({ bands: limitSchema('bands').default(4) });
 */
export function limitSchema(param: NumericParam): z.ZodCoercedNumber {
  const l: NumericLimit = NUMERIC_LIMITS[param];
  let s = z.coerce.number();
  if (l.integer) s = s.int();
  s = l.minExclusive ? s.gt(l.min) : s.gte(l.min);
  s = s.lte(l.max);
  LIMITED.set(s, param);
  return s;
}

/** The limit behind a schema made by {@link limitSchema}, looking through `.optional()` and `.default()`. */
export function limitOfSchema(schema: z.ZodType): NumericParam | undefined {
  let s: z.ZodType | undefined = schema;
  for (let depth = 0; s !== undefined && depth < 5; depth++) {
    const found = LIMITED.get(s);
    if (found !== undefined) return found;
    s = (s._zod.def as { innerType?: z.ZodType }).innerType;
  }
  return undefined;
}

const fmt = (v: number): string => v.toLocaleString('en-US', { maximumFractionDigits: 6 });

/**
 * The range in words.
 * @example rangeText('horizonWeeks'); // 'above 0 and at most 522 (up to 10 years)'
 */
export function rangeText(param: NumericParam): string {
  const l: NumericLimit = NUMERIC_LIMITS[param];
  const lo = l.minExclusive ? `above ${fmt(l.min)} and at most ${fmt(l.max)}` : `from ${fmt(l.min)} to ${fmt(l.max)}`;
  return `${l.integer ? 'a whole number ' : ''}${lo}${l.note ? ` (${l.note})` : ''}`;
}

/**
 * Checks one numeric parameter against {@link NUMERIC_LIMITS}. Text (a CLI flag or a query value) is
 * parsed strictly: the whole text must be a number (no units, no "1e9x"); `undefined` gives the
 * fallback.
 *
 * @param param - which limit applies
 * @param value - the number, or its text
 * @param label - how the user wrote it, for the message ("--horizon" or "horizon")
 * @throws InputError with the limit's code (e.g. `bad_horizon`): "--horizon must be a horizon in
 *   weeks above 0 and at most 522 (up to 10 years); got "1e9""
 * @example
 * checkNumber('horizonWeeks', '52', '--horizon'); // → 52
 * checkNumber('horizonWeeks', '-5', '--horizon'); // throws bad_horizon
 */
export function checkNumber(param: NumericParam, value: number | string | undefined, label: string, fallback?: number): number {
  if (value === undefined) {
    if (fallback === undefined) throw new TypeError(`checkNumber: no value and no fallback for ${label}`);
    return fallback;
  }
  const l: NumericLimit = NUMERIC_LIMITS[param];
  const v = typeof value === 'number' ? value : value.trim() === '' ? Number.NaN : Number(value);
  const ok = Number.isFinite(v) && (l.minExclusive ? v > l.min : v >= l.min) && v <= l.max && (!l.integer || Number.isInteger(v));
  if (!ok)
    throw new InputError(
      l.code,
      `${label} must be ${l.what}, ${rangeText(param)}; got ${typeof value === 'number' ? value : `"${value}"`}`,
      { parameter: label, value, min: l.min, max: l.max },
    );
  return v;
}
