import {
  checkNumber,
  downgradesTable,
  ensureSnapshot,
  InputError,
  markovTable,
  migrateSnapshots,
  migrationCellsReportTable,
  transitionsTable,
  type MigrationDimension,
  type MigrationReport,
} from '@cvm/core';
import { formatOf, ingestOptionsOf, LOG_OPTIONS, parse, stringOf, WORKSPACE_OPTION, ENGINE_OPTION, type OptionSpecs } from '../args.js';
import type { Context } from '../context.js';
import { fromReportTable, type Cell, type Table } from '../output.js';
import { openSource } from '../source.js';
import { SEGMENT_OPTIONS } from './segment.js';

const MIGRATE_OPTIONS: OptionSpecs = {
  from: { type: 'string' },
  to: { type: 'string' },
  by: { type: 'string' },
  'discount-rate': { type: 'string' },
  'horizon-years': { type: 'string' },
  recompute: { type: 'boolean' },
};

const BY: Record<string, MigrationDimension> = {
  tier: 'value_tier',
  lifecycle: 'lifecycle_stage',
  rfm: 'rfm_segment',
  micro: 'micro_segment',
};
const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;

/** The matrices as tables: counts (with totals), row shares, value moved, Markov value; downgrades (the core's tables but the row % and value moved, which only the terminal shows). */
export function migrationTables(m: MigrationReport): Table[] {
  const x = m.matrix;
  const rows = (f: (i: number, j: number) => Cell): Cell[][] => x.fromStates.map((s, i) => [s, ...x.toStates.map((_, j) => f(i, j))]);
  return [
    fromReportTable(transitionsTable(m, { withTotalRow: true })),
    {
      title: 'Row % (share of each starting state that moved to each state)',
      columns: ['from \\ to', ...x.toStates],
      rows: rows((i, j) => pct(x.rowShare[i]![j]!)),
    },
    {
      title: `Value moved (value on ${m.from} of the customers in each cell; currency)`,
      columns: ['from \\ to', ...x.toStates],
      rows: rows((i, j) => x.valueFrom[i]![j]!),
    },
    fromReportTable(markovTable(m)),
    fromReportTable(downgradesTable(m)),
  ];
}

export async function migrateCommand(argv: string[], ctx: Context): Promise<number> {
  const { values, positionals } = parse(argv, LOG_OPTIONS, WORKSPACE_OPTION, ENGINE_OPTION, MIGRATE_OPTIONS, {
    seed: SEGMENT_OPTIONS.seed!,
  });
  if (values.help) return ctx.help('migrate');
  const from = stringOf(values.from),
    to = stringOf(values.to);
  if (from === undefined || to === undefined)
    throw new InputError('bad_usage', 'cvm migrate needs --from DATE and --to DATE (see --help)', {});
  const byFlag = stringOf(values.by) ?? 'tier';
  const dim = BY[byFlag];
  if (dim === undefined) throw new InputError('bad_usage', `--by must be tier, lifecycle, rfm or micro; got "${byFlag}"`, { by: byFlag });
  const rate = checkNumber('discountRate', stringOf(values['discount-rate']), '--discount-rate', 0.1);
  const horizonYears = checkNumber('markovHorizonYears', stringOf(values['horizon-years']), '--horizon-years', 1);
  const format = formatOf(values, ctx.stdoutIsTTY, 'csv');
  const progress = ctx.progress(format === 'table');
  const { engine } = await openSource(values, positionals, ingestOptionsOf(values), progress);
  try {
    progress.stage(`snapshot as of ${from}`);
    const a = (
      await ensureSnapshot(engine, from, { recompute: Boolean(values.recompute), micro: dim === 'micro_segment', asOfLabel: '--from' })
    ).source;
    progress.stage(`snapshot as of ${to}`);
    const b = (
      await ensureSnapshot(engine, to, { recompute: Boolean(values.recompute), micro: dim === 'micro_segment', asOfLabel: '--to' })
    ).source;
    progress.stage('comparing');
    const m = await migrateSnapshots(engine, { from, to, dimension: dim, annualDiscountRate: rate, horizonYears });
    progress.done();
    ctx.print(
      {
        text: [
          `cvm migrate: ${m.from} (snapshot ${a}; computed ${m.fromComputedAt}) → ${m.to} (snapshot ${b}; computed ${m.toComputedAt})`,
        ],
        tables: format === 'table' ? migrationTables(m) : [fromReportTable(migrationCellsReportTable(m))],
        json: m,
        maxTableRows: 25,
      },
      format,
    );
  } finally {
    await engine.close();
  }
  return 0;
}
