import type { Engine } from './engine/engine.js';
import { QUARANTINE_REASONS, type QuarantineReason } from './transactions/schema.js';
import { ingestFile, type IngestOptions, type IngestReport } from './transactions/ingest.js';
import { logRange, summarize, type CustomerSummary, type SummaryOptions } from './summary/summary.js';

/** The main job's report: what went in, what was rejected, and the customer base at a glance. */
export interface OverviewReport {
  computedAt: string;
  period: CustomerSummary['period'];
  calibrationEnd: string;
  ingest: IngestReport[];
  dateRange: { first: string | null; last: string | null };
  customers: number;
  transactions: number;
  purchaseDays: number;
  grossRevenue: number;
  returnsValue: number;
  netRevenue: number;
  repeatBuyers: number;
  repeatBuyerShare: number;
  quarantine: { reason: QuarantineReason; rows: number; meaning: string }[];
}

/**
 * The one place where the stages are wired in order: ingest the given files (if any), summarise,
 * and assemble the overview. Later stages (models, segments, profitability) extend this.
 */
export async function runOverview(engine: Engine, files: string[], ingestOptions: IngestOptions, summaryOptions: SummaryOptions): Promise<{ report: OverviewReport; summary: CustomerSummary }> {
  const ingest: IngestReport[] = [];
  for (const file of files) ingest.push(await ingestFile(engine, file, ingestOptions));
  const summary = await summarize(engine, summaryOptions);
  const range = await logRange(engine);
  const q = await engine.rows<{ reason: QuarantineReason; rows: number }>('SELECT reason, count(*) AS rows FROM quarantine GROUP BY reason ORDER BY rows DESC, reason');
  let gross = 0, returnsValue = 0, net = 0, repeat = 0, days = 0, tx = 0;
  for (let i = 0; i < summary.length; i++) {
    gross += summary.totalRevenue[i]!;
    returnsValue += summary.returnsValue[i]!;
    net += summary.netRevenue[i]!;
    days += summary.frequency[i]! + 1;
    tx += summary.transactions[i]!;
    if (summary.frequency[i]! > 0) repeat++;
  }
  return {
    summary,
    report: {
      computedAt: new Date().toISOString(),
      period: summary.period,
      calibrationEnd: summary.calibrationEnd,
      ingest,
      dateRange: { first: range.firstDate, last: range.lastDate },
      customers: summary.length,
      transactions: tx,
      purchaseDays: days,
      grossRevenue: gross,
      returnsValue,
      netRevenue: net,
      repeatBuyers: repeat,
      repeatBuyerShare: summary.length ? repeat / summary.length : 0,
      quarantine: q.map((r) => ({ reason: r.reason, rows: r.rows, meaning: QUARANTINE_REASONS[r.reason] ?? r.reason })),
    },
  };
}
