import { InputError, type InputKind } from '@cvm/core';
import { ENGINE_OPTION, ingestOptionsOf, LOG_OPTIONS, parse, WORKSPACE_OPTION, formatOf, stringOf } from '../args.js';
import type { Context } from '../context.js';
import { openSource } from '../source.js';
import { ingestLines, quarantineTable } from './ingest-output.js';
import { INPUT_OPTIONS, ingestInputs, inputIngestLines } from '../inputs-cli.js';

export async function ingestCommand(argv: string[], ctx: Context): Promise<number> {
  const { values, positionals } = parse(argv, LOG_OPTIONS, WORKSPACE_OPTION, ENGINE_OPTION, INPUT_OPTIONS, {
    prospects: { type: 'string' },
    surveys: { type: 'string' },
  });
  if (values.help) return ctx.help('ingest');
  const format = formatOf(values, ctx.stdoutIsTTY);
  // issue 16: the files beside the log (customers, spend, prospects, surveys) as report commands take them
  const extra: [InputKind, string][] = [];
  for (const kind of ['prospects', 'surveys'] as const) {
    const f = stringOf(values[kind]);
    if (f !== undefined) extra.push([kind, f]);
  }
  const inputsGiven = extra.length > 0 || stringOf(values.customers) !== undefined || stringOf(values.spend) !== undefined;
  if (positionals.length === 0 && !inputsGiven)
    throw new InputError(
      'bad_usage',
      'cvm ingest needs a log FILE, or an input file to keep in an existing workspace (--customers, --spend, --prospects, --surveys; see --help)',
      {},
    );
  if (stringOf(values.workspace) === undefined && stringOf(values.engine) === undefined)
    throw new InputError('bad_usage', 'cvm ingest needs --workspace DIR or --engine URL (where the data is kept)', {});
  const progress = ctx.progress(format === 'table');
  const { engine, ingest } = await openSource(values, positionals, ingestOptionsOf(values), progress, { allowEmpty: true, stores: true });
  // issues 11, 15: the customers, spend, prospects and survey files beside the log, kept in the workspace too
  let inputs: Awaited<ReturnType<typeof ingestInputs>> = [];
  try {
    inputs = await ingestInputs(engine, values, progress, extra);
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
