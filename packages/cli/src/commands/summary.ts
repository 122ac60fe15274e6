import { dayToIso, HOLDOUT_COLUMNS, runOverview, SUMMARY_COLUMNS, type CustomerSummary } from '@cvm/core';
import {
  ENGINE_OPTION,
  formatOf,
  ingestOptionsOf,
  LOG_OPTIONS,
  parse,
  SUMMARY_OPTIONS,
  summaryOptionsOf,
  WORKSPACE_OPTION,
} from '../args.js';
import type { Context } from '../context.js';
import type { Cell, Table } from '../output.js';
import { openSource } from '../source.js';

/** The summary as a table, columns in the documented order (customer_id, frequency, recency, T, monetary_value, …). */
export function summaryTable(s: CustomerSummary): Table {
  const holdout = s.frequencyHoldout !== null;
  const columns: string[] = [...SUMMARY_COLUMNS, ...(holdout ? HOLDOUT_COLUMNS : [])];
  const rows: Cell[][] = new Array(s.length);
  for (let i = 0; i < s.length; i++) {
    const row: Cell[] = [
      s.customerId[i]!,
      s.frequency[i]!,
      s.recency[i]!,
      s.T[i]!,
      s.monetaryValue[i]!,
      dayToIso(s.firstPurchase[i]!),
      dayToIso(s.lastPurchase[i]!),
      s.transactions[i]!,
      s.totalRevenue[i]!,
      s.returns[i]!,
      s.returnsValue[i]!,
      s.netRevenue[i]!,
    ];
    if (holdout) row.push(s.frequencyHoldout![i]!, s.monetaryValueHoldout![i]!, s.durationHoldout);
    rows[i] = row;
  }
  const unit = s.period === 'week' ? 'weeks (days / 7)' : 'days';
  return {
    columns,
    rows,
    notes: [
      `recency, T${holdout ? ', duration_holdout' : ''} in ${unit}; calibration ends ${s.calibrationEnd}${s.holdoutEnd ? `, holdout ends ${s.holdoutEnd}` : ''}; ${s.length.toLocaleString('en-US')} customers`,
    ],
  };
}

export async function summaryCommand(argv: string[], ctx: Context): Promise<number> {
  const { values, positionals } = parse(argv, LOG_OPTIONS, SUMMARY_OPTIONS, WORKSPACE_OPTION, ENGINE_OPTION);
  if (values.help) return ctx.help('summary');
  const format = formatOf(values, ctx.stdoutIsTTY, 'csv');
  const summaryOptions = summaryOptionsOf(values);
  const ingestOptions = ingestOptionsOf(values);
  const progress = ctx.progress(format === 'table');
  const { engine } = await openSource(values, positionals, ingestOptions, progress, { readOnly: true });
  try {
    progress.stage('summarising');
    // the overview's summary, with the count of customers it leaves out (every purchase day returned or cancelled)
    const { summary: s, report } = await runOverview(engine, [], {}, summaryOptions);
    progress.done();
    if (report.customersAllReturned > 0)
      process.stderr.write(
        `cvm: ${report.customersAllReturned.toLocaleString('en-US')} ${report.customersAllReturned === 1 ? 'customer is' : 'customers are'} not in the summary: every purchase up to ${s.calibrationEnd} was returned or cancelled, so no purchase day remains (cvm report counts them in its overview)\n`,
      );
    const table = summaryTable(s);
    const json =
      format === 'json'
        ? {
            period: s.period,
            calibrationEnd: s.calibrationEnd,
            holdoutEnd: s.holdoutEnd,
            customers: table.rows.slice().map((r) => Object.fromEntries(table.columns.map((c, j) => [c, r[j]]))),
          }
        : null;
    ctx.print({ tables: [table], json }, format);
  } finally {
    await engine.close();
  }
  return 0;
}
