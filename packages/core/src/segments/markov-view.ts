import { markovCustomerValue } from './markov-value.js';
import { LOST } from './migration-sql.js';

/** The Markov-chain customer value per state of a migration (see {@link markovView}). */
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
