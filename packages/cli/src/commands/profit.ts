import { checkNumber, computeProfitability, InputError, profitBy, loadCostModel, loadSegments, profitabilityReport } from '@cvm/core';
// Import the profitability modules by path until they are exported from @cvm/core's index.
import { ENGINE_OPTION, formatOf, ingestOptionsOf, LOG_OPTIONS, parse, stringOf, WORKSPACE_OPTION, type OptionSpecs } from '../args.js';
import type { Context } from '../context.js';
import { openSource } from '../source.js';
import { PROFIT_VIEWS, profitOutput, type ProfitView } from './profit-output.js';
import { BY_OPTIONS, breakdownOutput, byInputs, dimensionOptionsOf, hasInputFiles } from '../breakdown-cli.js';

const PROFIT_OPTIONS: OptionSpecs = {
  costs: { type: 'string' },
  activities: { type: 'string' },
  segments: { type: 'string' },
  'segment-col': { type: 'string' },
  view: { type: 'string' },
  limit: { type: 'string' },
};

/** `cvm profit LOG|--workspace DIR --costs FILE [--activities FILE] [--segments FILE]`: activity-based customer profitability. */
export async function profitCommand(argv: string[], ctx: Context): Promise<number> {
  const { values, positionals } = parse(argv, LOG_OPTIONS, WORKSPACE_OPTION, ENGINE_OPTION, PROFIT_OPTIONS, BY_OPTIONS);
  if (values.help) return ctx.help('profit');
  const costs = stringOf(values.costs);
  if (costs === undefined)
    throw new InputError('bad_usage', 'cvm profit needs --costs FILE (a cost model; see data/cdnow/cost-model.example.yaml)', {});
  const format = formatOf(values, ctx.stdoutIsTTY, 'csv');
  const view = (stringOf(values.view) ?? 'pnl') as ProfitView;
  if (!PROFIT_VIEWS.includes(view))
    throw new InputError('bad_usage', `--view must be one of ${PROFIT_VIEWS.join(', ')}; got "${view}"`, { view });
  const limit = checkNumber('limit', stringOf(values.limit), '--limit', 100);
  const model = await loadCostModel(costs);
  const progress = ctx.progress(format === 'table');
  const by = stringOf(values.by);
  const dimension = by === undefined ? null : dimensionOptionsOf(values);
  const { engine } = await openSource(values, positionals, ingestOptionsOf(values), progress, { readOnly: !hasInputFiles(values) });
  try {
    const inputs = await byInputs(engine, values, progress);
    progress.stage('costing');
    const activities = stringOf(values.activities);
    const result = await computeProfitability(engine, model, activities === undefined ? {} : { activitiesFile: activities });
    const segmentsFile = stringOf(values.segments);
    const segments = segmentsFile === undefined ? undefined : await loadSegments(engine, segmentsFile, stringOf(values['segment-col']));
    if (by !== undefined) {
      // issue 11: customer profitability by channel or attribute
      const section = await profitBy(engine, result.customers, by, {
        ...dimension,
        currency: result.model.currency,
        period: `${result.period.start} to ${result.period.end}`,
      });
      progress.done();
      ctx.print(breakdownOutput(section, format, [`cvm profit by ${by} under the cost model "${result.model.name}"`, ...inputs]), format);
      return 0;
    }
    const report = profitabilityReport(result, { segments, unprofitableLimit: limit });
    progress.done();
    ctx.print(profitOutput(result, report, view, format), format);
  } finally {
    await engine.close();
  }
  return 0;
}
