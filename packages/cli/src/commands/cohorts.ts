import {
  COHORT_METRICS,
  cohortLongTable,
  cohortMatrixTable,
  cohortReport,
  type CohortMetric,
  type CohortReport,
  type CohortTable,
  InputError,
} from '@cvm/core';
import { ENGINE_OPTION, formatOf, ingestOptionsOf, LOG_OPTIONS, parse, stringOf, WORKSPACE_OPTION, type OptionSpecs } from '../args.js';
import type { Context } from '../context.js';
import { fromReportTable, type Table } from '../output.js';
import { openSource } from '../source.js';
import { BY_OPTIONS, byInputs, dimensionOptionsOf, hasInputFiles } from '../breakdown-cli.js';

const COHORT_OPTIONS: OptionSpecs = {
  period: { type: 'string' },
  'as-of': { type: 'string' },
  mode: { type: 'string' },
  metric: { type: 'string' },
};

type Metric = CohortMetric;

/** The triangle for people: cohorts down, periods since acquisition across, and the weighted average row (the core's table). */
export function cohortMatrix(t: CohortTable, metric: Metric, title: string): Table {
  return fromReportTable(cohortMatrixTable(t, metric, title));
}

export async function cohortsCommand(argv: string[], ctx: Context): Promise<number> {
  const { values, positionals } = parse(argv, LOG_OPTIONS, WORKSPACE_OPTION, ENGINE_OPTION, COHORT_OPTIONS, BY_OPTIONS);
  if (values.help) return ctx.help('cohorts');
  // --by week|month|quarter stays the period (as before); any other --by is a dimension (issue 11)
  const byFlag = stringOf(values.by);
  const periodFlag = stringOf(values.period);
  const isPeriod = (v: string | undefined): boolean => v !== undefined && ['week', 'month', 'quarter'].includes(v);
  const dimension = byFlag !== undefined && !isPeriod(byFlag) ? byFlag : undefined;
  if (periodFlag !== undefined && isPeriod(byFlag))
    throw new InputError('bad_usage', `give the period once: --period ${periodFlag} or --by ${byFlag}`, {});
  const by = periodFlag ?? (isPeriod(byFlag) ? byFlag! : 'month');
  if (!isPeriod(by)) throw new InputError('bad_usage', `--period must be week, month or quarter; got "${by}"`, { by });
  const dimensionOptions = dimension === undefined ? undefined : dimensionOptionsOf(values);
  const modeFlag = stringOf(values.mode) ?? 'returned';
  if (!['returned', 'in-or-after'].includes(modeFlag))
    throw new InputError('bad_usage', `--mode must be returned or in-or-after; got "${modeFlag}"`, {});
  const metric = (stringOf(values.metric) ?? 'retention') as Metric;
  if (!(metric in COHORT_METRICS))
    throw new InputError('bad_usage', `--metric must be retention, revenue or cumulative; got "${metric}"`, {});
  const format = formatOf(values, ctx.stdoutIsTTY, 'csv');
  const progress = ctx.progress(format === 'table');
  const { engine } = await openSource(values, positionals, ingestOptionsOf(values), progress, { readOnly: !hasInputFiles(values) });
  try {
    const inputs = await byInputs(engine, values, progress);
    progress.stage('cohorts');
    const r = await cohortReport(engine, {
      by: by as 'month',
      asOf: stringOf(values['as-of']),
      mode: modeFlag === 'returned' ? 'returned' : 'in_or_after',
      dimension,
      dimensionOptions,
    });
    progress.done();
    const modeWords = r.mode === 'returned' ? 'bought in the period' : 'bought in the period or later';
    const tables =
      format === 'table'
        ? [
            cohortMatrix(r.overall, metric, `Acquisition cohorts by ${by}`),
            ...(r.byChannel ?? []).map((c) => cohortMatrix(c.table, metric, `Acquired via ${c.channel}`)),
            ...(r.byDimension?.levels ?? []).map((l) => cohortMatrix(l.table, metric, `${r.byDimension!.name} = ${l.level}`)),
          ]
        : [fromReportTable(cohortLongTable(r))];
    ctx.print(
      {
        text: [
          `cvm cohorts by ${by}, as of ${r.asOf} (computed ${r.computedAt}); +k = ${by}s since acquisition; active = ${modeWords}; the last period may be partial`,
          `${r.overall.totals.customers.toLocaleString('en-US')} customers, net revenue ${r.overall.totals.revenue.toLocaleString('en-US', { maximumFractionDigits: 2 })}`,
          ...(r.byDimension ? [`by ${r.byDimension.name}: ${r.byDimension.rule}`] : []),
          ...inputs,
        ],
        tables,
        json: r,
        maxTableRows: 60,
      },
      format,
    );
  } finally {
    await engine.close();
  }
  return 0;
}
