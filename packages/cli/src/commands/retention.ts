import {
  checkNumber,
  type NumericParam,
  Analysis,
  backtestSection,
  InputError,
  loadCostModel,
  retentionListTable,
  retentionSection,
  tableCsvStream,
  tablePage,
  tableQuerySchema,
  tableRecords,
  COUNT_MODELS,
  filterSchema,
  type CountModelName,
  type Engine,
  type ListName,
  type RetentionOptions,
  type ServedTable,
} from '@cvm/core';
import {
  LOG_OPTIONS,
  stringOf,
  SUMMARY_OPTIONS,
  summaryOptionsOf,
  WORKSPACE_OPTION,
  ENGINE_OPTION,
  type OptionSpecs,
  type Values,
} from '../args.js';
import { commandArgs, withSource } from '../command-preamble.js';
import { ONE_SHOT_MEMORY_LIMIT } from '../source.js';
import type { Context } from '../context.js';
import { fromReportTable, sectionOutput, type Format, type Output } from '../output.js';

/** The retention scoring flags (also taken by `cvm serve`, whose dashboard and API show the same lists). */
export const RETENTION_OPTION_FLAGS: OptionSpecs = {
  'horizon-days': { type: 'string' },
  'lookback-days': { type: 'string' },
  'risk-thresholds': { type: 'string' },
};

/** Flags of `cvm at-risk` and `cvm win-back`. */
export const RETENTION_FLAGS: OptionSpecs = {
  ...RETENTION_OPTION_FLAGS,
  'validate-at': { type: 'string' },
  costs: { type: 'string' },
  tier: { type: 'string' },
  stage: { type: 'string' },
  channel: { type: 'string' },
  risk: { type: 'string' },
  'min-value': { type: 'string' },
  filter: { type: 'string', multiple: true },
  limit: { type: 'string' },
  backtest: { type: 'boolean' },
  model: { type: 'string' },
  table: { type: 'string' },
};

const num = (values: Values, flag: string, param: NumericParam): number | undefined => {
  const s = stringOf(values[flag]);
  return s === undefined ? undefined : checkNumber(param, s, `--${flag}`);
};

/** The retention options from the flags (horizon, lookback, thresholds "HIGH,MEDIUM"). */
export function retentionOptionsOf(values: Values): RetentionOptions {
  const o: RetentionOptions = {};
  const h = num(values, 'horizon-days', 'riskHorizonDays'),
    l = num(values, 'lookback-days', 'lookbackDays');
  if (h !== undefined) o.horizonDays = h;
  if (l !== undefined) o.lookbackDays = l;
  const t = stringOf(values['risk-thresholds']);
  if (t !== undefined) {
    const [high, medium] = t.split(',').map(Number);
    if (!(high! > 0 && medium! > high! && medium! < 1) || t.split(',').length !== 2)
      throw new InputError(
        'bad_usage',
        `--risk-thresholds must be HIGH,MEDIUM with 0 < HIGH < MEDIUM < 1 (P(return) cut points, e.g. 0.2,0.5); got "${t}"`,
        {},
      );
    o.highRiskBelow = high;
    o.mediumRiskBelow = medium;
  }
  return o;
}

/** The list filters from the flags, in the customer table's syntax (a comma list becomes `in`). */
export function listFiltersOf(values: Values, valueKey: string): string[] {
  const out: string[] = [];
  const pick = (flag: string, column: string): void => {
    const v = stringOf(values[flag]);
    if (v === undefined) return;
    const parts = v
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean);
    out.push(parts.length > 1 ? `${column}:in:${parts.join('|')}` : `${column}:eq:${parts[0] ?? ''}`);
  };
  pick('tier', 'value_tier');
  pick('stage', 'lifecycle_stage');
  pick('channel', 'channel');
  pick('risk', 'churn_risk');
  const min = stringOf(values['min-value']);
  if (min !== undefined) out.push(`${valueKey}:gte:${min}`);
  const extra = values.filter;
  if (Array.isArray(extra)) out.push(...extra);
  for (const f of out) {
    const r = filterSchema.safeParse(f);
    if (!r.success) throw new InputError('bad_usage', `filter "${f}": ${r.error.issues[0]!.message}`, { filter: f });
  }
  return out;
}

/** Streams a served table as CSV to the output, chunk by chunk. */
async function writeCsv(engine: Engine, t: ServedTable, filter: string[], ctx: Context): Promise<void> {
  const reader = tableCsvStream(engine, t, { filter }).getReader();
  const decoder = new TextDecoder();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    ctx.write(decoder.decode(value, { stream: true }));
  }
}

async function backtest(analysis: Analysis, values: Values, format: Format, ctx: Context): Promise<void> {
  const D = stringOf(values['calibration-end']),
    E = stringOf(values['holdout-end']);
  if (D === undefined || E === undefined)
    throw new InputError(
      'bad_usage',
      'cvm at-risk --backtest needs --calibration-end D and --holdout-end E (rank as of D with the data up to D, measure what happened until E)',
      {},
    );
  const model = stringOf(values.model);
  if (model !== undefined && !(COUNT_MODELS as readonly string[]).includes(model))
    throw new InputError('bad_usage', `--model must be one of ${COUNT_MODELS.join(', ')}; got "${model}"`, { model });
  const b = await analysis.retentionBacktest({ calibrationEnd: D, holdoutEnd: E, model: model as CountModelName | undefined });
  const section = backtestSection(b);
  const id = stringOf(values.table) ?? 'backtest.scores';
  const t = section.tables.find((x) => x.id === id);
  if (!t)
    throw new InputError('bad_usage', `--table must be one of ${section.tables.map((x) => x.id).join(', ')}; got "${id}"`, { table: id });
  const out = sectionOutput(section);
  ctx.print(format === 'table' ? out : { ...out, tables: [fromReportTable(t)], json: b }, format);
}

/**
 * How `cvm at-risk` and `cvm win-back` open their data: a one-shot read, DuckDB capped at
 * {@link ONE_SHOT_MEMORY_LIMIT} from FILE or --workspace while every customer's arrays are held
 * (issue 12: at 1M customers / 10M rows the models' holdout summary took DuckDB to its default 1GB,
 * the process to 1.57 GB; 1.23 GB at 512MB for the same CPU-s).
 */
export const RETENTION_SOURCE = { memoryLimit: ONE_SHOT_MEMORY_LIMIT, workspaceMemoryLimit: ONE_SHOT_MEMORY_LIMIT } as const;

/**
 * `cvm at-risk` and `cvm win-back`: the retention list (served from the scored customer table,
 * filters in its syntax), with the retention summary and rules on a terminal, every row as CSV for a
 * campaign tool; `cvm at-risk --backtest` backtests the ranking instead.
 */
export function retentionListCommand(list: ListName) {
  const name = list === 'at_risk' ? 'at-risk' : 'win-back';
  return async (argv: string[], ctx: Context): Promise<number> => {
    const cmd = commandArgs(argv, ctx, {
      name,
      specs: [LOG_OPTIONS, SUMMARY_OPTIONS, WORKSPACE_OPTION, ENGINE_OPTION, RETENTION_FLAGS],
      check: (v) => {
        if (v.backtest && list !== 'at_risk') throw new InputError('bad_usage', 'the backtest is run with cvm at-risk --backtest', {});
      },
      machine: (v) => (v.backtest ? 'json' : 'csv'),
    });
    if (typeof cmd === 'number') return cmd;
    const { values, format } = cmd;
    const limitText = stringOf(values.limit);
    const limit = limitText === undefined ? 50 : Number(limitText);
    if (!(Number.isInteger(limit) && limit >= 1 && limit <= 1000))
      throw new InputError(
        'bad_usage',
        `--limit must be a whole number from 1 to 1,000 (rows shown; --format csv writes every row); got "${limitText}"`,
        {},
      );
    const costs = stringOf(values.costs);
    const costModel = costs === undefined ? null : await loadCostModel(costs);
    const retention = retentionOptionsOf(values);
    const filter = listFiltersOf(values, list === 'at_risk' ? 'value_at_risk' : 'win_back_value');
    const summary = values.backtest ? { period: summaryOptionsOf(values).period } : summaryOptionsOf(values);
    return withSource(
      cmd,
      ctx,
      async ({ engine, progress }) => {
        const analysis = new Analysis(engine, { summary, validateAt: stringOf(values['validate-at']), costModel, retention });
        if (values.backtest) {
          progress.stage('backtesting (fitting as of the calibration end)');
          await backtest(analysis, values, format, ctx);
          progress.done();
          return 0;
        }
        progress.stage('fitting and scoring');
        const stage = await analysis.retention();
        const table = retentionListTable(await analysis.retentionListsTable(), list);
        progress.done();
        if (format === 'csv') {
          await writeCsv(analysis.engine, table, filter, ctx);
          return 0;
        }
        const page = await tablePage(analysis.engine, table, tableQuerySchema.parse({ pageSize: limit, filter }));
        const rows = page.rows;
        const shown = {
          id: table.id,
          title: `${table.title}: ${page.total.toLocaleString('en-US')} customers${filter.length ? ` matching ${filter.join(' and ')}` : ''}`,
          columns: [...page.columns],
          rows,
          notes:
            page.total > rows.length
              ? [
                  `first ${rows.length.toLocaleString('en-US')} of ${page.total.toLocaleString('en-US')} (--limit N, or --format csv for every row)`,
                ]
              : [],
        };
        const report = retentionSection(stage.report);
        const section = sectionOutput(report);
        const out: Output =
          format === 'table'
            ? {
                ...section,
                tables: [...section.tables, fromReportTable(shown)],
                maxTableRows: Math.max(rows.length, ...report.tables.map((t) => t.rows.length)),
              }
            : {
                tables: [fromReportTable(shown)],
                json: {
                  retention: stage.report,
                  section: report,
                  list: { id: table.id, filter, total: page.total, columns: page.columns, rows: tableRecords(shown) },
                },
              };
        ctx.print(out, format);
        return 0;
      },
      RETENTION_SOURCE,
    );
  };
}

export const atRiskCommand = retentionListCommand('at_risk');
export const winBackCommand = retentionListCommand('win_back');
