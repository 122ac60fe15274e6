import type { AnalysisOptions, CostModel, Engine, IngestReport } from '@cvm/core';
import { formatOf, ingestOptionsOf, parse, stringOf, summaryOptionsOf, type OptionSpecs, type Values } from './args.js';
import type { Context } from './context.js';
import type { Format } from './output.js';
import type { Progress } from './progress.js';
import { openSource, type SourceOptions } from './source.js';

/** `--validate-at D` and `--no-models`: the flags of the commands that run the models through an `Analysis`. */
export const ANALYSIS_OPTIONS: OptionSpecs = {
  'validate-at': { type: 'string' },
  'no-models': { type: 'boolean' },
};

/** A command's parsed arguments and its output format. */
export interface CommandArgs {
  values: Values;
  positionals: string[];
  format: Format;
}

/**
 * The preamble of the analysis commands (plan, loyalty, feedback, at-risk, win-back, …): parse
 * `argv` against the option groups (in the order given), answer `--help` with the command's help
 * text, run the command's own early `check` (before `--format` is read, as the commands always did),
 * then read `--format` (default `table` on a terminal, else `machine`).
 *
 * @returns the parsed arguments, or the exit code of the help text when `--help` was given
 * @throws InputError `bad_usage` for an unknown flag or format (from `parse`/`formatOf`), and what `check` throws
 * @example
 * const cmd = commandArgs(argv, ctx, { name: 'plan', specs: [LOG_OPTIONS, WORKSPACE_OPTION] });
 * if (typeof cmd === 'number') return cmd;
 */
export function commandArgs(
  argv: string[],
  ctx: Context,
  o: { name: string; specs: OptionSpecs[]; machine?: (values: Values) => Format; check?: (values: Values) => void },
): CommandArgs | number {
  const { values, positionals } = parse(argv, ...o.specs);
  if (values.help) return ctx.help(o.name);
  o.check?.(values);
  return { values, positionals, format: formatOf(values, ctx.stdoutIsTTY, o.machine?.(values)) };
}

/**
 * The `Analysis` options the flags give: the summary (period, calibration and holdout ends),
 * `--validate-at`, `--no-models`, and the cost model when the command read one.
 * @example
 * new Analysis(engine, analysisOptionsOf(values, costModel));
 */
export function analysisOptionsOf(values: Values, costModel?: CostModel | null): AnalysisOptions {
  return {
    summary: summaryOptionsOf(values),
    validateAt: stringOf(values['validate-at']),
    models: !values['no-models'],
    ...(costModel === undefined ? {} : { costModel }),
  };
}

/**
 * Opens the command's source (the log FILEs ingested into memory, or `--workspace DIR`), with
 * progress on a terminal in table format, runs `run` and closes the engine whatever happens;
 * `source` as for `openSource` (e.g. the DuckDB memory cap of a one-shot command).
 * @throws InputError from `openSource` (no FILE nor --workspace, no accepted rows) and what `run` throws
 * @example
 * return withSource(cmd, ctx, async ({ engine, progress }) => { … return 0; });
 */
export async function withSource<T>(
  cmd: CommandArgs,
  ctx: Context,
  run: (s: { engine: Engine; ingest: IngestReport[]; progress: Progress }) => Promise<T>,
  source: SourceOptions = {},
): Promise<T> {
  const progress = ctx.progress(cmd.format === 'table');
  const { engine, ingest } = await openSource(cmd.values, cmd.positionals, ingestOptionsOf(cmd.values), progress, source);
  try {
    return await run({ engine, ingest, progress });
  } finally {
    await engine.close();
  }
}
