import { checkNumber, InputError, validateOnHoldout, validationSection, logRange, type ValidationReport } from '@cvm/core';
import {
  formatOf,
  ingestOptionsOf,
  LOG_OPTIONS,
  parse,
  stringOf,
  SUMMARY_OPTIONS,
  summaryOptionsOf,
  WORKSPACE_OPTION,
  ENGINE_OPTION,
} from '../args.js';
import type { Context } from '../context.js';
import { sectionOutput, type Output } from '../output.js';
import { openSource } from '../source.js';

/** The validation report: the core's section for people, the report for machines (CSV = the comparison table). */
export function validationOutput(r: ValidationReport): Output {
  const o = sectionOutput(validationSection(r));
  return { ...o, text: o.text!.slice(2), json: r };
}

export async function validateCommand(argv: string[], ctx: Context): Promise<number> {
  const { values, positionals } = parse(argv, LOG_OPTIONS, SUMMARY_OPTIONS, WORKSPACE_OPTION, ENGINE_OPTION, {
    models: { type: 'string' },
    level: { type: 'string' },
  });
  if (values.help) return ctx.help('validate');
  const format = formatOf(values, ctx.stdoutIsTTY);
  const summaryOptions = summaryOptionsOf(values);
  const level = checkNumber('intervalLevel', stringOf(values.level), '--level', 0.9);
  if (summaryOptions.calibrationEnd === undefined)
    throw new InputError(
      'bad_usage',
      'cvm validate needs --calibration-end DATE (the holdout runs from the next day to --holdout-end, default the last day of the log)',
      {},
    );
  const models: ValidatedModel[] = [];
  for (const m of (stringOf(values.models) ?? VALIDATED.join(',')).split(',').map((x) => x.trim())) {
    if (!isValidated(m)) throw new InputError('bad_usage', `--models takes ${VALIDATED.join(', ')}; got "${m}"`, {});
    models.push(m);
  }
  const progress = ctx.progress(format === 'table');
  const { engine } = await openSource(values, positionals, ingestOptionsOf(values), progress, { readOnly: true });
  try {
    progress.stage('fitting and predicting the holdout');
    const holdoutEnd = summaryOptions.holdoutEnd ?? (await logRange(engine)).lastDate!;
    const r = await validateOnHoldout(engine, {
      period: summaryOptions.period,
      calibrationEnd: summaryOptions.calibrationEnd,
      holdoutEnd,
      models,
      level,
    });
    progress.done();
    const out = validationOutput(r);
    ctx.print(out, format);
  } finally {
    await engine.close();
  }
  return 0;
}

const VALIDATED = ['bg-nbd', 'pareto-nbd', 'mbg-nbd', 'mbg-cnbd-k'] as const;
type ValidatedModel = (typeof VALIDATED)[number];
const isValidated = (m: string): m is ValidatedModel => (VALIDATED as readonly string[]).includes(m);
