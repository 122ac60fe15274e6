import {
  Analysis,
  audienceMembers,
  deleteAudience,
  InputError,
  listAudiences,
  loadCostModel,
  saveAudience,
  tableCsvStream,
  tablePage,
  tableQuerySchema,
  tableRecords,
  type Engine,
} from '@cvm/core';
import {
  ENGINE_OPTION,
  formatOf,
  parse,
  stringOf,
  SUMMARY_OPTIONS,
  summaryOptionsOf,
  WORKSPACE_OPTION,
  type OptionSpecs,
  type Values,
} from '../args.js';
import type { Context } from '../context.js';
import { fromReportTable, type Output } from '../output.js';
import { openEngine } from '../source.js';
import { retentionOptionsOf } from './retention.js';

const AUDIENCE_FLAGS: OptionSpecs = {
  filter: { type: 'string', multiple: true },
  description: { type: 'string' },
  limit: { type: 'string' },
  'validate-at': { type: 'string' },
  costs: { type: 'string' },
  'horizon-days': { type: 'string' },
  'lookback-days': { type: 'string' },
  'risk-thresholds': { type: 'string' },
};

const ACTIONS = ['save', 'list', 'show', 'export', 'delete'] as const;

/** The analysis an audience is evaluated on (the same options as `cvm report` and `cvm at-risk`). */
async function analysisOf(engine: Engine, values: Values): Promise<Analysis> {
  const costs = stringOf(values.costs);
  return new Analysis(engine, {
    summary: summaryOptionsOf(values),
    validateAt: stringOf(values['validate-at']),
    costModel: costs === undefined ? null : await loadCostModel(costs),
    retention: retentionOptionsOf(values),
  });
}

/**
 * `cvm audience save|list|show|export|delete`: named rules over the scored customer table, stored in
 * the workspace and re-evaluated on the current data each time they are shown or exported.
 */
export async function audienceCommand(argv: string[], ctx: Context): Promise<number> {
  const { values, positionals } = parse(argv, WORKSPACE_OPTION, ENGINE_OPTION, SUMMARY_OPTIONS, AUDIENCE_FLAGS);
  if (values.help) return ctx.help('audience');
  const [action, name, ...rest] = positionals;
  if (!(ACTIONS as readonly string[]).includes(action ?? ''))
    throw new InputError('bad_usage', `cvm audience needs one of ${ACTIONS.join(', ')}; got "${action ?? ''}" (see --help)`, {});
  if (rest.length) throw new InputError('bad_usage', `unexpected arguments: ${rest.join(' ')} (quote an audience name with spaces)`, {});
  if (action !== 'list' && name === undefined) throw new InputError('bad_usage', `cvm audience ${action} needs the audience NAME`, {});
  const dir = stringOf(values.workspace);
  if (dir === undefined && stringOf(values.engine) === undefined)
    throw new InputError('bad_usage', 'cvm audience needs --workspace DIR or --engine URL (audiences are stored in the workspace)', {});
  const format = formatOf(values, ctx.stdoutIsTTY, action === 'export' ? 'csv' : 'json');
  const engine = await openEngine(values, true);
  const where = dir === undefined ? `--engine ${stringOf(values.engine)}` : `--workspace ${dir}`;
  try {
    if (action === 'list') {
      const all = await listAudiences(engine);
      ctx.print(
        {
          tables: [
            {
              title: 'Saved audiences',
              columns: ['name', 'filters', 'description', 'updated_at'],
              rows: all.map((a) => [a.name, a.filters.join(' '), a.description, a.updatedAt]),
              notes: all.length
                ? []
                : [
                    `none saved yet: cvm audience save NAME --filter column:op:value ${dir === undefined ? '--engine URL' : '--workspace DIR'}`,
                  ],
            },
          ],
          json: { audiences: all },
        },
        format,
      );
      return 0;
    }
    if (action === 'delete') {
      const gone = await deleteAudience(engine, name!);
      if (!gone) throw new InputError('audience_not_found', `No audience "${name}" to delete (cvm audience list ${where})`, { name });
      ctx.print({ text: [`Deleted audience "${name}"`], tables: [], json: { deleted: name } }, format === 'csv' ? 'json' : format);
      return 0;
    }
    const progress = ctx.progress(format === 'table');
    progress.stage('scoring customers');
    const analysis = await analysisOf(engine, values);
    const table = await analysis.customerTable();
    progress.done();
    if (action === 'save') {
      const filters = Array.isArray(values.filter) ? values.filter : [];
      if (!filters.length)
        throw new InputError(
          'bad_usage',
          'cvm audience save needs at least one --filter column:op:value (e.g. --filter value_tier:eq:Gold --filter churn_risk:eq:high)',
          {},
        );
      const saved = await saveAudience(
        analysis.engine,
        { name: name!, filters, description: stringOf(values.description) },
        { columns: table.columns },
      );
      const { ids } = await audienceMembers(analysis, name!);
      ctx.print(
        {
          text: [
            `${saved.replaced ? 'Replaced' : 'Saved'} audience "${saved.name}": ${filters.join(' and ')}; ${ids.length.toLocaleString('en-US')} customers match today`,
          ],
          tables: [],
          json: { audience: saved, members: ids.length },
        },
        format === 'csv' ? 'json' : format,
      );
      return 0;
    }
    const { audience, filter } = await audienceMembers(analysis, name!);
    if (action === 'export' || format === 'csv') {
      const reader = tableCsvStream(analysis.engine, table, { filter }).getReader();
      const decoder = new TextDecoder();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        ctx.write(decoder.decode(value, { stream: true }));
      }
      return 0;
    }
    const limitText = stringOf(values.limit) ?? '50';
    const limit = Number(limitText);
    if (!(Number.isInteger(limit) && limit >= 1 && limit <= 1000))
      throw new InputError('bad_usage', `--limit must be a whole number from 1 to 1,000; got "${limitText}"`, {});
    const page = await tablePage(analysis.engine, table, tableQuerySchema.parse({ pageSize: limit, filter }));
    const shown = {
      id: 'audience',
      title: `Audience "${audience.name}": ${page.total.toLocaleString('en-US')} customers (${filter.join(' and ')})`,
      columns: [...page.columns],
      rows: page.rows,
      notes: [
        audience.description,
        `saved ${audience.createdAt}, updated ${audience.updatedAt}; evaluated on the data as of ${table.title.replace('Customers as of ', '')}`,
      ].filter(Boolean),
    };
    const out: Output = {
      tables: [fromReportTable(shown)],
      json: { audience, total: page.total, rows: tableRecords(shown) },
      maxTableRows: limit,
    };
    ctx.print(out, format);
  } finally {
    await engine.close();
  }
  return 0;
}
