import { DATABASE_SCORE_COLUMNS, InputError, scoreInDatabase, topDatabaseScores, type CountModelName } from '@cvm/core';
import { ingestOptionsOf, stringOf, summaryOptionsOf, type Values } from '../args.js';
import type { Context } from '../context.js';
import type { Format } from '../output.js';
import { openSource } from '../source.js';

/**
 * `cvm predict --into TABLE` (issue 16): scores every customer where the data lives and writes one
 * row per customer into TABLE of the workspace (on ClickHouse by every shard for its own customers);
 * prints the fits, their doubts, the totals and the 20 customers with the highest CLV.
 * @throws InputError `bad_usage` with --summary, --by, --margin-file, --level or --draws, or without
 *   --workspace / --engine (the table must outlive the command)
 */
export async function predictIntoCommand(
  values: Values,
  positionals: string[],
  ctx: Context,
  o: { model: CountModelName; spendModel: 'gamma-gamma' | 'historic'; horizon: number; rate: number; margin: number; format: Format },
): Promise<number> {
  const into = stringOf(values.into)!;
  for (const flag of ['summary', 'by', 'margin-file', 'level', 'draws'])
    if (values[flag] !== undefined && values[flag] !== false)
      throw new InputError(
        'bad_usage',
        `--into scores in the database and takes no --${flag} (one --margin for everyone, no intervals)`,
        {},
      );
  if (stringOf(values.workspace) === undefined && stringOf(values.engine) === undefined)
    throw new InputError('bad_usage', '--into writes a table of the workspace: give --workspace DIR or --engine URL', {});
  const progress = ctx.progress(o.format === 'table');
  const { engine } = await openSource(values, positionals, ingestOptionsOf(values), progress);
  try {
    progress.stage(`fitting ${o.model} on the (x, t_x, T) patterns`);
    const s = await scoreInDatabase(engine, {
      ...summaryOptionsOf(values),
      model: o.model,
      spendModel: o.spendModel,
      horizon: o.horizon,
      annualDiscountRate: o.rate,
      margin: o.margin,
      into,
      onStep: (done, total) => progress.stage(`scoring the patterns: step ${done + 1} of ${total} of the horizon`),
    });
    const top = await topDatabaseScores(engine, into, 20);
    progress.done();
    const u = s.units;
    const doubts = s.warnings.map((w) => `WARNING (applies to every number below): ${w}`);
    const notes = s.notes.map((x) => `Note: ${x}`);
    if (o.format === 'csv' || o.format === 'ndjson') for (const line of [...doubts, ...notes]) process.stderr.write(`cvm: ${line}\n`);
    const columns = [...DATABASE_SCORE_COLUMNS];
    ctx.print(
      {
        text: [
          `${s.fit.model} fitted (LL ${s.fit.logLikelihood.toFixed(2)}${s.fit.converged ? '' : ', NOT converged'}) on ${s.patterns.toLocaleString('en-US')} distinct (x, t_x, T) patterns; expected purchases and CLV over the ${u.horizon}`,
          ...doubts,
          ...notes,
          `wrote ${s.customers.toLocaleString('en-US')} customers into table ${into} (columns ${columns.join(', ')}); total CLV ${s.totalClv.toFixed(2)}; top customers by CLV:`,
        ],
        tables: [
          {
            columns,
            rows: top.map((r) => columns.map((c) => r[c] as string | number)),
            notes: [
              `${u.horizon}; ${u.discount}; ${u.margin}; ${u.spend}`,
              ...(s.warnings.length ? ['doubtful fit: see the WARNING lines above'] : []),
            ],
          },
        ],
        json: {
          model: s.fit.model,
          params: s.fit.params,
          spendParams: s.spendFit?.params ?? null,
          assessment: s.assessment,
          spendAssessment: s.spendAssessment,
          warnings: s.warnings,
          notes: s.notes,
          zeroSpend: s.zeroSpend,
          units: u,
          table: into,
          customers: s.customers,
          patterns: s.patterns,
          totalClv: s.totalClv,
          top,
        },
        maxTableRows: 20,
      },
      o.format,
    );
    return 0;
  } finally {
    await engine.close();
  }
}
