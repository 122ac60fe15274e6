import type { Engine } from './engine/engine.js';
import { QUARANTINE_REASONS, type QuarantineReason } from './transactions/schema.js';
import { ingestFile, type IngestOptions, type IngestReport } from './transactions/ingest.js';
import { totalsSql } from './summary/summary-sql.js';
import type { SqlDialect } from './engine/engine.js';
import { summarize, type CustomerSummary, type SummaryOptions } from './summary/summary.js';

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
export async function runOverview(
  engine: Engine,
  files: string[],
  ingestOptions: IngestOptions,
  summaryOptions: SummaryOptions,
): Promise<{ report: OverviewReport; summary: CustomerSummary }> {
  const ingest: IngestReport[] = [];
  for (const file of files) ingest.push(await ingestFile(engine, file, ingestOptions));
  const summary = await summarize(engine, summaryOptions);
  return { summary, report: await overviewOfSummary(engine, summary, ingest) };
}

/**
 * The overview report of a per-customer summary already computed (the whole-log totals and the
 * quarantine are two plain aggregates): what an incremental refresh (issue 16) recomputes after
 * merging the touched customers into the summary.
 */
export async function overviewOfSummary(engine: Engine, summary: CustomerSummary, ingest: IngestReport[] = []): Promise<OverviewReport> {
  const [t] = await engine.rows<{
    first_date: string | null;
    last_date: string | null;
    transactions: number;
    gross: number;
    returns_value: number;
    net: number;
    purchasers: number;
  }>(totalsSql(engine.dialect, summary.calibrationEnd));
  const q = await engine.rows<{ reason: QuarantineReason; rows: number }>(
    'SELECT reason, count(*) AS rows FROM quarantine GROUP BY reason ORDER BY rows DESC, reason',
  );
  let repeat = 0,
    days = 0;
  for (let i = 0; i < summary.length; i++) {
    days += summary.frequency[i]! + 1;
    if (summary.frequency[i]! > 0) repeat++;
  }
  return {
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
  };
}

// The models stage lives in pipeline-models.ts; re-exported here, where the stages are wired.
export {
  runModels,
  runModelsWithScores,
  MIN_MODEL_CUSTOMERS,
  MIN_REPEAT_BUYERS,
  type ModelsReport,
  type ModelsReportOptions,
  type ModelScores,
} from './pipeline-models.js';
