import { InputError, validateOnHoldout, logRange, type ValidationReport } from '@cvm/core';
import { formatOf, ingestOptionsOf, LOG_OPTIONS, parse, stringOf, SUMMARY_OPTIONS, summaryOptionsOf, WORKSPACE_OPTION } from '../args.js';
import type { Context } from '../context.js';
import type { Output } from '../output.js';
import { openSource } from '../source.js';

/** A number of periods for people: whole numbers as they are, fractions to 2 decimals (78.14 weeks). */
export const periodsText = (n: number): string => (Number.isInteger(n) ? String(n) : n.toFixed(2));

const pct = (v: number): string => `${(100 * v).toFixed(1)}%`;

/** The validation report for people (tables) and machines (JSON; CSV = the comparison table). */
export function validationOutput(r: ValidationReport): Output {
  const unit = `${r.period}s`;
  const tables: Output['tables'] = [{
    title: `Model comparison (calibration to ${r.calibrationEnd}, holdout to ${r.holdoutEnd}: ${periodsText(r.holdoutPeriods)} ${unit}; ${r.customers.toLocaleString('en-US')} customers)`,
    columns: ['model', 'log_likelihood', 'aic', 'bic', 'holdout_mae', 'holdout_rmse', 'aggregate_error', 'tracking_mape', 'converged', 'verdict', 'fit_trust'],
    rows: r.comparison.rows.map((m) => [m.model, m.logLikelihood, m.aic, m.bic, m.mae, m.rmse, m.aggregateError, m.trackingMape, m.converged, m.verdict, m.trust]),
    notes: ['holdout_mae/rmse: per-customer error of holdout repeat purchases; aggregate_error: (predicted - actual) / actual; tracking_mape: mean abs. % error of the cumulative curve over the holdout; fit_trust: ok, caution (weakly identified) or unreliable (at a bound, no dropout seen, flat, not converged: never recommended)'],
  }];
  for (const m of r.models) {
    tables.push({
      title: `${m.label}: mean holdout repeat purchases by calibration frequency (next ${periodsText(r.holdoutPeriods)} ${unit})`,
      columns: ['frequency', 'customers', 'actual', 'predicted'],
      rows: m.byFrequency.map((b) => [b.frequency, b.customers, b.actual, b.predicted]),
    });
  }
  const best = r.models.find((m) => m.model === r.comparison.recommended) ?? r.models[0];
  if (best) {
    const every = Math.max(1, Math.round(best.tracking.period.length / 13));
    tables.push({
      title: `${best.label}: cumulative repeat purchases, actual vs predicted (by ${r.period})`,
      columns: [r.period, 'actual', 'predicted'],
      rows: best.tracking.period.map((p, k) => [p, best.tracking.actualCumulative[k]!, best.tracking.predictedCumulative[k]!]).filter((_, k, all) => k % every === every - 1 || k === all.length - 1 || k === best.tracking.calibrationPeriods - 1),
    });
  }
  return {
    text: [
      `Recommendation: ${r.comparison.recommended ?? 'none'} — ${r.comparison.reason}`,
      ...r.models.map((m) => `${m.verdict === 'poor' ? 'WARNING: ' : ''}${m.verdictReason}`),
      ...r.models.filter((m) => m.assessment.trust !== 'ok').map((m) => `${m.assessment.trust === 'unreliable' ? 'WARNING: ' : 'Caution: '}${m.assessment.summary}`),
      ...r.failures.map((f) => `${f.model} failed: ${f.message}`),
    ],
    tables,
    json: r,
  };
}

export async function validateCommand(argv: string[], ctx: Context): Promise<number> {
  const { values, positionals } = parse(argv, LOG_OPTIONS, SUMMARY_OPTIONS, WORKSPACE_OPTION, { models: { type: 'string' } });
  if (values.help) return ctx.help('validate');
  const format = formatOf(values, ctx.stdoutIsTTY);
  const summaryOptions = summaryOptionsOf(values);
  if (summaryOptions.calibrationEnd === undefined) throw new InputError('bad_usage', 'cvm validate needs --calibration-end DATE (the holdout runs from the next day to --holdout-end, default the last day of the log)', {});
  const models = (stringOf(values.models) ?? 'bg-nbd,pareto-nbd,mbg-nbd').split(',').map((m) => m.trim());
  for (const m of models) if (!['bg-nbd', 'pareto-nbd', 'mbg-nbd'].includes(m)) throw new InputError('bad_usage', `--models takes bg-nbd, pareto-nbd, mbg-nbd; got "${m}"`, {});
  const progress = ctx.progress(format === 'table');
  const { engine } = await openSource(values, positionals, ingestOptionsOf(values), progress);
  try {
    progress.stage('fitting and predicting the holdout');
    const holdoutEnd = summaryOptions.holdoutEnd ?? (await logRange(engine)).lastDate!;
    const r = await validateOnHoldout(engine, { period: summaryOptions.period, calibrationEnd: summaryOptions.calibrationEnd, holdoutEnd, models: models as never });
    progress.done();
    const out = validationOutput(r);
    ctx.print(out, format);
  } finally {
    await engine.close();
  }
  return 0;
}
