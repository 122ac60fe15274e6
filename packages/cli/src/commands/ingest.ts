import { InputError } from '@cvm/core';
import { ENGINE_OPTION, ingestOptionsOf, LOG_OPTIONS, parse, WORKSPACE_OPTION, formatOf, stringOf } from '../args.js';
import type { Context } from '../context.js';
import { openSource } from '../source.js';
import { ingestLines, quarantineTable } from './ingest-output.js';

export async function ingestCommand(argv: string[], ctx: Context): Promise<number> {
  const { values, positionals } = parse(argv, LOG_OPTIONS, WORKSPACE_OPTION, ENGINE_OPTION);
  if (values.help) return ctx.help('ingest');
  const format = formatOf(values, ctx.stdoutIsTTY);
  if (positionals.length === 0) throw new InputError('bad_usage', 'cvm ingest needs at least one FILE (see --help)', {});
  if (stringOf(values.workspace) === undefined && stringOf(values.engine) === undefined) throw new InputError('bad_usage', 'cvm ingest needs --workspace DIR or --engine URL (where the data is kept)', {});
  const progress = ctx.progress(format === 'table');
  const { engine, ingest } = await openSource(values, positionals, ingestOptionsOf(values), progress, { allowEmpty: true });
  progress.done();
  await engine.close();
  ctx.print({ text: ingest.flatMap(ingestLines), tables: [quarantineTable(ingest)], json: { files: ingest } }, format);
  return 0;
}
