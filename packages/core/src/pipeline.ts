import type { Engine } from './engine/engine.js';
import { QUARANTINE_REASONS, type QuarantineReason } from './transactions/schema.js';
import { ingestFile, type IngestOptions, type IngestReport } from './transactions/ingest.js';
import { totalsSql } from './summary/summary-sql.js';
import type { SqlDialect } from './engine/engine.js';
import { logRange, summarize, type CustomerSummary, type Period, type SummaryOptions } from './summary/summary.js';
import { CvmError } from './errors.js';
import type { CountModelName } from './models/count-models.js';
import { predictCustomers, type Prediction } from './scores/predict.js';
import { PERIODS_PER_YEAR } from './scores/clv.js';
import { validateOnHoldout, type ValidationReport } from './validation/validate.js';

/** The main job's report: what went in, what was rejected, and the customer base at a glance. */
export interface OverviewReport {
  computedAt: string;
  period: CustomerSummary['period'];
  calibrationEnd: string;
  ingest: IngestReport[];
  dateRange: { first: string | null; last: string | null };
  /** Customers with a purchase day that stands on or before the calibration end (the summary's customers). */
  customers: number;
  /** Customers with purchase rows up to the calibration end that returns or cancellations wiped out entirely (not in the summary). */
  customersAllReturned: number;
  /** Purchase rows (returns excluded) up to the calibration end, of every customer. */
  transactions: number;
  /** Customer-days with a purchase that stands (same-day rows merged, cancelled days left out). */
  purchaseDays: number;
  /** Sums of all rows up to the calibration end, exact ({@link SqlDialect.moneySum}): purchases, returns, purchases − returns (currency). */
  grossRevenue: number;
  returnsValue: number;
  netRevenue: number;
  repeatBuyers: number;
  repeatBuyerShare: number;
  quarantine: { reason: QuarantineReason; rows: number; meaning: string }[];
}

/**
 * The one place where the stages are wired in order: ingest the given files (if any), summarise,
 * and assemble the overview. Later stages (models, segments, profitability) extend this. Money totals
 * are exact sums over all rows up to the calibration end (return-only customers included), so they
 * do not depend on the row order and match the profitability totals of the same period.
 */
export async function runOverview(engine: Engine, files: string[], ingestOptions: IngestOptions, summaryOptions: SummaryOptions): Promise<{ report: OverviewReport; summary: CustomerSummary }> {
  const ingest: IngestReport[] = [];
  for (const file of files) ingest.push(await ingestFile(engine, file, ingestOptions));
  const summary = await summarize(engine, summaryOptions);
  const [t] = await engine.rows<{ first_date: string | null; last_date: string | null; transactions: number; gross: number; returns_value: number; net: number; purchasers: number }>(totalsSql(engine.dialect, summary.calibrationEnd));
  const q = await engine.rows<{ reason: QuarantineReason; rows: number }>('SELECT reason, count(*) AS rows FROM quarantine GROUP BY reason ORDER BY rows DESC, reason');
  let repeat = 0, days = 0;
  for (let i = 0; i < summary.length; i++) {
    days += summary.frequency[i]! + 1;
    if (summary.frequency[i]! > 0) repeat++;
  }
  return {
    summary,
    report: {
      computedAt: new Date().toISOString(),
      period: summary.period,
      calibrationEnd: summary.calibrationEnd,
      ingest,
      dateRange: { first: t!.first_date, last: t!.last_date },
      customers: summary.length,
      customersAllReturned: t!.purchasers - summary.length,
      transactions: t!.transactions,
      purchaseDays: days,
      grossRevenue: t!.gross,
      returnsValue: t!.returns_value,
      netRevenue: t!.net,
      repeatBuyers: repeat,
      repeatBuyerShare: summary.length ? repeat / summary.length : 0,
      quarantine: q.map((r) => ({ reason: r.reason, rows: r.rows, meaning: QUARANTINE_REASONS[r.reason] ?? r.reason })),
    },
  };
}

export interface ModelsReportOptions {
  period: Period;
  /** Calibration end for the holdout validation (default: the middle of the log's date range). */
  validateAt?: string;
  /** CLV horizon in periods (default 52 weeks or 365 days). */
  horizon?: number;
  annualDiscountRate?: number;
  margin?: number;
  top?: number;
}

/** The models part of the main job: validation, the recommended model, and the top customers by CLV. */
export interface ModelsReport {
  validation: ValidationReport | null;
  validationSkipped: string | null;
  model: CountModelName;
  params: Record<string, number>;
  spendParams: Record<string, number> | null;
  units: Prediction['units'];
  totalClv: number;
  top: { customerId: string; pAlive: number; expectedPurchases: number; expectedSpend: number; clv: number }[];
}

/** Per-customer scores behind a {@link ModelsReport}, in the summary's order. */
export interface ModelScores {
  customerId: string[];
  pAlive: Float64Array;
  /** Expected purchases over the horizon and discounted CLV (currency), see `ModelsReport.units`. */
  expectedPurchases: Float64Array;
  /** Expected spend per purchase (currency). */
  expectedSpend: Float64Array;
  clv: Float64Array;
  /** The horizon of `expectedPurchases` and `clv` in years; the annual discount rate used for `clv`. */
  horizonYears: number;
  annualDiscountRate: number;
}

/**
 * Validates the count models on a calibration/holdout split of the log, then refits the recommended
 * model (BG/NBD when none is recommended) with Gamma-Gamma on the whole log and scores every customer.
 */
export async function runModels(engine: Engine, summary: CustomerSummary, options: ModelsReportOptions): Promise<ModelsReport> {
  return (await runModelsWithScores(engine, summary, options)).report;
}

/** {@link runModels}, also returning every customer's scores (for segments and profitability). */
export async function runModelsWithScores(engine: Engine, summary: CustomerSummary, options: ModelsReportOptions): Promise<{ report: ModelsReport; scores: ModelScores }> {
  const range = await logRange(engine);
  let validation: ValidationReport | null = null;
  let validationSkipped: string | null = null;
  const first = Date.parse(range.firstDate!), last = Date.parse(range.lastDate!);
  const validateAt = options.validateAt ?? new Date(first + Math.floor((last - first) / 2 / 86_400_000) * 86_400_000).toISOString().slice(0, 10);
  try {
    validation = await validateOnHoldout(engine, { period: options.period, calibrationEnd: validateAt, holdoutEnd: range.lastDate! });
  } catch (error) {
    if (!(error instanceof CvmError)) throw error;
    validationSkipped = error.message;
  }
  const model = (validation?.comparison.recommended ?? 'bg-nbd') as CountModelName;
  const horizon = options.horizon ?? (options.period === 'week' ? 52 : 365);
  const annualDiscountRate = options.annualDiscountRate ?? 0.1;
  const p = predictCustomers({ x: summary.frequency, tx: summary.recency, T: summary.T, mx: summary.monetaryValue }, {
    model, period: options.period, horizon, annualDiscountRate, margin: options.margin ?? 1,
  });
  const order = Array.from(summary.customerId.keys()).sort((a, b) => p.clv[b]! - p.clv[a]!).slice(0, options.top ?? 10);
  let totalClv = 0;
  for (const v of p.clv) totalClv += v;
  const report: ModelsReport = {
    validation, validationSkipped, model, params: p.fit.params, spendParams: p.spendFit?.params ?? null, units: p.units, totalClv,
    top: order.map((i) => ({ customerId: summary.customerId[i]!, pAlive: p.pAlive[i]!, expectedPurchases: p.expectedPurchases[i]!, expectedSpend: p.expectedSpend[i]!, clv: p.clv[i]! })),
  };
  const horizonYears = horizon / PERIODS_PER_YEAR[options.period];
  return { report, scores: { customerId: summary.customerId, pAlive: p.pAlive, expectedPurchases: p.expectedPurchases, expectedSpend: p.expectedSpend, clv: p.clv, horizonYears, annualDiscountRate } };
}
