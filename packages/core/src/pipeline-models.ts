import type { Engine } from './engine/engine.js';
import { CvmError, InputError } from './errors.js';
import { COUNT_MODEL_REGISTRY, type CountModelName } from './models/count-models.js';
import { checkNumber } from './numeric-limits.js';
import { lazyClvBand } from './pipeline-models-clv-band.js';
import { rankModelCandidates, type ValidatedModelName } from './pipeline-models-candidates.js';
import { MODEL_REGISTRY } from './models/model-registry.js';
import { fallbackModelsReport } from './pipeline-models-fallback.js';
import type { ModelScores, ModelsReport, ModelsReportOptions } from './pipeline-models-types.js';
import { PERIODS_PER_YEAR } from './scores/clv.js';
import { predictCustomers, type Prediction } from './scores/predict.js';
import type { CustomerSummary } from './summary/summary.js';

export { CLV_BAND_LEVEL } from './pipeline-models-clv-band.js';
export { requireScores } from './pipeline-models-require.js';
export type { ModelScores, ModelsReport, ModelsReportOptions } from './pipeline-models-types.js';

/** Whether the main job can score every customer with `m` (MBG/CNBD-k is validated on the holdout, not scored). */
const scorable = (m: ValidatedModelName): m is CountModelName => Object.hasOwn(COUNT_MODEL_REGISTRY, m);

/** Fewer customers than this (or fewer repeat buyers than {@link MIN_REPEAT_BUYERS}) and the main job does not fit CLV models. */
export const MIN_MODEL_CUSTOMERS = 100;
/** Repeat buyers the main job needs before it fits the models (they carry all the information on dropout and spend). */
export const MIN_REPEAT_BUYERS = 20;

/**
 * The models report of {@link runModelsWithScores} alone.
 * @example
 * (await runModels(engine, summary, { period: 'week' })).model; // 'mbg-nbd' on the CDNOW master
 */
export async function runModels(engine: Engine, summary: CustomerSummary, options: ModelsReportOptions): Promise<ModelsReport> {
  return (await runModelsWithScores(engine, summary, options)).report;
}

/**
 * Validates the count models on a calibration/holdout split of the log, then scores every customer
 * with a model that can be trusted, refitted on the whole log with a spend model:
 * 1. candidates: the recommended model of the validation, then the other acceptable ones by holdout
 *    error; no candidate when the validation recommends none; BG/NBD, Pareto/NBD, MBG/NBD when the
 *    validation could not run;
 * 2. the first candidate whose whole-log fit is not `unreliable` (see `assessCountFit`) scores, one
 *    with an `ok` fit before one to read with caution;
 * 3. spend: Gamma-Gamma, or each customer's historic mean when the Gamma-Gamma fit is unreliable;
 * 4. no candidate left: no CLV (`scores` null, `fallback` says why in plain words); value = historic
 *    net revenue, labelled as such, and the top customers by it.
 * Every doubt about the fits used is in `warnings` and in the scores, so that segments, profitability,
 * the server and the dashboard show it next to the numbers.
 *
 * @throws InputError `too_few_customers_for_models` below {@link MIN_MODEL_CUSTOMERS} customers or
 *   {@link MIN_REPEAT_BUYERS} repeat buyers (the caller reports everything else; see `mainReport`);
 *   `bad_horizon`, `bad_discount_rate`, `bad_margin`, `bad_top`
 * @example
 * const { report, scores } = await runModelsWithScores(engine, summary, { period: 'week', validateAt: '1997-09-30' });
 * report.fallback; // null on CDNOW; { value: 'historic_net_revenue', reason: 'No model can be trusted…' } when nobody ever leaves
 */
export async function runModelsWithScores(
  engine: Engine,
  summary: CustomerSummary,
  options: ModelsReportOptions,
): Promise<{ report: ModelsReport; scores: ModelScores | null }> {
  let repeaters = 0;
  for (const x of summary.frequency) if (x > 0) repeaters++;
  if (summary.length < MIN_MODEL_CUSTOMERS || repeaters < MIN_REPEAT_BUYERS) {
    throw new InputError(
      'too_few_customers_for_models',
      `The CLV models need at least ${MIN_MODEL_CUSTOMERS} customers, ${MIN_REPEAT_BUYERS} of them with a repeat purchase; this log has ${summary.length.toLocaleString('en-US')} customer${summary.length === 1 ? '' : 's'} (${repeaters.toLocaleString('en-US')} repeat buyer${repeaters === 1 ? '' : 's'}) up to ${summary.calibrationEnd}. With fewer, the fitted parameters are mostly noise.`,
      { customers: summary.length, repeatBuyers: repeaters, minCustomers: MIN_MODEL_CUSTOMERS, minRepeatBuyers: MIN_REPEAT_BUYERS },
    );
  }
  const perYear = PERIODS_PER_YEAR[options.period];
  const horizon = options.horizon ?? (options.period === 'week' ? 52 : 365);
  checkNumber(options.period === 'week' ? 'horizonWeeks' : 'horizonDays', horizon, 'horizon');
  const annualDiscountRate = checkNumber('discountRate', options.annualDiscountRate, 'annualDiscountRate', 0.1);
  const margin = checkNumber('margin', options.margin, 'margin', 1);
  const top = checkNumber('top', options.top, 'top', 10);

  const { validation, validationSkipped, candidates } = await rankModelCandidates(engine, options.period, options.validateAt);
  const data = { x: summary.frequency, tx: summary.recency, T: summary.T, mx: summary.monetaryValue, customerId: summary.customerId };
  const predictOptionsOf = (m: CountModelName): Parameters<typeof predictCustomers>[1] => ({
    model: m,
    spendModel: 'auto',
    period: options.period,
    horizon,
    annualDiscountRate,
    margin,
  });
  const tried: string[] = [];
  let chosen: Prediction | null = null,
    name: CountModelName | null = null;
  const skipped: string[] = [];
  for (const m of candidates) {
    if (!scorable(m)) {
      // MBG/CNBD-k needs each customer's inter-purchase times, which the per-customer scoring here does not read
      skipped.push(
        `The holdout validation ranked ${MODEL_REGISTRY[m].label} ${m === candidates[0] ? 'best' : 'among the acceptable models'}, but cvm cannot yet score every customer with it, so the next model in the ranking was used.`,
      );
      continue;
    }
    let p: Prediction;
    try {
      p = predictCustomers(data, predictOptionsOf(m));
    } catch (error) {
      if (!(error instanceof CvmError)) throw error;
      tried.push(`${COUNT_MODEL_REGISTRY[m].label} on the whole log: ${error.message}`);
      continue;
    }
    if (p.assessment.trust === 'unreliable') {
      tried.push(p.assessment.summary);
      continue;
    }
    if (chosen === null || (chosen.assessment.trust === 'caution' && p.assessment.trust === 'ok')) {
      chosen = p;
      name = m;
    }
    if (p.assessment.trust === 'ok') break;
  }

  const base = { validation, validationSkipped, topHistoric: [] as ModelsReport['topHistoric'] };
  if (chosen === null || name === null) return { report: fallbackModelsReport(summary, base, [...skipped, ...tried], top), scores: null };
  const p = chosen;
  const order = Array.from(summary.customerId.keys())
    .sort((a, b) => p.clv[b]! - p.clv[a]!)
    .slice(0, top);
  let totalClv = 0;
  for (const v of p.clv) totalClv += v;
  const report: ModelsReport = {
    ...base,
    model: name,
    params: p.fit.params,
    assessment: p.assessment,
    spendModel: p.spendFit ? 'gamma-gamma' : 'historic',
    spendParams: p.spendFit?.params ?? null,
    spendAssessment: p.spendAssessment,
    warnings: p.warnings,
    notes: [...skipped, ...p.notes],
    fallback: null,
    units: p.units,
    totalClv,
    top: order.map((i) => ({
      customerId: summary.customerId[i]!,
      pAlive: p.pAlive[i]!,
      expectedPurchases: p.expectedPurchases[i]!,
      expectedSpend: p.expectedSpend[i]!,
      clv: p.clv[i]!,
    })),
  };
  const clvBand = lazyClvBand(p, data, predictOptionsOf(name));
  return {
    report,
    scores: {
      customerId: summary.customerId,
      pAlive: p.pAlive,
      expectedPurchases: p.expectedPurchases,
      expectedSpend: p.expectedSpend,
      clv: p.clv,
      horizonYears: horizon / perYear,
      annualDiscountRate,
      model: name,
      warnings: p.warnings,
      clvBand,
    },
  };
}
