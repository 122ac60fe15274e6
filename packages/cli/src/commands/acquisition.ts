import {
  acquisitionChannelsTable,
  acquisitionCohortsTable,
  acquisitionReport,
  InputError,
  loadCostModel,
  requireAcquisitionInputs,
  runModelsWithScores,
  summarize,
  ATTRIBUTION_RULES,
  type AttributionRule,
} from '@cvm/core';
import { formatOf, ingestOptionsOf, LOG_OPTIONS, parse, stringOf, WORKSPACE_OPTION, ENGINE_OPTION, type OptionSpecs } from '../args.js';
import type { Context } from '../context.js';
import { INPUT_OPTIONS, ingestInputs, inputIngestLines } from '../inputs-cli.js';
import { cliTable } from '../report-table-output.js';
import { openSource } from '../source.js';

const ACQUISITION_OPTIONS: OptionSpecs = {
  costs: { type: 'string' },
  activities: { type: 'string' },
  margin: { type: 'string' },
  cohort: { type: 'string' },
  by: { type: 'string' },
  attribution: { type: 'string' },
  'horizon-months': { type: 'string' },
  'payback-horizon': { type: 'string' },
  bootstrap: { type: 'string' },
  seed: { type: 'string' },
  view: { type: 'string' },
  period: { type: 'string' },
  'validate-at': { type: 'string' },
};

const int = (v: string | undefined, flag: string): number | undefined => {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InputError('bad_usage', `${flag} must be a whole number ≥ 1; got "${v}"`, {});
  return n;
};

/** `cvm acquisition LOG|--workspace DIR --customers FILE --spend FILE [--costs FILE]`: CAC, LTV:CAC and payback by channel and cohort. */
export async function acquisitionCommand(argv: string[], ctx: Context): Promise<number> {
  const { values, positionals } = parse(argv, LOG_OPTIONS, WORKSPACE_OPTION, ENGINE_OPTION, INPUT_OPTIONS, ACQUISITION_OPTIONS);
  if (values.help) return ctx.help('acquisition');
  const format = formatOf(values, ctx.stdoutIsTTY);
  const cohort = stringOf(values.cohort) ?? 'month';
  if (cohort !== 'month' && cohort !== 'quarter')
    throw new InputError('bad_usage', `--cohort must be month or quarter; got "${cohort}"`, {});
  const attribution = (stringOf(values.attribution) ?? 'file-then-first-order') as AttributionRule;
  if (!ATTRIBUTION_RULES.includes(attribution))
    throw new InputError('bad_usage', `--attribution must be one of ${ATTRIBUTION_RULES.join(', ')}; got "${attribution}"`, {});
  const view = stringOf(values.view) ?? 'channels';
  if (view !== 'channels' && view !== 'cohorts') throw new InputError('bad_usage', `--view must be channels or cohorts; got "${view}"`, {});
  const marginText = stringOf(values.margin);
  const margin = marginText === undefined ? undefined : Number(marginText);
  if (margin !== undefined && !(margin > 0 && margin <= 1))
    throw new InputError('bad_usage', `--margin must be a fraction in (0, 1], e.g. 0.3; got "${marginText}"`, {});
  const period = stringOf(values.period) ?? 'week';
  if (period !== 'week' && period !== 'day') throw new InputError('bad_usage', `--period must be day or week; got "${period}"`, {});
  const costs = stringOf(values.costs);
  const costModel = costs === undefined ? null : await loadCostModel(costs);
  const by = stringOf(values.by) ?? 'channel';
  const progress = ctx.progress(format === 'table');
  const { engine, ingest } = await openSource(values, positionals, ingestOptionsOf(values), progress);
  try {
    const inputs = await ingestInputs(engine, values, progress);
    await requireAcquisitionInputs(engine, { by, attribution });
    progress.stage('summarising');
    const summary = await summarize(engine, { period });
    progress.stage('fitting the models');
    const models = await runModelsWithScores(engine, summary, { period, validateAt: stringOf(values['validate-at']) });
    progress.stage('acquisition economics');
    const r = await acquisitionReport(engine, {
      summary,
      models,
      costModel,
      activitiesFile: stringOf(values.activities),
      margin,
      cohort,
      by,
      attribution,
      horizonMonths: int(stringOf(values['horizon-months']), '--horizon-months'),
      paybackHorizonMonths: int(stringOf(values['payback-horizon']), '--payback-horizon'),
      bootstrap: int(stringOf(values.bootstrap), '--bootstrap'),
      seed: int(stringOf(values.seed), '--seed'),
    });
    progress.done();
    const channels = cliTable(acquisitionChannelsTable([...r.levels, r.overall], { notes: r.notes }), format);
    const cohorts = cliTable(acquisitionCohortsTable(r.cohorts), format);
    const text = [
      `cvm acquisition as of ${r.asOf} (computed ${r.computedAt})`,
      ...ingest.map(
        (i) =>
          `${i.file}: ${i.rowsAccepted.toLocaleString('en-US')} transactions accepted, ${i.rowsQuarantined.toLocaleString('en-US')} quarantined`,
      ),
      ...inputIngestLines(inputs),
      '',
      ...(r.flags.length
        ? ['Findings:', ...r.flags.map((f) => `  - ${f}`)]
        : ['Findings: none (every channel with spend has LTV:CAC ≥ 1 and pays back within the horizon)']),
      ...r.warnings.map((w) => `Warning: ${w}`),
    ];
    const tables = format === 'table' ? (view === 'cohorts' ? [cohorts] : [channels]) : [view === 'cohorts' ? cohorts : channels];
    ctx.print({ text, tables, json: { ...r, inputs }, maxTableRows: 400 }, format);
  } finally {
    await engine.close();
  }
  return 0;
}
