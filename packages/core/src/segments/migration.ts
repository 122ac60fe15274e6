import type { Engine } from '../engine/engine.js';
import { InputError } from '../errors.js';
import { LIFECYCLE_STAGES } from './lifecycle.js';
import { markovPeriods, markovView } from './markov-view.js';
import { firstEventDateSql, GONE, MIGRATION_DIMENSIONS, NOT_YET } from './migration-sql.js';
import { migrationStatements } from './migration-statements.js';
import type { MigrationOptions, MigrationReport } from './migration-types.js';
import { checkNumber } from '../numeric-limits.js';
import { RFM_SEGMENTS } from './rfm-segments.js';
import { requireSnapshot } from './snapshots.js';
import { buildTransitionMatrix, type TransitionCell } from './transition-matrix.js';
import { dayToIso, isoToDay } from '../summary/summary.js';

export { MARKOV_SANITY_FACTOR, markovPeriods, markovView, type MarkovView } from './markov-view.js';
export type { Downgrade, MigrationOptions, MigrationReport } from './migration-types.js';
export { segmentFlows, type SegmentFlow } from './segment-flows.js';

/**
 * Migration between two stored snapshots: the transition matrix (counts, row shares, value at both
 * ends), the customers who moved down a value tier or into at-risk, and the Markov-chain customer
 * value per state over a finite horizon with an absorbing lost state and a check against history
 * ({@link markovView}).
 * @throws InputError `snapshot_not_found`, `bad_dimension`, `bad_period_order`, `bad_horizon`, `bad_discount_rate`
 * @example
 * const m = await migrateSnapshots(engine, { from: '1997-06-30', to: '1997-12-31' });
 * m.matrix.counts; // rows sum to the June snapshot's counts per tier
 */
export async function migrateSnapshots(engine: Engine, options: MigrationOptions): Promise<MigrationReport> {
  const dim = options.dimension ?? 'value_tier';
  if (!MIGRATION_DIMENSIONS.includes(dim))
    throw new InputError('bad_dimension', `--by must be one of ${MIGRATION_DIMENSIONS.join(', ')}; got "${dim}"`, { dim });
  if (!(options.from < options.to))
    throw new InputError(
      'bad_period_order',
      `--from (${options.from}) must come before --to (${options.to})`,
      options as unknown as Record<string, unknown>,
    );
  const a = await requireSnapshot(engine, options.from);
  const b = await requireSnapshot(engine, options.to);
  const d = engine.dialect;
  const sql = migrationStatements(d);
  const cells = await engine.rows<TransitionCell>(sql.transition(d, options.from, options.to, dim));
  const order =
    dim === 'value_tier'
      ? (await engine.rows<{ value_tier: string }>(sql.tierOrder(d, options.to))).map((r) => r.value_tier)
      : dim === 'lifecycle_stage'
        ? [...LIFECYCLE_STAGES]
        : dim === 'rfm_segment'
          ? [...RFM_SEGMENTS]
          : [];
  const matrix = buildTransitionMatrix(cells, [NOT_YET, ...order, GONE]);
  const count = (states: string[], totals: number[]): Record<string, number> =>
    Object.fromEntries(states.map((s, i) => [s, totals[i]!] as const).filter(([s]) => s !== NOT_YET && s !== GONE));
  const down = await engine.rows<{
    customer_id: string;
    from_tier: string;
    to_tier: string;
    from_stage: string;
    to_stage: string;
    value_from: number;
    value_to: number;
    reason: string;
  }>(sql.downgrades(d, options.from, options.to));
  const horizonYears = checkNumber('markovHorizonYears', options.horizonYears, 'the Markov horizon (years)', 1);
  const annualRate = checkNumber('discountRate', options.annualDiscountRate, 'the annual discount rate', 0.1);
  const periodDays = isoToDay(options.to) - isoToDay(options.from);
  const [{ first }] = (await engine.rows<{ first: string }>(firstEventDateSql())) as [{ first: string }];
  const horizonDays = Math.round(markovPeriods(horizonYears, periodDays) * periodDays);
  const spanDays = Math.max(0, Math.min(horizonDays, isoToDay(options.from) - isoToDay(first) + 1));
  const historicStart = dayToIso(isoToDay(options.from) - spanDays);
  const markovCells = await engine.rows<{ from_state: string; to_state: string; customers: number }>(
    sql.markovTransition(d, options.from, options.to, dim),
  );
  const revenue = await engine.rows<{ state: string; customers: number; revenue: number; past: number }>(
    sql.markovRevenue(d, options.from, options.to, historicStart, dim),
  );
  return {
    from: options.from,
    to: options.to,
    fromComputedAt: a.computedAt,
    toComputedAt: b.computedAt,
    dimension: dim,
    matrix,
    fromCounts: count(matrix.fromStates, matrix.rowTotals),
    toCounts: count(matrix.toStates, matrix.columnTotals),
    downgrades: down.map((r) => ({
      customerId: r.customer_id,
      fromTier: r.from_tier,
      toTier: r.to_tier,
      fromStage: r.from_stage,
      toStage: r.to_stage,
      valueFrom: r.value_from,
      valueTo: r.value_to,
      reason: r.reason,
    })),
    markov: markovView(
      markovCells,
      revenue,
      order.filter((x) => x !== NOT_YET && x !== GONE),
      { periodDays, annualRate, horizonYears, historicSpanDays: spanDays },
    ),
  };
}
