import { InputError, listQuarantine } from '@cvm/core';
import { ENGINE_OPTION, formatOf, parse, stringOf, WORKSPACE_OPTION } from '../args.js';
import { openEngine } from '../source.js';
import type { Context } from '../context.js';

export async function quarantineCommand(argv: string[], ctx: Context): Promise<number> {
  const { values } = parse(argv, WORKSPACE_OPTION, ENGINE_OPTION, { reason: { type: 'string' } });
  if (values.help) return ctx.help('quarantine');
  const format = formatOf(values, ctx.stdoutIsTTY, 'csv');
  if (stringOf(values.workspace) === undefined && stringOf(values.engine) === undefined) throw new InputError('bad_usage', 'cvm quarantine needs --workspace DIR (or --engine URL)', {});
  const engine = await openEngine(values, true);
  try {
    const rows = await listQuarantine(engine, stringOf(values.reason));
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
