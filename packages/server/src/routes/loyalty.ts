import { z } from 'zod';
import { InputError, loyaltyOverTimeTable, loyaltyStage } from '@cvm/core';
import { reportTableCsv } from '../report-csv.js';
import { notComputed } from './not-computed.js';
import { oa, parseQuery, type RouteModule } from './route-module.js';
import type { ApiLoyalty } from '@cvm/core/api';

export const loyaltyQuerySchema = z.object({
  horizon: z.coerce.number().int().min(1).max(3650).optional(),
  format: z.enum(['json', 'csv']).default('json'),
  table: z.enum(['by_tier', 'totals', 'over_time']).default('by_tier'),
});

/**
 * GET /api/loyalty: the loyalty programme given to the server (`cvm serve --program FILE`, further
 * `--compare-program FILE`s side by side) run over the log: tiers at every month end with the moves,
 * retention, spend, margin, cost and CLV by tier, cost against the members' margin, the rules; the
 * core's loyalty section beside it. not_computed (with how to give one) without a programme. Paths are
 * server options only: a request never names a file.
 */
export function loyaltyRoutes(files: readonly string[]): RouteModule {
  return {
    register(app, { state }) {
      app.get('/api/loyalty', async (c) => {
        const q = parseQuery(c, loyaltyQuerySchema);
        const s = await loyaltyStage(state, files, { horizonDays: q.horizon });
        if (s.status !== 'ok') return c.json({ ...notComputed('loyalty', s.reason), code: s.code } satisfies ApiLoyalty);
        if (q.format === 'csv') {
          const t =
            q.table === 'over_time'
              ? loyaltyOverTimeTable(s.reports[0]!.overTime)
              : s.section.tables.find((x) => x.id === `loyalty.${q.table}`);
          if (!t) throw new InputError('bad_query', `No loyalty table "${q.table}"`, { table: q.table });
          return reportTableCsv(t, `loyalty-${q.table}.csv`);
        }
        // the page's table alternative of its chart: the core's over-time table at the last 12 month ends
        const overTime = s.reports[0]!.overTime;
        const last = new Set([...new Set(overTime.map((r) => r.review))].slice(-12));
        return c.json({
          status: 'ok',
          reports: s.reports.map(({ current: _c, ...r }) => r),
          section: s.section,
          tables: {
            overTime: loyaltyOverTimeTable(
              overTime.filter((r) => last.has(r.review)),
              { title: 'Members and moves per tier, the last 12 month ends (download every month as CSV)' },
            ),
          },
        } satisfies ApiLoyalty);
      });
    },
    paths: {
      '/api/loyalty': {
        get: {
          summary:
            "The loyalty programme (issue 15; cvm serve --program FILE, --compare-program FILE): tiers at every month end and how members moved (joined, up, down, kept), retention with Wilson intervals, spend, margin, points and benefit cost and predicted CLV per member by tier, programme cost against the members' margin, programmes side by side; not_computed without a programme. format=csv&table=by_tier|totals|over_time",
          parameters: [
            {
              name: 'horizon',
              in: 'query',
              schema: { type: 'integer', minimum: 1, maximum: 3650, default: 180 },
              description: 'outcome window after the review, days',
            },
            { name: 'format', in: 'query', schema: { type: 'string', enum: ['json', 'csv'], default: 'json' } },
            { name: 'table', in: 'query', schema: { type: 'string', enum: ['by_tier', 'totals', 'over_time'], default: 'by_tier' } },
          ],
          responses: { 200: oa.json('Loyalty reports and section, or not_computed'), 400: oa.error },
        },
      },
    },
  };
}
