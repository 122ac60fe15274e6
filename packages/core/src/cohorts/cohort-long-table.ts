import { defineTable, type ReportColumn, type ReportTable } from '../report/report-table.js';
import type { CohortRow, CohortTable } from './cohort-table.js';
import type { CohortReport } from './cohorts.js';

/** One cell of the long form: a cohort of one level (overall, a channel or a dimension's level) at k periods since acquisition. */
interface CohortLongRow {
  cohort: CohortRow;
  k: number;
}

/**
 * The long form's measure columns, declared once (issue 19): `cvm cohorts --format csv|ndjson` and
 * GET /api/cohorts?format=csv (and /api/breakdowns?report=cohorts&format=csv) write them. Shares are
 * fractions, revenue in the log's currency, `period` in whole cohort periods (0 = the acquisition period).
 */
const cohortLongSpec = defineTable<CohortLongRow>('cohorts.long', 'Acquisition cohorts by period since acquisition', [
  { key: 'cohort', label: 'Cohort', kind: 'text', value: (r) => r.cohort.cohort, description: 'the period of the first purchase' },
  { key: 'cohort_size', label: 'Cohort size', kind: 'count', value: (r) => r.cohort.size, description: 'customers acquired in the cohort' },
  {
    key: 'period',
    label: 'Period',
    kind: 'duration',
    value: (r) => r.k,
    description: 'whole periods since acquisition (0 = the acquisition period; the last one may be partial)',
  },
  { key: 'active', label: 'Bought in period', kind: 'count', value: (r) => r.cohort.active[r.k]! },
  {
    key: 'active_in_or_after',
    label: 'Bought in period or later',
    kind: 'count',
    value: (r) => r.cohort.inOrAfter[r.k]!,
    description: 'customers whose last purchase is in the period or later',
  },
  {
    key: 'retention',
    label: 'Retention',
    kind: 'share',
    value: (r) => r.cohort.retention[r.k]!,
    description: 'head-count retention by the chosen mode (share of the cohort)',
  },
  { key: 'revenue', label: 'Net revenue', kind: 'money', value: (r) => r.cohort.revenue[r.k]!, description: 'net revenue in the period' },
  {
    key: 'revenue_retention',
    label: 'Revenue retention',
    kind: 'share',
    value: (r) => r.cohort.revenueRetention[r.k]!,
    description: 'net revenue in the period / net revenue in period 0',
  },
  {
    key: 'cumulative_revenue_per_customer',
    label: 'Cumulative revenue per customer',
    kind: 'money',
    value: (r) => r.cohort.cumulativeRevenuePerCustomer[r.k]!,
    description: 'net revenue through the period per acquired customer (realised LTV)',
  },
]);

/** The long form's measure columns (keys), after the level column (if any). */
export const COHORT_LONG_COLUMNS: readonly string[] = cohortLongSpec.columns.map((c) => c.key);

/**
 * A cohort report in long form, one row per cohort × period observed: the overall table, then one
 * per acquisition channel or per level of the breakdown dimension. When the report is split, a first
 * column names the level (`all` for the overall rows): `acquisition_channel`, or the dimension's
 * name; an unsplit report has no level column. The CSV payload of `cvm cohorts` and of the API's
 * cohort CSVs, written by the one CSV writer (`tableToCsv`), so the two are the same bytes.
 * @example
 * const r = await cohortReport(engine, { by: 'month' }); // a log without channels
 * cohortLongTable(r).columns.map((c) => c.key).slice(0, 3); // ['cohort', 'cohort_size', 'period']
 */
export function cohortLongTable(r: CohortReport): ReportTable {
  const parts: { level: string; table: CohortTable }[] = [
    { level: 'all', table: r.overall },
    ...(r.byChannel ?? []).map((c) => ({ level: c.channel, table: c.table })),
    ...(r.byDimension?.levels ?? []).map((l) => ({ level: l.level, table: l.table })),
  ];
  const levels: string[] = [];
  const rows: CohortLongRow[] = [];
  for (const { level, table } of parts)
    for (const cohort of table.rows)
      for (let k = 0; k < cohort.observed; k++) {
        levels.push(level);
        rows.push({ cohort, k });
      }
  const t = cohortLongSpec(rows, { title: `Acquisition cohorts by ${r.by} × ${r.by}s since acquisition` });
  t.columns = t.columns.map((c) => (c.key === 'period' ? { ...c, unit: `${r.by}s since acquisition` } : c));
  if (!(r.byDimension ?? r.byChannel)) return t;
  const name = r.byDimension?.name ?? 'acquisition_channel';
  const level: ReportColumn = {
    key: name,
    label: r.byDimension ? name : 'Acquisition channel',
    kind: 'text',
    description: r.byDimension ? `level of ${name}; "all" = every customer` : 'acquisition channel; "all" = every customer',
  };
  return { ...t, columns: [level, ...t.columns], rows: t.rows.map((row, i) => [levels[i]!, ...row]) };
}
