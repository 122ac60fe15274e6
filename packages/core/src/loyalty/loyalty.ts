import type { Engine } from '../engine/engine.js';
import { InputError } from '../errors.js';
import { wilsonInterval } from '../math/stats/proportion-intervals.js';
import type { LoyaltyProgram } from './loyalty-program.js';
import { purchaseDaysSql } from './loyalty-sql.js';
import { groupPurchases, monthEndReviews, NOT_YET, tiersOverTime, type PurchaseDays } from './loyalty-tiers.js';
import { MS_PER_DAY } from '../summary/summary.js';

/** Members of one tier at one review and how they got there since the previous review. */
export interface TierReviewRow {
  review: string;
  tier: string;
  members: number;
  /** Customers whose first purchase fell since the previous review. */
  joined: number;
  movedUp: number;
  movedDown: number;
  /** In the same tier at the previous review (for a tier above the lowest: requalified). */
  kept: number;
}

/** What the members of one tier at the outcome review did in the following window, and what they cost. */
export interface TierOutcomeRow {
  tier: string;
  members: number;
  /** Share of the members with a purchase in the window after the review, with its Wilson interval. */
  retained: number;
  retainedLower: number;
  retainedUpper: number;
  /** Per member, over the window after the review (currency). */
  spend: number;
  margin: number;
  pointsEarned: number;
  benefitCost: number;
  pointsCost: number;
  /** margin − benefit cost − points cost, per member. */
  netMargin: number;
  /** Customers in the tier at the last review, and their mean predicted CLV (NaN without models). */
  currentMembers: number;
  clvPerMember: number;
}

/** The loyalty report of one programme. */
export interface LoyaltyReport {
  program: LoyaltyProgram;
  asOf: string;
  /** Review days: month ends. */
  reviews: string[];
  overTime: TierReviewRow[];
  /** The review whose following window (horizonDays) is complete; null when the log is too short. */
  outcomeReview: string | null;
  horizonDays: number;
  byTier: TierOutcomeRow[];
  /** Over the window after the outcome review, customers in any tier. */
  totals: {
    members: number;
    spend: number;
    margin: number;
    benefitCost: number;
    pointsCost: number;
    programCost: number;
    costShareOfMargin: number;
    netMargin: number;
  };
  /** Each customer's tier name at the last review ('' below the lowest tier), for comparisons. */
  current: { customerId: string[]; tier: string[] };
  rules: string[];
  warnings: string[];
}

/** Options of {@link loyaltyReport}. */
export interface LoyaltyOptions {
  /** Last day of data used (ISO). */
  asOf: string;
  /** Outcome window after the outcome review, days (default 180). */
  horizonDays?: number;
  /** Predicted CLV per customer (with its horizon) for CLV by tier. */
  clv?: { customerId: readonly string[]; values: Float64Array; unit: string } | null;
}

const DAY = MS_PER_DAY;
const iso = (day: number): string => new Date(day * DAY).toISOString().slice(0, 10);

/** Reads the purchase days of every customer up to `asOf`. */
export async function loadPurchaseDays(engine: Engine, asOf: string): Promise<PurchaseDays> {
  const b = await engine.columns(purchaseDaysSql(engine.dialect, asOf), { customer_id: 'string', day: 'f64', amount: 'f64' });
  return groupPurchases(b.strings.customer_id!, b.f64.day!, b.f64.amount!);
}

/**
 * A loyalty programme run over the transaction log (issue 15): each customer's tier at every month end
 * (see `tiersOverTime`), moves between tiers, and for the tiers at the last review whose following
 * `horizonDays` lie in the data: retention (a purchase in that window), spend, margin, points and the
 * programme's cost per member, against the margin of the members. Members are customers in any tier;
 * points are earned on gross spend; benefit costs accrue per member per year (pro rata).
 *
 * @throws InputError `no_reviews` when the log ends before its first month end
 * @example
 * const r = loyaltyReport(purchases, program, { asOf: '2024-12-31' });
 * r.byTier.map((t) => [t.tier, t.retained]);
 */
export function loyaltyReport(p: PurchaseDays, program: LoyaltyProgram, options: LoyaltyOptions): LoyaltyReport {
  const h = options.horizonDays ?? 180;
  const asOfDay = Date.parse(`${options.asOf}T00:00:00Z`) / DAY;
  let first = Infinity;
  for (let k = 0; k < p.customerId.length; k++) first = Math.min(first, p.day[p.start[k]!]!);
  const reviews = Number.isFinite(first) ? monthEndReviews(first, asOfDay) : new Float64Array(0);
  if (reviews.length === 0)
    throw new InputError(
      'no_reviews',
      `The loyalty tiers are reviewed at month ends; the log (to ${options.asOf}) has no month end after its first purchase`,
      {},
    );
  const { tier } = tiersOverTime(p, reviews, program);
  const C = p.customerId.length,
    R = reviews.length,
    T = program.tiers.length;

  const overTime: TierReviewRow[] = [];
  for (let r = 0; r < R; r++) {
    const rows = program.tiers.map((t) => ({
      review: iso(reviews[r]!),
      tier: t.name,
      members: 0,
      joined: 0,
      movedUp: 0,
      movedDown: 0,
      kept: 0,
    }));
    for (let k = 0; k < C; k++) {
      const now = tier[k * R + r]!;
      if (now < 0) continue;
      const row = rows[now]!;
      row.members++;
      const before = r === 0 ? NOT_YET : tier[k * R + r - 1]!;
      if (before === NOT_YET) row.joined++;
      else if (before < now) row.movedUp++;
      else if (before > now) row.movedDown++;
      else row.kept++;
    }
    overTime.push(...rows);
  }

  // outcomes after the last review with a complete window
  let rs = -1;
  for (let r = 0; r < R; r++) if (reviews[r]! + h <= asOfDay) rs = r;
  const acc = program.tiers.map(() => ({ members: 0, retained: 0, spend: 0, current: 0, clv: 0, clvN: 0 }));
  if (rs >= 0) {
    const at = reviews[rs]!;
    for (let k = 0; k < C; k++) {
      const t = tier[k * R + rs]!;
      if (t < 0) continue;
      const a = acc[t]!;
      a.members++;
      let spend = 0,
        any = false;
      for (let i = p.start[k]!; i < p.start[k + 1]!; i++) {
        const d = p.day[i]!;
        if (d > at && d <= at + h) {
          spend += p.amount[i]!;
          any = true;
        }
      }
      a.spend += spend;
      if (any) a.retained++;
    }
  }
  const clvAt = options.clv ? new Map(options.clv.customerId.map((id, i) => [id, i])) : null;
  const currentTier: string[] = new Array<string>(C);
  for (let k = 0; k < C; k++) {
    const t = tier[k * R + R - 1]!;
    currentTier[k] = t >= 0 ? program.tiers[t]!.name : '';
    if (t < 0) continue;
    acc[t]!.current++;
    const j = clvAt?.get(p.customerId[k]!);
    if (j !== undefined && Number.isFinite(options.clv!.values[j]!)) {
      acc[t]!.clv += options.clv!.values[j]!;
      acc[t]!.clvN++;
    }
  }
  const years = h / 365;
  const byTier: TierOutcomeRow[] = program.tiers.map((t, i) => {
    const a = acc[i]!,
      n = a.members;
    const w = wilsonInterval(a.retained, n);
    const spend = n ? a.spend / n : NaN;
    const points = spend * program.pointsPerUnit;
    const benefitCost = n ? t.benefitCostPerYear * years : NaN;
    const pointsCost = points * program.redemptionRate * program.pointCost;
    const margin = spend * program.margin;
    return {
      tier: t.name,
      members: n,
      retained: n ? a.retained / n : NaN,
      retainedLower: n ? w.lower : NaN,
      retainedUpper: n ? w.upper : NaN,
      spend,
      margin,
      pointsEarned: points,
      benefitCost,
      pointsCost,
      netMargin: margin - benefitCost - pointsCost,
      currentMembers: a.current,
      clvPerMember: a.clvN ? a.clv / a.clvN : NaN,
    };
  });
  let members = 0,
    spend = 0,
    benefit = 0,
    pointsCost = 0;
  byTier.forEach((b, i) => {
    if (b.members === 0) return;
    members += b.members;
    spend += b.spend * b.members;
    benefit += program.tiers[i]!.benefitCostPerYear * years * b.members;
    pointsCost += b.pointsCost * b.members;
  });
  const margin = spend * program.margin;
  const programCost = benefit + pointsCost;
  const warnings: string[] = [];
  if (rs < 0)
    warnings.push(
      `No month end has ${h} days of data after it (the log ends ${options.asOf}): retention, spend and cost by tier are not computed; use a shorter --horizon`,
    );
  if (T > 0 && byTier.some((b) => b.members === 0))
    warnings.push(
      `No customer was in ${byTier
        .filter((b) => b.members === 0)
        .map((b) => b.tier)
        .join(', ')} at the outcome review: check the thresholds against the spend of your customers`,
    );
  const unit = program.qualify === 'spend' ? 'gross spend' : `points (${program.pointsPerUnit} per unit spent)`;
  return {
    program,
    asOf: options.asOf,
    reviews: Array.from(reviews, iso),
    overTime,
    outcomeReview: rs >= 0 ? iso(reviews[rs]!) : null,
    horizonDays: h,
    byTier,
    totals: {
      members,
      spend,
      margin,
      benefitCost: benefit,
      pointsCost,
      programCost,
      costShareOfMargin: margin > 0 ? programCost / margin : NaN,
      netMargin: margin - programCost,
    },
    current: { customerId: p.customerId, tier: currentTier },
    rules: [
      `Tier at each month end: ${unit} over the ${program.windowDays} days up to it, in ${program.tiers.map((t) => `${t.name} [${t.min}, ${Number.isFinite(t.max) ? t.max : '∞'})`).join(', ')}.`,
      `Outcomes over the ${h} days after ${rs >= 0 ? iso(reviews[rs]!) : 'the outcome review'}: retained = at least one purchase; margin = spend × ${program.margin}; points cost = points × ${program.redemptionRate} redeemed × ${program.pointCost} per point; benefit cost = the tier's cost per year × ${years.toFixed(3)} years. Higher tiers hold customers who already bought more: the differences between tiers describe them, they are not the programme's effect.`,
      'Moves since the previous month end: joined (first purchase since), moved up, moved down, kept (same tier: requalified).',
    ],
    warnings,
  };
}
