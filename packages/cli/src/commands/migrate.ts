import {
  checkNumber,
  downgradesTable,
  ensureSnapshot,
  InputError,
  markovTable,
  migrateSnapshots,
  migrationCellsReportTable,
  rowShareTable,
  transitionsTable,
  valueMovedTable,
  type MigrationDimension,
  type MigrationReport,
} from '@cvm/core';
import { formatOf, ingestOptionsOf, LOG_OPTIONS, parse, stringOf, WORKSPACE_OPTION, ENGINE_OPTION, type OptionSpecs } from '../args.js';
import type { Context } from '../context.js';
import { fromReportTable, type Table } from '../output.js';
import { openSource } from '../source.js';
import { SEGMENT_OPTIONS } from './segment.js';

const MIGRATE_OPTIONS: OptionSpecs = {
  from: { type: 'string' },
  to: { type: 'string' },
  by: { type: 'string' },
  'discount-rate': { type: 'string' },
  'horizon-years': { type: 'string' },
  recompute: { type: 'boolean' },
  view: { type: 'string' },
};

const BY: Record<string, MigrationDimension> = {
  tier: 'value_tier',
  lifecycle: 'lifecycle_stage',
  rfm: 'rfm_segment',
  micro: 'micro_segment',
};
/** The tables `--view` picks as the CSV/NDJSON payload (the names of GET /api/migration's `format=csv&table=`). */
export const MIGRATE_VIEWS = {
  cells: migrationCellsReportTable,
  row_share: rowShareTable,
  value_moved: valueMovedTable,
  markov: markovTable,
  downgrades: (m: MigrationReport) => downgradesTable(m),
} as const;

/** The matrices as tables: counts (with totals), row shares, value moved, Markov value; downgrades (the core's tables). */
export function migrationTables(m: MigrationReport): Table[] {
  return [transitionsTable(m, { withTotalRow: true }), rowShareTable(m), valueMovedTable(m), markovTable(m), downgradesTable(m)].map(
    fromReportTable,
  );
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
  const view = stringOf(values.view) ?? 'cells';
  if (!Object.hasOwn(MIGRATE_VIEWS, view))
    throw new InputError('bad_usage', `--view must be one of ${Object.keys(MIGRATE_VIEWS).join(', ')}; got "${view}"`, { view });
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
        tables: format === 'table' ? migrationTables(m) : [fromReportTable(MIGRATE_VIEWS[view as keyof typeof MIGRATE_VIEWS](m))],
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
