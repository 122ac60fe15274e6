/**
 * The cohort triangle for people, declared once (issue 19): cohorts down, periods since acquisition
 * across, and the size-weighted average row, for one metric. `cvm cohorts` (table format) and the
 * dashboard's Cohorts page (GET /api/cohorts `tables`) render it. Its columns depend on how long the
 * oldest cohort is observed, so it is built rather than declared with `defineTable`; the metric's
 * kind, unit and meaning are declared here once.
 */
import type { Cell, DisplayKind, ReportColumn, ReportTable } from '../report/report-table.js';
import type { CohortTable } from './cohort-table.js';

/** The three metrics of the triangle: the series each reads, its title, kind and meaning. */
export const COHORT_METRICS = {
  retention: {
    key: 'retention',
    title: 'head-count retention (share of the cohort)',
    kind: 'share',
    description: 'share of the cohort with a purchase in the period (or, in-or-after mode, in the period or later)',
  },
  revenue: {
    key: 'revenueRetention',
    title: 'revenue retention (revenue in period / revenue in period 0)',
    kind: 'share',
    description: "the cohort's net revenue in the period / its net revenue in its first period",
  },
  cumulative: {
    key: 'cumulativeRevenuePerCustomer',
    title: 'cumulative revenue per acquired customer (currency; realised LTV)',
    kind: 'money',
    description: "the cohort's net revenue up to the period end / customers acquired (realised LTV)",
  },
} as const satisfies Record<string, { key: keyof CohortTable['average']; title: string; kind: DisplayKind; description: string }>;

export type CohortMetric = keyof typeof COHORT_METRICS;

/**
 * The triangle of one metric: `cohort`, `customers`, then `period_0` … (headed +0, +1, …; empty where
 * a cohort is not observed yet), then the weighted average row.
 * @example
 * cohortMatrixTable(report.overall, 'retention', 'Acquisition cohorts by month').columns[2]!.label; // '+0'
 */
export function cohortMatrixTable(t: CohortTable, metric: CohortMetric, title: string): ReportTable {
  const m = COHORT_METRICS[metric];
  const width = t.average.customers.length;
  const periods: ReportColumn[] = Array.from({ length: width }, (_, k) => ({
    key: `period_${k}`,
    label: `+${k}`,
    kind: m.kind,
    description: `${k} ${t.by}s after acquisition: ${m.description}`,
  }));
  return {
    id: `cohorts.${metric}`,
    title: `${title}: ${m.title}`,
    columns: [
      { key: 'cohort', label: 'cohort', kind: 'text', description: `the ${t.by} of the first purchase` },
      { key: 'customers', label: 'customers', kind: 'count', description: 'customers acquired in the cohort' },
      ...periods,
    ],
    rows: [
      ...t.rows.map((c): Cell[] => [c.cohort, c.size, ...Array.from({ length: width }, (_, k) => c[m.key][k] ?? null)]),
      ['weighted avg', t.totals.customers, ...t.average[m.key]],
    ],
    notes: [],
  };
}
