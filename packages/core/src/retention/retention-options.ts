import { InputError } from '../errors.js';

/** Churn-risk labels, least to most at risk. */
export const RISK_LABELS = ['low', 'medium', 'high'] as const;
export type RiskLabel = (typeof RISK_LABELS)[number];

/** How the retention scores and lists are computed; every number is printed with the results. */
export interface RetentionOptions {
  /** Horizon of P(return), the chance of at least one purchase, in days (default 90). */
  horizonDays?: number;
  /** How far back "before" is for the P(alive) and P(return) change, in days (default 90). */
  lookbackDays?: number;
  /** P(return) below this is high risk (default 0.2) … */
  highRiskBelow?: number;
  /** … and below this medium risk; at or above it low risk (default 0.5). */
  mediumRiskBelow?: number;
  /** Point prediction and interval of the next purchase: quantiles of the waiting time (default 0.5, 0.1, 0.9). */
  nextPurchaseQuantiles?: readonly [median: number, lower: number, upper: number];
  /** Next-purchase dates further than this many days are left empty ("not within …"; default 3,650). */
  maxNextPurchaseDays?: number;
}

export const RETENTION_DEFAULTS: Required<RetentionOptions> = {
  horizonDays: 90,
  lookbackDays: 90,
  highRiskBelow: 0.2,
  mediumRiskBelow: 0.5,
  nextPurchaseQuantiles: [0.5, 0.1, 0.9],
  maxNextPurchaseDays: 3650,
};

/**
 * Options with defaults filled in and checked.
 * @throws InputError `bad_retention_option` for a non-positive horizon or lookback, thresholds outside
 *   (0, 1) or out of order, quantiles outside (0, 1) or not lower < median < upper
 */
export function retentionOptions(o: RetentionOptions = {}): Required<RetentionOptions> {
  const r = { ...RETENTION_DEFAULTS, ...o };
  const bad = (message: string): never => {
    throw new InputError('bad_retention_option', message, { options: o });
  };
  if (!(r.horizonDays > 0 && r.horizonDays <= 3650)) bad(`the risk horizon must be 1..3650 days; got ${r.horizonDays}`);
  if (!(r.lookbackDays > 0 && r.lookbackDays <= 3650)) bad(`the lookback must be 1..3650 days; got ${r.lookbackDays}`);
  if (!(r.highRiskBelow > 0 && r.highRiskBelow < r.mediumRiskBelow && r.mediumRiskBelow < 1)) {
    bad(
      `risk thresholds must satisfy 0 < high < medium < 1 (P(return) cut points); got high ${r.highRiskBelow}, medium ${r.mediumRiskBelow}`,
    );
  }
  const [m, lo, hi] = r.nextPurchaseQuantiles;
  if (!(lo > 0 && lo < m && m < hi && hi < 1))
    bad(`next-purchase quantiles must satisfy 0 < lower < median < upper < 1; got ${r.nextPurchaseQuantiles.join(', ')}`);
  if (!(r.maxNextPurchaseDays > 0)) bad(`maxNextPurchaseDays must be positive; got ${r.maxNextPurchaseDays}`);
  return r;
}

/** The risk label of a P(return). */
export function riskLabelOf(pReturn: number, o: Required<RetentionOptions>): RiskLabel {
  return pReturn < o.highRiskBelow ? 'high' : pReturn < o.mediumRiskBelow ? 'medium' : 'low';
}

const pct = (v: number): string => `${+(100 * v).toFixed(1)}%`;

/** The rules behind the retention columns and lists, as sentences with the numbers applied. */
export function retentionRules(o: Required<RetentionOptions>, model: string, valueBasis: string): string[] {
  const [m, lo, hi] = o.nextPurchaseQuantiles;
  return [
    `P(return) = chance of at least one purchase in the next ${o.horizonDays} days under the fitted ${model} model (P(alive) × P(a purchase within the horizon | alive, history))`,
    `churn risk: high when P(return) < ${pct(o.highRiskBelow)}, medium when < ${pct(o.mediumRiskBelow)}, low otherwise`,
    `risk order: expected purchases over the model horizon, lowest first (the backtest compares it with P(return), P(alive) and days since the last purchase)`,
    `next purchase: the ${pct(m)} quantile of the waiting time from the as-of day if the customer is alive (posterior Gamma(r + x, α + T) purchase rate), interval ${pct(lo)}–${pct(hi)}; dates beyond ${o.maxNextPurchaseDays} days are left empty`,
    `rhythm = the customer's mean days between purchase days (the base median for one-time buyers); overdue = days since the last purchase ÷ rhythm`,
    `value at risk = (1 − P(alive)) × value if alive (${valueBasis}; revenue = CLV at margin 100%, profit = profit CLV under the cost model: expected purchases × (margin rate × spend − cost-to-serve per order)), 0 for customers whose value is not positive (e.g. everything returned)`,
    `changes are against ${o.lookbackDays} days before the as-of day, re-evaluated with today's fitted model on the history known then; a customer acquired since then is compared with their state on their first purchase day`,
    `at-risk list: not lapsed or churned, medium or high risk, P(return) lower than ${o.lookbackDays} days before, value at risk > 0; ranked by value at risk`,
    `win-back list: lapsed or churned (lifecycle stage), value at risk > 0 (the value of winning them back beyond the chance they return anyway); ranked by that value`,
  ];
}
