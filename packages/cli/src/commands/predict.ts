import {
  checkNumber,
  clvBy,
  InputError,
  openWorkspace,
  predictCustomers,
  predictionIntervals,
  readCustomerValues,
  type AlignedValues,
  type CountModelName,
} from '@cvm/core';
import { formatOf, ingestOptionsOf, LOG_OPTIONS, parse, stringOf, SUMMARY_OPTIONS, WORKSPACE_OPTION, ENGINE_OPTION } from '../args.js';
import type { Context } from '../context.js';
import { loadModelInput, MODEL_INPUT_OPTIONS } from '../model-input.js';
import { lazyRows } from '../output.js';
import { openSource } from '../source.js';
import { predictIntoCommand } from './predict-into.js';
import { BY_OPTIONS, breakdownOutput, byInputs, dimensionOptionsOf } from '../breakdown-cli.js';

export async function predictCommand(argv: string[], ctx: Context): Promise<number> {
  const { values, positionals } = parse(argv, LOG_OPTIONS, SUMMARY_OPTIONS, WORKSPACE_OPTION, ENGINE_OPTION, MODEL_INPUT_OPTIONS, {
    ...BY_OPTIONS,
    model: { type: 'string' },
    'spend-model': { type: 'string' },
    level: { type: 'string' },
    draws: { type: 'string' },
    'no-intervals': { type: 'boolean' },
    horizon: { type: 'string' },
    'discount-rate': { type: 'string' },
    margin: { type: 'string' },
    'margin-file': { type: 'string' },
    into: { type: 'string' },
  });
  if (values.help) return ctx.help('predict');
  const format = formatOf(values, ctx.stdoutIsTTY, 'csv');
  const model = (stringOf(values.model) ?? 'bg-nbd') as CountModelName;
  if (!['bg-nbd', 'pareto-nbd', 'mbg-nbd'].includes(model))
    throw new InputError('bad_usage', `--model for predict must be bg-nbd, pareto-nbd or mbg-nbd; got "${model}"`, {});
  const spendModel = stringOf(values['spend-model']) ?? 'gamma-gamma';
  if (spendModel !== 'gamma-gamma' && spendModel !== 'historic')
    throw new InputError('bad_usage', `--spend-model must be gamma-gamma or historic; got "${spendModel}"`, {});
  // ranges: core NUMERIC_LIMITS (one code per parameter, e.g. bad_horizon); the horizon's unit is the summary's period
  const daily = stringOf(values.period) === 'day';
  const horizon = checkNumber(daily ? 'horizonDays' : 'horizonWeeks', stringOf(values.horizon), '--horizon', daily ? 365 : 52);
  const rate = checkNumber('discountRate', stringOf(values['discount-rate']), '--discount-rate', 0.1);
  const margin = checkNumber('margin', stringOf(values.margin), '--margin', 1);
  if (values.into !== undefined) return predictIntoCommand(values, positionals, ctx, { model, spendModel, horizon, rate, margin, format });
  const level = checkNumber('intervalLevel', stringOf(values.level), '--level', 0.9);
  const draws = checkNumber('draws', stringOf(values.draws), '--draws', 200);
  const by = stringOf(values.by);
  if (by !== undefined && values.summary === true)
    throw new InputError(
      'bad_usage',
      '--by needs the transaction log (or --workspace), not --summary: the dimension comes from the customers file and the log',
      {},
    );
  const dimension = by === undefined ? null : dimensionOptionsOf(values);
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
  progress.stage(`fitting ${model} and the spend model`);
  const period = input.period === 'day' ? 'day' : 'week';
  const n = input.ids.length.toLocaleString('en-US');
  const predictOptions = {
    model,
    spendModel,
    horizon,
    period,
    annualDiscountRate: rate,
    margin: margins?.values ?? margin,
    onStep: (done: number, total: number) => progress.stage(`scoring ${n} customers: step ${done + 1} of ${total} of the horizon`),
  } as const;
  const data = { x: input.x, tx: input.tx, T: input.T, mx: input.mx!, weights: input.weights, customerId: input.ids };
  const p = predictCustomers(data, predictOptions);
  // issue 17: intervals from parameter draws (on by default; --no-intervals skips them)
  const iv =
    values['no-intervals'] === true || by !== undefined
      ? null
      : (progress.stage(`intervals (${draws} parameter draws)`), predictionIntervals(p, data, predictOptions, { level, draws }));
  if (by !== undefined) {
    // issue 11: P(alive), expected purchases and CLV by channel or attribute
    const { engine } = await openSource(values, positionals, ingestOptionsOf(values), progress);
    try {
      const inputs = await byInputs(engine, values, progress);
      const section = await clvBy(
        engine,
        { customerId: input.ids, pAlive: p.pAlive, expectedPurchases: p.expectedPurchases, clv: p.clv },
        by,
        p.units.horizon,
        { ...dimension!, warnings: p.fit.converged ? [] : [`${p.fit.model} did NOT converge: every CLV below is doubtful`] },
      );
      progress.done();
      ctx.print(
        breakdownOutput(section, format, [
          `${p.fit.model} fitted (LL ${p.fit.logLikelihood.toFixed(2)}${p.fit.converged ? '' : ', NOT converged'}); CLV over the ${p.units.horizon}; ${p.units.discount}; ${p.units.margin}`,
          ...inputs,
        ]),
        format,
      );
    } finally {
      await engine.close();
    }
    return 0;
  }
  progress.done();
  const ivColumns = iv ? ['p_alive_lo', 'p_alive_hi', 'expected_purchases_lo', 'expected_purchases_hi', 'clv_lo', 'clv_hi'] : [];
  const columns = [
    'customer_id',
    'p_alive',
    'expected_purchases',
    'expected_spend',
    'clv',
    ...ivColumns,
    'frequency',
    'recency',
    'T',
    'monetary_value',
  ];
  // rows are made piece by piece as they are written (issue 18: a million customers never held as rows)
  const order = Uint32Array.from(input.ids.keys());
  if (format === 'table') order.sort((a, b) => p.clv[b]! - p.clv[a]! || a - b);
  const rows = lazyRows(order.length, (k) => {
    const i = order[k]!;
    return [
      input.ids[i]!,
      p.pAlive[i]!,
      p.expectedPurchases[i]!,
      p.expectedSpend[i]!,
      p.clv[i]!,
      ...(iv
        ? [iv.pAlive.lo[i]!, iv.pAlive.hi[i]!, iv.expectedPurchases.lo[i]!, iv.expectedPurchases.hi[i]!, iv.clv.lo[i]!, iv.clv.hi[i]!]
        : []),
      input.x[i]!,
      input.tx[i]!,
      input.T[i]!,
      input.mx![i]!,
    ];
  });
  const u = p.units;
  const marginNote = margins
    ? `per-customer margin from ${marginFile} (${margins.missing.toLocaleString('en-US')} customers without a row use ${margin}; ${margins.unknown.toLocaleString('en-US')} rows for other customers ignored)`
    : u.margin;
  const unitNote = `${u.horizon}; ${u.discount}; ${marginNote}; ${u.spend}${input.period === 'as given' ? " (horizon in the summary file's time unit, discounting assumes weeks)" : ''}`;
  let total = 0;
  for (const v of p.clv) total += v;
  const doubts = p.warnings.map((w) => `WARNING (applies to every number below): ${w}`);
  const notes = p.notes.map((x) => `Note: ${x}`);
  // machine formats keep stdout parseable: the doubts go to stderr there (and into the JSON)
  if (format === 'csv' || format === 'ndjson') for (const line of [...doubts, ...notes]) process.stderr.write(`cvm: ${line}\n`);
  ctx.print(
    {
      text: [
        `${p.fit.model} fitted (LL ${p.fit.logLikelihood.toFixed(2)}${p.fit.converged ? '' : ', NOT converged'}); expected purchases and CLV over the ${u.horizon}`,
        ...doubts,
        ...notes,
        ...(iv
          ? [
              `total CLV ${total.toFixed(2)} (${Math.round(100 * level)}% interval ${iv.totalClv.lo.toFixed(2)} to ${iv.totalClv.hi.toFixed(2)}); total expected purchases ${iv.totalPurchases.estimate.toFixed(1)} (${iv.totalPurchases.lo.toFixed(1)} to ${iv.totalPurchases.hi.toFixed(1)})`,
            ]
          : []),
        `total CLV ${total.toFixed(2)} over ${rows.length.toLocaleString('en-US')} customers; top customers by CLV:`,
      ],
      tables: [
        {
          columns,
          rows,
          notes: [
            unitNote,
            ...(iv ? [`*_lo/*_hi: ${iv.method}`] : []),
            ...(p.warnings.length ? ['doubtful fit: see the WARNING lines above'] : []),
          ],
        },
      ],
      // built only when the format is json (a getter), so CSV and NDJSON never hold a million objects
      get json() {
        return {
          model: p.fit.model,
          params: p.fit.params,
          spendParams: p.spendFit?.params ?? null,
          assessment: p.assessment,
          spendAssessment: p.spendAssessment,
          warnings: p.warnings,
          notes: p.notes,
          zeroSpend: p.zeroSpend,
          units: margins ? { ...u, margin: marginNote } : u,
          totalClv: total,
          intervals: iv ? { level, draws, method: iv.method, totalPurchases: iv.totalPurchases, totalClv: iv.totalClv } : null,
          customers: rows.slice().map((r) => Object.fromEntries(columns.map((c, j) => [c, r[j]]))),
        };
      },
      maxTableRows: 20,
    },
    format,
  );
  return 0;
}
