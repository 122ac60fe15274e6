import { COUNT_MODEL_REGISTRY, type CountModelName } from '../models/count-models.js';
import { compressRows, type CompressedRows } from '../models/shared/compress.js';
import { profitClv } from '../profitability/profit-clv.js';
import { PERIODS_PER_YEAR, scoreCountModel } from '../scores/clv.js';
import { isoToDay, DAYS_PER_PERIOD, type CustomerSummary } from '../summary/summary.js';
import { LIFECYCLE_STAGES } from '../segments/lifecycle.js';
import type { RetentionHistory } from './retention-history.js';
import { retentionOptions, riskLabelOf, RISK_LABELS, type RetentionOptions } from './retention-options.js';
import { returnProbability } from './return-probability.js';
import { waitingTimeQuantile } from './waiting-time.js';

/** The retention lists a customer can be on (index stored per customer). */
export const RETENTION_LISTS = ['', 'at_risk', 'win_back'] as const;
export type RetentionList = (typeof RETENTION_LISTS)[number];

/** What the retention scores are computed from; every array is in the summary's order. */
export interface RetentionInput {
  /** The per-customer summary as of the as-of day (model periods). */
  summary: CustomerSummary;
  /** The same customers as of `lookbackDays` earlier. */
  history: RetentionHistory;
  model: CountModelName;
  params: Record<string, number>;
  /** The fitted model's scores as of the as-of day (see `ModelScores`). */
  scores: {
    pAlive: Float64Array;
    expectedPurchases: Float64Array;
    expectedSpend: Float64Array;
    horizonYears: number;
    annualDiscountRate: number;
  };
  /** Lifecycle stage (index into LIFECYCLE_STAGES) and rhythm (days) per customer. */
  lifecycle: { stage: Uint8Array; rhythmDays: Float64Array };
  /** Historic unit economics for a margin basis (with a cost model); revenue basis without. */
  unitEconomics?: { marginRate: Float64Array; costPerTransaction: Float64Array } | null;
  options?: RetentionOptions;
}

/** Every customer's retention scores, in the summary's order. Days are calendar days. */
export interface CustomerRetention {
  asOf: string;
  before: string;
  length: number;
  options: Required<RetentionOptions>;
  /** 'revenue' (CLV at margin 100%) or 'margin' (profit CLV under the cost model). */
  valueBasis: 'revenue' | 'margin';
  pAlive: Float64Array;
  pAliveBefore: Float64Array;
  /** P(at least one purchase in the next `horizonDays`), now and at `before`. */
  pReturn: Float64Array;
  pReturnBefore: Float64Array;
  /** Index into RISK_LABELS. */
  risk: Uint8Array;
  /** The risk order: expected purchases over the model horizon (lower = more at risk). */
  riskScore: Float64Array;
  daysSilent: Float64Array;
  rhythmDays: Float64Array;
  overdue: Float64Array;
  /** Days from the as-of day to the next purchase if alive: median and interval (Infinity beyond reach). */
  nextDays: Float64Array;
  nextLowDays: Float64Array;
  nextHighDays: Float64Array;
  /** Expected value over the model horizon if the customer is alive (currency, value basis). */
  valueIfAlive: Float64Array;
  /** (1 − P(alive)) × max(value if alive, 0); 0 when net revenue ≤ 0. */
  valueAtRisk: Float64Array;
  valueAtRiskBefore: Float64Array;
  /** Index into RETENTION_LISTS. */
  list: Uint8Array;
}

const STAGE = Object.fromEntries(LIFECYCLE_STAGES.map((s, i) => [s, i])) as Record<(typeof LIFECYCLE_STAGES)[number], number>;

/**
 * Expected purchases and CLV over the horizon for customers known alive at T (tₓ = T): the curves
 * behind the scores, without P(alive). Scored once per distinct (x, T) of `pairs` (spend 1), then per
 * customer with the same arithmetic as scoring every customer: ((P·d)·spend)/P, (P·E)/P.
 */
function ifAlive(
  model: CountModelName,
  params: Record<string, number>,
  pairs: CompressedRows,
  input: RetentionInput,
): { purchases: Float64Array; clv: Float64Array } {
  const { period } = input.summary;
  const P = PERIODS_PER_YEAR[period];
  const horizon = Math.round(input.scores.horizonYears * P * 1e9) / 1e9;
  const x = pairs.columns[0]!,
    T = pairs.columns[1]!;
  const s = scoreCountModel(
    COUNT_MODEL_REGISTRY[model],
    params,
    { x, tx: T, T },
    {
      horizon,
      annualDiscountRate: input.scores.annualDiscountRate,
      periodsPerYear: P,
      spend: new Float64Array(pairs.size).fill(1),
      margin: 1,
    },
  );
  const row = pairs.rowPattern,
    spend = input.scores.expectedSpend;
  const purchases = new Float64Array(row.length),
    clv = new Float64Array(row.length);
  for (let i = 0; i < row.length; i++) {
    const j = row[i]!;
    purchases[i] = s.expectedPurchases[j]! / s.pAlive[j]!;
    clv[i] = (s.clv[j]! * spend[i]!) / s.pAlive[j]!;
  }
  return { purchases, clv };
}

/**
 * Per-customer risk, timing and value at risk as of the summary's day, from a fitted count model,
 * and membership of the at-risk and win-back lists (rules: `retentionRules`). Pure: no database.
 *
 * ## Method
 * P(return) = P(alive) · P(purchase within the horizon | alive) (`returnProbability`); next-purchase
 * quantiles from the posterior Lomax waiting time (`waitingTimeQuantile`, counted from the as-of day);
 * value if alive = the model's CLV curve for a customer known alive at T (scored with tₓ = T and
 * divided by that P(alive), so the value does not underflow when P(alive) does), on the revenue
 * basis (margin 100%) or, with unit economics, the profit CLV (`profitClv`). The "before" values
 * re-evaluate the same fitted model on each customer's history as of the earlier day (today's
 * expected spend). Cost: the distinct (x, T) pairs now and then found once each and every curve
 * evaluated per pair, P(alive) before over (x, tₓ, T), plus O(n).
 * @throws InputError `bad_retention_option` (see `retentionOptions`)
 * @example
 * const r = computeRetention({ summary, history, model: 'pareto-nbd', params, scores, lifecycle });
 * r.pReturn[0]; // chance customer 1 buys in the next 90 days
 */
export function computeRetention(input: RetentionInput): CustomerRetention {
  const o = retentionOptions(input.options);
  const { summary: s, history: h, model, params } = input;
  const n = s.length;
  const per = DAYS_PER_PERIOD[s.period];
  const spec = COUNT_MODEL_REGISTRY[model];
  const asOfDay = isoToDay(s.calibrationEnd);
  const horizon = o.horizonDays / per;
  const pAlive = input.scores.pAlive;
  const pAliveBefore = spec.pAlive(params, { x: h.x, tx: h.tx, T: h.T });
  // everything but P(alive) depends on a customer through (x, T) only: evaluated per distinct pair
  const nowPairs = compressRows([s.frequency, s.T]),
    thenPairs = compressRows([h.x, h.T]);
  const pReturn = returnProbability(model, params, { x: s.frequency, T: s.T }, horizon, pAlive, nowPairs);
  const pReturnBefore = returnProbability(model, params, { x: h.x, T: h.T }, horizon, pAliveBefore, thenPairs);
  const now = ifAlive(model, params, nowPairs, input);
  const then = ifAlive(model, params, thenPairs, input);
  const ue = input.unitEconomics ?? null;
  const value = (c: { purchases: Float64Array; clv: Float64Array }): Float64Array =>
    ue
      ? profitClv({
          expectedTransactions: c.purchases,
          expectedSpend: input.scores.expectedSpend,
          marginRate: ue.marginRate,
          costPerTransaction: ue.costPerTransaction,
          horizonYears: input.scores.horizonYears,
          annualDiscountRate: input.scores.annualDiscountRate,
        })
      : c.clv;
  const valueIfAlive = value(now),
    valueIfAliveBefore = value(then);
  const [qm, qlo, qhi] = o.nextPurchaseQuantiles;
  const r = {
    asOf: s.calibrationEnd,
    before: h.before,
    length: n,
    options: o,
    valueBasis: ue ? 'margin' : 'revenue',
    pAlive,
    pAliveBefore,
    pReturn,
    pReturnBefore,
    risk: new Uint8Array(n),
    riskScore: input.scores.expectedPurchases,
    daysSilent: new Float64Array(n),
    rhythmDays: input.lifecycle.rhythmDays,
    overdue: new Float64Array(n),
    nextDays: new Float64Array(n),
    nextLowDays: new Float64Array(n),
    nextHighDays: new Float64Array(n),
    valueIfAlive,
    valueAtRisk: new Float64Array(n),
    valueAtRiskBefore: new Float64Array(n),
    list: new Uint8Array(n),
  } satisfies CustomerRetention;
  const lapsed = STAGE.lapsed,
    churned = STAGE.churned;
  const wait = (q: number): Float64Array => {
    const out = new Float64Array(nowPairs.size);
    for (let j = 0; j < out.length; j++)
      out[j] = per * waitingTimeQuantile(params.r! + nowPairs.columns[0]![j]!, params.alpha! + nowPairs.columns[1]![j]!, q);
    return out;
  };
  const [wm, wlo, whi] = [wait(qm), wait(qlo), wait(qhi)];
  for (let i = 0; i < n; i++) {
    r.risk[i] = RISK_LABELS.indexOf(riskLabelOf(pReturn[i]!, o));
    r.daysSilent[i] = asOfDay - s.lastPurchase[i]!;
    r.overdue[i] = r.rhythmDays[i]! > 0 ? r.daysSilent[i]! / r.rhythmDays[i]! : 0;
    const j = nowPairs.rowPattern[i]!; // k = r + x, A = α + T (waiting-time.ts)
    r.nextDays[i] = wm[j]!;
    r.nextLowDays[i] = wlo[j]!;
    r.nextHighDays[i] = whi[j]!;
    const worth = s.netRevenue[i]! > 0 ? 1 : 0;
    r.valueAtRisk[i] = worth * (1 - pAlive[i]!) * Math.max(valueIfAlive[i]!, 0);
    r.valueAtRiskBefore[i] = h.acquiredSince[i] ? 0 : worth * (1 - pAliveBefore[i]!) * Math.max(valueIfAliveBefore[i]!, 0);
    const stage = input.lifecycle.stage[i]!;
    if (!(r.valueAtRisk[i]! > 0)) continue;
    if (stage === lapsed || stage === churned) r.list[i] = 2;
    else if (r.risk[i]! > 0 && pReturn[i]! < pReturnBefore[i]!) r.list[i] = 1;
  }
  return r;
}
