import type { Engine } from '../engine/engine.js';
import type { CountModel } from '../models/count-models.js';
import { mbgCnbdKCountModel } from '../models/mbg-cnbd-k/count-model.js';
import { wheatMorrisonRegularity, type Regularity } from '../models/mbg-cnbd-k/regularity.js';
import { interPurchaseSql } from '../summary/itt-sql.js';

/**
 * What the regular-timing model needs from the log for the customers of a summary: Σ ln ITT per
 * customer (aligned to `customerIds`) over the calibration period, the MBG/CNBD-k CountModel bound to
 * it, and the Wheat–Morrison regularity diagnostic from the last two calibration ITTs.
 *
 * @param engine - the engine holding the transactions
 * @param customerIds - the summary's customers, in order
 * @param calibrationEnd - ISO date; only purchases up to it are used (no holdout leakage)
 * @param daysPerPeriod - 7 for weeks, 1 for days
 * @returns the model adapter and the diagnostic
 * @example
 * const { model, regularity } = await regularTiming(engine, summary.customerId, '2006-12-31', 7); // regularity.k ≈ 1.9 on grocery
 */
export async function regularTiming(
  engine: Engine,
  customerIds: readonly string[],
  calibrationEnd: string,
  daysPerPeriod: number,
): Promise<{ model: CountModel; regularity: Regularity; litt: Float64Array }> {
  const b = await engine.columns(interPurchaseSql(engine.dialect, { end: calibrationEnd, daysPerPeriod }), {
    customer_id: 'string',
    litt: 'f64',
    itt_last: 'f64',
    itt_prev: 'f64',
  });
  const at = new Map<string, number>();
  b.strings.customer_id!.forEach((id, i) => at.set(id, i));
  const litt = Float64Array.from(customerIds, (id) => {
    const i = at.get(id);
    return i === undefined ? 0 : b.f64.litt![i]!;
  });
  const last = b.f64.itt_last!,
    prev = b.f64.itt_prev!;
  const p1: number[] = [],
    p2: number[] = [];
  for (let i = 0; i < last.length; i++)
    if (Number.isFinite(prev[i]!) && Number.isFinite(last[i]!)) {
      p1.push(prev[i]!);
      p2.push(last[i]!);
    }
  return { model: mbgCnbdKCountModel(litt), regularity: wheatMorrisonRegularity(Float64Array.from(p1), Float64Array.from(p2)), litt };
}
