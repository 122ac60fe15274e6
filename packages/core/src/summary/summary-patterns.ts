import type { Engine } from '../engine/engine.js';
import type { RfmData, SpendData } from '../models/shared/model-types.js';
import { DAYS_PER_PERIOD, resolveSummaryPeriod, type Period, type SummaryOptions } from './summary.js';
import { rfmPatternsSql, spendPatternsSql } from './summary-patterns-sql.js';
import { hasReturnsSql } from './returns-netting-sql.js';

/** Distinct (x, t_x, T) patterns with customer counts as weighted {@link RfmData}, plus what they cover. */
export interface RfmPatterns extends RfmData {
  weights: Float64Array;
  period: Period;
  calibrationEnd: string;
  /** Customers (sum of the weights) and distinct patterns. */
  customers: number;
  patterns: number;
}

/**
 * Reads the count models' sufficient statistics from the engine: one row per distinct (x, t_x, T)
 * with its customer count (`rfmPatternsSql`), grouped where the data lives. Fitting on them gives the
 * same parameters as fitting on every customer (the likelihood is a sum over customers, equal
 * patterns contribute equally), while the transfer grows with patterns, not customers.
 *
 * @throws InputError as `summarize` (`empty_log`, `bad_date`, `calibration_before_data`, `bad_period`).
 * @example
 * const p = await summarizePatterns(engine, { calibrationEnd: '1997-09-30' });
 * fitBgNbd(p).params; // → r 0.243, α 4.414, a 0.793, b 2.426 on CDNOW
 */
export async function summarizePatterns(engine: Engine, options: SummaryOptions = {}): Promise<RfmPatterns> {
  const r = await resolveSummaryPeriod(engine, options);
  const netReturns = await hasReturns(engine, r.calibrationEnd);
  const b = await engine.columns(
    rfmPatternsSql(engine.dialect, { calibrationEnd: r.calibrationEnd, daysPerPeriod: DAYS_PER_PERIOD[r.period], netReturns }),
    { x: 'f64', tx: 'f64', t_cal: 'f64', n: 'f64' },
  );
  const w = b.f64.n!;
  let customers = 0;
  for (let i = 0; i < w.length; i++) customers += w[i]!;
  return {
    x: b.f64.x!,
    tx: b.f64.tx!,
    T: b.f64.t_cal!,
    weights: w,
    period: r.period,
    calibrationEnd: r.calibrationEnd,
    customers,
    patterns: b.length,
  };
}

/**
 * Gamma-Gamma's sufficient statistics from the engine: distinct (x, m_x) of repeat buyers with counts.
 * @throws InputError as `summarize`.
 */
export async function summarizeSpendPatterns(engine: Engine, options: SummaryOptions = {}): Promise<SpendData & { weights: Float64Array }> {
  const r = await resolveSummaryPeriod(engine, options);
  const netReturns = await hasReturns(engine, r.calibrationEnd);
  const b = await engine.columns(
    spendPatternsSql(engine.dialect, { calibrationEnd: r.calibrationEnd, daysPerPeriod: DAYS_PER_PERIOD[r.period], netReturns }),
    { x: 'f64', mx: 'f64', n: 'f64' },
  );
  return { x: b.f64.x!, mx: b.f64.mx!, weights: b.f64.n! };
}

/** Whether the log has a return up to `end` (the summary nets them against purchase days). */
export async function hasReturns(engine: Engine, end: string): Promise<boolean> {
  const [f] = await engine.rows<{ has_returns: boolean | number }>(hasReturnsSql(engine.dialect, end));
  return Boolean(f!.has_returns);
}
