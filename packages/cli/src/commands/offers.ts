import { InputError, loadCostModel, offersReport } from '@cvm/core';
import { formatOf, ingestOptionsOf, LOG_OPTIONS, parse, stringOf, WORKSPACE_OPTION, type OptionSpecs } from '../args.js';
import type { Context } from '../context.js';
import type { Output } from '../output.js';
import { cliTable, tableJson } from '../report-table-output.js';
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
  const { values, positionals } = parse(argv, LOG_OPTIONS, WORKSPACE_OPTION, RULE_FLAGS, OFFERS_OPTIONS);
  if (values.help) return ctx.help('offers');
  const format = formatOf(values, ctx.stdoutIsTTY, 'csv');
  const calibrationEnd = stringOf(values['calibration-end']);
  if (values.backtest === true && calibrationEnd === undefined) throw new InputError('bad_usage', '--backtest needs --calibration-end D (offers from the data up to D, scored on the purchases after it)', {});
  if (values.backtest !== true && calibrationEnd !== undefined) throw new InputError('bad_usage', '--calibration-end goes with --backtest', {});
  const costsFile = stringOf(values.costs);
  const costModel = costsFile === undefined ? null : await loadCostModel(costsFile);
  const limit = numberFlag(values, 'limit', 0, 1e9, true);
  const options = {
    ...ruleFlagsOf(values), costModel,
    k: numberFlag(values, 'k', 1, 100, true), asOf: stringOf(values['as-of']),
    recentDays: numberFlag(values, 'recent-days', 0, 1e6, true), discontinuedDays: numberFlag(values, 'discontinued-days', 0, 1e6, true),
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
    const out: Output = {
      text: [
        `cvm offers on ${r.asOf}: ${r.fit.baskets.customers.length.toLocaleString('en-US')} customers, ${r.fit.rules.length.toLocaleString('en-US')} rules from ${(r.fit.baskets.offsets.length - 1).toLocaleString('en-US')} baskets`,
        ...r.warnings.map((w) => `note: ${w}`),
      ],
      tables: [cliTable(r.table, format, currency)],
      json: { asOf: r.asOf, customers: r.fit.baskets.customers.length, rules: r.fit.rules.length, warnings: r.warnings, offers: tableJson(r.table), backtest: r.backtest ? { ...r.backtest, table: tableJson(r.backtest.table) } : null },
      maxTableRows: 60,
    };
    // the backtest is printed with every backtest run: first on a terminal, on stderr in CSV/NDJSON
    if (r.backtest) {
      if (format === 'table') out.tables.unshift(cliTable(r.backtest.table, format));
      else if (format !== 'json') process.stderr.write(`${r.backtest.comparison.summary}\n`);
    }
    ctx.print(out, format);
  } finally {
    await engine.close();
  }
  return 0;
}
