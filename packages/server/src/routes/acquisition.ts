import { z } from 'zod';
import { acquisitionStage, ATTRIBUTION_RULES, type AcquisitionStageOptions } from '@cvm/core';
import { reportTableCsv } from '../report-csv.js';
import { notComputed } from './not-computed.js';
import { oa, parseQuery, type RouteModule } from './route-module.js';
import type { ApiAcquisition } from '@cvm/core/api';

const int = (lo: number, hi: number) => z.coerce.number().int().min(lo).max(hi);

export const acquisitionQuerySchema = z.object({
  cohort: z.enum(['month', 'quarter']).default('month'),
  by: z.string().min(1).max(100).default('channel'),
  attribution: z.enum(ATTRIBUTION_RULES as [string, ...string[]]).default('file-then-first-order'),
  margin: z.coerce.number().gt(0).lte(1).optional(),
  paybackHorizon: int(1, 600).optional(),
  horizonMonths: int(1, 600).optional(),
  bootstrap: int(50, 10_000).default(500),
  seed: int(0, 2 ** 31 - 1).optional(),
  format: z.enum(['json', 'csv']).default('json'),
  table: z.enum(['channels', 'cohorts']).default('channels'),
});

/** The stage options of a validated query (the route and its tests share it). */
export function acquisitionOptionsOf(q: z.infer<typeof acquisitionQuerySchema>): AcquisitionStageOptions {
  return {
    cohort: q.cohort,
    by: q.by,
    attribution: q.attribution as AcquisitionStageOptions['attribution'],
    margin: q.margin,
    paybackHorizonMonths: q.paybackHorizon,
    horizonMonths: q.horizonMonths,
    bootstrap: q.bootstrap,
    seed: q.seed,
  };
}

/** GET /api/acquisition: CAC, LTV:CAC with bootstrap intervals and payback by channel (and cohort), as the core section. */
export const acquisitionRoutes: RouteModule = {
  register(app, { state }) {
    app.get('/api/acquisition', async (c) => {
      const q = parseQuery(c, acquisitionQuerySchema);
      const s = await acquisitionStage(state, acquisitionOptionsOf(q));
      if (s.status !== 'ok') return c.json({ ...notComputed('acquisition', s.reason), code: s.code } satisfies ApiAcquisition);
      if (q.format === 'csv') return reportTableCsv(s.section.tables[q.table === 'cohorts' ? 1 : 0]!);
      const { levels, cohorts: _cohorts, ...report } = s.report;
      return c.json({ status: 'ok', ...report, levels, section: s.section } satisfies ApiAcquisition);
    });
  },
  paths: {
    '/api/acquisition': {
      get: {
        summary:
          'Acquisition economics (issue 11): new customers, spend, CAC, realised margin and predicted CLV per acquired customer, LTV:CAC with a 95% bootstrap interval, payback months (projected when not yet reached) per channel and cohort, the findings in words; status not_computed (with code and reason) without spend, channels or fitted models. format=csv&table=channels|cohorts downloads a table',
        parameters: [
          { name: 'cohort', in: 'query', schema: { type: 'string', enum: ['month', 'quarter'], default: 'month' } },
          {
            name: 'by',
            in: 'query',
            schema: { type: 'string', default: 'channel' },
            description: 'channel or an attribute of the customers file (then no CAC)',
          },
          { name: 'attribution', in: 'query', schema: { type: 'string', enum: [...ATTRIBUTION_RULES], default: 'file-then-first-order' } },
          {
            name: 'margin',
            in: 'query',
            schema: { type: 'number', exclusiveMinimum: 0, maximum: 1 },
            description: 'gross margin as a fraction of net revenue when the server has no cost model',
          },
          {
            name: 'paybackHorizon',
            in: 'query',
            schema: { type: 'integer', minimum: 1, default: 12 },
            description: 'months; slower payback is flagged',
          },
          {
            name: 'horizonMonths',
            in: 'query',
            schema: { type: 'integer', minimum: 1, default: 36 },
            description: 'months of predicted remaining CLV',
          },
          {
            name: 'bootstrap',
            in: 'query',
            schema: { type: 'integer', minimum: 50, maximum: 10000, default: 500 },
            description: 'bootstrap resamples over customers',
          },
          { name: 'seed', in: 'query', schema: { type: 'integer', minimum: 0 } },
          { name: 'format', in: 'query', schema: { type: 'string', enum: ['json', 'csv'], default: 'json' } },
          { name: 'table', in: 'query', schema: { type: 'string', enum: ['channels', 'cohorts'], default: 'channels' } },
        ],
        responses: { 200: oa.json('Acquisition report with its section, or not_computed'), 400: oa.error },
      },
    },
  },
};
