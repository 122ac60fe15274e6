import { InputError } from '@cvm/core';
import { ENGINE_OPTION, ingestOptionsOf, LOG_OPTIONS, parse, WORKSPACE_OPTION, formatOf, stringOf } from '../args.js';
import type { Context } from '../context.js';
import { openSource } from '../source.js';
import { ingestLines, quarantineTable } from './ingest-output.js';
import { INPUT_OPTIONS, ingestInputs, inputIngestLines } from '../inputs-cli.js';

export async function ingestCommand(argv: string[], ctx: Context): Promise<number> {
  const { values, positionals } = parse(argv, LOG_OPTIONS, WORKSPACE_OPTION, ENGINE_OPTION, INPUT_OPTIONS, {
    prospects: { type: 'string' },
  });
  if (values.help) return ctx.help('ingest');
  const format = formatOf(values, ctx.stdoutIsTTY);
  if (positionals.length === 0) throw new InputError('bad_usage', 'cvm ingest needs at least one FILE (see --help)', {});
  if (stringOf(values.workspace) === undefined && stringOf(values.engine) === undefined)
    throw new InputError('bad_usage', 'cvm ingest needs --workspace DIR or --engine URL (where the data is kept)', {});
  const progress = ctx.progress(format === 'table');
  const { engine, ingest } = await openSource(values, positionals, ingestOptionsOf(values), progress, { allowEmpty: true });
  // issue 11: the customers, spend and prospects files beside the log, kept in the workspace too
  const prospects = stringOf(values.prospects);
  let inputs: Awaited<ReturnType<typeof ingestInputs>> = [];
  try {
    inputs = await ingestInputs(engine, values, progress, prospects === undefined ? [] : [['prospects', prospects]]);
  } finally {
    progress.done();
    await engine.close();
  }
  ctx.print(
    {
      text: [...ingest.flatMap(ingestLines), ...inputIngestLines(inputs)],
      tables: [quarantineTable(ingest)],
      json: { files: ingest, ...(inputs.length ? { inputs } : {}) },
    },
    format,
  );
  return 0;
}
