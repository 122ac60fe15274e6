import { checkNumber, ensureSnapshot, InputError, migrateSnapshots, type MigrationDimension, type MigrationReport } from '@cvm/core';
import { formatOf, ingestOptionsOf, LOG_OPTIONS, parse, stringOf, WORKSPACE_OPTION, ENGINE_OPTION, type OptionSpecs } from '../args.js';
import type { Context } from '../context.js';
import type { Cell, Table } from '../output.js';
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

/** The matrices as tables: counts (with totals), row shares, value moved, Markov value; downgrades. */
export function migrationTables(m: MigrationReport): Table[] {
  const x = m.matrix;
  const rows = (f: (i: number, j: number) => Cell, total?: (i: number) => Cell): Cell[][] =>
    x.fromStates.map((s, i) => [s, ...x.toStates.map((_, j) => f(i, j)), ...(total ? [total(i)] : [])]);
  return [
    {
      title: `Transitions ${m.from} → ${m.to} by ${m.dimension} (customers; rows = state on ${m.from})`,
      columns: ['from \\ to', ...x.toStates, 'total'],
      rows: [
        ...rows(
          (i, j) => x.counts[i]![j]!,
          (i) => x.rowTotals[i]!,
        ),
        ['total', ...x.columnTotals, x.rowTotals.reduce((a, b) => a + b, 0)],
      ],
    },
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
    {
      title: `Markov-chain customer value per state over the next ${m.markov.periods} periods of ${m.markov.periodDays} days (Pfeifer & Carraway 2000; discount ${pct(m.markov.discountRate)} per period)`,
      columns: ['state', 'revenue per customer per period', 'expected value (horizon, discounted)', 'historic value (same span before)'],
      rows: m.markov.states.map((s, i) => [
        s,
        m.markov.reward[i]!,
        m.markov.value[i]!,
        Number.isFinite(m.markov.historic[i]!) ? m.markov.historic[i]! : null,
      ]),
      notes: [
        m.markov.rule,
        `${pct(m.markov.lostReturnShare)} of the customers lost at ${m.from} were back by ${m.to}; the chain counts them as lost for good`,
        ...m.markov.warnings.map((w) => `WARNING: ${w}`),
      ],
    },
    {
      title: `Customers who moved down a value tier or into at risk (${m.downgrades.length.toLocaleString('en-US')}; most valuable first)`,
      columns: ['customer_id', 'from tier', 'to tier', 'from stage', 'to stage', 'value from', 'value to', 'reason'],
      rows: m.downgrades.map((d) => [d.customerId, d.fromTier, d.toTier, d.fromStage, d.toStage, d.valueFrom, d.valueTo, d.reason]),
    },
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
    const x = m.matrix;
    const cells: Table = {
      columns: ['from_state', 'to_state', 'customers', 'row_share', 'value_from', 'value_to'],
      rows: x.fromStates.flatMap((f, i) =>
        x.toStates
          .map((t, j) => [f, t, x.counts[i]![j]!, x.rowShare[i]![j]!, x.valueFrom[i]![j]!, x.valueTo[i]![j]!] as Cell[])
          .filter((r) => (r[2] as number) > 0),
      ),
    };
    ctx.print(
      {
        text: [
          `cvm migrate: ${m.from} (snapshot ${a}; computed ${m.fromComputedAt}) → ${m.to} (snapshot ${b}; computed ${m.toComputedAt})`,
        ],
        tables: format === 'table' ? migrationTables(m) : [cells],
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
