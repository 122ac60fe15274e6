import type { Engine } from '../engine/engine.js';
import type { FitResult } from '../models/shared/model-types.js';
import type { Period, SummaryOptions } from '../summary/summary.js';
import { withStagedSummary } from './database-scores-write.js';
import { fitGammaGammaOnShards, type SpendFitReadCounts } from './database-spend-fit.js';
import { noteZeroSpend } from './spend.js';

/** A Gamma-Gamma fit made where the data lives ({@link fitGammaGammaInDatabase}), and what it read. */
export interface DatabaseGammaGammaFit {
  /** As `estimateSpend(…, 'gamma-gamma').fit` on the per-customer summary: the zero-spend warning included. */
  fit: FitResult<string>;
  /** Repeat buyers whose repeat purchases average 0, left out of the fit (the first 20 ids by customer id). */
  zeroSpend: { count: number; customerIds: string[] };
  /** Period of the summary the fit was made on (the spend model itself has no time unit). */
  period: Period;
  /** Queries and rows the fit read (the staging of the summary not counted: it stays on the shards). */
  reads: SpendFitReadCounts;
}

/**
 * Fits Gamma-Gamma (Fader, Hardie & Lee 2005) on the customer summary without reading a row per
 * customer or per (x, m̄ₓ): the summary is staged in a work table (on ClickHouse a MergeTree table on
 * every shard holding its own customers, named and leased as a scoring's, dropped afterwards, also
 * after a failure), and `fitGammaGammaOnShards` fits from per-x statistics and per-γ sums. The same
 * fit as `estimateSpend` on the summary (parameters to rounding of the sums): customers whose repeat
 * purchases average 0 are left out of the fit and named in its warnings (only their ids are read).
 * A q ≤ 1 fit is returned as it is (its population mean is infinite: `cvm predict` refuses it, a fit
 * reports it).
 *
 * @param options the summary's period and calibration end (holdout options are ignored: the fit uses calibration data)
 * @throws InputError those of the summary (`bad_period`, empty log, …), `spend_invalid_value`,
 *   `no_repeat_purchases`; EngineError `row_accounting`
 * @example
 * const g = await fitGammaGammaInDatabase(engine, { period: 'week', calibrationEnd: '1997-09-30' });
 * g.fit.params; // → { p: 6.25, q: 3.74, gamma: 15.44 } on CDNOW (Fader & Hardie 2013)
 * g.reads.rows; // → 22 × (1 + γ values fetched): distinct x of the repeat buyers, whatever the customers
 */
export async function fitGammaGammaInDatabase(engine: Engine, options: SummaryOptions = {}): Promise<DatabaseGammaGammaFit> {
  return withStagedSummary(engine, options, async (summary, _patterns, period) => {
    const { fit, zeros, zeroIds, ...reads } = await fitGammaGammaOnShards(engine, summary);
    noteZeroSpend(fit, zeros, zeroIds);
    return { fit, zeroSpend: { count: zeros, customerIds: zeroIds }, period, reads };
  });
}
