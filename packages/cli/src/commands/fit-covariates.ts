import { covariateFitSection, customerCovariates, fitBgNbdCovariates, fitParetoNbdCovariates, InputError, summarize } from '@cvm/core';
import { ingestOptionsOf, stringOf, summaryOptionsOf, type Values } from '../args.js';
import type { Context } from '../context.js';
import { ingestInputs, inputIngestLines } from '../inputs-cli.js';
import { formatOf } from '../args.js';
import { sectionOutput } from '../output.js';
import { openSource } from '../source.js';

/**
 * `cvm fit --model pareto-nbd|bg-nbd --covariates COL[,COL] [--customers FILE] LOG… | --workspace DIR`:
 * the model with static covariates (numeric columns of the customers file) on both processes, printed
 * as the core section (effects with 95% intervals, base parameters, LR test against the fit without).
 */
export async function fitCovariatesCommand(model: string, values: Values, positionals: string[], ctx: Context): Promise<number> {
  if (model !== 'pareto-nbd' && model !== 'bg-nbd')
    throw new InputError('bad_usage', `--covariates works with --model pareto-nbd or bg-nbd; got "${model}"`, { model });
  if (values.summary === true)
    throw new InputError('bad_usage', '--covariates needs the transaction log (or --workspace) and a customers file, not --summary', {});
  const names = (stringOf(values.covariates) ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const format = formatOf(values, ctx.stdoutIsTTY);
  const progress = ctx.progress(format === 'table');
  const { engine, ingest } = await openSource(values, positionals, ingestOptionsOf(values), progress);
  try {
    const inputs = await ingestInputs(engine, values, progress);
    progress.stage('summarising');
    const s = await summarize(engine, summaryOptionsOf(values));
    const cov = await customerCovariates(engine, s.customerId, names);
    progress.stage(`fitting ${model} with ${names.join(', ')}`);
    const data = { x: s.frequency, tx: s.recency, T: s.T };
    const spec = { purchase: cov, dropout: cov };
    const fit = model === 'pareto-nbd' ? fitParetoNbdCovariates(data, spec) : fitBgNbdCovariates(data, spec);
    progress.done();
    const out = sectionOutput(covariateFitSection(fit, `${s.period}s`));
    const lines = [
      ...ingest.map(
        (i) =>
          `${i.file}: ${i.rowsAccepted.toLocaleString('en-US')} transactions accepted, ${i.rowsQuarantined.toLocaleString('en-US')} quarantined`,
      ),
      ...inputIngestLines(inputs),
    ];
    ctx.print(
      {
        ...out,
        text: [...lines, ...(out.text ?? [])],
        json: {
          ...fit,
          fit: { ...fit.fit, covariance: Array.from(fit.fit.covariance) },
          nullFit: { ...fit.nullFit, covariance: Array.from(fit.nullFit.covariance) },
          timeUnit: `${s.period}s`,
          section: out.json,
        },
      },
      format,
    );
    return 0;
  } finally {
    await engine.close();
  }
}
