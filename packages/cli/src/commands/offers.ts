import { InputError, loadCostModel, offersBacktestSection, offersReport, offersSection } from '@cvm/core';
import { formatOf, ingestOptionsOf, LOG_OPTIONS, parse, stringOf, WORKSPACE_OPTION, ENGINE_OPTION, type OptionSpecs } from '../args.js';
import type { Context } from '../context.js';
import type { Output } from '../output.js';
import { sectionCliOutput, tableJson } from '../report-table-output.js';
import { openSource } from '../source.js';
import { numberFlag, RULE_FLAGS, ruleFlagsOf } from './expansion-flags.js';

const OFFERS_OPTIONS: OptionSpecs = {
  k: { type: 'string' },
  'as-of': { type: 'string' },
  'recent-days': { type: 'string' },
  'discontinued-days': { type: 'string' },
  'no-fallback': { type: 'boolean' },
  customer: { type: 'string', multiple: true },
  limit: { type: 'string' },
  backtest: { type: 'boolean' },
  'calibration-end': { type: 'string' },
  'holdout-end': { type: 'string' },
};

/** `cvm offers LOG|--workspace DIR [--backtest --calibration-end D]`: next best offers per customer. */
export async function offersCommand(argv: string[], ctx: Context): Promise<number> {
  const { values, positionals } = parse(argv, LOG_OPTIONS, WORKSPACE_OPTION, ENGINE_OPTION, RULE_FLAGS, OFFERS_OPTIONS);
  if (values.help) return ctx.help('offers');
  const format = formatOf(values, ctx.stdoutIsTTY, 'csv');
  const calibrationEnd = stringOf(values['calibration-end']);
  if (values.backtest === true && calibrationEnd === undefined)
    throw new InputError(
      'bad_usage',
      '--backtest needs --calibration-end D (offers from the data up to D, scored on the purchases after it)',
      {},
    );
  if (values.backtest !== true && calibrationEnd !== undefined)
    throw new InputError('bad_usage', '--calibration-end goes with --backtest', {});
  const costsFile = stringOf(values.costs);
  const costModel = costsFile === undefined ? null : await loadCostModel(costsFile);
  const limit = numberFlag(values, 'limit', 0, 1e9, true);
  const options = {
    ...ruleFlagsOf(values),
    costModel,
    k: numberFlag(values, 'k', 1, 100, true),
    asOf: stringOf(values['as-of']),
    recentDays: numberFlag(values, 'recent-days', 0, 1e6, true),
    discontinuedDays: numberFlag(values, 'discontinued-days', 0, 1e6, true),
    fallback: values['no-fallback'] !== true,
    customers: Array.isArray(values.customer) && values.customer.length > 0 ? values.customer : undefined,
    // machine formats list every customer unless --limit says otherwise
    limit: limit ?? (format === 'table' ? 20 : Infinity),
    backtest: values.backtest === true ? { calibrationEnd: calibrationEnd!, holdoutEnd: stringOf(values['holdout-end']) } : undefined,
  };
  const progress = ctx.progress(format === 'table');
  const { engine } = await openSource(values, positionals, ingestOptionsOf(values), progress);
  try {
    progress.stage(options.backtest ? 'offers and backtest' : 'offers');
    const r = await offersReport(engine, options);
    progress.done();
    const currency = costModel?.currency;
    // the core's sections: the backtest against popularity (with every backtest run), then the offers
    const offers = offersSection(r);
    const backtest = r.backtest ? offersBacktestSection(r.backtest) : null;
    const offersOut = { ...sectionCliOutput(offers, format, currency), maxTableRows: 60 };
    const out: Output = {
      ...(backtest && format === 'table'
        ? { ...sectionCliOutput(backtest, format), sections: [{ ...offersOut, text: ['', ...offersOut.text!] }] }
        : offersOut),
      json: {
        asOf: r.asOf,
        customers: r.fit.baskets.customers.length,
        rules: r.fit.rules.length,
        warnings: r.warnings,
        offers: tableJson(r.table),
        backtest: r.backtest ? { ...r.backtest, table: tableJson(r.backtest.table) } : null,
        sections: [...(backtest ? [backtest] : []), offers].map((s) => ({ ...s, tables: s.tables.map(tableJson) })),
      },
    };
    // CSV and NDJSON carry the offers on stdout: the verdict goes to stderr
    if (backtest && format !== 'table' && format !== 'json')
      process.stderr.write(`${[...backtest.lines, ...backtest.warnings.map((w) => `Warning: ${w}`)].join('\n')}\n`);
    ctx.print(out, format);
  } finally {
    await engine.close();
  }
  return 0;
}
