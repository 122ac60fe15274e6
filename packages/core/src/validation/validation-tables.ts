import { defineTable } from '../report/report-table.js';
import type { ReportSection } from '../report/report-section.js';
import type { FrequencyRow, ModelComparison } from './holdout.js';
import type { ValidationReport } from './validate.js';

/** A number of periods for people: whole numbers as they are, fractions to 2 decimals (78.14 weeks). */
export const periodsText = (n: number): string => (Number.isInteger(n) ? String(n) : n.toFixed(2));

/** The model comparison of a holdout validation. */
export const modelComparisonTable = defineTable<ModelComparison['rows'][number]>('validation.comparison', 'Model comparison', [
  { key: 'model', label: 'Model', kind: 'text', value: (r) => r.model },
  { key: 'log_likelihood', label: 'Log-likelihood', kind: 'number', description: 'calibration log-likelihood at the fit', value: (r) => r.logLikelihood },
  { key: 'aic', label: 'AIC', kind: 'number', value: (r) => r.aic },
  { key: 'bic', label: 'BIC', kind: 'number', value: (r) => r.bic },
  { key: 'holdout_mae', label: 'Holdout MAE', kind: 'number', unit: 'purchases per customer', description: 'mean absolute error of each customer’s holdout repeat purchases', value: (r) => r.mae },
  { key: 'holdout_rmse', label: 'Holdout RMSE', kind: 'number', unit: 'purchases per customer', value: (r) => r.rmse },
  { key: 'aggregate_error', label: 'Aggregate error', kind: 'share', description: '(predicted − actual) / actual holdout repeat purchases', value: (r) => r.aggregateError },
  { key: 'tracking_mape', label: 'Tracking error', kind: 'share', description: 'mean absolute % error of the cumulative curve over the holdout', value: (r) => r.trackingMape },
  { key: 'converged', label: 'Converged', kind: 'text', value: (r) => r.converged },
  { key: 'verdict', label: 'Verdict', kind: 'text', description: 'holdout accuracy: good, fair or poor', value: (r) => r.verdict },
  { key: 'fit_trust', label: 'Fit trust', kind: 'text', description: 'ok, caution (weakly identified) or unreliable (at a bound, no dropout seen, flat, not converged: never recommended)', value: (r) => r.trust },
]);

/** Mean holdout repeat purchases by calibration frequency, actual against predicted. */
export const byFrequencyTable = defineTable<FrequencyRow>('validation.by_frequency', 'Holdout purchases by calibration frequency', [
  { key: 'frequency', label: 'Repeat purchases in calibration', kind: 'text', value: (r) => r.frequency },
  { key: 'customers', label: 'Customers', kind: 'count', value: (r) => r.customers },
  { key: 'actual', label: 'Actual', kind: 'number', unit: 'mean holdout repeat purchases', value: (r) => r.actual },
  { key: 'predicted', label: 'Predicted', kind: 'number', unit: 'mean holdout repeat purchases', value: (r) => r.predicted },
]);

type TrackingRow = { period: number; actual: number; predicted: number };

/** Cumulative repeat purchases, actual against predicted, by period. */
export const trackingTable = (period: string) => defineTable<TrackingRow>('validation.tracking', 'Cumulative repeat purchases', [
  { key: period, label: period === 'week' ? 'Week' : 'Day', kind: 'count', value: (r) => r.period },
  { key: 'actual', label: 'Actual', kind: 'number', unit: 'cumulative repeat purchases', value: (r) => r.actual },
  { key: 'predicted', label: 'Predicted', kind: 'number', unit: 'cumulative repeat purchases', value: (r) => r.predicted },
]);

/**
 * A holdout validation as a report section: the recommendation and verdicts in words, the model
 * comparison, predicted against actual by calibration frequency for each model, and the recommended
 * model's tracking curve (about 13 points, always including the calibration end and the last period).
 */
export function validationSection(r: ValidationReport): ReportSection {
  const unit = `${r.period}s`;
  const tables = [
    modelComparisonTable(r.comparison.rows, {
      title: `Model comparison (calibration to ${r.calibrationEnd}, holdout to ${r.holdoutEnd}: ${periodsText(r.holdoutPeriods)} ${unit}; ${r.customers.toLocaleString('en-US')} customers)`,
      notes: ['holdout_mae/rmse: per-customer error of holdout repeat purchases; aggregate_error: (predicted - actual) / actual; tracking_mape: mean abs. % error of the cumulative curve over the holdout; fit_trust: ok, caution (weakly identified) or unreliable (at a bound, no dropout seen, flat, not converged: never recommended)'],
    }),
    ...r.models.map((m) => byFrequencyTable(m.byFrequency, { title: `${m.label}: mean holdout repeat purchases by calibration frequency (next ${periodsText(r.holdoutPeriods)} ${unit})` })),
  ];
  const best = r.models.find((m) => m.model === r.comparison.recommended) ?? r.models[0];
  if (best) {
    const t = best.tracking;
    const every = Math.max(1, Math.round(t.period.length / 13));
    const rows = t.period.map((p, k) => ({ period: p, actual: t.actualCumulative[k]!, predicted: t.predictedCumulative[k]! }))
      .filter((_, k, all) => k % every === every - 1 || k === all.length - 1 || k === t.calibrationPeriods - 1);
    tables.push(trackingTable(r.period)(rows, { title: `${best.label}: cumulative repeat purchases, actual vs predicted (by ${r.period})` }));
  }
  return {
    id: 'validation',
    title: 'Holdout validation',
    lines: [
      `Recommendation: ${r.comparison.recommended ?? 'none'} — ${r.comparison.reason}`,
      ...(r.regularity ? [`Purchase timing: ${r.regularity.message}`] : []),
      ...r.models.filter((m) => m.verdict !== 'poor').map((m) => m.verdictReason),
      ...r.models.filter((m) => m.assessment.trust === 'caution').map((m) => `Caution: ${m.assessment.summary}`),
    ],
    warnings: [
      ...r.models.filter((m) => m.verdict === 'poor').map((m) => m.verdictReason),
      ...r.models.filter((m) => m.assessment.trust === 'unreliable').map((m) => m.assessment.summary),
      ...r.failures.map((f) => `${f.model} failed: ${f.message}`),
    ],
    tables,
  };
}
