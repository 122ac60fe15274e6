import {
  Analysis,
  buildMainReport,
  mainReportFigures,
  mainReportSections,
  type CostModel,
  type Engine,
  type IngestReport,
  type MainReport,
  type SummaryOptions,
} from '@cvm/core';
import { fromReportTable, sectionOutput, type Output } from '../output.js';
import type { Progress } from '../progress.js';
import { ingestLines } from './ingest-output.js';

export interface MainReportOptions {
  summary: SummaryOptions;
  ingest: IngestReport[];
  validateAt?: string;
  noModels?: boolean;
  /** Cost model (loaded by the command before the log is read, so a bad file fails fast): adds the profitability section. */
  costModel?: CostModel | null;
  progress: Progress;
  /** An analysis to run the report in (`cvm serve` passes the server's, so both share one computation). */
  analysis?: Analysis;
}

/**
 * The main job (`npm start`, `cvm report`, `cvm serve`): the core's analysis runs the stages and
 * builds the report; this only prints its sections. The CSV and NDJSON formats carry the overview's
 * key figures. Returns the analysis too, so that `cvm serve` serves the very same computation.
 */
export async function mainReport(engine: Engine, o: MainReportOptions): Promise<{ out: Output; report: MainReport; analysis: Analysis }> {
  const analysis =
    o.analysis ??
    new Analysis(engine, { summary: o.summary, validateAt: o.validateAt, models: !o.noModels, costModel: o.costModel ?? null });
  const report = await buildMainReport(analysis, { ingest: o.ingest, progress: o.progress });
  const [overview, ...rest] = mainReportSections(report).map(sectionOutput);
  // the files just ingested, described under the overview's title
  overview!.text = [overview!.text![1]!, ...o.ingest.flatMap(ingestLines), '', ...overview!.text!.slice(2)];
  const out: Output = { ...overview!, json: report, sections: rest };
  return { out, report, analysis };
}

/** The main report's machine payload for CSV and NDJSON. */
export const mainReportCsv = (report: MainReport) => fromReportTable(mainReportFigures(report));
