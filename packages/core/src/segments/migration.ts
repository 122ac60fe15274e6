import type { Engine, SqlDialect } from '../engine/engine.js';
import { InputError } from '../errors.js';
import { LIFECYCLE_STAGES } from './lifecycle.js';
import { markovCustomerValue } from './markov-value.js';
import {
  downgradesSql,
  GONE,
  LOST,
  markovRevenueSql,
  markovTransitionSql,
  MIGRATION_DIMENSIONS,
  NOT_YET,
  tierOrderSql,
  transitionSql,
  type MigrationDimension,
} from './migration-sql.js';
import {
  plainDowngradesSql,
  plainMarkovRevenueSql,
  plainMarkovTransitionSql,
  plainTierOrderSql,
  plainTransitionSql,
} from './migration-plain-sql.js';
import { checkNumber } from '../numeric-limits.js';
import { RFM_SEGMENTS } from './rfm-segments.js';
import { requireSnapshot } from './snapshots.js';
import { buildTransitionMatrix, type TransitionCell, type TransitionMatrix } from './transition-matrix.js';
import { dayToIso, isoToDay } from '../summary/summary.js';

/** The migration statements for an engine: DuckDB's WITH form, or the plain per-shard form (ClickHouse). */
const statementsFor = (d: SqlDialect) =>
  d.name === 'duckdb'
    ? {
        transition: transitionSql,
        downgrades: downgradesSql,
        tierOrder: tierOrderSql,
        markovTransition: markovTransitionSql,
        markovRevenue: markovRevenueSql,
      }
    : {
        transition: plainTransitionSql,
        downgrades: plainDowngradesSql,
        tierOrder: plainTierOrderSql,
        markovTransition: plainMarkovTransitionSql,
        markovRevenue: plainMarkovRevenueSql,
      };

export interface MigrationOptions {
  from: string;
  to: string;
  /** Snapshot column to compare (default `value_tier`). */
  dimension?: MigrationDimension;
  /** Annual discount rate for the Markov value (default 0.10), converted to the snapshot interval. */
  annualDiscountRate?: number;
  /** Horizon of the Markov value in years (default 1, as the CLV's 52 weeks), in whole snapshot intervals. */
  horizonYears?: number;
}

export interface Downgrade {
  customerId: string;
  fromTier: string;
  toTier: string;
  fromStage: string;
  toStage: string;
  valueFrom: number;
  valueTo: number;
  reason: string;
}

export interface MarkovView {
  /** Days between the snapshots = one transition period. */
  periodDays: number;
  /** Discount rate per period: (1 + annual)^(periodDays / 365.25) − 1. */
  discountRate: number;
  /** The horizon asked for (years) and the whole periods it covers: value = Σ_{t<periods} (P/(1+d))^t R. */
  horizonYears: number;
  periods: number;
  /** States of the chain, the absorbing `lostState` last. */
  states: string[];
  /** Customers who were churned (lifecycle) at a snapshot: once lost, always lost, reward 0. */
  lostState: string;
  /** Row-stochastic P among customers present in both snapshots; the lost row is absorbing. */
  transition: number[][];
  /** Net revenue per customer and period by state at the start of the period (currency). */
  reward: number[];
  /** Expected discounted net revenue per customer over the horizon, by starting state (Pfeifer–Carraway V^T, currency). */
  value: number[];
  /** Net revenue per customer of each state in the span before the first snapshot, scaled to the horizon (currency; NaN without history). */
  historic: number[];
  /** Days of history behind `historic` (the horizon, or less when the log starts later). */
  historicSpanDays: number;
  /** Share of the customers lost at the first snapshot who were not lost at the second: what the absorbing assumption ignores. */
  lostReturnShare: number;
  /** Plain-words doubts: states whose value exceeds {@link MARKOV_SANITY_FACTOR}× their historic value, no history to compare. */
  warnings: string[];
  /** The rule in words. */
  rule: string;
}

/** A state's Markov value above this many times its historic value over the same span is flagged. */
export const MARKOV_SANITY_FACTOR = 3;

export interface MigrationReport {
  from: string;
  to: string;
  fromComputedAt: string;
  toComputedAt: string;
  dimension: MigrationDimension;
  matrix: TransitionMatrix;
  /** Customers per state in each snapshot (the matrix's row and column totals without the NOT_YET / GONE entries). */
  fromCounts: Record<string, number>;
  toCounts: Record<string, number>;
  downgrades: Downgrade[];
  markov: MarkovView;
}

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
  const sql = statementsFor(d);
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
  const [{ first }] = (await engine.rows<{ first: string }>(`SELECT CAST(min(event_date) AS VARCHAR) AS first FROM transactions`)) as [
    { first: string },
  ];
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

/**
 * Whole transition periods in a horizon of `years` (at least one).
 * @example markovPeriods(1, 90); // 4 quarters
 */
export function markovPeriods(years: number, periodDays: number): number {
  return Math.max(1, Math.round((years * 365.25) / periodDays));
}

/**
 * The Markov-chain customer value per state (Pfeifer & Carraway 2000, "Modeling customer relationships
 * as Markov chains", J. Interactive Marketing 14(2)) from two snapshots, made to answer "what is a
 * customer in this state worth over the next year" rather than "forever":
 * - states: the dimension's values, plus an absorbing LOST state for customers whose lifecycle stage is
 *   churned (at either snapshot); P = observed row shares among customers present in both snapshots
 *   (a state with no customers stays put); the LOST row is [0 … 0 1] and earns 0 (the share of lost
 *   customers seen coming back, which this ignores, is in `lostReturnShare`);
 * - reward R = net revenue per customer in the interval by starting state;
 * - value over a finite horizon (default 1 year, whole intervals n), discounted at the annual rate
 *   converted to the interval: V = Σ_{t=0}^{n−1} (P/(1+d))^t R;
 * - sanity check: each state's V against its customers' net revenue over the same span before the
 *   first snapshot (scaled to the horizon when the log is shorter); V above
 *   {@link MARKOV_SANITY_FACTOR}× that history is flagged in `warnings`, in plain words.
 *
 * @param cells - transitions between Markov states (from `markovTransitionSql`)
 * @param revenue - per starting state: customers, revenue in the interval, revenue in the span before
 * @param order - state order for display (tier order); others follow by name, LOST last
 * @example
 * markovView([{ from_state: 'A', to_state: 'A', customers: 6 }, { from_state: 'A', to_state: 'lost (churned)', customers: 4 }],
 *   [{ state: 'A', customers: 10, revenue: 1000, past: 1000 }], ['A'], { periodDays: 365, annualRate: 0.1, horizonYears: 2, historicSpanDays: 365 }).value;
 * // → [100 + 0.6 · 100 / 1.1 ≈ 154.55, 0]
 */
export function markovView(
  cells: readonly { from_state: string; to_state: string; customers: number }[],
  revenue: readonly { state: string; customers: number; revenue: number; past: number }[],
  order: readonly string[],
  o: { periodDays: number; annualRate: number; horizonYears: number; historicSpanDays: number },
): MarkovView {
  const seen = new Set<string>([...cells.flatMap((c) => [c.from_state, c.to_state]), ...revenue.map((r) => r.state)]);
  seen.delete(LOST);
  const states = [...order.filter((s) => seen.has(s)), ...[...seen].filter((s) => !order.includes(s)).sort(), LOST];
  const k = states.length,
    lost = k - 1;
  const counts = states.map(() => new Float64Array(k));
  for (const c of cells) counts[states.indexOf(c.from_state)]![states.indexOf(c.to_state)]! += c.customers;
  const P = new Float64Array(k * k);
  const transition: number[][] = [];
  for (let i = 0; i < k; i++) {
    const total = i === lost ? 0 : counts[i]!.reduce((a, b) => a + b, 0);
    const row = states.map((_, j) => (total > 0 ? counts[i]![j]! / total : j === i ? 1 : 0)); // lost, or unseen: stays put
    row.forEach((x, j) => (P[i * k + j] = x));
    transition.push(row);
  }
  const lostTotal = counts[lost]!.reduce((a, b) => a + b, 0);
  const lostReturnShare = lostTotal > 0 ? 1 - counts[lost]![lost]! / lostTotal : 0;
  const at = (s: string) => revenue.find((r) => r.state === s);
  const R = Float64Array.from(states, (s, i) => {
    const r = at(s);
    return i !== lost && r && r.customers > 0 ? r.revenue / r.customers : 0;
  });
  const rate = Math.pow(1 + o.annualRate, o.periodDays / 365.25) - 1;
  const periods = markovPeriods(o.horizonYears, o.periodDays);
  const value = Array.from(markovCustomerValue(P, R, { discountRate: rate, horizon: periods - 1 }));
  const horizonDays = periods * o.periodDays;
  const historic = states.map((s) => {
    const r = at(s);
    return r && r.customers > 0 && o.historicSpanDays > 0 ? (r.past / r.customers) * (horizonDays / o.historicSpanDays) : Number.NaN;
  });
  const money = (v: number): string => v.toLocaleString('en-US', { maximumFractionDigits: 2 });
  const span = `${(horizonDays / 365.25).toFixed(2)} years`;
  const warnings: string[] = [];
  states.forEach((s, i) => {
    if (i === lost || !(value[i]! > 0)) return;
    const h = historic[i]!;
    if (Number.isNaN(h))
      warnings.push(`${s}: no purchase history before the first snapshot to check its Markov value (${money(value[i]!)}) against`);
    else if (value[i]! > MARKOV_SANITY_FACTOR * Math.max(h, 0)) {
      warnings.push(
        `${s}: a customer is valued at ${money(value[i]!)} over the next ${span}, more than ${MARKOV_SANITY_FACTOR}× what the state's customers brought in over the ${span} before (${money(h)}${o.historicSpanDays < horizonDays ? `, scaled from ${o.historicSpanDays} days` : ''}); the two snapshots' transitions do not look like this business's history, so read this value as a what-if, not a forecast`,
      );
    }
  });
  const rule = `Pfeifer & Carraway (2000): P = observed row shares between the snapshots, churned customers in an absorbing "${LOST}" state worth 0; reward = net revenue per customer in one ${o.periodDays}-day interval by starting state; value = discounted sum over the next ${periods} interval${periods === 1 ? '' : 's'} (${span}) at ${(100 * o.annualRate).toFixed(1)}% a year (${(100 * rate).toFixed(2)}% per interval)`;
  return {
    periodDays: o.periodDays,
    discountRate: rate,
    horizonYears: o.horizonYears,
    periods,
    states,
    lostState: LOST,
    transition,
    reward: Array.from(R),
    value,
    historic,
    historicSpanDays: o.historicSpanDays,
    lostReturnShare,
    warnings,
    rule,
  };
}

export interface SegmentFlow {
  from: string;
  to: string;
  fromState: string;
  toState: string;
  customers: number;
}

/**
 * Segment flows over several stored snapshots (consecutive pairs, oldest first): the links of a
 * Sankey chart.
 * @throws InputError when fewer than two dates are given or a snapshot is missing.
 */
export async function segmentFlows(
  engine: Engine,
  dates: readonly string[],
  dimension: MigrationDimension = 'value_tier',
): Promise<SegmentFlow[]> {
  if (dates.length < 2) throw new InputError('bad_usage', `Segment flows need at least two snapshot dates; got ${dates.length}`, {});
  if (!MIGRATION_DIMENSIONS.includes(dimension))
    throw new InputError('bad_dimension', `dimension must be one of ${MIGRATION_DIMENSIONS.join(', ')}`, { dimension });
  const sorted = [...dates].sort();
  const out: SegmentFlow[] = [];
  for (let i = 1; i < sorted.length; i++) {
    await requireSnapshot(engine, sorted[i - 1]!);
    await requireSnapshot(engine, sorted[i]!);
    const cells = await engine.rows<TransitionCell>(
      statementsFor(engine.dialect).transition(engine.dialect, sorted[i - 1]!, sorted[i]!, dimension),
    );
    for (const c of cells)
      out.push({ from: sorted[i - 1]!, to: sorted[i]!, fromState: c.from_state, toState: c.to_state, customers: c.customers });
  }
  return out;
}
