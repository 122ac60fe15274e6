import { checkNumber, fitBgBb, fitSbg, InputError, openWorkspace, readSummaryFile, sqlIdent, sqlString } from '@cvm/core';
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
    const reader = `read_csv(${sqlString(file)}, header = true)`;
    const columns = (await engine.rows<{ column_name: string }>(`DESCRIBE SELECT * FROM ${reader}`)).map((r) => r.column_name);
    const periodCol = stringOf(values['period-col']) ?? columns[0]!;
    for (const c of [activeCol, periodCol]) {
      if (!columns.includes(c))
        throw new InputError('unknown_column', `"${c}" is not a column of ${file}; columns present: ${columns.join(', ')}`, { columns });
    }
    const fitPeriodsRaw = stringOf(values['fit-periods']);
    const fitPeriods = fitPeriodsRaw === undefined ? Infinity : checkNumber('fitPeriods', fitPeriodsRaw, '--fit-periods');
    const b = await engine.columns(
      `SELECT CAST(${sqlIdent(activeCol)} AS DOUBLE) AS active FROM ${reader} WHERE CAST(${sqlIdent(periodCol)} AS DOUBLE) <= $1 ORDER BY CAST(${sqlIdent(periodCol)} AS DOUBLE)`,
      { active: 'f64' },
      [Number.isFinite(fitPeriods) ? fitPeriods : 1e15],
    );
    const fit = fitSbg(b.f64.active!);
    return fitOutput(fit, 'contract periods', { source: file, periodsFitted: b.length - 1 });
  } finally {
    await engine.close();
  }
}
