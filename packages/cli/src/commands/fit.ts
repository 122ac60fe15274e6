import { assessCountFit, assessFit, COUNT_MODEL_REGISTRY, estimateSpend, InputError, type FitAssessment, type FitResult } from '@cvm/core';
import { formatOf, LOG_OPTIONS, parse, stringOf, SUMMARY_OPTIONS, WORKSPACE_OPTION, ENGINE_OPTION } from '../args.js';
import type { Context } from '../context.js';
import { loadModelInput, MODEL_INPUT_OPTIONS } from '../model-input.js';
import type { Output } from '../output.js';
import { fitOtherModel, OTHER_MODELS } from './fit-other.js';
import { fitCovariatesCommand } from './fit-covariates.js';
import { INPUT_OPTIONS } from '../inputs-cli.js';

export const FIT_MODELS = ['bg-nbd', 'pareto-nbd', 'mbg-nbd', 'gamma-gamma', ...OTHER_MODELS] as const;

/** A fit as the CLI prints it: the FitResult plus the time unit of its rate parameters, and its verdict in plain words. */
export function fitOutput(
  fit: FitResult<string>,
  unit: string,
  extra: Record<string, unknown> = {},
  assessment: FitAssessment = assessFit(fit),
): Output {
  const names = Object.keys(fit.params);
  return {
    text: [
      `${fit.model}: log-likelihood ${fit.logLikelihood.toFixed(2)}, AIC ${fit.aic.toFixed(2)}, BIC ${fit.bic.toFixed(2)}, n = ${fit.nObs.toLocaleString('en-US')}`,
      `converged: ${fit.converged} (${fit.iterations} iterations, gradient norm ${fit.gradientNorm.toExponential(2)}, ${fit.starts} starts, ${fit.timeMs.toFixed(0)} ms); time unit: ${unit}`,
      assessment.trust === 'ok'
        ? 'verdict: ok (no warning sign)'
        : `verdict: ${assessment.trust.toUpperCase()}: ${assessment.issues
            .map((i) => i.plain)
            .filter((x, k, a) => a.indexOf(x) === k)
            .join('; ')}`,
      ...fit.warnings.map((w) => `warning: ${w}`),
    ],
    tables: [
      {
        columns: ['parameter', 'estimate', 'std_error', 'ci95_low', 'ci95_high'],
        rows: names.map((p) => [p, fit.params[p]!, fit.standardErrors[p]!, fit.confidenceIntervals[p]![0], fit.confidenceIntervals[p]![1]]),
      },
    ],
    json: { ...fit, covariance: Array.from(fit.covariance), timeUnit: unit, assessment, ...extra },
  };
}

export async function fitCommand(argv: string[], ctx: Context): Promise<number> {
  const { values, positionals } = parse(
    argv,
    LOG_OPTIONS,
    SUMMARY_OPTIONS,
    WORKSPACE_OPTION,
    ENGINE_OPTION,
    MODEL_INPUT_OPTIONS,
    {
      model: { type: 'string' },
      'active-col': { type: 'string' },
      'period-col': { type: 'string' },
      'fit-periods': { type: 'string' },
      covariates: { type: 'string' },
    },
    INPUT_OPTIONS,
  );
  if (values.help) return ctx.help('fit');
  const format = formatOf(values, ctx.stdoutIsTTY);
  const model = stringOf(values.model);
  if (!model || !(FIT_MODELS as readonly string[]).includes(model))
    throw new InputError(
      'bad_usage',
      `--model must be one of ${FIT_MODELS.join(', ')}; got ${model === undefined ? 'nothing' : `"${model}"`}`,
      {},
    );
  if (values.covariates !== undefined) return fitCovariatesCommand(model, values, positionals, ctx);
  const progress = ctx.progress(format === 'table');
  if ((OTHER_MODELS as readonly string[]).includes(model)) {
    const out = await fitOtherModel(model as (typeof OTHER_MODELS)[number], values, positionals);
    progress.done();
    ctx.print(out, format);
    return 0;
  }
  const input = await loadModelInput(values, positionals, model === 'gamma-gamma' ? ['mx'] : ['tx', 'T'], progress, { patterns: true });
  progress.stage(`fitting ${model}`);
  const unit = input.period === 'as given' ? 'as in the summary file' : `${input.period}s`;
  let fit: FitResult<string>;
  let assessment: FitAssessment;
  if (model === 'gamma-gamma') {
    // customers whose repeat purchases average 0 are left out of the fit, by name (see estimateSpend);
    // on ClickHouse the fit was made on the shards (fitGammaGammaInDatabase), the same way
    fit = input.spendFit?.fit ?? estimateSpend({ x: input.x, mx: input.mx!, weights: input.weights }, input.ids, 'gamma-gamma').fit!;
    assessment = assessFit(fit);
  } else {
    const data = { x: input.x, tx: input.tx, T: input.T, weights: input.weights };
    fit = COUNT_MODEL_REGISTRY[model as 'bg-nbd'].fit(data);
    assessment = assessCountFit(COUNT_MODEL_REGISTRY[model as 'bg-nbd'], fit, data);
  }
  progress.done();
  ctx.print(fitOutput(fit, model === 'gamma-gamma' ? 'currency per transaction' : unit, { source: input.source }, assessment), format);
  return 0;
}
