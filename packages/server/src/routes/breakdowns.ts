import { z } from 'zod';
import { ATTRIBUTION_RULES, clvBy, cohortLongTable, profitBy, segmentsBy, type AttributionRule, type ReportSection } from '@cvm/core';
import type { ApiBreakdowns } from '@cvm/core/api';
import { reportTableCsv } from '../report-csv.js';
import type { WorkspaceState } from '../workspace-state.js';
import { notComputed, type NotComputed } from './not-computed.js';
import { oa, parseQuery, type RouteModule } from './route-module.js';

export const breakdownQuerySchema = z.object({
  report: z.enum(['segments', 'clv', 'profitability', 'cohorts']),
  by: z.string().min(1).max(100),
  attribution: z.enum(ATTRIBUTION_RULES as [string, ...string[]]).default('file-then-first-order'),
  bands: z.coerce.number().int().min(2).max(20).default(4),
  period: z.enum(['week', 'month', 'quarter']).default('month'),
  format: z.enum(['json', 'csv']).default('json'),
  table: z.string().max(100).optional(),
});
type BreakdownQuery = z.infer<typeof breakdownQuerySchema>;

/** The core breakdown section of a report by a dimension, on the workspace's current stages (the route and its tests share it). */
export async function breakdownSection(state: WorkspaceState, q: BreakdownQuery): Promise<ReportSection | NotComputed> {
  const options = { attribution: q.attribution as AttributionRule, bands: q.bands };
  if (q.report === 'segments') return segmentsBy(state.engine, await state.segmentation(), q.by, options);
  if (q.report === 'clv') {
    const m = await state.models();
    if (m.status !== 'ok') return notComputed('clv', `Predicted CLV needs the fitted models: ${m.reason}`);
    return clvBy(state.engine, m.scores, q.by, m.report.units?.horizon ?? 'the forecast horizon', {
      ...options,
      warnings: m.report.warnings,
    });
  }
  const p = await state.profitability();
  if (p === null) return notComputed('profitability', 'Profit needs a cost model: start the server with --costs FILE.');
  return profitBy(state.engine, p.result.customers, q.by, {
    ...options,
    currency: p.result.model.currency,
    period: `${p.result.period.start} to ${p.result.period.end}`,
  });
}

/** GET /api/breakdowns: segments, predicted CLV, profitability or cohorts by channel or a customer attribute (`unknown` kept). */
export const breakdownRoutes: RouteModule = {
  register(app, { state }) {
    app.get('/api/breakdowns', async (c) => {
      const q = parseQuery(c, breakdownQuerySchema);
      if (q.report === 'cohorts') {
        const r = await state.cohorts({
          by: q.period,
          dimension: q.by,
          dimensionOptions: { attribution: q.attribution as AttributionRule, bands: q.bands },
        });
        // the long form with the dimension's column first, the same bytes as `cvm cohorts --by NAME --format csv`
        if (q.format === 'csv') return reportTableCsv(cohortLongTable(r), `cohorts-${q.period}-by-${q.by}.csv`);
        return c.json({ status: 'ok', ...r } satisfies ApiBreakdowns);
      }
      const s = await breakdownSection(state, q);
      if ('status' in s) return c.json(s satisfies ApiBreakdowns);
      if (q.format === 'csv') return reportTableCsv(s.tables.find((t) => t.id === q.table) ?? s.tables[0]!);
      return c.json({ status: 'ok', section: s } satisfies ApiBreakdowns);
    });
  },
  paths: {
    '/api/breakdowns': {
      get: {
        summary:
          'A report broken down by channel or a customer attribute (issue 11): report=segments (customers per value tier and lifecycle stage, value), clv (P(alive), expected purchases, CLV), profitability (net revenue, margin, cost to serve, profit, unprofitable) as a core section; report=cohorts the cohort report with byDimension (format=csv: its long table, as cvm cohorts --by NAME --format csv). Customers without a value are "unknown", never dropped; an unknown dimension is 400 naming the ones there are',
        parameters: [
          {
            name: 'report',
            in: 'query',
            required: true,
            schema: { type: 'string', enum: ['segments', 'clv', 'profitability', 'cohorts'] },
          },
          {
            name: 'by',
            in: 'query',
            required: true,
            schema: { type: 'string' },
            description: 'channel or an attribute of the customers file',
          },
          { name: 'attribution', in: 'query', schema: { type: 'string', enum: [...ATTRIBUTION_RULES], default: 'file-then-first-order' } },
          {
            name: 'bands',
            in: 'query',
            schema: { type: 'integer', minimum: 2, maximum: 20, default: 4 },
            description: 'quantile bands of a numeric attribute',
          },
          {
            name: 'period',
            in: 'query',
            schema: { type: 'string', enum: ['week', 'month', 'quarter'], default: 'month' },
            description: 'cohort bucket (report=cohorts)',
          },
          { name: 'format', in: 'query', schema: { type: 'string', enum: ['json', 'csv'], default: 'json' } },
          {
            name: 'table',
            in: 'query',
            schema: { type: 'string' },
            description: 'id of the section table format=csv downloads (default the first)',
          },
        ],
        responses: { 200: oa.json('{ status, section } (or the cohort report), or not_computed'), 400: oa.error },
      },
    },
  },
};
