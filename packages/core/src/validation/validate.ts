import type { Engine } from '../engine/engine.js';
import { ConvergenceError, CvmError, InputError } from '../errors.js';
import { COUNT_MODEL_REGISTRY, COUNT_MODELS, type CountModelName } from '../models/count-models.js';
import type { RfmData } from '../models/shared/model-types.js';
import { assessCountFit } from '../models/shared/fit-assessment.js';
import { MS_PER_DAY, DAYS_PER_PERIOD, summarize, type Period } from '../summary/summary.js';
import { compareModels, validateCountModel, type ModelComparison, type ModelValidation } from './holdout.js';
import { trackingSql } from './tracking-sql.js';
// issue 17: the regular-timing model and the regularity diagnostic
import type { Regularity } from '../models/mbg-cnbd-k/regularity.js';
import { regularTiming } from './regular-timing.js';

export interface ValidationOptions {
  period?: Period;
  calibrationEnd: string;
  holdoutEnd: string;
  /** Models to validate (default: bg-nbd, pareto-nbd, mbg-nbd and the regular-timing mbg-cnbd-k). */
  models?: readonly (CountModelName | 'mbg-cnbd-k')[];
  /** Coverage of the tracking curve's prediction band over the holdout (default 0.9; issue 17). */
  level?: number;
}

export interface ValidationReport {
  computedAt: string;
  period: Period;
  calibrationEnd: string;
  holdoutEnd: string;
  holdoutPeriods: number;
  customers: number;
  models: ModelValidation[];
  failures: { model: string; code: string; message: string }[];
  comparison: ModelComparison;
  /** Wheat–Morrison purchase-timing regularity of the calibration period (when mbg-cnbd-k was validated). */
  regularity?: Regularity;
}

/**
 * Fits each count model on the calibration period and predicts the holdout (FHL 2005 §4–5 style
 * validation): per customer, by calibration frequency, and as the cohort's cumulative tracking curve.
 * A model that fails to fit is reported in `failures` with its error, not dropped silently.
 */
export async function validateOnHoldout(engine: Engine, options: ValidationOptions): Promise<ValidationReport> {
  const period = options.period ?? 'week';
  const summary = await summarize(engine, { period, calibrationEnd: options.calibrationEnd, holdoutEnd: options.holdoutEnd });
  if (summary.length === 0) throw new InputError('empty_calibration', `No customer purchased on or before ${options.calibrationEnd}`, {});
  const p = DAYS_PER_PERIOD[period];
  const perPeriod = await engine.columns(
    trackingSql(engine.dialect, {
      calibrationEnd: summary.calibrationEnd,
      holdoutEnd: summary.holdoutEnd!,
      daysPerPeriod: p,
      netReturns: summary.hasReturns,
    }),
    { period: 'f64', repeat_transactions: 'f64' },
  );
  let start = Infinity;
  for (const d of summary.firstPurchase) start = Math.min(start, d);
  const lastPeriod = Math.floor((Date.parse(summary.holdoutEnd!) / MS_PER_DAY - start) / p) + 1;
  const actualPerPeriod = new Float64Array(lastPeriod);
  for (let i = 0; i < perPeriod.length; i++) actualPerPeriod[perPeriod.f64.period![i]! - 1] = perPeriod.f64.repeat_transactions![i]!;
  const calibrationPeriods = Math.floor((Date.parse(summary.calibrationEnd) / MS_PER_DAY - start) / p) + 1;
  const birth = Float64Array.from(summary.firstPurchase, (d) => (d - start) / p);
  const data: RfmData = { x: summary.frequency, tx: summary.recency, T: summary.T };
  // issue 17: the tracking band starts at the calibration end, from the actual repeat purchases up to it
  let calibrationTotal = 0;
  for (const x of summary.frequency) calibrationTotal += x;
  const band = {
    calibrationEnd: (Date.parse(summary.calibrationEnd) / MS_PER_DAY - start) / p,
    calibrationTotal,
    endOffset: 1 / p,
    holdoutEnd: (Date.parse(summary.holdoutEnd!) / MS_PER_DAY - start) / p,
    level: options.level,
  };
  const models: ModelValidation[] = [];
  const failures: ValidationReport['failures'] = [];
  const names = options.models ?? [...COUNT_MODELS, 'mbg-cnbd-k'];
  const regular = names.includes('mbg-cnbd-k') ? await regularTiming(engine, summary.customerId, summary.calibrationEnd, p) : null;
  for (const name of names) {
    const model = name === 'mbg-cnbd-k' ? regular!.model : COUNT_MODEL_REGISTRY[name];
    try {
      const fit = model.fit(data);
      models.push(
        validateCountModel({
          model,
          fit,
          data,
          assessment: assessCountFit(model, fit, data),
          holdout: summary.frequencyHoldout!,
          duration: summary.durationHoldout!,
          birth,
          actualPerPeriod,
          calibrationPeriods,
          band,
        }),
      );
    } catch (error) {
      if (!(error instanceof CvmError)) throw error;
      const hint = error instanceof ConvergenceError ? ' (did not converge)' : '';
      failures.push({ model: name, code: error.code, message: error.message + hint });
    }
  }
  return {
    computedAt: new Date().toISOString(),
    period,
    calibrationEnd: summary.calibrationEnd,
    holdoutEnd: summary.holdoutEnd!,
    holdoutPeriods: summary.durationHoldout!,
    customers: summary.length,
    models,
    failures,
    comparison: compareModels(models),
    ...(regular ? { regularity: regular.regularity } : {}),
  };
}
