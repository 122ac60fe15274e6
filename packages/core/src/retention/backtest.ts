import type { Engine } from '../engine/engine.js';
import { InputError } from '../errors.js';
import { aucDeLong } from '../math/stats/auc-delong.js';
import { dateRangeSql } from '../summary/summary-sql.js';
import { isoDateOrNull } from '../engine/sql.js';
import { isoToDay, type CustomerSummary } from '../summary/summary.js';
import { timingErrors } from './backtest-timing.js';
import { brierScore, calibrationBins, gainsCurve, rankOrder } from './backtest-metrics.js';
import { RISK_LABELS, retentionOptions } from './retention-options.js';
import { retentionAsOf, type RetentionAsOf } from './retention-as-of.js';
import { backtestOutcomesSql } from './retention-sql.js';

export type { BacktestOptions, BacktestOutcomes, ScoreAuc, RetentionBacktest } from './backtest-types.js';
import type { BacktestOptions, BacktestOutcomes, RetentionBacktest, ScoreAuc } from './backtest-types.js';

/**
 * Backtests the retention ranking: scores every customer as of D with only the data up to D
 * (`retentionAsOf`: summary, model choice, fit, lifecycle, history), then reads what each did in
 * (D, E] and measures: AUC with a DeLong 95% interval for "bought again" of the ranking score
 * (expected purchases over the holdout) beside P(return), P(alive) and two naive scores (days since
 * the last purchase, repeat purchases); precision and lift in the top 10% and 20% at both ends of
 * the list; the gains curve; calibration of P(return) by deciles with the Brier score; the error of
 * the next-purchase date (median absolute error in days) against the naive "last purchase + own mean
 * gap, rolled forward past D" date; and the holdout revenue captured by each risk label.
 * @throws InputError `bad_date`, `bad_period_order`, `holdout_beyond_data`, `no_holdout_contrast`
 *   (nobody or everybody bought, so nothing can be ranked)
 * @example
 * const b = await retentionBacktest(engine, { calibrationEnd: '1997-09-30', holdoutEnd: '1998-06-30' });
 * b.scores[0].auc; // ≈ 0.78 on the CDNOW sample
 */
export async function retentionBacktest(engine: Engine, o: BacktestOptions): Promise<RetentionBacktest> {
  const D = isoDateOrNull(o.calibrationEnd),
    E = isoDateOrNull(o.holdoutEnd);
  if (D === null || E === null)
    throw new InputError(
      'bad_date',
      `--calibration-end and --holdout-end must be dates YYYY-MM-DD; got "${o.calibrationEnd}", "${o.holdoutEnd}"`,
      {},
    );
  if (E <= D) throw new InputError('bad_period_order', `--holdout-end (${E}) must come after --calibration-end (${D})`, { D, E });
  const [range] = await engine.rows<{ last_date: string | null }>(dateRangeSql(engine.dialect));
  if (range?.last_date && E > range.last_date) {
    throw new InputError(
      'holdout_beyond_data',
      `--holdout-end ${E} is after the log's last day (${range.last_date}): purchases after it are not known yet, so the backtest would count them as "did not buy"; use --holdout-end ${range.last_date} or earlier`,
      { E, last: range.last_date },
    );
  }
  const holdoutDays = isoToDay(E) - isoToDay(D);
  const period = o.period ?? 'week';
  const options = retentionOptions({ ...o.retention, horizonDays: holdoutDays });
  const a = await retentionAsOf(engine, { asOf: D, period, model: o.model, options });
  return backtestFrom(a, await readBacktestOutcomes(engine, a.summary, E));
}

/**
 * Reads the holdout outcomes of the summary's customers (see `backtestOutcomesSql`), in its order.
 * @throws InputError `history_mismatch` when the rows do not line up with the summary
 */
export async function readBacktestOutcomes(engine: Engine, summary: CustomerSummary, holdoutEnd: string): Promise<BacktestOutcomes> {
  const D = summary.calibrationEnd,
    n = summary.length;
  const out = await engine.columns(backtestOutcomesSql(engine.dialect, { from: D, to: holdoutEnd, netReturns: summary.hasReturns }), {
    first_purchase: 'f64',
    holdout_days: 'f64',
    next_purchase: 'f64',
    holdout_revenue: 'f64',
  });
  if (out.length !== n || out.f64.first_purchase!.some((d, i) => d !== summary.firstPurchase[i]))
    throw new InputError(
      'history_mismatch',
      `The holdout outcomes (${out.length} customers) do not line up with the summary as of ${D} (${n}); retry on an unchanged log`,
      {},
    );
  return { holdoutEnd, days: out.f64.holdout_days!, next: out.f64.next_purchase!, revenue: out.f64.holdout_revenue! };
}

/**
 * The backtest's measurements from scores as of D (`retentionAsOf`, with the risk horizon set to the
 * holdout) and the holdout outcomes. Pure.
 * @throws InputError `no_holdout_contrast` (nobody or everybody bought, so nothing can be ranked)
 */
export function backtestFrom(a: RetentionAsOf, outcomes: BacktestOutcomes): RetentionBacktest {
  const s = a.summary,
    r = a.retention,
    n = s.length;
  const D = s.calibrationEnd,
    E = outcomes.holdoutEnd;
  const holdoutDays = isoToDay(E) - isoToDay(D);
  const period = s.period,
    options = r.options;
  const { days, next, revenue } = outcomes;
  const bought = Uint8Array.from(days, (v) => (v > 0 ? 1 : 0));
  const notBought = Uint8Array.from(bought, (v) => 1 - v);
  let buyers = 0;
  for (const v of bought) buyers += v;
  if (buyers === 0 || buyers === n)
    throw new InputError(
      'no_holdout_contrast',
      `${buyers === 0 ? 'No' : 'Every'} customer bought between ${D} and ${E}: a ranking cannot be tested; choose another period`,
      { buyers, customers: n },
    );
  const baseRate = buyers / n;
  const neg = (v: Float64Array): Float64Array => Float64Array.from(v, (x) => -x);
  const candidates: [string, string, string, Float64Array][] = [
    [
      'expected_purchases',
      'Expected purchases (ranking score)',
      `expected purchases in the ${holdoutDays} days after D under ${a.model}; the lists rank by it`,
      a.expectedPurchases,
    ],
    ['p_return', 'P(return)', 'chance of at least one purchase in the holdout under the model', r.pReturn],
    ['p_alive', 'P(alive)', "the model's probability that the customer is still active (BG/NBD: 1 for every one-time buyer)", r.pAlive],
    ['recency', 'Days since last purchase (naive)', 'fewer days silent = more likely to buy: no model', neg(r.daysSilent)],
    ['frequency', 'Repeat purchases (naive)', 'more repeat purchase days = more likely to buy: no model', s.frequency],
  ];
  const scores: ScoreAuc[] = candidates.map(([key, label, description, v]) => {
    const a = aucDeLong(v, bought);
    return { key, label, description, auc: a.auc, se: a.se, lower: a.low, upper: a.high };
  });
  const low = rankOrder(a.expectedPurchases, 'lowest'),
    high = rankOrder(a.expectedPurchases, 'highest');
  const precision: RetentionBacktest['precision'] = [];
  for (const share of [0.1, 0.2]) {
    const [g] = gainsCurve(a.expectedPurchases, notBought, [share], 'lowest', low);
    precision.push({
      end: 'most at risk',
      outcome: 'did not buy',
      share,
      customers: g!.customers,
      events: g!.events,
      rate: g!.rate,
      baseRate: 1 - baseRate,
      lift: g!.lift,
    });
  }
  for (const share of [0.1, 0.2]) {
    const [g] = gainsCurve(a.expectedPurchases, bought, [share], 'highest', high);
    precision.push({
      end: 'least at risk',
      outcome: 'bought',
      share,
      customers: g!.customers,
      events: g!.events,
      rate: g!.rate,
      baseRate,
      lift: g!.lift,
    });
  }
  const gains = gainsCurve(
    a.expectedPurchases,
    notBought,
    Array.from({ length: 20 }, (_, k) => (k + 1) / 20),
    'lowest',
    low,
  );
  const calibration = calibrationBins(r.pReturn, bought, 10, { predicted: a.expectedPurchases, actual: days });
  const timing = timingErrors(a, next, bought, isoToDay(D), holdoutDays);
  const totalRevenue = revenue.reduce((x, y) => x + y, 0);
  const valueCaptured = RISK_LABELS.map((label, k) => {
    let c = 0,
      b = 0,
      v = 0;
    for (let i = 0; i < n; i++)
      if (r.risk[i] === k) {
        c++;
        b += bought[i]!;
        v += revenue[i]!;
      }
    return {
      risk: label,
      customers: c,
      customerShare: c / n,
      buyers: b,
      buyerShare: b / buyers,
      revenue: v,
      revenueShare: totalRevenue ? v / totalRevenue : NaN,
    };
  });
  const lists = (
    [
      [1, 'at-risk list as of D'],
      [2, 'win-back list as of D'],
    ] as const
  ).map(([k, list]) => {
    let c = 0,
      b = 0;
    for (let i = 0; i < n; i++)
      if (r.list[i] === k) {
        c++;
        b += bought[i]!;
      }
    return { list, customers: c, bought: b, rate: c ? b / c : NaN };
  });
  return {
    calibrationEnd: D,
    holdoutEnd: E,
    holdoutDays,
    period,
    model: a.model,
    modelChoice: a.modelChoice,
    params: a.params,
    computedAt: new Date().toISOString(),
    customers: n,
    bought: buyers,
    baseRate,
    scores,
    precision,
    gains,
    calibration,
    brier: brierScore(r.pReturn, bought),
    timing,
    valueCaptured,
    lists,
    options,
    warnings: a.fitWarnings.map((w) => `fit as of ${D}: ${w}`),
  };
}
