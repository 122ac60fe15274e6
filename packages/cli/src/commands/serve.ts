import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { checkNumber, InputError, ingestInputFile, loadCostModel, loadLoyaltyProgram, parseDuration, serialEngine } from '@cvm/core';
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
import { noAcceptedRows, openSource } from '../source.js';
import { mainReport, mainReportCsv } from './main-report.js';
import { REPORT_OPTIONS } from './report.js';
import { catalogOf } from './expansion-flags.js';
import { INPUT_OPTIONS, ingestInputs, inputIngestLines } from '../inputs-cli.js';
import { RETENTION_OPTION_FLAGS, retentionOptionsOf } from './retention.js';

/** How long a dashboard read waits for a computation under way before it answers 202 "computing" (ms). */
const COMPUTING_AFTER_MS = 3000;

const SERVE_OPTIONS = {
  port: { type: 'string' },
  host: { type: 'string' },
  token: { type: 'string' },
  'max-upload-mb': { type: 'string' },
  costs: { type: 'string' },
  currency: { type: 'string' },
  // expansion (issue 13): categories for headroom breadth
  products: { type: 'string' },
  'category-col': { type: 'string' },
  // feedback (issue 15): a survey file stored in the workspace before serving
  surveys: { type: 'string' },
  // loyalty (issue 15): the programme the Loyalty page runs, and programmes to compare with it
  program: { type: 'string' },
  'compare-program': { type: 'string', multiple: true },
  // continuous ingestion (issue 16): a folder whose new log files are ingested while serving
  watch: { type: 'string' },
  'watch-every': { type: 'string' },
  // issue 16: re-fit schedule (between re-fits new data is scored with the previous parameters)
  'refit-every': { type: 'string' },
  // issue 16: how often to look for data other processes ingested (a ClickHouse workspace)
  'poll-every': { type: 'string' },
} as const;

/**
 * `cvm serve`: prints the overview (as `cvm report` does), then serves the dashboard and JSON API
 * until interrupted. With FILE the log is ingested first (into --workspace, or an in-memory one);
 * `CVM_NO_SERVE=1` stops after the report (the quick-start test uses it).
 */
export async function serveCommand(argv: string[], ctx: Context): Promise<number> {
  const { values, positionals } = parse(
    argv,
    LOG_OPTIONS,
    SUMMARY_OPTIONS,
    WORKSPACE_OPTION,
    ENGINE_OPTION,
    REPORT_OPTIONS,
    SERVE_OPTIONS,
    INPUT_OPTIONS,
    { prospects: { type: 'string' } },
    RETENTION_OPTION_FLAGS,
  );
  if (values.help) return ctx.help('serve');
  const format = formatOf(values, ctx.stdoutIsTTY, 'table');
  const portText = stringOf(values.port) ?? process.env.CVM_PORT;
  const port =
    portText === undefined ? undefined : checkNumber('port', portText, stringOf(values.port) === undefined ? 'CVM_PORT' : '--port');
  const mb = checkNumber('maxUploadMb', stringOf(values['max-upload-mb']), '--max-upload-mb', 100);
  const watchDir = stringOf(values.watch);
  const watchEvery = checkNumber('watchEverySeconds', stringOf(values['watch-every']), '--watch-every', 10);
  // DuckDB keeps other writers out (its lock), so only a ClickHouse workspace is looked at by default
  const pollDefault = stringOf(values.engine) === undefined ? 0 : 10;
  const pollEvery = checkNumber('pollEverySeconds', stringOf(values['poll-every']), '--poll-every', pollDefault);
  const refitEvery = stringOf(values['refit-every']);
  const refitEveryMs = refitEvery === undefined ? undefined : parseDuration(refitEvery, '--refit-every');
  if (watchDir !== undefined && !statSync(watchDir, { throwIfNoEntry: false })?.isDirectory())
    throw new InputError(
      'watch_dir_missing',
      `--watch ${watchDir}: no such folder; create it, or give the folder new log files are dropped into`,
      {
        dir: watchDir,
      },
    );
  const token = stringOf(values.token) ?? (process.env.CVM_TOKEN || undefined);
  const { checkBinding, ComputingWork, startServer, WorkspaceState, DEFAULT_REFIT_EVERY_MS } = await import('@cvm/server');
  checkBinding(stringOf(values.host), token);
  const summaryOptions = summaryOptionsOf(values);
  const retention = retentionOptionsOf(values); // bad thresholds fail before the log is read
  const progress = ctx.progress(format === 'table');
  const costs = stringOf(values.costs);
  const costModel = costs === undefined ? null : await loadCostModel(costs); // a bad cost model fails before the log is read
  // loyalty (issue 15): bad programme files fail before the log is read
  for (const f of [stringOf(values.program), ...(Array.isArray(values['compare-program']) ? values['compare-program'] : [])])
    if (f !== undefined) await loadLoyaltyProgram(f);
  // allowEmpty: a log whose every row was rejected still gets a dashboard (its Data page explains why)
  const { engine, ingest } = await openSource(values, positionals, ingestOptionsOf(values), progress, { allowEmpty: true });
  try {
    // issue 11: the customers, spend and prospects files beside the log (the Acquisition and Prospects pages)
    const prospects = stringOf(values.prospects);
    const inputs = await ingestInputs(engine, values, progress, prospects === undefined ? [] : [['prospects', prospects]]);
    if (inputs.length)
      process.stderr.write(
        inputIngestLines(inputs)
          .map((l) => `cvm: ${l}\n`)
          .join(''),
      );
    const surveys = stringOf(values.surveys);
    if (surveys !== undefined) await ingestInputFile(engine, 'surveys', surveys);
    const validateAt = stringOf(values['validate-at']);
    const noModels = Boolean(values['no-models']);
    const dir = stringOf(values.workspace);
    // expansion (issue 13): headroom breadth in categories from --products or the log file's category column
    const catalog = await catalogOf(engine, values, positionals, true);
    // One queue for the engine: the server answers while the report is computed, and DuckDB's one
    // connection must not run a second query while a result is streaming.
    const served = serialEngine(engine);
    const state = new WorkspaceState(served, {
      summary: summaryOptions,
      validateAt,
      costModel,
      models: !noModels,
      expansion: catalog ? { catalog } : undefined,
      retention,
    });
    const empty = await noAcceptedRows(engine, ingest, dir);
    const serveToo = process.env.CVM_NO_SERVE !== '1';
    if (!empty) await state.workspaceVersion(); // read before the report queues its queries: every answer's data stamp needs it
    if (!empty && pollEvery > 0) await state.noticeChanges(); // the stamp the report is computed at: what the looks compare with
    // The same report as `cvm report` prints, computed once for the printed report and the server.
    const computed = empty
      ? null
      : mainReport(served, { summary: summaryOptions, ingest, progress, validateAt, noModels, costModel, analysis: state });
    computed?.catch(() => undefined); // awaited below; this only keeps an early failure from being "unhandled"
    // issue 18: listen first, so the dashboard answers at once; reads that need the report answer
    // 202 "computing…" (the pages say so and ask again) until it is done
    const computing = new ComputingWork();
    if (computed && serveToo) void computing.track('the report', computed).catch(() => undefined);
    const server = serveToo
      ? await startServer(served, {
          host: stringOf(values.host),
          port,
          token,
          summary: summaryOptions,
          validateAt,
          uploadDir: dir === undefined ? mkdtempSync(join(tmpdir(), 'cvm-uploads-')) : join(resolve(dir), 'uploads'),
          maxUploadBytes: Math.round(mb * 1024 * 1024),
          costs: stringOf(values.costs),
          currency: stringOf(values.currency),
          models: !noModels,
          state,
          program: stringOf(values.program),
          comparePrograms: Array.isArray(values['compare-program']) ? values['compare-program'] : [],
          computing,
          warmAfter: computed ?? Promise.resolve(),
          answerComputingAfterMs: COMPUTING_AFTER_MS,
          refit: { everyMs: refitEveryMs ?? DEFAULT_REFIT_EVERY_MS, log: (l) => process.stderr.write(`${l}\n`) },
          poll: { everyMs: pollEvery * 1000, log: (l) => process.stderr.write(`${l}\n`) },
          watch:
            watchDir === undefined
              ? undefined
              : {
                  dir: resolve(watchDir),
                  everyMs: watchEvery * 1000,
                  ingest: ingestOptionsOf(values),
                  log: (l) => process.stderr.write(`${l}\n`),
                },
        })
      : null;
    const link = server && (token ? `${server.url}#token=${encodeURIComponent(token)}` : server.url);
    if (server && computed) process.stderr.write(`cvm: dashboard at ${link}; its pages fill in when the report below is computed\n`);
    try {
      if (empty) throw empty;
      const { out, report } = await computed!;
      ctx.print(format === 'csv' || format === 'ndjson' ? { tables: [mainReportCsv(report)], json: report } : out, format);
    } catch (error) {
      // Degrade, do not exit (issue #20): say what is wrong, then serve what can be shown.
      if (!(error instanceof InputError)) {
        await server?.close();
        throw error;
      }
      process.stderr.write(
        `cvm: ${error.message}\ncvm: serving the dashboard anyway: its pages say what cannot be computed, and the Data page lists the rejected rows and takes a corrected upload.\n`,
      );
      if (!server) return 1;
    }
    if (!server) return 0;
    await server.warmed;
    const banner = `\ncvm dashboard: ${link}\n(JSON API: ${server.url}api/openapi.json; Ctrl-C stops)\n`;
    // The URL goes with the report on a table; machine formats keep stdout parseable.
    if (format === 'table') ctx.write(banner);
    else process.stderr.write(banner);
    await new Promise<void>((done) => {
      process.once('SIGINT', done);
      process.once('SIGTERM', done);
    });
    const under = server.computing.current();
    if (under) process.stderr.write(`cvm: finishing ${under.label} before stopping (press Ctrl-C again to stop at once)\n`);
    await server.close();
    return 0;
  } finally {
    await engine.close();
  }
}
