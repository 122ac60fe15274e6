import { loadCostModel } from '@cvm/core';
import {
  ENGINE_OPTION,
  formatOf,
  ingestOptionsOf,
  LOG_OPTIONS,
  parse,
  stringOf,
  SUMMARY_OPTIONS,
  summaryOptionsOf,
  WORKSPACE_OPTION,
} from '../args.js';
import type { Context } from '../context.js';
import { ONE_SHOT_MEMORY_LIMIT, openSource } from '../source.js';
import { mainReport, mainReportCsv } from './main-report.js';

/** Options of the main job shared by `cvm report` and `cvm serve`. */
export const REPORT_OPTIONS = {
  'validate-at': { type: 'string' },
  'no-models': { type: 'boolean' },
  costs: { type: 'string' },
} as const;

/**
 * The source of `cvm report FILE`: the log read into memory with DuckDB capped at
 * {@link ONE_SHOT_MEMORY_LIMIT}, as fit and predict are, so DuckDB spills sooner while the report holds
 * every customer's arrays (issue 18: under 2 GB at 10M rows). 10M rows / 1M customers with a cost
 * model, both at once (load 3–5): peak RSS 2,155 MB at 1GB and 1,719 MB at 512MB, CPU 289 and 313 s,
 * the same JSON. A --workspace keeps the workspace default; CVM_MEMORY_LIMIT wins over both.
 */
export const REPORT_SOURCE = { memoryLimit: ONE_SHOT_MEMORY_LIMIT } as const;

export async function reportCommand(argv: string[], ctx: Context): Promise<number> {
  const { values, positionals } = parse(argv, LOG_OPTIONS, SUMMARY_OPTIONS, WORKSPACE_OPTION, ENGINE_OPTION, REPORT_OPTIONS);
  if (values.help) return ctx.help('report');
  const format = formatOf(values, ctx.stdoutIsTTY);
  const progress = ctx.progress(format === 'table');
  const costs = stringOf(values.costs);
  const costModel = costs === undefined ? null : await loadCostModel(costs); // a bad cost model fails before the log is read
  const { engine, ingest } = await openSource(values, positionals, ingestOptionsOf(values), progress, REPORT_SOURCE);
  try {
    const { out, report } = await mainReport(engine, {
      summary: summaryOptionsOf(values),
      ingest,
      progress,
      validateAt: stringOf(values['validate-at']),
      noModels: Boolean(values['no-models']),
      costModel,
    });
    ctx.print(format === 'csv' || format === 'ndjson' ? { tables: [mainReportCsv(report)], json: report } : out, format);
  } finally {
    await engine.close();
  }
  return 0;
}
