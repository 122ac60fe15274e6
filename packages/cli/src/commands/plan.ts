import {
  Analysis,
  buildPlan,
  planFiguresTable,
  InputError,
  loadCostModel,
  planSections,
  savePlan,
  type InputKind,
  type PlanOptions,
} from '@cvm/core';
import { LOG_OPTIONS, stringOf, SUMMARY_OPTIONS, WORKSPACE_OPTION, ENGINE_OPTION, type OptionSpecs, type Values } from '../args.js';
import { ANALYSIS_OPTIONS, analysisOptionsOf, commandArgs, withSource } from '../command-preamble.js';
import type { Context } from '../context.js';
import { INPUT_OPTIONS, ingestInputs, inputIngestLines } from '../inputs-cli.js';
import { fromReportTable, sectionOutput, type Output } from '../output.js';

const PLAN_OPTIONS: OptionSpecs = {
  costs: { type: 'string' },
  prospects: { type: 'string' },
  surveys: { type: 'string' },
  'contact-cost': { type: 'string' },
  'retain-risk': { type: 'string' },
  save: { type: 'boolean' },
};

/** A number flag within [lo, hi], or undefined when not given. @throws InputError bad_usage */
function numberFlag(values: Values, name: string, lo: number, hi: number, what: string): number | undefined {
  const text = stringOf(values[name]);
  if (text === undefined) return undefined;
  const v = Number(text);
  if (!(Number.isFinite(v) && v >= lo && v <= hi))
    throw new InputError('bad_usage', `--${name} takes ${what}; got "${text}"`, { [name]: text });
  return v;
}

/**
 * `cvm plan LOG|--workspace DIR [--costs F] [--customers F --spend F] [--prospects F] [--surveys F]
 * [--contact-cost X] [--save]`: the customer value plan, the five steps on the current data; each
 * number names the dashboard page it comes from; missing parts say which flag or file adds them.
 */
export async function planCommand(argv: string[], ctx: Context): Promise<number> {
  const cmd = commandArgs(argv, ctx, {
    name: 'plan',
    specs: [LOG_OPTIONS, SUMMARY_OPTIONS, WORKSPACE_OPTION, ENGINE_OPTION, INPUT_OPTIONS, PLAN_OPTIONS, ANALYSIS_OPTIONS],
  });
  if (typeof cmd === 'number') return cmd;
  const { values, positionals, format } = cmd;
  const options: PlanOptions = {
    contactCost: numberFlag(values, 'contact-cost', 0, 1e9, 'the cost of one contact, a number ≥ 0 (e.g. 0.5)'),
    retainRiskShare: numberFlag(values, 'retain-risk', 0, 1, 'a share from 0 to 1 (e.g. 0.4)'),
  };
  if (values.save && positionals.length > 0 && stringOf(values.workspace) === undefined)
    throw new InputError(
      'bad_usage',
      '--save stores the plan in a workspace: add --workspace DIR (a plan of a file read in memory would be lost)',
      {},
    );
  const costs = stringOf(values.costs);
  const costModel = costs === undefined ? null : await loadCostModel(costs);
  return withSource(cmd, ctx, async ({ engine, ingest, progress }) => {
    const extra: [InputKind, string][] = [];
    for (const kind of ['prospects', 'surveys'] as const) {
      const f = stringOf(values[kind]);
      if (f !== undefined) extra.push([kind, f]);
    }
    const inputs = await ingestInputs(engine, values, progress, extra);
    const a = new Analysis(engine, analysisOptionsOf(values, costModel));
    progress.stage('building the plan (models, segments, retention, expansion, acquisition, feedback, campaigns)');
    const plan = await buildPlan(a, options);
    const saved = values.save ? await savePlan(a.engine, plan) : null;
    progress.done();
    const [first, ...rest] = planSections(plan).map(sectionOutput);
    const head = [
      ...ingest.map(
        (i) =>
          `${i.file}: ${i.rowsAccepted.toLocaleString('en-US')} transactions accepted, ${i.rowsQuarantined.toLocaleString('en-US')} quarantined`,
      ),
      ...inputIngestLines(inputs),
      ...(saved ? [`Plan saved in the workspace as of ${saved.asOf} (${saved.savedAt}); the next plan compares with it.`] : []),
    ];
    const out: Output =
      format === 'table'
        ? { ...first!, text: [...head, ...first!.text!], sections: rest, maxTableRows: 60 }
        : { tables: [fromReportTable(planFiguresTable(plan))], json: { ...plan, saved, inputs } };
    ctx.print(out, format);
    return 0;
  });
}
