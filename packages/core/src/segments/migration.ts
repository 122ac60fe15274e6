import type { Engine } from '../engine/engine.js';
import { InputError } from '../errors.js';
import { LIFECYCLE_STAGES } from './lifecycle.js';
import { markovCustomerValue } from './markov-value.js';
import { downgradesSql, GONE, MIGRATION_DIMENSIONS, NOT_YET, rewardSql, tierOrderSql, transitionSql, type MigrationDimension } from './migration-sql.js';
import { RFM_SEGMENTS } from './rfm-segments.js';
import { requireSnapshot } from './snapshots.js';
import { buildTransitionMatrix, type TransitionCell, type TransitionMatrix } from './transition-matrix.js';

export interface MigrationOptions {
  from: string;
  to: string;
  /** Snapshot column to compare (default `value_tier`). */
  dimension?: MigrationDimension;
  /** Annual discount rate for the Markov value (default 0.10), converted to the snapshot interval. */
  annualDiscountRate?: number;
}

export interface Downgrade { customerId: string; fromTier: string; toTier: string; fromStage: string; toStage: string; valueFrom: number; valueTo: number; reason: string }

export interface MarkovView {
  /** Days between the snapshots = one transition period. */
  periodDays: number;
  /** Discount rate per period: (1 + annual)^(periodDays / 365.25) − 1. */
  discountRate: number;
  states: string[];
  /** Row-stochastic P among the first snapshot's states (customers missing later left out). */
  transition: number[][];
  /** Net revenue per customer and period by state at the start of the period (currency). */
  reward: number[];
  /** Pfeifer–Carraway V^∞ per starting state (currency). */
  value: number[];
}

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

const dayOf = (iso: string): number => Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / 86_400_000;

/**
 * Migration between two stored snapshots: the transition matrix (counts, row shares, value at both
 * ends), the customers who moved down a value tier or into at-risk, and the Markov-chain customer
 * value per state (Pfeifer & Carraway 2000) with the observed transition shares as P and the revenue
 * per customer in the interval as the reward.
 * @throws InputError `snapshot_not_found`, `bad_dimension`, `bad_period_order`
 * @example
 * const m = await migrateSnapshots(engine, { from: '1997-06-30', to: '1997-12-31' });
 * m.matrix.counts; // rows sum to the June snapshot's counts per tier
 */
export async function migrateSnapshots(engine: Engine, options: MigrationOptions): Promise<MigrationReport> {
  const dim = options.dimension ?? 'value_tier';
  if (!MIGRATION_DIMENSIONS.includes(dim)) throw new InputError('bad_dimension', `--by must be one of ${MIGRATION_DIMENSIONS.join(', ')}; got "${dim}"`, { dim });
  if (!(options.from < options.to)) throw new InputError('bad_period_order', `--from (${options.from}) must come before --to (${options.to})`, options as unknown as Record<string, unknown>);
  const a = await requireSnapshot(engine, options.from);
  const b = await requireSnapshot(engine, options.to);
  const d = engine.dialect;
  const cells = await engine.rows<TransitionCell>(transitionSql(d, options.from, options.to, dim));
  const order = dim === 'value_tier' ? (await engine.rows<{ value_tier: string }>(tierOrderSql(d, options.to))).map((r) => r.value_tier)
    : dim === 'lifecycle_stage' ? [...LIFECYCLE_STAGES] : dim === 'rfm_segment' ? [...RFM_SEGMENTS] : [];
  const matrix = buildTransitionMatrix(cells, [NOT_YET, ...order, GONE]);
  const count = (states: string[], totals: number[]): Record<string, number> =>
    Object.fromEntries(states.map((s, i) => [s, totals[i]!] as const).filter(([s]) => s !== NOT_YET && s !== GONE));
  const down = await engine.rows<{ customer_id: string; from_tier: string; to_tier: string; from_stage: string; to_stage: string; value_from: number; value_to: number; reason: string }>(downgradesSql(d, options.from, options.to));
  const rewards = await engine.rows<{ state: string; customers: number; revenue: number }>(rewardSql(d, options.from, options.to, dim));
  return {
    from: options.from, to: options.to, fromComputedAt: a.computedAt, toComputedAt: b.computedAt, dimension: dim, matrix,
    fromCounts: count(matrix.fromStates, matrix.rowTotals),
    toCounts: count(matrix.toStates, matrix.columnTotals),
    downgrades: down.map((r) => ({ customerId: r.customer_id, fromTier: r.from_tier, toTier: r.to_tier, fromStage: r.from_stage, toStage: r.to_stage, valueFrom: r.value_from, valueTo: r.value_to, reason: r.reason })),
    markov: markovView(matrix, rewards, dayOf(options.to) - dayOf(options.from), options.annualDiscountRate ?? 0.1),
  };
}

/**
 * The Markov view of a transition matrix: states = the first snapshot's states; P = row shares among
 * customers present in both snapshots (entrants and leavers left out; a state's row renormalised);
 * reward = net revenue per customer in the interval.
 */
export function markovView(m: TransitionMatrix, rewards: readonly { state: string; customers: number; revenue: number }[], periodDays: number, annualRate: number): MarkovView {
  const states = m.fromStates.filter((s) => s !== NOT_YET && s !== GONE && m.toStates.includes(s));
  // states reachable in the second snapshot but absent in the first join the chain too
  for (const s of m.toStates) if (s !== GONE && s !== NOT_YET && !states.includes(s)) states.push(s);
  const k = states.length;
  const P = new Float64Array(k * k);
  const transition: number[][] = [];
  for (let i = 0; i < k; i++) {
    const fi = m.fromStates.indexOf(states[i]!);
    const row = states.map((s) => (fi < 0 ? 0 : m.counts[fi]![m.toStates.indexOf(s)] ?? 0));
    const total = row.reduce((x, y) => x + y, 0);
    const p = total > 0 ? row.map((x) => x / total) : states.map((_, j) => (j === i ? 1 : 0)); // unseen row: stays put
    p.forEach((x, j) => (P[i * k + j] = x));
    transition.push(p);
  }
  const R = Float64Array.from(states, (s) => {
    const r = rewards.find((x) => x.state === s);
    return r && r.customers > 0 ? r.revenue / r.customers : 0;
  });
  const rate = Math.pow(1 + annualRate, periodDays / 365.25) - 1;
  return { periodDays, discountRate: rate, states, transition, reward: Array.from(R), value: Array.from(markovCustomerValue(P, R, { discountRate: rate })) };
}

export interface SegmentFlow { from: string; to: string; fromState: string; toState: string; customers: number }

/**
 * Segment flows over several stored snapshots (consecutive pairs, oldest first): the links of a
 * Sankey chart.
 * @throws InputError when fewer than two dates are given or a snapshot is missing.
 */
export async function segmentFlows(engine: Engine, dates: readonly string[], dimension: MigrationDimension = 'value_tier'): Promise<SegmentFlow[]> {
  if (dates.length < 2) throw new InputError('bad_usage', `Segment flows need at least two snapshot dates; got ${dates.length}`, {});
  if (!MIGRATION_DIMENSIONS.includes(dimension)) throw new InputError('bad_dimension', `dimension must be one of ${MIGRATION_DIMENSIONS.join(', ')}`, { dimension });
  const sorted = [...dates].sort();
  const out: SegmentFlow[] = [];
  for (let i = 1; i < sorted.length; i++) {
    await requireSnapshot(engine, sorted[i - 1]!);
    await requireSnapshot(engine, sorted[i]!);
    const cells = await engine.rows<TransitionCell>(transitionSql(engine.dialect, sorted[i - 1]!, sorted[i]!, dimension));
    for (const c of cells) out.push({ from: sorted[i - 1]!, to: sorted[i]!, fromState: c.from_state, toState: c.to_state, customers: c.customers });
  }
  return out;
}
