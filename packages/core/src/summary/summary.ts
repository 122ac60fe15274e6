import type { Engine } from '../engine/engine.js';
import { isoDateOrNull } from '../engine/sql.js';
import { InputError } from '../errors.js';
import { dateRangeSql, logRangeSql, summarySql } from './summary-sql.js';
import { hasReturnsSql } from './returns-netting-sql.js';
import { summaryHistory, type SummaryHistory } from './summary-history.js';

export type Period = 'day' | 'week';

/** Days per model period. */
export const DAYS_PER_PERIOD: Record<Period, number> = { day: 1, week: 7 };

export interface SummaryOptions {
  /** Time unit of `recency`, `T` and `duration_holdout` (default `week`; weeks = days / 7). */
  period?: Period;
  /** Last calibration day, inclusive (default: the last purchase day in the log). */
  calibrationEnd?: string;
  /** Last holdout day, inclusive; enables the holdout columns. */
  holdoutEnd?: string;
  /** How the user gave `calibrationEnd`, for messages (default `--calibration-end`; `cvm segment` says `--as-of`). */
  calibrationEndLabel?: string;
  /**
   * Also each customer's history as of this many days before the calibration end, from the same pass
   * (`CustomerSummary.history`, for the retention stage, issue 12). DuckDB only; ignored elsewhere.
   */
  historyLookbackDays?: number;
  /**
   * Also each customer's second-to-last purchase day (`CustomerSummary.prevPurchase`), from the same
   * pass: what segments need beyond the summary, so they read no second history query. DuckDB only;
   * ignored elsewhere.
   */
  previousPurchase?: boolean;
}

/**
 * The per-customer summary as typed columns (one entry per customer, sorted by id; numeric ids in
 * numeric order). Dates are days since 1970-01-01. Time columns are in `period` units.
 */
export interface CustomerSummary {
  period: Period;
  calibrationEnd: string;
  holdoutEnd: string | null;
  length: number;
  customerId: string[];
  frequency: Float64Array;
  recency: Float64Array;
  T: Float64Array;
  monetaryValue: Float64Array;
  firstPurchase: Float64Array;
  lastPurchase: Float64Array;
  transactions: Float64Array;
  totalRevenue: Float64Array;
  returns: Float64Array;
  returnsValue: Float64Array;
  netRevenue: Float64Array;
  frequencyHoldout: Float64Array | null;
  monetaryValueHoldout: Float64Array | null;
  /** Holdout length in periods (same for everyone), or null. */
  durationHoldout: number | null;
  /** Whether the log has returns up to the last day read: only then are they netted against purchase days (see `nettingCtes`). */
  hasReturns: boolean;
  /** The history as of an earlier day, when asked for with `historyLookbackDays` (DuckDB); absent otherwise. */
  history?: SummaryHistory;
  /**
   * Second-to-last kept purchase day (days since 1970-01-01, NaN for one purchase day), when asked
   * for with `previousPurchase` (DuckDB); absent otherwise.
   */
  prevPurchase?: Float64Array;
}

/** Column names of the summary's CSV/JSON form, in output order. */
export const SUMMARY_COLUMNS = [
  'customer_id',
  'frequency',
  'recency',
  'T',
  'monetary_value',
  'first_purchase',
  'last_purchase',
  'transactions',
  'total_revenue',
  'returns',
  'returns_value',
  'net_revenue',
] as const;
export const HOLDOUT_COLUMNS = ['frequency_holdout', 'monetary_value_holdout', 'duration_holdout'] as const;

export interface LogRange {
  firstDate: string | null;
  lastDate: string | null;
  transactions: number;
  customers: number;
}

/** First/last day, rows and customers of the accepted transactions. */
export async function logRange(engine: Engine): Promise<LogRange> {
  const [r] = await engine.rows<{ first_date: string | null; last_date: string | null; transactions: number; customers: number }>(
    logRangeSql(engine.dialect),
  );
  return { firstDate: r!.first_date, lastDate: r!.last_date, transactions: r!.transactions, customers: r!.customers };
}

/**
 * First and last day of the accepted transactions (null on an empty log): what {@link logRange} says
 * of the dates, without its count of distinct customers (a pass over every customer id of the log),
 * for the callers that need only the dates (the validation day, quarter ends, the cost period).
 * @example
 * (await logDates(engine)).lastDate; // '1998-06-30' on CDNOW
 */
export async function logDates(engine: Engine): Promise<{ firstDate: string | null; lastDate: string | null }> {
  const [r] = await engine.rows<{ first_date: string | null; last_date: string | null }>(dateRangeSql(engine.dialect));
  return { firstDate: r!.first_date, lastDate: r!.last_date };
}

/**
 * Computes the per-customer summary in SQL and reads it into typed arrays, chunk by chunk.
 *
 * @throws InputError `empty_log` when there are no accepted purchases; `bad_date`/`bad_period_order`
 *   for malformed or inverted period ends.
 * @example
 * const s = await summarize(engine, { period: 'week', calibrationEnd: '1997-09-30', holdoutEnd: '1998-06-30' });
 * s.frequency[0]; // 2 repeat purchase days for CDNOW sample customer 1
 */
export async function summarize(engine: Engine, options: SummaryOptions = {}): Promise<CustomerSummary> {
  const { period, calibrationEnd, holdoutEnd } = await resolveSummaryPeriod(engine, options);
  const [facts] = await engine.rows<{ has_returns: boolean }>(hasReturnsSql(engine.dialect, holdoutEnd ?? calibrationEnd));
  const hasReturns = Boolean(facts!.has_returns); // ClickHouse answers 0/1
  const history = await summaryHistory.options(engine, calibrationEnd, options.historyLookbackDays);
  const previousPurchase = options.previousPurchase === true && engine.dialect.name === 'duckdb';
  return readSummary(engine, { period, calibrationEnd, holdoutEnd, hasReturns, history, previousPurchase });
}

/**
 * The summary SQL of {@link summarize} for resolved period ends, read into typed arrays; with
 * `customerFilter` (an SQL condition on `customer_id`), only those customers (an incremental
 * refresh, issue 16: `hasReturns` then only decides whether returns are netted).
 * @example
 * await readSummary(engine, { period: 'week', calibrationEnd: '1998-06-30', hasReturns: true, customerFilter: "customer_id IN ('7')" });
 */
export async function readSummary(
  engine: Engine,
  o: {
    period: Period;
    calibrationEnd: string;
    holdoutEnd?: string;
    hasReturns: boolean;
    customerFilter?: string;
    history?: Awaited<ReturnType<typeof summaryHistory.options>>;
    /** DuckDB only: also `prevPurchase` (see `SummaryOptions.previousPurchase`). */
    previousPurchase?: boolean;
  },
): Promise<CustomerSummary> {
  const { period, calibrationEnd, holdoutEnd, hasReturns, history, previousPurchase } = o;
  const sql = summarySql(engine.dialect, {
    calibrationEnd,
    holdoutEnd,
    daysPerPeriod: DAYS_PER_PERIOD[period],
    netReturns: hasReturns,
    customerFilter: o.customerFilter,
    ...(history ? { history } : {}),
    ...(previousPurchase ? { previousPurchase } : {}),
  });
  const numeric = SUMMARY_COLUMNS.slice(1);
  const kinds: Record<string, 'f64' | 'string'> = { customer_id: 'string' };
  for (const c of numeric) kinds[c] = 'f64';
  if (holdoutEnd !== undefined) for (const c of HOLDOUT_COLUMNS) kinds[c] = 'f64';
  if (history) Object.assign(kinds, summaryHistory.kinds(history));
  if (previousPurchase) kinds.prev_purchase = 'f64';
  const b = await engine.columns(sql, kinds);
  const f = b.f64;
  return {
    ...(history ? { history: summaryHistory.read(history, b) } : {}),
    ...(previousPurchase ? { prevPurchase: f.prev_purchase! } : {}),
    period,
    calibrationEnd,
    holdoutEnd: holdoutEnd ?? null,
    length: b.length,
    customerId: b.strings.customer_id!,
    frequency: f.frequency!,
    recency: f.recency!,
    T: f.T!,
    monetaryValue: f.monetary_value!,
    firstPurchase: f.first_purchase!,
    lastPurchase: f.last_purchase!,
    transactions: f.transactions!,
    totalRevenue: f.total_revenue!,
    returns: f.returns!,
    returnsValue: f.returns_value!,
    netRevenue: f.net_revenue!,
    frequencyHoldout: f.frequency_holdout ?? null,
    monetaryValueHoldout: f.monetary_value_holdout ?? null,
    durationHoldout: holdoutEnd !== undefined ? (b.length > 0 ? f.duration_holdout![0]! : null) : null,
    hasReturns,
  };
}

/**
 * The period and calibration/holdout ends a summary uses: the options checked against the log's dates
 * (defaults: weeks, calibration end = last day of the log).
 * @throws InputError `bad_period`, `empty_log`, `bad_date`, `bad_period_order`, `calibration_before_data`
 */
export async function resolveSummaryPeriod(
  engine: Engine,
  options: SummaryOptions,
): Promise<{ period: Period; calibrationEnd: string; holdoutEnd: string | undefined }> {
  const period: Period = options.period ?? 'week';
  if (!(period in DAYS_PER_PERIOD)) throw new InputError('bad_period', `--period must be day or week; got "${period}"`, { period });
  const [dates] = await engine.rows<{ first_date: string | null; last_date: string | null }>(dateRangeSql(engine.dialect));
  const range = { firstDate: dates!.first_date, lastDate: dates!.last_date };
  if (range.lastDate === null)
    throw new InputError(
      'empty_log',
      'The workspace has no accepted transactions; ingest a log first (cvm ingest FILE --workspace DIR)',
      {},
    );
  const calLabel = options.calibrationEndLabel ?? '--calibration-end';
  const calibrationEnd = checkDate(options.calibrationEnd ?? range.lastDate, calLabel);
  const holdoutEnd = options.holdoutEnd === undefined ? undefined : checkDate(options.holdoutEnd, '--holdout-end');
  if (holdoutEnd !== undefined && holdoutEnd <= calibrationEnd) {
    throw new InputError('bad_period_order', `--holdout-end (${holdoutEnd}) must come after ${calLabel} (${calibrationEnd})`, {
      calibrationEnd,
      holdoutEnd,
    });
  }
  if (calibrationEnd < range.firstDate!) {
    throw new InputError(
      'calibration_before_data',
      `${calLabel} ${calibrationEnd} is before the first transaction (${range.firstDate}); no customer exists yet`,
      { calibrationEnd, firstDate: range.firstDate },
    );
  }
  return { period, calibrationEnd, holdoutEnd };
}

function checkDate(value: string, flag: string): string {
  const d = isoDateOrNull(value);
  if (d === null) throw new InputError('bad_date', `${flag} must be a date YYYY-MM-DD; got "${value}"`, { flag, value });
  return d;
}

/** Milliseconds in a (UTC) day: day numbers are days since 1970-01-01, dates are UTC. */
export const MS_PER_DAY = 86_400_000;

/** ISO date of a day number (days since 1970-01-01). */
export function dayToIso(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Day number (days since 1970-01-01, UTC) of an ISO date YYYY-MM-DD; the inverse of {@link dayToIso}. */
export function isoToDay(iso: string): number {
  return Date.parse(`${iso}T00:00:00Z`) / MS_PER_DAY;
}
