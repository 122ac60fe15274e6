import type { Analysis } from './analysis.js';
import type { ReportSection, Progress } from '../report/report-section.js';
import { NO_PROGRESS } from '../report/report-section.js';
import type { IngestReport } from '../transactions/ingest-types.js';
import type { ModelsReport, OverviewReport } from '../pipeline.js';
import type { SegmentsReport } from '../pipeline-segments.js';
import type { ProfitSummary } from '../pipeline-profit.js';
import { formatPercent } from '../report/format-value.js';
import { overviewFigures, overviewFiguresTable, quarantineByReasonTable } from './overview-tables.js';
import { modelsSection } from './models-section.js';
import { migrationSection, segmentsSection } from '../segments/segments-tables.js';
import { profitSection } from '../profitability/profit-tables.js';
import type { ReportTable } from '../report/report-table.js';
import { describeDataVersion, type DataVersion } from '../transactions/data-version.js';

/** The main job's report (`npm start`, `cvm report`, `cvm serve`, the dashboard's Overview): one object. */
export interface MainReport extends OverviewReport {
  models: ModelsReport | null;
  /** Why the models did not run (turned off, too few customers, …), in words; null when they ran. */
  modelsSkipped: string | null;
  segments: SegmentsReport;
  profitability: ProfitSummary | null;
  /** The data the report reflects (issue 16): the workspace's data version, and when the report was built (ISO, UTC). */
  data: DataVersion & { computedAt: string };
}

/**
 * Runs the main job's stages in order through the analysis (each computed once and shared with the
 * server): overview, models and scores, segments with the migration summary, profitability when a
 * cost model is given. `ingest` reports of files just loaded are carried into the overview.
 */
export async function buildMainReport(a: Analysis, options: { ingest?: IngestReport[]; progress?: Progress } = {}): Promise<MainReport> {
  const progress = options.progress ?? NO_PROGRESS;
  progress.stage('summarising');
  const { report } = await a.overview();
  progress.stage('fitting and validating models');
  const models = await a.models();
  progress.stage('segmenting');
  const segments = await a.segmentsReport();
  let profit: ProfitSummary | null = null;
  if (a.options.costModel) {
    progress.stage('computing customer profitability');
    profit = (await a.profitability())!.summary;
  }
  const data = { ...(await a.workspaceVersion()), computedAt: new Date().toISOString() };
  progress.done();
  return {
    ...report,
    ingest: options.ingest ?? report.ingest,
    models: models.status === 'skipped' ? null : models.report,
    modelsSkipped: models.status === 'skipped' ? models.reason : null,
    segments,
    profitability: profit,
    data,
  };
}

const money = (v: number): string => v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const int = (v: number): string => v.toLocaleString('en-US');

/** The overview section (what went in, what was rejected, the base at a glance; with `data`, the data version it reflects). */
export function overviewSection(r: OverviewReport, data?: DataVersion & { computedAt: string }): ReportSection {
  return {
    id: 'overview',
    title: 'cvm overview',
    lines: [
      `Customers            ${int(r.customers)}${r.customersAllReturned ? ` (and ${int(r.customersAllReturned)} whose purchases were all returned or cancelled)` : ''}`,
      `Transactions         ${int(r.transactions)} purchase rows on ${int(r.purchaseDays)} customer-days`,
      `Revenue              ${money(r.grossRevenue)} gross, ${money(r.returnsValue)} returned, ${money(r.netRevenue)} net`,
      `Repeat buyers        ${int(r.repeatBuyers)} (${formatPercent(r.repeatBuyerShare)} of customers bought again)`,
      `Date range           ${r.dateRange.first} .. ${r.dateRange.last} (summary as of ${r.calibrationEnd}, time unit: ${r.period}s)`,
      `Quarantined rows     ${r.quarantine.length === 0 ? 'none' : r.quarantine.map((q) => `${int(q.rows)} ${q.reason}`).join(', ')}`,
      ...(data ? [`Data                 ${describeDataVersion(data, data.computedAt)}`] : []),
    ],
    warnings: [],
    tables: r.quarantine.length ? [quarantineByReasonTable(r.quarantine)] : [],
  };
}

/** Every section of the main report, in reading order. */
export function mainReportSections(r: MainReport): ReportSection[] {
  const sections: ReportSection[] = [overviewSection(r, r.data)];
  if (r.models) sections.push(...modelsSection(r.models));
  else
    sections.push({
      id: 'models',
      title: 'Customer lifetime value',
      lines: [
        `Models skipped (as with --no-models): ${r.modelsSkipped} Everything else below is reported; values are historic net revenue.`,
      ],
      warnings: [],
      tables: [],
    });
  sections.push(segmentsSection(r.segments), migrationSection(r.segments));
  if (r.profitability) sections.push(profitSection(r.profitability));
  return sections;
}

/** The main report's machine payload for CSV and NDJSON: the key figures, one per row. */
export function mainReportFigures(r: MainReport): ReportTable {
  return overviewFiguresTable(overviewFigures(r));
}
