import { medianInPlace } from '../math/stats/median.js';
/** Lifecycle stages, in report order. */
export const LIFECYCLE_STAGES = ['new', 'active', 'at_risk', 'lapsed', 'churned', 'reactivated'] as const;
export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];

/**
 * The words people see for each lifecycle stage code (`at_risk` → "at risk"): the `codes` of every
 * stage column and the labels of stage axes (the table format and the dashboard); JSON, NDJSON, CSV
 * and customer filters keep the code.
 */
export const LIFECYCLE_STAGE_WORDS: Readonly<Record<LifecycleStage, string>> = {
  new: 'new',
  active: 'active',
  at_risk: 'at risk',
  lapsed: 'lapsed',
  churned: 'churned',
  reactivated: 'reactivated',
};

export interface LifecycleInputs {
  /** Day numbers (days since 1970-01-01) of the first, last and second-to-last purchase day (NaN when only one). */
  firstDay: Float64Array;
  lastDay: Float64Array;
  prevDay: Float64Array;
  /** Purchase days up to the snapshot day. */
  purchaseDays: Float64Array;
  /** P(alive) from a fitted model, same order; optional. */
  pAlive?: Float64Array;
}

export interface LifecycleOptions {
  /** Customers whose first purchase is at most this many days old are `new` (default 90). */
  newDays?: number;
  /** Multiples of the customer's rhythm after which they are at risk, lapsed, churned (default 2, 4, 8). */
  atRiskMultiple?: number;
  lapsedMultiple?: number;
  churnedMultiple?: number;
  /** Floors in days for the three thresholds (default 30, 90, 180). */
  atRiskMinDays?: number;
  lapsedMinDays?: number;
  churnedMinDays?: number;
  /** Cap in days for all three thresholds: anyone silent this long is churned (default 730). */
  maxDays?: number;
  /** With P(alive): below this a customer is churned (default 0.1) … */
  churnedPAlive?: number;
  /** … and an otherwise active customer below this is at risk (default 0.5). */
  atRiskPAlive?: number;
}

export interface LifecycleResult {
  /** Index into {@link LIFECYCLE_STAGES} per customer. */
  stage: Uint8Array;
  /** The customer's rhythm in days (mean gap between purchase days; the base's median for one-time buyers). */
  rhythmDays: Float64Array;
  /** Median rhythm of repeat buyers (days), used for one-time buyers; `defaultRhythmDays` when nobody repeats. */
  baseRhythmDays: number;
  rules: string[];
  options: Required<LifecycleOptions>;
}

const DEFAULTS: Required<LifecycleOptions> = {
  newDays: 90,
  atRiskMultiple: 2,
  lapsedMultiple: 4,
  churnedMultiple: 8,
  atRiskMinDays: 30,
  lapsedMinDays: 90,
  churnedMinDays: 180,
  maxDays: 730,
  churnedPAlive: 0.1,
  atRiskPAlive: 0.5,
};

/** Rhythm used for one-time buyers when no customer has repeated. */
export const DEFAULT_RHYTHM_DAYS = 90;

/**
 * Lifecycle stage of every customer as of `asOfDay`.
 *
 * ## Rules (first match wins)
 * With d = days since the last purchase, ρ = the customer's rhythm (mean days between purchase
 * days, (last − first) / (purchase days − 1); for one-time buyers the median ρ of repeat buyers) and
 * threshold(m, floor) = min(max(m · ρ, floor), maxDays):
 * 1. `new`: first purchase at most `newDays` before the snapshot day.
 * 2. `reactivated`: the gap before the last purchase exceeded the churn threshold computed from the
 *    rhythm before that gap (the customer had churned), and d ≤ the at-risk threshold.
 * 3. With P(alive): P < `churnedPAlive` → `churned`.
 * 4. d ≤ threshold(atRiskMultiple, atRiskMinDays) → `active` (or `at_risk` when P(alive) < `atRiskPAlive`);
 *    ≤ threshold(lapsedMultiple, lapsedMinDays) → `at_risk`; ≤ threshold(churnedMultiple, churnedMinDays) → `lapsed`;
 *    else `churned`.
 *
 * @param asOfDay - the snapshot day as a day number (days since 1970-01-01)
 * @example
 * // bought on days 0, 30, 60; as of day 100: ρ = 30, d = 40 ≤ max(2·30, 30) = 60 → active
 * lifecycleStages({ firstDay: Float64Array.of(0), lastDay: Float64Array.of(60), prevDay: Float64Array.of(30), purchaseDays: Float64Array.of(3) }, 100).stage; // → [1]
 */
export function lifecycleStages(inputs: LifecycleInputs, asOfDay: number, options: LifecycleOptions = {}): LifecycleResult {
  const o = { ...DEFAULTS, ...options };
  const n = inputs.lastDay.length;
  const rhythm = new Float64Array(n);
  const repeat: number[] = [];
  for (let i = 0; i < n; i++) {
    const k = inputs.purchaseDays[i]!;
    rhythm[i] = k > 1 ? (inputs.lastDay[i]! - inputs.firstDay[i]!) / (k - 1) : Number.NaN;
    if (k > 1) repeat.push(rhythm[i]!);
  }
  const base = repeat.length ? medianInPlace(Float64Array.from(repeat)) : DEFAULT_RHYTHM_DAYS;
  const th = (rho: number, m: number, floor: number): number => Math.min(Math.max(m * rho, floor), o.maxDays);
  const stage = new Uint8Array(n);
  const p = inputs.pAlive;
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(rhythm[i]!)) rhythm[i] = base;
    const rho = rhythm[i]!;
    const d = asOfDay - inputs.lastDay[i]!;
    const atRisk = th(rho, o.atRiskMultiple, o.atRiskMinDays);
    if (asOfDay - inputs.firstDay[i]! <= o.newDays) {
      stage[i] = 0;
      continue;
    }
    const k = inputs.purchaseDays[i]!;
    const prev = inputs.prevDay[i]!;
    if (k > 1 && !Number.isNaN(prev) && d <= atRisk) {
      const rhoBefore = k > 2 ? (prev - inputs.firstDay[i]!) / (k - 2) : base;
      if (inputs.lastDay[i]! - prev > th(rhoBefore, o.churnedMultiple, o.churnedMinDays)) {
        stage[i] = 5;
        continue;
      }
    }
    const pa = p ? p[i]! : Number.NaN;
    if (pa < o.churnedPAlive) {
      stage[i] = 4;
      continue;
    }
    if (d <= atRisk) stage[i] = pa < o.atRiskPAlive ? 2 : 1;
    else if (d <= th(rho, o.lapsedMultiple, o.lapsedMinDays)) stage[i] = 2;
    else if (d <= th(rho, o.churnedMultiple, o.churnedMinDays)) stage[i] = 3;
    else stage[i] = 4;
  }
  return { stage, rhythmDays: rhythm, baseRhythmDays: base, rules: lifecycleRules(o, base, p !== undefined), options: o };
}

/** The rules as sentences, with the numbers applied. */
export function lifecycleRules(o: Required<LifecycleOptions>, base: number, withPAlive: boolean): string[] {
  const t = (m: number, f: number): string => `max(${m} × rhythm, ${f} days), capped at ${o.maxDays} days`;
  return [
    `rhythm = mean days between a customer's purchase days; one-time buyers use the base median ${+base.toFixed(2)} days`,
    `new: first purchase at most ${o.newDays} days before the snapshot day`,
    `reactivated: the gap before the last purchase exceeded the churn threshold (${t(o.churnedMultiple, o.churnedMinDays)}, rhythm before the gap) and days since last purchase ≤ the at-risk threshold`,
    ...(withPAlive
      ? [`churned: P(alive) < ${o.churnedPAlive}; an otherwise active customer with P(alive) < ${o.atRiskPAlive} is at risk`]
      : []),
    `active: days since last purchase ≤ ${t(o.atRiskMultiple, o.atRiskMinDays)}`,
    `at risk: ≤ ${t(o.lapsedMultiple, o.lapsedMinDays)}`,
    `lapsed: ≤ ${t(o.churnedMultiple, o.churnedMinDays)}`,
    'churned: longer than that',
  ];
}
