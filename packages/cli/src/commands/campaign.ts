import {
  analyzeExperimentFile,
  columnHeading,
  createDuckDbEngine,
  experimentTables,
  formatCell,
  InputError,
  normalizeCell,
  type ExperimentFileResult,
  type ReportTable,
} from '@cvm/core';
import { formatOf, listOf, parse, stringOf, type OptionSpecs, type Values } from '../args.js';
import type { Context } from '../context.js';
import type { Format, Table } from '../output.js';

const ANALYZE_OPTIONS: OptionSpecs = {
  'arm-col': { type: 'string' },
  control: { type: 'string' },
  outcome: { type: 'string', multiple: true },
  by: { type: 'string', multiple: true },
  planned: { type: 'string' },
  'uplift-features': { type: 'string', multiple: true },
  'uplift-arm': { type: 'string' },
  'uplift-outcome': { type: 'string' },
  'uplift-method': { type: 'string' },
  bootstrap: { type: 'string' },
  seed: { type: 'string' },
  table: { type: 'string' },
};

const intOf = (v: Values[string], name: string, fallback: number): number => {
  const s = stringOf(v);
  if (s === undefined) return fallback;
  const n = Number(s);
  if (!Number.isInteger(n) || n < 0) throw new InputError('bad_usage', `--${name} must be a whole number ≥ 0; got "${s}"`, {});
  return n;
};

/** A report table for the CLI: headings and formatted cells for people, keys and raw values for machines. */
function cliTable(t: ReportTable, forPeople: boolean): Table {
  return {
    title: t.title,
    columns: t.columns.map((c) => (forPeople ? columnHeading(c) : c.key)),
    rows: t.rows.map((r) => r.map((v, j) => (forPeople ? formatCell(v, t.columns[j]!) : normalizeCell(v)))),
    notes: t.notes,
  };
}

/** The JSON payload: everything but the per-row arrays. */
function jsonOf(r: ExperimentFileResult, tables: ReportTable[]): unknown {
  const uplift = r.uplift ? (({ scores: _s, curve: _c, ...rest }) => rest)(r.uplift) : null;
  return {
    file: r.file,
    armColumn: r.armColumn,
    rowsRead: r.rowsRead,
    rowsUsed: r.rowsUsed,
    quarantineCounts: r.quarantineCounts,
    quarantine: r.quarantine.slice(0, 1000),
    analysis: r.analysis,
    segments: r.segments,
    uplift,
    tables: tables.map((t) => t.id),
  };
}

async function analyze(argv: string[], ctx: Context): Promise<number> {
  const { values, positionals } = parse(argv, ANALYZE_OPTIONS);
  if (values.help) return ctx.help('campaign');
  if (positionals.length !== 1)
    throw new InputError('bad_usage', `cvm campaign analyze takes one FILE; got ${positionals.length} (see --help)`, {});
  const armColumn = stringOf(values['arm-col']);
  const control = stringOf(values.control);
  const outcomes = listOf(values.outcome);
  if (!armColumn || control === undefined || outcomes.length === 0)
    throw new InputError('bad_usage', 'cvm campaign analyze needs --arm-col, --control and --outcome (see --help)', {});
  let plannedShares: Record<string, number> | undefined;
  const planned = stringOf(values.planned);
  if (planned !== undefined) {
    plannedShares = {};
    for (const part of planned.split(',')) {
      const at = part.lastIndexOf('=');
      const share = Number(part.slice(at + 1));
      if (at < 1 || !(share >= 0)) throw new InputError('bad_usage', `--planned must look like "A=1,B=1"; got "${part}"`, {});
      plannedShares[part.slice(0, at).trim()] = share;
    }
  }
  const method = stringOf(values['uplift-method']) ?? 'two-model';
  if (method !== 'two-model' && method !== 'transformed-outcome')
    throw new InputError('bad_usage', `--uplift-method must be two-model or transformed-outcome; got "${method}"`, {});
  const features = listOf(values['uplift-features']);
  const resamples = intOf(values.bootstrap, 'bootstrap', 2000);
  const seed = intOf(values.seed, 'seed', 1);
  const format: Format = formatOf(values, ctx.stdoutIsTTY, 'json');
  const engine = createDuckDbEngine();
  try {
    const r = await analyzeExperimentFile(engine, positionals[0]!, {
      armColumn,
      control,
      outcomes,
      by: listOf(values.by),
      plannedShares,
      bootstrap: resamples === 0 ? false : { resamples, seed },
      uplift:
        features.length > 0
          ? { features, arm: stringOf(values['uplift-arm']), outcome: stringOf(values['uplift-outcome']), method, seed }
          : undefined,
    });
    const tables = experimentTables(r.analysis, { segments: r.segments, uplift: r.uplift, quarantine: r.quarantine });
    const wanted = stringOf(values.table) ?? 'experiment.verdicts';
    const main = tables.find((t) => t.id === wanted);
    if (!main)
      throw new InputError('bad_usage', `--table ${wanted} is not in this analysis; tables: ${tables.map((t) => t.id).join(', ')}`, {});
    const forPeople = format === 'table';
    const header = [
      `cvm campaign analyze ${r.file}: ${r.rowsUsed.toLocaleString('en-US')} customers in ${r.analysis.arms.length} arms (control "${r.analysis.control}")${r.quarantine.length ? `, ${r.quarantine.length.toLocaleString('en-US')} rows quarantined` : ''}`,
    ];
    ctx.print(
      {
        text: header,
        tables: forPeople ? tables.map((t) => cliTable(t, true)) : [cliTable(main, false)],
        json: jsonOf(r, tables),
        maxTableRows: 60,
      },
      format,
    );
  } finally {
    await engine.close();
  }
  return 0;
}

/** `cvm campaign <subcommand>`: `create`, `list`, `results`, `delete` (campaigns in a workspace), `analyze` (a flat experiment file). */
export async function campaignCommand(argv: string[], ctx: Context): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === undefined || sub === '--help' || sub === '-h') return ctx.help('campaign');
  if (sub === 'analyze') return analyze(rest, ctx);
  // campaigns stored in a workspace (campaigns-ui)
  if (sub === 'create') return (await import('./campaign-workspace.js')).createCommand(rest, ctx);
  if (sub === 'results') return (await import('./campaign-workspace.js')).resultsCommand(rest, ctx);
  if (sub === 'list') return (await import('./campaign-workspace.js')).listCommand(rest, ctx);
  if (sub === 'delete') return (await import('./campaign-workspace.js')).deleteCommand(rest, ctx);
  throw new InputError(
    'bad_usage',
    `unknown subcommand "campaign ${sub}"; available: create, list, results, delete, analyze (see cvm campaign --help)`,
    { sub },
  );
}
