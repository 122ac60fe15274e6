import { defineTable, type ReportTable } from '../report/report-table.js';
import type { ReportSection } from '../report/report-section.js';
import type { FrequencyRow, ModelComparison, TrackingCurve } from './holdout.js';
import type { ValidationReport } from './validate.js';

/** A number of periods for people: whole numbers as they are, fractions to 2 decimals (78.14 weeks). */
export const periodsText = (n: number): string => (Number.isInteger(n) ? String(n) : n.toFixed(2));

/** The model comparison of a holdout validation. */
export const modelComparisonTable = defineTable<ModelComparison['rows'][number]>('validation.comparison', 'Model comparison', [
  { key: 'model', label: 'Model', kind: 'text', value: (r) => r.model },
  {
    key: 'log_likelihood',
    label: 'Log-likelihood',
    kind: 'number',
    description: 'calibration log-likelihood at the fit',
    value: (r) => r.logLikelihood,
  },
  { key: 'aic', label: 'AIC', kind: 'number', value: (r) => r.aic },
  { key: 'bic', label: 'BIC', kind: 'number', value: (r) => r.bic },
  {
    key: 'holdout_mae',
    label: 'Holdout MAE',
    kind: 'number',
    unit: 'purchases per customer',
    description: 'mean absolute error of each customer’s holdout repeat purchases',
    value: (r) => r.mae,
  },
  { key: 'holdout_rmse', label: 'Holdout RMSE', kind: 'number', unit: 'purchases per customer', value: (r) => r.rmse },
  {
    key: 'aggregate_error',
    label: 'Aggregate error',
    kind: 'share',
    description: '(predicted − actual) / actual holdout repeat purchases',
    value: (r) => r.aggregateError,
  },
  {
    key: 'tracking_mape',
    label: 'Tracking error',
    kind: 'share',
    description: 'mean absolute % error of the cumulative curve over the holdout',
    value: (r) => r.trackingMape,
  },
  { key: 'converged', label: 'Converged', kind: 'text', value: (r) => r.converged },
  { key: 'verdict', label: 'Verdict', kind: 'text', description: 'holdout accuracy: good, fair or poor', value: (r) => r.verdict },
  {
    key: 'fit_trust',
    label: 'Fit trust',
    kind: 'text',
    description: 'ok, caution (weakly identified) or unreliable (at a bound, no dropout seen, flat, not converged: never recommended)',
    value: (r) => r.trust,
  },
]);

/** Mean holdout repeat purchases by calibration frequency, actual against predicted. */
export const byFrequencyTable = defineTable<FrequencyRow>('validation.by_frequency', 'Holdout purchases by calibration frequency', [
  { key: 'frequency', label: 'Repeat purchases in calibration', kind: 'text', value: (r) => r.frequency },
  { key: 'customers', label: 'Customers', kind: 'count', value: (r) => r.customers },
  { key: 'actual', label: 'Actual', kind: 'number', unit: 'mean holdout repeat purchases', value: (r) => r.actual },
  { key: 'predicted', label: 'Predicted', kind: 'number', unit: 'mean holdout repeat purchases', value: (r) => r.predicted },
]);

/** One period of the tracking curve; the band's cells are null before the holdout. */
export interface TrackingRow {
  period: number;
  actual: number;
  predicted: number;
  forecast: number | null;
  lo: number | null;
  hi: number | null;
  actualInPeriod: number;
  forecastInPeriod: number | null;
  periodLo: number | null;
  periodHi: number | null;
}

/**
 * Cumulative repeat purchases by period, actual against predicted, with the holdout's prediction band
 * (issue 17): the chart's table alternative and the CLI's tracking table.
 */
export const trackingTable = (period: string) =>
  defineTable<TrackingRow>('validation.tracking', 'Cumulative repeat purchases', [
    { key: period, label: period === 'week' ? 'Week' : 'Day', kind: 'count', value: (r) => r.period },
    { key: 'actual', label: 'Actual', kind: 'number', unit: 'cumulative repeat purchases', value: (r) => r.actual },
    {
      key: 'predicted',
      label: 'Predicted',
      kind: 'number',
      unit: 'cumulative repeat purchases',
      description: "the model's curve for the cohort from each customer's first purchase (FHL 2005 eq. 9)",
      value: (r) => r.predicted,
    },
    {
      key: 'forecast',
      label: 'Forecast from history',
      kind: 'number',
      unit: 'cumulative repeat purchases',
      description:
        "holdout only: actual purchases to the calibration end plus each customer's expected holdout purchases given their history",
      value: (r) => r.forecast,
    },
    {
      key: 'band_lo',
      label: 'Band low',
      kind: 'number',
      unit: 'cumulative repeat purchases',
      description: 'lower end of the prediction band for the actual count',
      value: (r) => r.lo,
    },
    {
      key: 'band_hi',
      label: 'Band high',
      kind: 'number',
      unit: 'cumulative repeat purchases',
      description: 'upper end of the prediction band for the actual count',
      value: (r) => r.hi,
    },
    { key: 'actual_in_period', label: 'Actual in period', kind: 'count', unit: 'repeat purchases', value: (r) => r.actualInPeriod },
    { key: 'forecast_in_period', label: 'Forecast in period', kind: 'number', unit: 'repeat purchases', value: (r) => r.forecastInPeriod },
    { key: 'period_lo', label: 'Period band low', kind: 'number', unit: 'repeat purchases', value: (r) => r.periodLo },
    { key: 'period_hi', label: 'Period band high', kind: 'number', unit: 'repeat purchases', value: (r) => r.periodHi },
  ]);

/** Every period of a tracking curve as {@link TrackingRow}s (the band's cells filled from its first period on). */
export function trackingRows(t: TrackingCurve): TrackingRow[] {
  const b = t.band ?? null;
  return t.period.map((p, k) => {
    const h = b ? p - b.firstPeriod : -1;
    const in_ = b !== null && h >= 0 && h < b.cumulative.length;
    return {
      period: p,
      actual: t.actualCumulative[k]!,
      predicted: t.predictedCumulative[k]!,
      forecast: in_ ? b.cumulative[h]! : null,
      lo: in_ ? b.cumulativeLo[h]! : null,
      hi: in_ ? b.cumulativeHi[h]! : null,
      actualInPeriod: t.actualIncremental?.[k] ?? (k ? t.actualCumulative[k]! - t.actualCumulative[k - 1]! : t.actualCumulative[0]!),
      forecastInPeriod: in_ ? b.incremental[h]! : null,
      periodLo: in_ ? b.incrementalLo[h]! : null,
      periodHi: in_ ? b.incrementalHi[h]! : null,
    };
  });
}

/** Words under a tracking table: what the band is and how often the actual fell inside it. */
export function trackingNotes(t: TrackingCurve, period: string): string[] {
  const b = t.band;
  if (!b) return t.bandNote ? [`No band: ${t.bandNote}`] : [];
  const rows = trackingRows(t).filter((r) => r.lo !== null);
  const inside = rows.filter((r) => r.actual >= r.lo! && r.actual <= r.hi!).length;
  const insideP = rows.filter((r) => r.actualInPeriod >= r.periodLo! && r.actualInPeriod <= r.periodHi!).length;
  const pct = Math.round(100 * b.level);
  return [
    `Band: ${b.method}.`,
    `If the model is right, the actual count falls inside the ${pct}% band about ${pct}% of the time: the cumulative actual is inside in ${inside} of ${rows.length} holdout ${period}s, the ${period}'s own purchases in ${insideP} of ${rows.length}.`,
  ];
}

/**
 * The recommended model's tracking curve (the first model's when none is recommended) as a table of
 * every period with its band: the dashboard's table alternative of the tracking chart and the API's.
 * Null when no model was validated.
 */
export function trackingReportTable(r: ValidationReport): { model: string; label: string; table: ReportTable } | null {
  const best = r.models.find((m) => m.model === r.comparison.recommended) ?? r.models[0];
  if (!best) return null;
  const table = trackingTable(r.period)(trackingRows(best.tracking), {
    title: `${best.label}: cumulative repeat purchases, actual vs predicted (by ${r.period})`,
    notes: trackingNotes(best.tracking, r.period),
  });
  return { model: best.model, label: best.label, table };
}

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
      notes: [
        'holdout_mae/rmse: per-customer error of holdout repeat purchases; aggregate_error: (predicted - actual) / actual; tracking_mape: mean abs. % error of the cumulative curve over the holdout; fit_trust: ok, caution (weakly identified) or unreliable (at a bound, no dropout seen, flat, not converged: never recommended)',
      ],
    }),
    ...r.models.map((m) =>
      byFrequencyTable(m.byFrequency, {
        title: `${m.label}: mean holdout repeat purchases by calibration frequency (next ${periodsText(r.holdoutPeriods)} ${unit})`,
      }),
    ),
  ];
  const best = r.models.find((m) => m.model === r.comparison.recommended) ?? r.models[0];
  if (best) {
    const t = best.tracking;
    const every = Math.max(1, Math.round(t.period.length / 13));
    const rows = trackingRows(t).filter((_, k, all) => k % every === every - 1 || k === all.length - 1 || k === t.calibrationPeriods - 1);
    tables.push(
      trackingTable(r.period)(rows, {
        title: `${best.label}: cumulative repeat purchases, actual vs predicted (by ${r.period})`,
        notes: trackingNotes(t, r.period),
      }),
    );
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
