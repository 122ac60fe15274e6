import { checkNumber, fitBgBb, fitSbg, InputError, openWorkspace, readSummaryFile, readSurvivorsFile } from '@cvm/core';
import { stringOf, type Values } from '../args.js';
import type { Output } from '../output.js';
import { fitOutput } from './fit.js';

/** Models fitted from their own input tables rather than a transaction log. */
export const OTHER_MODELS = ['bg-bb', 'sbg'] as const;

/**
 * BG/BB reads a recency/frequency table (`frequency, recency, periods, weights`, or BTYD's
 * `x, t.x, n.cal, custs`); sBG reads a table with a period column (`--period-col`, default the first
 * column) and an active-customers column (`--active-col`), fitted on periods 0..`--fit-periods`.
 */
export async function fitOtherModel(model: (typeof OTHER_MODELS)[number], values: Values, positionals: string[]): Promise<Output> {
  if (positionals.length !== 1) throw new InputError('bad_usage', `--model ${model} needs exactly one input FILE`, {});
  const file = positionals[0]!;
  const engine = await openWorkspace();
  try {
    if (model === 'bg-bb') {
      const s = await readSummaryFile(engine, file, ['x', 'tx', 'n'], stringOf(values['weight-col']));
      const fit = fitBgBb({ x: s.columns.x!, tx: s.columns.tx!, n: s.columns.n!, weights: s.columns.weights });
      return fitOutput(fit, 'transaction opportunities', { source: file, mapping: s.mapping });
    }
    const activeCol = stringOf(values['active-col']);
    if (activeCol === undefined)
      throw new InputError('bad_usage', '--model sbg needs --active-col NAME (customers still active at the start of each period)', {});
    const fitPeriodsRaw = stringOf(values['fit-periods']);
    const fitPeriods = fitPeriodsRaw === undefined ? Infinity : checkNumber('fitPeriods', fitPeriodsRaw, '--fit-periods');
    const s = await readSurvivorsFile(engine, file, { activeCol, periodCol: stringOf(values['period-col']), fitPeriods });
    const fit = fitSbg(s.active);
    return fitOutput(fit, 'contract periods', { source: file, periodsFitted: s.active.length - 1 });
  } finally {
    await engine.close();
  }
}
