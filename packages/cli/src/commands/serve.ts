import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { checkNumber, loadCostModel } from '@cvm/core';
import { formatOf, ingestOptionsOf, LOG_OPTIONS, parse, stringOf, SUMMARY_OPTIONS, summaryOptionsOf, WORKSPACE_OPTION } from '../args.js';
import type { Context } from '../context.js';
import { openSource } from '../source.js';
import { mainReport, mainReportCsv } from './main-report.js';
import { REPORT_OPTIONS } from './report.js';

const SERVE_OPTIONS = {
  port: { type: 'string' },
  host: { type: 'string' },
  token: { type: 'string' },
  'max-upload-mb': { type: 'string' },
  costs: { type: 'string' },
} as const;

/**
 * `cvm serve`: prints the overview (as `cvm report` does), then serves the dashboard and JSON API
 * until interrupted. With FILE the log is ingested first (into --workspace, or an in-memory one);
 * `CVM_NO_SERVE=1` stops after the report (the quick-start test uses it).
 */
export async function serveCommand(argv: string[], ctx: Context): Promise<number> {
  const { values, positionals } = parse(argv, LOG_OPTIONS, SUMMARY_OPTIONS, WORKSPACE_OPTION, REPORT_OPTIONS, SERVE_OPTIONS);
  if (values.help) return ctx.help('serve');
  const format = formatOf(values, ctx.stdoutIsTTY, 'table');
  const portText = stringOf(values.port) ?? process.env.CVM_PORT;
  const port = portText === undefined ? undefined : checkNumber('port', portText, stringOf(values.port) === undefined ? 'CVM_PORT' : '--port');
  const mb = checkNumber('maxUploadMb', stringOf(values['max-upload-mb']), '--max-upload-mb', 100);
  const token = stringOf(values.token) ?? (process.env.CVM_TOKEN || undefined);
  const { checkBinding, startServer, WorkspaceState } = await import('@cvm/server');
  checkBinding(stringOf(values.host), token);
  const summaryOptions = summaryOptionsOf(values);
  const progress = ctx.progress(format === 'table');
  const costs = stringOf(values.costs);
  const costModel = costs === undefined ? null : await loadCostModel(costs); // a bad cost model fails before the log is read
  const { engine, ingest } = await openSource(values, positionals, ingestOptionsOf(values), progress);
  try {
    const validateAt = stringOf(values['validate-at']);
    const noModels = Boolean(values['no-models']);
    // The same report as `cvm report` prints, computed in the state the server then serves (once for both).
    const state = new WorkspaceState(engine, { summary: summaryOptions, validateAt, costModel, models: !noModels });
    const { out, report } = await mainReport(engine, { summary: summaryOptions, ingest, progress, validateAt, noModels, costModel, analysis: state });
    ctx.print(format === 'csv' || format === 'ndjson' ? { tables: [mainReportCsv(report)], json: report } : out, format);
    if (process.env.CVM_NO_SERVE === '1') return 0;
    const dir = stringOf(values.workspace);
    const uploadDir = dir === undefined ? mkdtempSync(join(tmpdir(), 'cvm-uploads-')) : join(resolve(dir), 'uploads');
    const server = await startServer(engine, { host: stringOf(values.host), port, token, summary: summaryOptions, validateAt, uploadDir, maxUploadBytes: Math.round(mb * 1024 * 1024), costs: stringOf(values.costs), models: !noModels, state });
    const link = token ? `${server.url}#token=${encodeURIComponent(token)}` : server.url;
    const banner = `\ncvm dashboard: ${link}\n(JSON API: ${server.url}api/openapi.json; Ctrl-C stops)\n`;
    // The URL goes with the report on a table; machine formats keep stdout parseable.
    if (format === 'table') ctx.write(banner);
    else process.stderr.write(banner);
    await new Promise<void>((done) => {
      process.once('SIGINT', done);
      process.once('SIGTERM', done);
    });
    await server.close();
    return 0;
  } finally {
    await engine.close();
  }
}
