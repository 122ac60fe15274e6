import { z } from 'zod';
import { cohortLongTable, cohortMatrixTable, cohortReport } from '@cvm/core';
import { reportTableCsv } from '../report-csv.js';
import { oa, parseQuery, queryParams, type RouteModule } from './route-module.js';
import type { ApiCohorts } from '@cvm/core/api';

export const cohortQuerySchema = z.object({
  by: z.enum(['week', 'month', 'quarter']).default('month'),
  mode: z.enum(['returned', 'in_or_after']).default('returned'),
  format: z.enum(['json', 'csv']).default('json'),
});

/** GET /api/cohorts: acquisition cohort × periods since acquisition (the core CohortReport), cached per data version, bucket and mode. */
export const cohortRoutes: RouteModule = {
  register(app, { state }) {
    app.get('/api/cohorts', async (c) => {
      const q = parseQuery(c, cohortQuerySchema);
      const r = await state.cached(`cohorts:${q.by}:${q.mode}`, () => cohortReport(state.engine, { by: q.by, mode: q.mode }));
      if (q.format === 'csv') {
        // the long form, the same bytes as `cvm cohorts --format csv` (a level column only when the log has channels)
        return reportTableCsv(cohortLongTable(r), `cohorts-${q.by}-${q.mode}.csv`);
      }
      return c.json({
        status: 'ok',
        ...r,
        rules: {
          cohort: `customers grouped by the ${q.by} of their first purchase; +k = ${q.by}s since acquisition; the last ${q.by} may be partial`,
          retention:
            q.mode === 'returned'
              ? 'head-count: share of the cohort with a purchase in the period'
              : 'head-count: share of the cohort whose last purchase is in the period or later',
          revenueRetention: 'net revenue in the period / net revenue in period +0',
          cumulativeRevenuePerCustomer: 'net revenue through the period per acquired customer (currency; realised value)',
          average: 'weighted average over the cohorts observed at each k (by cohort size; revenue retention by period-0 revenue)',
        },
        // the overall triangle of each metric as the core declares it (`cvm cohorts --metric M` prints it)
        tables: {
          retention: cohortMatrixTable(r.overall, 'retention', `Acquisition cohorts by ${q.by}`),
          revenue: cohortMatrixTable(r.overall, 'revenue', `Acquisition cohorts by ${q.by}`),
          cumulative: cohortMatrixTable(r.overall, 'cumulative', `Acquisition cohorts by ${q.by}`),
        },
      } satisfies ApiCohorts);
    });
  },
  paths: {
    '/api/cohorts': {
      get: {
        summary:
          'Acquisition cohorts × periods since acquisition: head-count retention, revenue, cumulative revenue per acquired customer, weighted average row; by channel when the log has channels. format=csv downloads the long table',
        parameters: queryParams(cohortQuerySchema, {
          mode: 'returned = bought in the period; in_or_after = bought in the period or later',
        }),
        responses: { 200: oa.json('CohortReport'), 400: oa.error },
      },
    },
  },
};
