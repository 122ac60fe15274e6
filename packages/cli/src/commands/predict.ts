import { InputError, openWorkspace, predictCustomers, predictionIntervals, readCustomerValues, type AlignedValues, type CountModelName } from '@cvm/core';
import { formatOf, LOG_OPTIONS, parse, stringOf, SUMMARY_OPTIONS, WORKSPACE_OPTION } from '../args.js';
import type { Context } from '../context.js';
import { loadModelInput, MODEL_INPUT_OPTIONS } from '../model-input.js';
import type { Cell } from '../output.js';

const num = (v: string | undefined, flag: string, fallback: number, test: (n: number) => boolean): number => {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (v.trim() === '' || !test(n)) throw new InputError('bad_usage', `${flag} got "${v}" (see --help)`, {});
  return n;
};

export async function predictCommand(argv: string[], ctx: Context): Promise<number> {
  const { values, positionals } = parse(argv, LOG_OPTIONS, SUMMARY_OPTIONS, WORKSPACE_OPTION, MODEL_INPUT_OPTIONS, {
    model: { type: 'string' }, 'spend-model': { type: 'string' }, level: { type: 'string' }, draws: { type: 'string' }, 'no-intervals': { type: 'boolean' }, horizon: { type: 'string' }, 'discount-rate': { type: 'string' }, margin: { type: 'string' }, 'margin-file': { type: 'string' },
  });
  if (values.help) return ctx.help('predict');
  const format = formatOf(values, ctx.stdoutIsTTY, 'csv');
  const model = (stringOf(values.model) ?? 'bg-nbd') as CountModelName;
  if (!['bg-nbd', 'pareto-nbd', 'mbg-nbd'].includes(model)) throw new InputError('bad_usage', `--model for predict must be bg-nbd, pareto-nbd or mbg-nbd; got "${model}"`, {});
  const spendModel = stringOf(values['spend-model']) ?? 'gamma-gamma';
  if (spendModel !== 'gamma-gamma' && spendModel !== 'historic') throw new InputError('bad_usage', `--spend-model must be gamma-gamma or historic; got "${spendModel}"`, {});
  const horizon = num(stringOf(values.horizon), '--horizon must be a positive number of periods;', 52, (n) => n > 0 && Number.isFinite(n));
  const rate = num(stringOf(values['discount-rate']), '--discount-rate must be an annual rate such as 0.1;', 0.1, (n) => n > -1 && n < 10);
  const margin = num(stringOf(values.margin), '--margin must be a fraction of spend such as 0.3;', 1, (n) => Number.isFinite(n) && n >= -1 && n <= 1);
  const level = num(stringOf(values.level), '--level must be a coverage between 0 and 1 such as 0.9;', 0.9, (n) => n > 0 && n < 1);
  const draws = num(stringOf(values.draws), '--draws must be a whole number of parameter draws such as 200;', 200, (n) => Number.isInteger(n) && n >= 20 && n <= 100_000);
  const progress = ctx.progress(format === 'table');
  const input = await loadModelInput(values, positionals, ['tx', 'T', 'mx'], progress);
  const marginFile = stringOf(values['margin-file']);
  let margins: AlignedValues | null = null;
  if (marginFile !== undefined) {
    const engine = await openWorkspace();
    try {
      margins = await readCustomerValues(engine, marginFile, 'margin', input.ids, margin, [-1, 1]);
    } finally {
      await engine.close();
    }
  }
  progress.stage(`fitting ${model} and scoring`);
  const period = input.period === 'day' ? 'day' : 'week';
  const predictOptions = { model, spendModel, horizon, period, annualDiscountRate: rate, margin: margins?.values ?? margin } as const;
  const data = { x: input.x, tx: input.tx, T: input.T, mx: input.mx!, weights: input.weights };
  const p = predictCustomers(data, predictOptions);
  // issue 17: intervals from parameter draws (on by default; --no-intervals skips them)
  const iv = values['no-intervals'] === true ? null : (progress.stage(`intervals (${draws} parameter draws)`), predictionIntervals(p, data, predictOptions, { level, draws }));
  progress.done();
  const ivColumns = iv ? ['p_alive_lo', 'p_alive_hi', 'expected_purchases_lo', 'expected_purchases_hi', 'clv_lo', 'clv_hi'] : [];
  const columns = ['customer_id', 'p_alive', 'expected_purchases', 'expected_spend', 'clv', ...ivColumns, 'frequency', 'recency', 'T', 'monetary_value'];
  const order = Array.from(input.ids.keys());
  if (format === 'table') order.sort((a, b) => p.clv[b]! - p.clv[a]!);
  const rows: Cell[][] = order.map((i) => [input.ids[i]!, p.pAlive[i]!, p.expectedPurchases[i]!, p.expectedSpend[i]!, p.clv[i]!,
    ...(iv ? [iv.pAlive.lo[i]!, iv.pAlive.hi[i]!, iv.expectedPurchases.lo[i]!, iv.expectedPurchases.hi[i]!, iv.clv.lo[i]!, iv.clv.hi[i]!] : []),
    input.x[i]!, input.tx[i]!, input.T[i]!, input.mx![i]!]);
  const u = p.units;
  const marginNote = margins ? `per-customer margin from ${marginFile} (${margins.missing.toLocaleString('en-US')} customers without a row use ${margin}; ${margins.unknown.toLocaleString('en-US')} rows for other customers ignored)` : u.margin;
  const unitNote = `${u.horizon}; ${u.discount}; ${marginNote}; ${u.spend}${input.period === 'as given' ? ' (horizon in the summary file\'s time unit, discounting assumes weeks)' : ''}`;
  let total = 0;
  for (const v of p.clv) total += v;
  ctx.print({
    text: [`${p.fit.model} fitted (LL ${p.fit.logLikelihood.toFixed(2)}${p.fit.converged ? '' : ', NOT converged'}); expected purchases and CLV over the ${u.horizon}`,
      ...(iv ? [`total CLV ${total.toFixed(2)} (${Math.round(100 * level)}% interval ${iv.totalClv.lo.toFixed(2)} to ${iv.totalClv.hi.toFixed(2)}); total expected purchases ${iv.totalPurchases.estimate.toFixed(1)} (${iv.totalPurchases.lo.toFixed(1)} to ${iv.totalPurchases.hi.toFixed(1)})`] : []),
      `total CLV ${total.toFixed(2)} over ${rows.length.toLocaleString('en-US')} customers; top customers by CLV:`],
    tables: [{ columns, rows, notes: [unitNote, ...(iv ? [`*_lo/*_hi: ${iv.method}`] : [])] }],
    json: { model: p.fit.model, params: p.fit.params, spendParams: p.spendFit?.params ?? null, units: margins ? { ...u, margin: marginNote } : u, totalClv: total,
      intervals: iv ? { level, draws, method: iv.method, totalPurchases: iv.totalPurchases, totalClv: iv.totalClv } : null,
      customers: rows.map((r) => Object.fromEntries(columns.map((c, j) => [c, r[j]]))) },
    maxTableRows: 20,
  }, format);
  return 0;
}
