import { Analysis, checkNumber, feedbackSection, InputError, runFeedbackStage } from '@cvm/core';
import { LOG_OPTIONS, stringOf, SUMMARY_OPTIONS, WORKSPACE_OPTION, ENGINE_OPTION, type OptionSpecs } from '../args.js';
import { ANALYSIS_OPTIONS, analysisOptionsOf, commandArgs, withSource } from '../command-preamble.js';
import type { Context } from '../context.js';
import { INPUT_OPTIONS, ingestInputs, inputIngestLines } from '../inputs-cli.js';
import { sectionOutput } from '../output.js';

const FEEDBACK_OPTIONS: OptionSpecs = {
  surveys: { type: 'string' },
  windows: { type: 'string' },
  level: { type: 'string' },
};

/** `--windows 90,180` as whole numbers of days. */
function windowsOf(v: string | undefined): number[] | undefined {
  if (v === undefined) return undefined;
  return v.split(',').map((s) => checkNumber('windowDays', s, '--windows (whole days, comma-separated, e.g. 90,180)'));
}

/**
 * `cvm feedback LOG|--workspace DIR --surveys FILE [--customers FILE]`: NPS and CSAT by tier,
 * segment, channel, cohort and month with intervals, response rate and non-response bias, the value
 * of detractors and the satisfaction-profit chain. The core's feedback section, printed.
 */
export async function feedbackCommand(argv: string[], ctx: Context): Promise<number> {
  const cmd = commandArgs(argv, ctx, {
    name: 'feedback',
    specs: [LOG_OPTIONS, SUMMARY_OPTIONS, WORKSPACE_OPTION, ENGINE_OPTION, INPUT_OPTIONS, FEEDBACK_OPTIONS, ANALYSIS_OPTIONS],
  });
  if (typeof cmd === 'number') return cmd;
  const { values, format } = cmd;
  const windows = windowsOf(stringOf(values.windows));
  const levelText = stringOf(values.level);
  const level = levelText === undefined ? undefined : Number(levelText);
  if (level !== undefined && !(level > 0.5 && level < 1))
    throw new InputError('bad_usage', `--level must be a confidence level between 0.5 and 1, e.g. 0.9; got "${levelText}"`, {});
  const surveys = stringOf(values.surveys);
  return withSource(cmd, ctx, async ({ engine, ingest, progress }) => {
    const inputs = await ingestInputs(engine, values, progress, surveys ? [['surveys', surveys]] : []);
    const a = new Analysis(engine, analysisOptionsOf(values));
    progress.stage('summarising');
    const { summary } = await a.overview();
    progress.stage('fitting the models');
    const models = await a.models();
    progress.stage('segments');
    const segmentation = await a.segmentation();
    progress.stage('feedback');
    const stage = await runFeedbackStage(a.engine, { summary, segmentation, models, options: { windows, level } });
    progress.done();
    if (stage.status !== 'ok') throw new InputError(stage.code, stage.reason, {});
    const out = sectionOutput(feedbackSection(stage.report));
    const head = [
      ...ingest.map(
        (i) =>
          `${i.file}: ${i.rowsAccepted.toLocaleString('en-US')} transactions accepted, ${i.rowsQuarantined.toLocaleString('en-US')} quarantined`,
      ),
      ...inputIngestLines(inputs),
      ...(models.status === 'ok' ? [] : [`Models not fitted (${models.reason}): no CLV of detractors, non-response on history only`]),
    ];
    ctx.print({ ...out, text: [...head, ...out.text!], json: { ...stage.report, inputs }, maxTableRows: 60 }, format);
    return 0;
  });
}
