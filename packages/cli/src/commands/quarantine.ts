import { InputError, listQuarantine, quarantineRecords } from '@cvm/core';
import { ENGINE_OPTION, formatOf, parse, stringOf, WORKSPACE_OPTION } from '../args.js';
import { openEngine } from '../source.js';
import type { Context } from '../context.js';

/**
 * `cvm quarantine`: the rejected rows. CSV (the default in a pipe) gives the source rows as they
 * were, every original column, then cvm_source_file, cvm_line, cvm_reason, cvm_detail: fix the
 * values and ingest the file again. The other formats list file, line, reason, detail, the raw
 * customer/date/amount and the whole record (JSON).
 */
export async function quarantineCommand(argv: string[], ctx: Context): Promise<number> {
  const { values } = parse(argv, WORKSPACE_OPTION, ENGINE_OPTION, { reason: { type: 'string' } });
  if (values.help) return ctx.help('quarantine');
  const format = formatOf(values, ctx.stdoutIsTTY, 'csv');
  if (stringOf(values.workspace) === undefined && stringOf(values.engine) === undefined) throw new InputError('bad_usage', 'cvm quarantine needs --workspace DIR (or --engine URL)', {});
  const reason = stringOf(values.reason);
  const engine = await openEngine(values, true, { readOnly: true });
  try {
    if (format === 'csv') {
      const { columns, rows } = await quarantineRecords(engine, reason);
      ctx.print({ tables: [{ columns, rows }], json: null }, format);
      return 0;
    }
    const rows = await listQuarantine(engine, reason);
    const columns = ['source_file', 'line', 'reason', 'detail', 'customer_raw', 'date_raw', 'amount_raw', 'record'] as const;
    ctx.print({
      tables: [{ columns: [...columns], rows: rows.map((r) => columns.map((c) => r[c])), notes: [`${rows.length.toLocaleString('en-US')} quarantined rows`] }],
      json: { rows },
    }, format);
  } finally {
    await engine.close();
  }
  return 0;
}
