import { defineTable } from '../report/report-table.js';
import type { ReportSection } from '../report/report-section.js';
import { formatPercent } from '../report/format-value.js';
import type { CalibrationBin, GainsPoint } from './backtest-metrics.js';
import type { RetentionBacktest, ScoreAuc } from './backtest.js';

type Precision = RetentionBacktest['precision'][number];
type Timing = RetentionBacktest['timing'][number];
type Captured = RetentionBacktest['valueCaptured'][number];
type ListRow = RetentionBacktest['lists'][number];

export const backtestScoresTable = defineTable<ScoreAuc>('backtest.scores', 'AUC for "bought again in the holdout"', [
  { key: 'score', label: 'Score', kind: 'text', value: (r) => r.label },
  {
    key: 'auc',
    label: 'AUC',
    kind: 'number',
    description: 'chance that a random holdout buyer scores above a random non-buyer (0.5 = chance)',
    value: (r) => r.auc,
  },
  { key: 'auc_lo', label: '95% from', kind: 'number', description: 'DeLong et al. (1988) interval', value: (r) => r.lower },
  { key: 'auc_hi', label: '95% to', kind: 'number', value: (r) => r.upper },
  { key: 'meaning', label: 'Meaning', kind: 'text', value: (r) => r.description },
]);

export const backtestPrecisionTable = defineTable<Precision>('backtest.precision', 'Precision and lift of the ranked list', [
  { key: 'end', label: 'List end', kind: 'text', value: (r) => r.end },
  { key: 'share', label: 'Top', kind: 'share', description: 'share of customers taken from that end', value: (r) => r.share },
  {
    key: 'customers',
    label: 'Customers',
    kind: 'number',
    description: 'fractional when tied scores straddle the cut',
    value: (r) => r.customers,
  },
  { key: 'outcome', label: 'Outcome', kind: 'text', value: (r) => r.outcome },
  { key: 'precision', label: 'Precision', kind: 'share', description: 'share of them with the outcome', value: (r) => r.rate },
  { key: 'base_rate', label: 'Base rate', kind: 'share', description: 'share of all customers with the outcome', value: (r) => r.baseRate },
  { key: 'lift', label: 'Lift', kind: 'ratio', value: (r) => r.lift },
]);

export const backtestGainsTable = defineTable<GainsPoint>('backtest.gains', 'Lift curve (most at risk first; outcome: did not buy)', [
  { key: 'share', label: 'Top', kind: 'share', value: (r) => r.share },
  { key: 'precision', label: 'Did not buy', kind: 'share', value: (r) => r.rate },
  { key: 'lift', label: 'Lift', kind: 'ratio', value: (r) => r.lift },
  { key: 'captured', label: 'Non-buyers captured', kind: 'share', value: (r) => r.captured },
]);

export const backtestCalibrationTable = defineTable<CalibrationBin>('backtest.calibration', 'Calibration of P(return) by decile', [
  { key: 'decile', label: 'Decile', kind: 'count', description: '1 = lowest P(return)', value: (r) => r.bin },
  { key: 'customers', label: 'Customers', kind: 'count', value: (r) => r.customers },
  { key: 'predicted', label: 'Predicted P(return)', kind: 'probability', value: (r) => r.predicted },
  { key: 'observed', label: 'Share that bought', kind: 'share', value: (r) => r.observed },
  { key: 'predicted_purchases', label: 'Predicted purchases', kind: 'number', unit: 'per customer', value: (r) => r.predictedCount },
  { key: 'actual_purchases', label: 'Actual purchases', kind: 'number', unit: 'per customer', value: (r) => r.actualCount },
]);

export const backtestTimingTable = defineTable<Timing>('backtest.timing', 'Next-purchase date error among holdout buyers', [
  { key: 'group', label: 'Customers', kind: 'text', value: (r) => r.group },
  { key: 'buyers', label: 'Buyers', kind: 'count', value: (r) => r.customers },
  {
    key: 'model_mae',
    label: 'Model median',
    kind: 'duration',
    unit: 'days',
    description: "median absolute error of the model's median date if alive",
    value: (r) => r.modelMedianError,
  },
  {
    key: 'within_mae',
    label: 'Model, if back in the holdout',
    kind: 'duration',
    unit: 'days',
    description: "median absolute error of the model's median date given a purchase within the holdout",
    value: (r) => r.withinMedianError,
  },
  {
    key: 'naive_mae',
    label: 'Naive own gap',
    kind: 'duration',
    unit: 'days',
    description: 'median absolute error of last purchase + own mean gap, rolled past D',
    value: (r) => r.naiveMedianError,
  },
  { key: 'coverage', label: 'In the 80% interval', kind: 'share', value: (r) => r.coverage },
]);

export const backtestValueTable = defineTable<Captured>('backtest.value_captured', 'Holdout revenue by churn risk as of D', [
  { key: 'risk', label: 'Churn risk', kind: 'text', value: (r) => r.risk },
  { key: 'customers', label: 'Customers', kind: 'count', value: (r) => r.customers },
  { key: 'customer_share', label: 'Share of customers', kind: 'share', value: (r) => r.customerShare },
  { key: 'buyer_share', label: 'Share of holdout buyers', kind: 'share', value: (r) => r.buyerShare },
  { key: 'revenue', label: 'Holdout revenue', kind: 'money', value: (r) => r.revenue },
  { key: 'revenue_share', label: 'Share of holdout revenue', kind: 'share', value: (r) => r.revenueShare },
]);

export const backtestListsTable = defineTable<ListRow>('backtest.lists', 'The lists as of D, against the holdout', [
  { key: 'list', label: 'List', kind: 'text', value: (r) => r.list },
  { key: 'customers', label: 'Customers', kind: 'count', value: (r) => r.customers },
  { key: 'bought', label: 'Bought in the holdout', kind: 'count', value: (r) => r.bought },
  { key: 'rate', label: 'Share', kind: 'share', value: (r) => r.rate },
]);

const f3 = (v: number): string => v.toFixed(3);

/** The backtest as a report section: headline numbers in words, then every table. */
export function backtestSection(b: RetentionBacktest): ReportSection {
  const s = b.scores[0]!;
  const p = (end: string, share: number) => b.precision.find((x) => x.end === end && x.share === share)!;
  const low = b.valueCaptured.find((v) => v.risk === 'low')!;
  const all = b.timing[b.timing.length - 1]!;
  const naive = b.scores.find((x) => x.key === 'recency')!;
  return {
    id: 'backtest',
    title: `Retention backtest: ranked as of ${b.calibrationEnd} with data up to that day, measured ${b.calibrationEnd} .. ${b.holdoutEnd} (${b.holdoutDays} days)`,
    lines: [
      `Model ${b.model}: ${b.modelChoice}`,
      `${b.bought.toLocaleString('en-US')} of ${b.customers.toLocaleString('en-US')} customers bought in the holdout (${formatPercent(b.baseRate)})`,
      `Ranking score (expected purchases over the holdout): AUC ${f3(s.auc)} (95% ${f3(s.lower)}–${f3(s.upper)}); naive days since last purchase ${f3(naive.auc)}; P(alive) ${f3(b.scores.find((x) => x.key === 'p_alive')!.auc)}`,
      `Most at risk 10%: ${formatPercent(p('most at risk', 0.1).rate)} did not buy (lift ${p('most at risk', 0.1).lift.toFixed(2)}×); 20%: ${formatPercent(p('most at risk', 0.2).rate)} (lift ${p('most at risk', 0.2).lift.toFixed(2)}×)`,
      `Least at risk 10%: ${formatPercent(p('least at risk', 0.1).rate)} bought (lift ${p('least at risk', 0.1).lift.toFixed(2)}×); 20%: ${formatPercent(p('least at risk', 0.2).rate)} (lift ${p('least at risk', 0.2).lift.toFixed(2)}×)`,
      `Brier score of P(return) ${f3(b.brier.brier)} against ${f3(b.brier.baseline)} for the base rate`,
      `Next purchase, median error among buyers: model ${all.modelMedianError} days (${all.withinMedianError} if back within the holdout) vs naive own gap ${all.naiveMedianError} days`,
      `Customers flagged low risk as of ${b.calibrationEnd}: ${formatPercent(low.customerShare)} of the base brought ${formatPercent(low.revenueShare)} of the holdout revenue`,
    ],
    warnings: b.warnings,
    tables: [
      backtestScoresTable(b.scores),
      backtestPrecisionTable(b.precision, {
        notes: ['ties in the score are split fractionally at the cut (expected value over orders of the ties)'],
      }),
      backtestCalibrationTable(b.calibration),
      backtestTimingTable(b.timing, {
        notes: [
          "only holdout buyers have a date to compare; the model's median if alive is heavy-tailed for one-time buyers (shape r + x < 1)",
        ],
      }),
      backtestValueTable(b.valueCaptured, {
        notes: [
          `risk labels cut P(return) over the holdout (${b.holdoutDays} days) at ${b.options.highRiskBelow} and ${b.options.mediumRiskBelow}`,
        ],
      }),
      backtestListsTable(b.lists),
      backtestGainsTable(b.gains),
    ],
  };
}
