import type { Cell } from '../report/report-table.js';
import type { CohortTable } from './cohort-table.js';
import type { CohortReport } from './cohorts.js';

/** The long form's measure columns, after the level column (if any): one row per cohort × period since acquisition. */
export const COHORT_LONG_COLUMNS = [
  'cohort',
  'cohort_size',
  'period',
  'active',
  'active_in_or_after',
  'retention',
  'revenue',
  'revenue_retention',
  'cumulative_revenue_per_customer',
] as const;

/**
 * A cohort report in long form, one row per cohort × period observed (the CSV payload of
 * `cvm cohorts` and of GET /api/cohorts?format=csv): the overall table, then one per acquisition
 * channel or per level of the breakdown dimension. The first column names the level (`all` for the
 * overall rows): `acquisition_channel`, or the dimension's name. `levelColumn: 'when-split'` (the
 * CLI) leaves it out when the report has no breakdown; `'always'` (the API) keeps it.
 * Shares are fractions, revenue in the log's currency, `period` in whole cohort periods (k = 0 is
 * the acquisition period).
 * @example
 * const r = await cohortReport(engine, { by: 'month' }); // a log without channels
 * cohortLongTable(r).columns[0]; // 'cohort'
 * cohortLongTable(r, { levelColumn: 'always' }).columns[0]; // 'acquisition_channel' (every row's level 'all')
 */
export function cohortLongTable(
  r: CohortReport,
  options: { levelColumn?: 'when-split' | 'always' } = {},
): { columns: string[]; rows: Cell[][] } {
  const withLevel = options.levelColumn === 'always' || Boolean(r.byDimension ?? r.byChannel);
  const rows: Cell[][] = [];
  const add = (t: CohortTable, level: string): void => {
    for (const c of t.rows)
      for (let k = 0; k < c.observed; k++) {
        rows.push([
          ...(withLevel ? [level] : []),
          c.cohort,
          c.size,
          k,
          c.active[k]!,
          c.inOrAfter[k]!,
          c.retention[k]!,
          c.revenue[k]!,
          c.revenueRetention[k]!,
          c.cumulativeRevenuePerCustomer[k]!,
        ]);
      }
  };
  add(r.overall, 'all');
  for (const ch of r.byChannel ?? []) add(ch.table, ch.channel);
  for (const l of r.byDimension?.levels ?? []) add(l.table, l.level);
  return { columns: [...(withLevel ? [r.byDimension?.name ?? 'acquisition_channel'] : []), ...COHORT_LONG_COLUMNS], rows };
}
